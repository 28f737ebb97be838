// Long unbroken runs (issue 14): the booklet of this forum with one abstract ending in N `x`,
// for N = 10,000, 20,000 and 40,000; time and memory should grow in proportion to N, not N².
// Used by run.mjs; `node bench/long-runs.mjs` prints the table alone.
import { appendFileSync, cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Runs cold booklet builds with runs of each length; `timed(cmd, args)` gives { wall, cpu, rss }. */
export function measureLongRuns({ root, templates, work, timed, lengths = [10_000, 20_000, 40_000], runs = 1 }) {
  const rows = [];
  for (const n of lengths) {
    const dir = join(work, `run-${n}`);
    rmSync(dir, { recursive: true, force: true });
    cpSync(join(root, 'content'), join(dir, 'content'), { recursive: true });
    appendFileSync(join(dir, 'content', 'abstracts', 'bi-hongjie.md'), `\n\n${'x'.repeat(n)}\n`);
    const args = [join(root, 'bin', 'forumpress.js'), 'build', '--content', join(dir, 'content'), '--templates', templates, '--out', join(dir, 'out'), '--output', 'program.pdf'];
    const samples = Array.from({ length: runs }, () => timed(process.execPath, args));
    const best = samples.sort((a, b) => a.wall - b.wall)[Math.floor(samples.length / 2)];
    rows.push({ n, wall: best.wall, cpu: best.cpu, rss: Math.max(...samples.map((s) => s.rss)) });
  }
  return rows;
}

/** The table's lines, with each time and RSS against the first row's, per character. */
export function longRunLines(rows) {
  const lines = ['| run of `x` | wall time | CPU time | peak RSS | CPU over the 10k run |', '|---:|---:|---:|---:|---:|'];
  for (const r of rows) lines.push(`| ${r.n.toLocaleString('en')} | ${r.wall.toFixed(2)} s | ${r.cpu.toFixed(2)} s | ${Math.round(r.rss)} MiB | ${(r.cpu / rows[0].cpu).toFixed(2)}× |`);
  return lines;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { spawnSync } = await import('node:child_process');
  const { readFileSync } = await import('node:fs');
  const root = join(fileURLToPath(import.meta.url), '..', '..');
  const work = join(root, 'bench', '.work', 'long-runs');
  const timed = (cmd, args) => {
    const stats = join(work, 'time.txt');
    const started = process.hrtime.bigint();
    const run = spawnSync('/usr/bin/time', ['-f', '%M %U %S', '-o', stats, cmd, ...args], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(run.stderr);
    const [kb, user, sys] = readFileSync(stats, 'utf8').trim().split('\n').pop().split(' ').map(Number);
    return { wall: Number(process.hrtime.bigint() - started) / 1e9, rss: kb / 1024, cpu: user + sys };
  };
  rmSync(work, { recursive: true, force: true });
  (await import('node:fs')).mkdirSync(work, { recursive: true });
  console.log(longRunLines(measureLongRuns({ root, templates: join(root, 'templates'), work, timed })).join('\n'));
}
