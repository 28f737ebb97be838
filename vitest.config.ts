import { defineConfig } from 'vitest/config';
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

export default defineConfig({
  test: {
    // Generous limits: a test fails on what it checks, never because the machine is busy.
    testTimeout: 900_000,
    hookTimeout: 900_000,
    pool: 'forks',
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
