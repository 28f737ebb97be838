import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, type BuildResult } from '../../src/build.js';
import { diskSource, memorySource, type FileSource } from '../../src/io.js';

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

/** The real content as an in-memory map (path -> text), to copy and vary in tests. */
export function realContentFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name), `${prefix}${entry.name}/`);
      else files[`${prefix}${entry.name}`] = readFileSync(join(dir, entry.name), 'utf8');
    }
  };
  walk(join(ROOT, 'content'), '');
  return files;
}

/** Builds from in-memory content (and, optionally, in-memory templates). */
export function buildFrom(content: Record<string, string>, templates?: Record<string, string>): Promise<BuildResult> {
  return build({
    content: memorySource(content, 'content'),
    templates: templates ? memorySource(templates, 'templates') : realSources().templates,
  });
}

/** The shipped templates as an in-memory map, to vary in tests. */
export function realTemplateFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const dir of ['', 'booklet/', 'partials/', 'signs/', 'badges/', 'locales/', 'web/', 'phone/', 'tents/', 'signin/', 'certificates/']) {
    try {
      for (const entry of readdirSync(join(ROOT, 'templates', dir), { withFileTypes: true })) {
        if (entry.isFile()) files[`${dir}${entry.name}`] = readFileSync(join(ROOT, 'templates', dir, entry.name), 'utf8');
      }
    } catch {
      // a folder the templates do not have yet
    }
  }
  return files;
}
