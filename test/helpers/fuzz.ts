import { expect } from 'vitest';
import iconv from 'iconv-lite';
import { build } from '../../src/build.js';
import { formatDiagnostic } from '../../src/diagnostics.js';
import { projectSources, realProject, type Project } from './project.js';

/* The fuzzer's random edits of the real content, shared by test/fuzz.test.ts and test/fuzz-2.test.ts. */

/** A small seeded generator (mulberry32), so a failing case can be replayed by its number. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SNIPPETS = [':', ': ', '-', '- ', '#', '{', '}', '[', ']', '"', "'", '\t', '  ', '\n', '|', '>', '*', '`', '<b>', '&a', '*a',
  '𠮷', 'ł', 'ő', '\u0007', '𓀀', '\u200b', '0', '9', '99:99', '---', '{{', '}}', '../', 'talk: x', 'kind: talk', '\r\n'];

/** Characters a hostile speaker pastes: terminal escapes, C1 controls, bidi overrides, a lone surrogate (raw and as a YAML escape). */
const HOSTILE = ['\u001b]0;pwned\u0007', '\u001b[2J', '\u0000', '\u009b', '\u0085', '\u202e', '\u2066', '\ufeff', '\ud800', '"\\uD800"', '"\\e\\a"'];

/** The file as other editors save it: GBK, UTF-16 with its mark, Latin-1, half GBK, cut inside a character. */
const ENCODINGS: Array<(text: string, at: number) => Buffer> = [
  (text) => iconv.encode(text, 'gb18030'),
  (text) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
  (text) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]),
  (text) => iconv.encode(text, 'latin1'),
  (text, at) => Buffer.concat([Buffer.from(text.slice(0, at)), iconv.encode(text.slice(at), 'gb18030')]),
  (text, at) => { const bytes = Buffer.from(text); return Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1)]); },
];

/** Applies one to three random edits to the content (and rarely a template): the kinds of slips people make. */
export function mutate(base: Project, rand: () => number): Project {
  const project = new Map(base);
  const files = [...project.keys()].filter((p) => p.startsWith('content/') || rand() < 0.1);
  const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)];
  for (let n = 1 + Math.floor(rand() * 3); n > 0; n--) {
    const file = pick(files);
    const text = String(project.get(file) ?? ''); // a re-encoded file is read back as UTF-8: more damage
    const lines = text.split('\n');
    const i = Math.floor(rand() * lines.length);
    const at = Math.floor(rand() * (text.length + 1));
    switch (Math.floor(rand() * 10)) {
      case 0: lines.splice(i, 1); project.set(file, lines.join('\n')); break;
      case 1: lines.splice(i, 0, lines[i] ?? ''); project.set(file, lines.join('\n')); break;
      case 2: { const j = Math.floor(rand() * lines.length); [lines[i], lines[j]] = [lines[j], lines[i]]; project.set(file, lines.join('\n')); break; }
      case 3: project.set(file, text.slice(0, at) + pick(SNIPPETS) + text.slice(at)); break;
      case 4: project.set(file, text.slice(0, at) + text.slice(at + 1 + Math.floor(rand() * 20))); break;
      case 5: project.set(file, text.replace(/\d/g, (d) => (rand() < 0.05 ? String(Math.floor(rand() * 10)) : d))); break;
      case 6: project.set(file, text.slice(0, at)); break;
      case 7: if (rand() < 0.3) project.delete(file); else lines[i] = ' ' + (lines[i] ?? ''); project.set(file, lines.join('\n')); break;
      case 8: project.set(file, text.slice(0, at) + pick(HOSTILE) + text.slice(at)); break;
      case 9: project.set(file, pick(ENCODINGS)(text, at)); break;
    }
  }
  return project;
}

/** Mutated projects in all: a quick run locally; CI (FORUMPRESS_THOROUGH=1) tries more, or FUZZ_CASES=N. */
export const CASES = Number(process.env.FUZZ_CASES ?? (process.env.FORUMPRESS_THOROUGH ? 1000 : 40));

/**
 * Checks the mutated projects of seeds 1..CASES of one half (0: the odd seeds, 1: the even ones):
 * each gives a clean check or positioned, printable errors, never an exception. Two test files
 * take a half each, so that vitest's two workers share the 1,000 cases of CI's thorough run.
 */
export async function checkMutations(half: 0 | 1): Promise<void> {
  const seeds = Array.from({ length: CASES }, (_, i) => i + 1).filter((seed) => seed % 2 !== half);
  const base = realProject();
  let clean = 0;
  for (const seed of seeds) {
    const project = mutate(base, random(seed));
    const result = await build({ ...projectSources(project), checkOnly: true }).catch((err) => {
      throw new Error(`case ${seed} threw: ${(err as Error).stack}`);
    });
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    expect(result.ok, `case ${seed}`).toBe(errors.length === 0);
    for (const d of result.diagnostics) {
      expect(d.file, `case ${seed}: ${JSON.stringify(d)}`).toMatch(/^(content|templates)\/./);
      expect(d.line >= 1 && d.column >= 1, `case ${seed}: ${JSON.stringify(d)}`).toBe(true);
      // The place must exist in the file it names (a folder, e.g. content/abstracts/, has line 1 only).
      const text = project.get(d.file)?.toString();
      const lines = text === undefined ? 1 : text.split('\n').length;
      expect(d.line <= lines, `case ${seed}: line ${d.line} of ${lines}: ${JSON.stringify(d)}`).toBe(true);
      expect(d.message.length, `case ${seed}`).toBeGreaterThan(0);
      // Nothing from content reaches the terminal raw: no control character but the hint's line break.
      expect(formatDiagnostic(d).replace('\n  hint: ', ' '), `case ${seed}: ${JSON.stringify(d)}`).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    }
    if (result.ok) clean++;
  }
  // The mutations must actually break things most of the time, or the test proves little.
  expect(clean).toBeLessThan(seeds.length * 0.6);
}
