// `npm run bench`: builds synthetic conferences of three sizes with forumpress (cold processes,
// every output the build writes) and the booklet with Typst, and writes bench/results.md.
// BENCH_QUICK=1: one run each, the two small sizes only. BENCH_RUNS=n: runs per measurement.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, cpSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateConference } from './generate.mjs';
import { prepare, typstAvailable } from './typst.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const WORK = join(ROOT, 'bench', '.work');
const QUICK = process.env.BENCH_QUICK === '1';
const RUNS = Number(process.env.BENCH_RUNS ?? (QUICK ? 1 : 5));
const SIZES = [
  { name: 'this forum', content: join(ROOT, 'content'), runs: RUNS },
  { name: '200 talks, 1,000 attendees', talks: 200, attendees: 1000, runs: RUNS },
  ...(QUICK ? [] : [{ name: '1,000 talks, 10,000 attendees', talks: 1000, attendees: 10000, runs: Math.min(RUNS, 3) }]),
];

/** Runs a command under /usr/bin/time; wall seconds and peak RSS (MiB) of that process tree's largest member. */
function timed(cmd, args) {
  const stats = join(WORK, 'time.txt');
  const started = process.hrtime.bigint();
  const run = spawnSync('/usr/bin/time', ['-f', '%M', '-o', stats, cmd, ...args], { cwd: ROOT, encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${run.stderr}`);
  const rss = Number(readFileSync(stats, 'utf8').trim().split('\n').pop()) / 1024;
  return { wall, rss };
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const pages = (pdf) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))[1]);
const listPdfs = (dir) => readdirSync(dir, { recursive: true }).filter((f) => f.endsWith('.pdf')).sort();
const fmtS = (s) => `${s.toFixed(2)} s`;
const fmtKB = (b) => (b >= 1024 * 1024 ? `${(b / 1048576).toFixed(1)} MB` : `${Math.round(b / 1024)} KB`);

/** Measures `runs` cold processes of `cmd`; returns the medians. */
function measure(runs, cmd, args) {
  const samples = [];
  for (let i = 0; i < runs; i++) samples.push(timed(cmd, args));
  return { wall: median(samples.map((s) => s.wall)), rss: Math.max(...samples.map((s) => s.rss)), all: samples.map((s) => s.wall) };
}

const cli = join(ROOT, 'bin', 'forumpress.js');
const templates = join(ROOT, 'templates');
const typst = typstAvailable();
const rows = [];
mkdirSync(WORK, { recursive: true });

for (const size of SIZES) {
  const slug = size.talks ? `c${size.talks}` : 'forum';
  let content = size.content;
  if (!content) {
    content = join(WORK, slug, 'content');
    generateConference(content, { talks: size.talks, attendees: size.attendees, seed: size.talks });
  }
  const out = join(WORK, slug, 'out');
  rmSync(out, { recursive: true, force: true });
  const base = ['build', '--content', content, '--templates', templates, '--out', out];
  console.error(`${size.name}: all outputs`);
  const all = measure(size.runs, process.execPath, [cli, ...base]);
  const outputs = listPdfs(out);
  const row = { size: size.name, all, outputs: [] };
  for (const output of outputs) {
    console.error(`${size.name}: ${output}`);
    const one = measure(size.runs, process.execPath, [cli, ...base, '--only', output]);
    const bytes = statSync(join(out, output)).size;
    row.outputs.push({ output, ...one, bytes, pages: pages(join(out, output)) });
  }
  if (typst.ok) {
    console.error(`${size.name}: Typst booklet`);
    const data = join(WORK, slug, 'typst', 'data.json');
    mkdirSync(dirname(data), { recursive: true });
    writeFileSync(data, await prepare(content));
    const pdf = join(WORK, slug, 'typst', 'booklet.pdf');
    // Interleaved with forumpress runs of the booklet, so both see the same machine load.
    const fp = [], ty = [];
    for (let i = 0; i < size.runs; i++) {
      fp.push(timed(process.execPath, [cli, ...base, '--only', 'program.pdf']));
      ty.push(timed(process.execPath, [join(ROOT, 'bench', 'typst.mjs'), data, pdf]));
    }
    row.typst = { wall: median(ty.map((s) => s.wall)), rss: Math.max(...ty.map((s) => s.rss)), bytes: statSync(pdf).size, pages: pages(pdf),
      fpWall: median(fp.map((s) => s.wall)) };
  }
  rows.push(row);
}

const lines = [
  '# forumpress benchmark', '',
  `Written by \`npm run bench\`${QUICK ? ' (BENCH_QUICK=1)' : ''} on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC: ` +
  `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB. ` +
  'Every time is the median of cold processes (`node bin/forumpress.js build …`, start to exit), ' +
  'peak RSS is the largest of the runs (`/usr/bin/time`), pages per second are pages over that median.', '',
  '| conference | output | pages | PDF size | wall time | pages/s | peak RSS |', '|---|---|---:|---:|---:|---:|---:|',
];
for (const r of rows) {
  lines.push(`| ${r.size} | **all outputs** | | | ${fmtS(r.all.wall)} | | ${Math.round(r.all.rss)} MiB |`);
  for (const o of r.outputs) lines.push(`| ${r.size} | ${o.output} | ${o.pages} | ${fmtKB(o.bytes)} | ${fmtS(o.wall)} | ${(o.pages / o.wall).toFixed(0)} | ${Math.round(o.rss)} MiB |`);
}
lines.push('', '## Against Typst', '');
if (!typst.ok) lines.push(`Typst could not run here: ${typst.reason}`);
else {
  lines.push('The same booklet (bench/booklet.typ: same content, fonts, A5 page, margins and sizes) compiled by',
    '`@myriaddreamin/typst-ts-node-compiler` in a cold process, runs interleaved with forumpress\'s booklet-only builds',
    '(`--only program.pdf`) in the same run. Typst is given the view as JSON (not timed); forumpress also reads YAML and markdown.', '',
    '| conference | forumpress | Typst | forumpress / Typst | pages (fp / Typst) | size (fp / Typst) | peak RSS Typst |', '|---|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    const fp = r.outputs.find((o) => o.output === 'program.pdf');
    lines.push(`| ${r.size} | ${fmtS(r.typst.fpWall)} | ${fmtS(r.typst.wall)} | ${(r.typst.fpWall / r.typst.wall).toFixed(1)}× | ${fp.pages} / ${r.typst.pages} | ${fmtKB(fp.bytes)} / ${fmtKB(r.typst.bytes)} | ${Math.round(r.typst.rss)} MiB |`);
  }
}
const notes = join(ROOT, 'bench', 'notes.md');
let tail = '';
try { tail = '\n' + readFileSync(notes, 'utf8'); } catch {}
writeFileSync(join(ROOT, 'bench', QUICK ? 'results-quick.md' : 'results.md'), lines.join('\n') + '\n' + tail);
console.log(lines.join('\n'));
