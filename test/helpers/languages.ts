import { expect } from 'vitest';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build, type BuildResult } from '../../src/build.js';
import { diskSource } from '../../src/io.js';
import { ROOT, realSources } from './build.js';
import { overlay } from './overlay.js';
import { countNotdef } from './notdef.js';
import { extractPages } from './pdf.js';

const FIXTURES = join(ROOT, 'test', 'fixtures');

/** Builds a whole program of test/fixtures/lang-<name>/content with the shipped templates. */
export function buildLanguageFixture(name: string): Promise<BuildResult> {
  return build({ content: diskSource(join(FIXTURES, `lang-${name}`, 'content'), 'content'), templates: realSources().templates });
}

/** Builds the real forum with the files of test/fixtures/lang-<name>/content laid over it. */
export function buildForumWith(name: string): Promise<BuildResult> {
  const dir = join(FIXTURES, `lang-${name}`, 'content');
  const files: Record<string, Buffer> = {};
  const walk = (d: string) => {
    for (const entry of readdirSync(d)) {
      const path = join(d, entry);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(dir, path)] = readFileSync(path);
    }
  };
  walk(dir);
  return build({ content: overlay(realSources().content, files), templates: realSources().templates });
}

/** The text of the outputs that are text (the web page, the calendar). */
export function textOutputs(result: BuildResult): Map<string, string> {
  return new Map([...result.outputs].filter(([name]) => /\.(html|ics)$/.test(name)).map(([name, bytes]) => [name, Buffer.from(bytes).toString('utf8')]));
}

/** For every PDF output: glyphs drawn, glyph ids 0 (empty boxes), fonts that cannot be read that way, and the text. */
export async function inspectOutputs(result: BuildResult) {
  type Seen = { glyphs: number; notdef: number; simpleFonts: string[]; text: string };
  const out = new Map<string, Seen>();
  const byBytes = new Map<string, Seen>();
  for (const [name, bytes] of result.outputs) {
    if (!name.endsWith('.pdf')) continue;
    // program.pdf and program-archival.pdf are the same bytes: read once.
    const key = createHash('sha256').update(bytes).digest('hex');
    let seen = byBytes.get(key);
    if (!seen) {
      const { notdef, glyphs, simpleFonts } = await countNotdef(bytes);
      const text = (await extractPages(bytes)).map((p) => p.text).join('\n');
      byBytes.set(key, (seen = { glyphs, notdef: notdef.length, simpleFonts, text }));
    }
    out.set(name, seen);
  }
  return out;
}

/** The PDFs every language's build must write. */
export const LANGUAGE_OUTPUTS = ['program.pdf', 'program-print.pdf', 'program-archival.pdf', 'signs.pdf', 'badges.pdf'];

/** Chinese characters and CJK punctuation: none may print in a program whose content has none. */
export const CJK = /[\p{Script=Han}\u3000-\u303F\uFF00-\uFFEF]/u;

/** Every output drew at least `glyphs` glyphs, all in embedded CID fonts, and none of them glyph id 0 (an empty box). */
export function expectNoBoxes(outputs: Awaited<ReturnType<typeof inspectOutputs>>, glyphs: number): void {
  for (const [name, o] of outputs) {
    expect(o.glyphs, name).toBeGreaterThan(glyphs);
    expect(o.simpleFonts, name).toEqual([]);
    expect(o.notdef, name).toBe(0);
  }
}
