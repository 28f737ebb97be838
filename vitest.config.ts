import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Test files that need a fresh process state: which font files this process has read, the
 * shaping cache as a new process finds it, a module replaced with vi.mock, the compiled CLI
 * loaded in-process (its modules patch pdfmake as src/'s do: one copy a process). Every other file
 * runs in a worker that keeps its loaded modules from file to file (isolate: false): each file
 * loading forumpress and its libraries anew was about 45 s of the suite's time.
 */
const FRESH = ['test/lazy-fonts.test.ts', 'test/font-prefetch.test.ts', 'test/shaping-cache.test.ts', 'test/derive-only.test.ts',
  'test/share-preview.test.ts'];

/**
 * Files that CI's thorough run (FORUMPRESS_THOROUGH=1) makes minutes long: they start first there,
 * so that no worker is left running one alone at the end. Without a timing cache (a fresh clone)
 * vitest starts the largest files first, and these are small.
 */
const THOROUGH_FIRST = ['test/fuzz-2.test.ts', 'test/fuzz.test.ts', 'test/multiroom.test.ts', 'test/bundle.test.ts', 'test/image-transparency.test.ts', 'test/long-runs.test.ts'];

/** vitest's order (longest last time first, unknown and large files first), with THOROUGH_FIRST ahead in the thorough run. */
class Sequencer extends BaseSequencer {
  async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    if (!process.env.FORUMPRESS_THOROUGH) return sorted;
    const rank = (f: TestSpecification) => {
      const i = THOROUGH_FIRST.findIndex((path) => f.moduleId.endsWith(path));
      return i < 0 ? THOROUGH_FIRST.length : i;
    };
    return sorted.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i).map(({ f }) => f);
  }
}

export default defineConfig({
  test: {
    // Generous limits: a test fails on what it checks, never because the machine is busy.
    testTimeout: 900_000,
    hookTimeout: 900_000,
    pool: 'forks',
    sequence: { sequencer: Sequencer },
    // Both cores: vitest leaves one free by default, which made the suite take a third longer.
    maxWorkers: 2,
    // Builds the tests run keep their shaping cache in a temporary folder, not in node_modules/.cache.
    env: { FORUMPRESS_CACHE_DIR: mkdtempSync(join(tmpdir(), 'fp-test-cache-')),
      // The real forum's build, made by the first test file that needs it (test/helpers/build.ts).
      FORUMPRESS_TEST_SHARED: mkdtempSync(join(tmpdir(), 'fp-test-shared-')) },
    projects: [
      { extends: true, test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: FRESH, isolate: false } },
      { extends: true, test: { name: 'fresh', include: FRESH, isolate: true } },
    ],
  },
});
