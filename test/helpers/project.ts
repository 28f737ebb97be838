import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { memorySource, type FileSource } from '../../src/io.js';
import { ROOT } from './build.js';

/** A project in memory: every file under content/ and templates/ by its path (e.g. `content/forum.yaml`). */
export type Project = Map<string, string | Buffer>;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** The real forum's content and templates, read from disk. */
export function realProject(): Project {
  const project: Project = new Map();
  for (const top of ['content', 'templates']) {
    for (const path of walk(join(ROOT, top))) project.set(relative(ROOT, path), readFileSync(path, 'utf8'));
  }
  return project;
}

/** FileSources over a project in memory, as the CLI makes them over folders. */
export function projectSources(project: Project): { content: FileSource; templates: FileSource } {
  const part = (top: string) => Object.fromEntries([...project].filter(([p]) => p.startsWith(`${top}/`)).map(([p, v]) => [p.slice(top.length + 1), v]));
  return { content: memorySource(part('content'), 'content'), templates: memorySource(part('templates'), 'templates') };
}
