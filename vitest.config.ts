import { defineConfig } from 'vitest/config';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Generous limits: a test fails on what it checks, never because the machine is busy.
    testTimeout: 900_000,
    hookTimeout: 900_000,
    pool: 'forks',
    // Both cores: vitest leaves one free by default, which made the suite take a third longer.
    maxWorkers: 2,
    // Builds the tests run keep their shaping cache in a temporary folder, not in node_modules/.cache.
    env: { FORUMPRESS_CACHE_DIR: mkdtempSync(join(tmpdir(), 'fp-test-cache-')) },
  },
});
