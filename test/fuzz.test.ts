import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { build } from '../src/build.js';
import { main } from '../src/cli.js';
import { projectSources, realProject, type Project } from './helpers/project.js';

/** A small seeded generator (mulberry32), so a failing case can be replayed by its number. */
function random(seed: number): () => number {
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

/** Applies one to three random edits to the content (and rarely a template): the kinds of slips people make. */
function mutate(base: Project, rand: () => number): Project {
  const project = new Map(base);
  const files = [...project.keys()].filter((p) => p.startsWith('content/') || rand() < 0.1);
  const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)];
  for (let n = 1 + Math.floor(rand() * 3); n > 0; n--) {
    const file = pick(files);
    const text = String(project.get(file) ?? '');
    const lines = text.split('\n');
    const i = Math.floor(rand() * lines.length);
    const at = Math.floor(rand() * (text.length + 1));
    switch (Math.floor(rand() * 8)) {
      case 0: lines.splice(i, 1); project.set(file, lines.join('\n')); break;
      case 1: lines.splice(i, 0, lines[i] ?? ''); project.set(file, lines.join('\n')); break;
      case 2: { const j = Math.floor(rand() * lines.length); [lines[i], lines[j]] = [lines[j], lines[i]]; project.set(file, lines.join('\n')); break; }
      case 3: project.set(file, text.slice(0, at) + pick(SNIPPETS) + text.slice(at)); break;
      case 4: project.set(file, text.slice(0, at) + text.slice(at + 1 + Math.floor(rand() * 20))); break;
      case 5: project.set(file, text.replace(/\d/g, (d) => (rand() < 0.05 ? String(Math.floor(rand() * 10)) : d))); break;
      case 6: project.set(file, text.slice(0, at)); break;
      case 7: if (rand() < 0.3) project.delete(file); else lines[i] = ' ' + (lines[i] ?? ''); project.set(file, lines.join('\n')); break;
    }
  }
  return project;
}

// A quick run locally; CI (FORUMPRESS_THOROUGH=1) tries more, or FUZZ_CASES=N.
const CASES = Number(process.env.FUZZ_CASES ?? (process.env.FORUMPRESS_THOROUGH ? 1500 : 400));

describe('fuzz: random mutations of the real content', () => {
  it(`${CASES} mutated projects each give either a clean check or positioned errors, never an exception`, async () => {
    const base = realProject();
    let clean = 0;
    for (let seed = 1; seed <= CASES; seed++) {
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
      }
      if (result.ok) clean++;
    }
    // The mutations must actually break things most of the time, or the test proves little.
    expect(clean).toBeLessThan(CASES * 0.6);
  });

  it('a sample built through the command line leaves a whole PDF or the previous one, never a partial file', async () => {
    const base = realProject();
    const dir = mkdtempSync(join(tmpdir(), 'forumpress-fuzz-'));
    const out = join(dir, 'out');
    const quiet = [vi.spyOn(console, 'error').mockImplementation(() => {}), vi.spyOn(console, 'log').mockImplementation(() => {})];
    try {
      const outcomes = new Set<number>();
      let previous: Buffer | undefined;
      // Seed 0 is the real content unchanged, so a good PDF is there before the broken ones.
      for (const seed of [0, 3, 17, 29, 41, 58, 77, 91, 123]) {
        const project = seed ? mutate(base, random(seed)) : base;
        rmSync(join(dir, 'content'), { recursive: true, force: true });
        rmSync(join(dir, 'templates'), { recursive: true, force: true });
        for (const [path, bytes] of project) {
          mkdirSync(dirname(join(dir, path)), { recursive: true });
          writeFileSync(join(dir, path), bytes);
        }
        const code = await main(['build', '--content', join(dir, 'content'), '--templates', join(dir, 'templates'), '--out', out]);
        outcomes.add(code);
        const files = readdirSync(out, { withFileTypes: false }).map(String);
        // Only whole PDFs (and the web page and calendar) in out/: no temporary or partial file, whatever the outcome.
        expect(files.filter((f) => !/\.(pdf|html|ics)$/.test(f)), `seed ${seed}`).toEqual([]);
        for (const f of files.filter((name) => name.endsWith('.pdf'))) expect(readFileSync(join(out, f)).subarray(-6).toString(), `seed ${seed} ${f}`).toContain('%%EOF');
        const pdf = files.length ? readFileSync(join(out, 'program.pdf')) : undefined;
        if (code === 0) {
          expect(pdf!.subarray(0, 5).toString()).toBe('%PDF-');
          expect(pdf!.subarray(-6).toString()).toContain('%%EOF');
          previous = pdf;
        } else if (previous) {
          expect(pdf!.equals(previous), `seed ${seed}: a failed build changed out/program.pdf`).toBe(true);
        }
      }
      expect(outcomes).toEqual(new Set([0, 1]));
    } finally {
      quiet.forEach((s) => s.mockRestore());
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
