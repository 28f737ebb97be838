import { join } from 'node:path';
import { build, type BuildResult } from '../../src/build.js';
import { diskSource, type FileSource } from '../../src/io.js';

/** The repository's root folder. */
export const ROOT = join(import.meta.dirname, '..', '..');

/** The forum's real content and the shipped templates. */
export function realSources(): { content: FileSource; templates: FileSource } {
  return { content: diskSource(join(ROOT, 'content'), 'content'), templates: diskSource(join(ROOT, 'templates'), 'templates') };
}

let cached: Promise<BuildResult> | undefined;

/** Builds the real forum once per test file and shares the result. */
export function buildRealForum(): Promise<BuildResult> {
  cached ??= build(realSources());
  return cached;
}
