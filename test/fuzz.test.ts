import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { build } from '../src/build.js';
import { main } from '../src/cli.js';
import { projectSources, realProject, type Project } from './helpers/project.js';
import iconv from 'iconv-lite';
import { formatDiagnostic } from '../src/diagnostics.js';

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
function mutate(base: Project, rand: () => number): Project {
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

// A quick run locally; CI (FORUMPRESS_THOROUGH=1) tries more, or FUZZ_CASES=N.
const CASES = Number(process.env.FUZZ_CASES ?? (process.env.FORUMPRESS_THOROUGH ? 1000 : 40));

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
        // Nothing from content reaches the terminal raw: no control character but the hint's line break.
        expect(formatDiagnostic(d).replace('\n  hint: ', ' '), `case ${seed}: ${JSON.stringify(d)}`).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
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

// Long unbroken runs (issue 14): pieces a hostile or careless text repeats thousands of times.
const RUN_PIECES = ['x', '[', ']', '（', '）', '*', '_', '`', '<', '\\', '/', 'ab/', '中', '。', '𠮷', 'é', '\u0301', '-', '·', '«', '"', '**x', '[a](', '<https://e.org/', '&#', '\t'];
const RUN_CASES = Number(process.env.FUZZ_RUN_CASES ?? (process.env.FORUMPRESS_THOROUGH ? 24 : 3));
const RUN_MAX = process.env.FORUMPRESS_THOROUGH ? 40_000 : 4_000;

/** One to three runs of random pieces (each run up to RUN_MAX characters) in an abstract's body, its title or a badge name. */
function withLongRuns(base: Project, rand: () => number): { project: Project; outputs: string[] } {
  const project = new Map(base);
  const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)];
  const run = () => {
    const pieces = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => pick(RUN_PIECES));
    const length = 500 + Math.floor(rand() * RUN_MAX);
    let text = '';
    while (text.length < length) text += pick(pieces);
    return text;
  };
  const abstracts = [...project.keys()].filter((p) => p.startsWith('content/abstracts/') && p.endsWith('.md'));
  const outputs = new Set(['program.pdf']);
  for (let n = 1 + Math.floor(rand() * 3); n > 0; n--) {
    const where = rand();
    if (where < 0.6) {
      const file = pick(abstracts);
      project.set(file, `${project.get(file)}\n\n${run()}\n`);
    } else if (where < 0.8) {
      const file = pick(abstracts);
      project.set(file, String(project.get(file)).replace(/^title: .*$/m, `title: ${JSON.stringify(run())}`));
    } else {
      const csv = String(project.get('content/attendees.csv'));
      project.set('content/attendees.csv', `${csv.trimEnd()}\nZ9${n},${run().replace(/[",\n]/g, 'x')},,,speaker\n`);
      outputs.add('badges.pdf');
    }
  }
  return { project, outputs: [...outputs] };
}

describe('fuzz: long unbroken runs', () => {
  it(`${RUN_CASES} projects with runs of up to ${RUN_MAX} characters build a whole PDF or give positioned errors`, async () => {
    const base = realProject();
    for (let seed = 1; seed <= RUN_CASES; seed++) {
      const { project, outputs } = withLongRuns(base, random(10_000 + seed));
      const result = await build({ ...projectSources(project), outputs }).catch((err) => {
        throw new Error(`long-run case ${seed} threw: ${(err as Error).stack}`);
      });
      const errors = result.diagnostics.filter((d) => d.severity === 'error');
      expect(result.ok, `long-run case ${seed}: ${JSON.stringify(errors[0])}`).toBe(errors.length === 0);
      for (const d of result.diagnostics) {
        expect(d.file, `long-run case ${seed}: ${JSON.stringify(d)}`).toMatch(/^(content|templates)\/./);
        expect(d.rule, `long-run case ${seed}: ${d.message}`).not.toBe('render');
        expect(d.message.length, `long-run case ${seed}: ${d.file}:${d.line} ${d.rule} ${d.message.slice(0, 300)}`).toBeLessThan(2_000);
      }
      for (const name of result.ok ? outputs : []) {
        const pdf = Buffer.from(result.outputs.get(name)!);
        expect(pdf.subarray(0, 5).toString(), `long-run case ${seed} ${name}`).toBe('%PDF-');
        expect(pdf.subarray(-6).toString(), `long-run case ${seed} ${name}`).toContain('%%EOF');
        // A run fills its lines: 40,000 characters are some 20 pages, never one character a line.
        const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
        expect(pages, `long-run case ${seed} ${name}`).toBeLessThan(400);
      }
    }
  }, 600_000);
});
