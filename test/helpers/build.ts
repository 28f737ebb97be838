import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
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

/**
 * The real forum built from content/ and templates/, once per test run: the first test file to
 * ask builds it and leaves the result in FORUMPRESS_TEST_SHARED (a folder vitest.config.ts makes
 * per run); the others read it (ten files built the same forum, about 12 s of the suite). A test
 * about building itself (reproducible.test.ts) calls build() instead.
 */
export function buildRealForum(): Promise<BuildResult> {
  cached ??= sharedBuild();
  return cached;
}

async function sharedBuild(): Promise<BuildResult> {
  const dir = process.env.FORUMPRESS_TEST_SHARED && join(process.env.FORUMPRESS_TEST_SHARED, 'real-forum');
  if (dir && existsSync(join(dir, 'result.json'))) {
    const saved = JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8'));
    return {
      ...saved,
      outputs: new Map(saved.outputs.map((name: string) => [name, new Uint8Array(readFileSync(join(dir, 'outputs', name)))])),
      inputHashes: saved.inputHashes && new Map(saved.inputHashes),
    };
  }
  const result = await build(realSources());
  if (dir && result.ok) {
    // Written aside and moved into place whole, so a reader never sees half of it.
    const next = `${dir}.${process.pid}`;
    mkdirSync(join(next, 'outputs'), { recursive: true });
    for (const [name, bytes] of result.outputs) writeFileSync(join(next, 'outputs', name), bytes);
    writeFileSync(join(next, 'result.json'), JSON.stringify({
      ...result, outputs: [...result.outputs.keys()], inputHashes: result.inputHashes && [...result.inputHashes],
    }));
    try {
      renameSync(next, dir);
    } catch {
      // Another test file got there first with the same build.
    }
  }
  return result;
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

/** Builds from in-memory content (and, optionally, in-memory templates): every output, or only `outputs`. */
export function buildFrom(content: Record<string, string>, templates?: Record<string, string>, outputs?: string[]): Promise<BuildResult> {
  return build({
    content: memorySource(content, 'content'),
    templates: templates ? memorySource(templates, 'templates') : realSources().templates,
    outputs,
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
