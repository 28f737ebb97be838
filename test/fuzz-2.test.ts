import { describe, expect, it } from 'vitest';
import { build } from '../src/build.js';
import { CASES, checkMutations, random } from './helpers/fuzz.js';
import { projectSources, realProject, type Project } from './helpers/project.js';

// The other half of test/fuzz.test.ts's mutated projects, and booklets with long unbroken runs:
// a file of their own, so that vitest's two workers share CI's thorough run of them.
describe('fuzz: random mutations of the real content', () => {
  it(`${Math.floor(CASES / 2)} of ${CASES} mutated projects (even seeds) each give either a clean check or positioned errors, never an exception`, () => checkMutations(1));
});

// Long unbroken runs (issue 14): pieces a hostile or careless text repeats thousands of times.
const RUN_PIECES = ['x', '[', ']', '（', '）', '*', '_', '`', '<', '\\', '/', 'ab/', '中', '。', '𠮷', 'é', '\u0301', '-', '·', '«', '"', '**x', '[a](', '<https://e.org/', '&#', '\t'];
const RUN_CASES = Number(process.env.FUZZ_RUN_CASES ?? (process.env.FORUMPRESS_THOROUGH ? 24 : 0));
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
  // CI's thorough run only: one case here took 16 s (a badge name of 4,800 characters, see bench/notes.md); test/long-runs.test.ts sets long runs in the booklet every run.
  it.skipIf(RUN_CASES === 0)(`${RUN_CASES} projects with runs of up to ${RUN_MAX} characters build a whole PDF or give positioned errors`, async () => {
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
