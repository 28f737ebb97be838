// `npm run bench`: builds synthetic conferences of three sizes with forumpress (cold processes,
// every output the build writes) and the booklet with Typst, and writes bench/results.md.
// BENCH_QUICK=1: one run each, the two small sizes only. BENCH_RUNS=n: runs per measurement.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, cpSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateConference } from './generate.mjs';
import { prepare, typstAvailable } from './typst.mjs';
import { measureWatch } from './watch.mjs';
import { longRunLines, measureLongRuns } from './long-runs.mjs';
import { measureShapingCache, shapingCacheLines } from './shaping-cache.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const WORK = join(ROOT, 'bench', '.work');
const QUICK = process.env.BENCH_QUICK === '1';
const RUNS = Number(process.env.BENCH_RUNS ?? (QUICK ? 1 : 5));
// BENCH_ONLY=text: only the conferences whose name holds it (no start-up or watch runs); writes bench/results-only.md.
const ONLY = process.env.BENCH_ONLY;
// The shaping cache (src/render/shaping-store.ts) of every bench build, so that a run can clear it.
const CACHE = join(WORK, 'shaping-cache');
process.env.FORUMPRESS_CACHE_DIR = CACHE;
const SIZES = [
  { name: 'this forum', content: join(ROOT, 'content'), runs: RUNS },
  { name: '200 talks, 1,000 attendees', talks: 200, attendees: 1000, runs: RUNS },
  ...(QUICK ? [] : [{ name: '1,000 talks, 10,000 attendees', talks: 1000, attendees: 10000, runs: Math.min(RUNS, 3) }]),
  // Shaped like a large frab export (bench/generate-frab.mjs): parallel rooms, 1-4 speakers, long markdown bodies.
  ...(QUICK ? [] : [{ name: '40 rooms, 1,000 talks, 1,000 attendees', talks: 1000, attendees: 1000, rooms: 40, runs: Math.min(RUNS, 3) }]),
].filter((s) => !ONLY || s.name.includes(ONLY));

/** Runs a command under /usr/bin/time; wall seconds and peak RSS (MiB) of that process tree's largest member. */
function timed(cmd, args, env = process.env) {
  const stats = join(WORK, 'time.txt');
  const started = process.hrtime.bigint();
  const run = spawnSync('/usr/bin/time', ['-f', '%M %U %S', '-o', stats, cmd, ...args], { cwd: ROOT, encoding: 'utf8', env });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${run.stderr}`);
  const [kb, user, sys] = readFileSync(stats, 'utf8').trim().split('\n').pop().split(' ').map(Number);
  return { wall, rss: kb / 1024, cpu: user + sys };
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const pages = (pdf) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }))[1]);
const listPdfs = (dir) => readdirSync(dir, { recursive: true }).filter((f) => f.endsWith('.pdf')).sort();
const fmtS = (s) => `${s.toFixed(2)} s`;
const fmtKB = (b) => (b >= 1024 * 1024 ? `${(b / 1048576).toFixed(1)} MB` : `${Math.round(b / 1024)} KB`);

/** Forgets what earlier builds left for later ones: the V8 code cache of the bundle and the shaping cache. */
function clearCaches() {
  const bundle = join(ROOT, 'dist', 'bundle');
  if (existsSync(bundle)) for (const f of readdirSync(bundle).filter((f) => f.endsWith('.v8cache'))) rmSync(join(bundle, f));
  rmSync(CACHE, { recursive: true, force: true });
}

/** Summary of samples: median wall and CPU, largest RSS. */
const summary = (samples) => ({ wall: median(samples.map((s) => s.wall)), cpu: median(samples.map((s) => s.cpu)), rss: Math.max(...samples.map((s) => s.rss)) });

/** Measures `runs` cold processes of `cmd`; returns the medians. */
function measure(runs, cmd, args) {
  const samples = [];
  for (let i = 0; i < runs; i++) samples.push(timed(cmd, args));
  return { ...summary(samples), all: samples.map((s) => s.wall) };
}

const loadAtStart = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const cli = join(ROOT, 'bin', 'forumpress.js');
const templates = join(ROOT, 'templates');
const typst = typstAvailable();
const rows = [];
mkdirSync(WORK, { recursive: true });

for (const size of SIZES) {
  const slug = size.talks ? `c${size.talks}${size.rooms ? `r${size.rooms}` : ''}` : 'forum';
  let content = size.content;
  if (!content) {
    content = join(WORK, slug, 'content');
    generateConference(content, { talks: size.talks, attendees: size.attendees, seed: size.talks, rooms: size.rooms });
  }
  const out = join(WORK, slug, 'out');
  rmSync(out, { recursive: true, force: true });
  const base = ['build', '--content', content, '--templates', templates, '--out', out];
  console.error(`${size.name}: all outputs`);
  const all = measure(size.runs, process.execPath, [cli, ...base]);
  const outputs = listPdfs(out);
  const row = { size: size.name, all, outputs: [] };
  // The program's documents without the badges, which have a target of their own.
  const documents = outputs.filter((o) => !/badge/.test(o));
  if (size.talks >= 1000) row.documents = measure(size.runs, process.execPath, [cli, ...base, ...documents.flatMap((o) => ['--output', o])]);
  for (const output of outputs) {
    console.error(`${size.name}: ${output}`);
    const one = measure(size.runs, process.execPath, [cli, ...base, '--output', output]);
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
    const fp = [], ty = [], plain = [];
    for (let i = 0; i < size.runs; i++) {
      fp.push(timed(process.execPath, [cli, ...base, '--output', 'program.pdf']));
      plain.push(timed(process.execPath, [cli, ...base, '--output', 'program.pdf'], { ...process.env, FORUMPRESS_NO_SPEEDUPS: '1' }));
      ty.push(timed(process.execPath, [join(ROOT, 'bench', 'typst.mjs'), data, pdf]));
    }
    const [f, p] = [summary(fp), summary(plain)];
    row.typst = { ...summary(ty), bytes: statSync(pdf).size, pages: pages(pdf), fpWall: f.wall, fpCpu: f.cpu, plainWall: p.wall, plainCpu: p.cpu };
  }
  rows.push(row);
}

// What the bundle and the caches buy, on this forum: the same builds as plain modules without
// caches, as the first build after `npm install` (bundle, no caches yet), and as every later build.
console.error('this forum: start-up and caches');
const startup = [];
for (const [label, extra] of ONLY ? [] : [['all outputs', []], ['program.pdf', ['--output', 'program.pdf']]]) {
  const out = join(WORK, 'startup', 'out');
  const args = [cli, 'build', '--content', join(ROOT, 'content'), '--templates', templates, '--out', out, ...extra];
  const plain = [], first = [], later = [];
  for (let i = 0; i < RUNS; i++) {
    plain.push(timed(process.execPath, args, { ...process.env, FORUMPRESS_NO_BUNDLE: '1', FORUMPRESS_NO_CACHE: '1' }));
    clearCaches();
    first.push(timed(process.execPath, args));
    later.push(timed(process.execPath, args));
  }
  startup.push({ label, plain: summary(plain), first: summary(first), later: summary(later) });
}

console.error('watch: editing one abstract of this forum');
const watched = ONLY ? { latencies: [NaN], last: '(not measured: BENCH_ONLY)' } : await measureWatch({ root: ROOT, content: join(ROOT, 'content'), templates, work: join(WORK, 'watch'), edits: QUICK ? 2 : 7 });
console.error('long unbroken runs in one abstract');
const longRuns = ONLY ? [] : measureLongRuns({ root: ROOT, templates, work: join(WORK, 'long-runs'), timed, runs: QUICK ? 1 : 3 });
// The big conference whose cache this forum's build then meets: the largest generated above (BENCH_BIG_CONTENT: another, e.g. an import of a real export).
const bigSize = [...SIZES].reverse().find((s) => s.talks);
const bigContent = process.env.BENCH_BIG_CONTENT ?? (bigSize && join(WORK, `c${bigSize.talks}${bigSize.rooms ? `r${bigSize.rooms}` : ''}`, 'content'));
console.error('shaping cache: this forum after a big conference');
const shaping = ONLY || !bigContent ? undefined : measureShapingCache({ root: ROOT, templates, work: join(WORK, 'shaping-cache'), timed, big: bigContent, runs: QUICK ? 1 : 3 });
const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

const lines = [
  '# forumpress benchmark', '',
  `Written by \`npm run bench\`${QUICK ? ' (BENCH_QUICK=1)' : ''} on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC: ` +
  `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB. ` +
  'Every time is the median of cold processes (`node bin/forumpress.js build …`, start to exit), ' +
  'CPU is user + system time of the process (median), peak RSS the largest of the runs (`/usr/bin/time`), pages per second',
  'are pages over the median wall time.', '',
  '| conference | output | pages | PDF size | wall time | CPU time | pages/s | peak RSS |', '|---|---|---:|---:|---:|---:|---:|---:|',
];
for (const r of rows) {
  lines.push(`| ${r.size} | **all outputs** | | | ${fmtS(r.all.wall)} | ${fmtS(r.all.cpu)} | | ${Math.round(r.all.rss)} MiB |`);
  if (r.documents) lines.push(`| ${r.size} | **all but badges** | | | ${fmtS(r.documents.wall)} | ${fmtS(r.documents.cpu)} | | ${Math.round(r.documents.rss)} MiB |`);
  for (const o of r.outputs) lines.push(`| ${r.size} | ${o.output} | ${o.pages} | ${fmtKB(o.bytes)} | ${fmtS(o.wall)} | ${fmtS(o.cpu)} | ${(o.pages / o.wall).toFixed(0)} | ${Math.round(o.rss)} MiB |`);
}
lines.push('', '## Against Typst', '');
if (!typst.ok) lines.push(`Typst could not run here: ${typst.reason}`);
else {
  lines.push('The same booklet (bench/booklet.typ: same content, fonts, A5 page, margins and sizes) compiled by',
    '`@myriaddreamin/typst-ts-node-compiler` in a cold process, runs interleaved with forumpress\'s booklet-only builds',
    '(`--output program.pdf`) in the same run. Typst is given the view as JSON (not timed); forumpress also reads YAML and markdown.', '',
    '| conference | forumpress wall | Typst wall | ratio (wall) | forumpress CPU | Typst CPU | ratio (CPU) | pages (fp / Typst) | size (fp / Typst) | peak RSS Typst |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    const fp = r.outputs.find((o) => o.output === 'program.pdf');
    lines.push(`| ${r.size} | ${fmtS(r.typst.fpWall)} | ${fmtS(r.typst.wall)} | ${(r.typst.fpWall / r.typst.wall).toFixed(1)}× | ${fmtS(r.typst.fpCpu)} | ${fmtS(r.typst.cpu)} | ${(r.typst.fpCpu / r.typst.cpu).toFixed(1)}× | ${fp.pages} / ${r.typst.pages} | ${fmtKB(fp.bytes)} / ${fmtKB(r.typst.bytes)} | ${Math.round(r.typst.rss)} MiB |`);
  }
}
lines.push('', '## build --watch', '',
  `This forum, one abstract edited ${watched.latencies.length} times under \`forumpress build --watch\`: from the file write to the`,
  `"wrote" line, median ${fmtS(median(watched.latencies))} (all: ${watched.latencies.map((s) => s.toFixed(2)).join(', ')} s; this includes`,
  `the 60 ms debounce). Last line: \`${watched.last}\`.`);
lines.push('', '## Long unbroken runs', '',
  'This forum\'s booklet (`--output program.pdf`) with one abstract ending in a run of `x` without a break opportunity',
  '(bench/long-runs.mjs): the time above the plain booklet\'s should double with the run, not quadruple.', '', ...longRunLines(longRuns));
if (shaping) lines.push('', '## The shaping cache after a big conference', '', ...shapingCacheLines(shaping, process.env.BENCH_BIG_CONTENT ? relative(ROOT, bigContent) : bigSize.name));
lines.push('', `Load average (1, 5, 15 min) at the start of the run: ${loadAtStart}; at its end: ${load}. The machine is shared; see the notes below.`);
if (typst.ok) {
  lines.push('', '## What the rendering speed-ups buy', '',
    'The same booklet-only builds with `FORUMPRESS_NO_SPEEDUPS=1` (pdfmake as it comes: no font sharing, style reuse,',
    'shaping shortcut or run merging; the markdown shortcut stays), interleaved with the runs above.', '',
    '| conference | plain pdfmake wall | with speed-ups wall | plain CPU | with speed-ups CPU | CPU saved |', '|---|---:|---:|---:|---:|---:|');
  for (const r of rows) lines.push(`| ${r.size} | ${fmtS(r.typst.plainWall)} | ${fmtS(r.typst.fpWall)} | ${fmtS(r.typst.plainCpu)} | ${fmtS(r.typst.fpCpu)} | ${Math.round(100 * (1 - r.typst.fpCpu / r.typst.plainCpu))} % |`);
}
lines.push('', '## Start-up and caches', '',
  'This forum, interleaved in the same minutes: the plain compiled modules without any cache (`FORUMPRESS_NO_BUNDLE=1',
  'FORUMPRESS_NO_CACHE=1`, how forumpress ran before), the first build after `npm install` (the bundle, with its code cache',
  'and the shaping cache deleted before each run), and every build after it (what the tables above measure).', '',
  '| build | plain modules, no caches | first build after install | later builds | later / plain (wall) |', '|---|---:|---:|---:|---:|');
for (const r of startup) {
  const cell = (m) => `${fmtS(m.wall)} (CPU ${fmtS(m.cpu)})`;
  lines.push(`| ${r.label} | ${cell(r.plain)} | ${cell(r.first)} | ${cell(r.later)} | ${(r.later.wall / r.plain.wall).toFixed(2)} |`);
}
lines.push('', '## Targets (from the numbers above)', '', ...targets());
const notes = join(ROOT, 'bench', 'notes.md');
let tail = '';
try { tail = '\n' + readFileSync(notes, 'utf8'); } catch {}
writeFileSync(join(ROOT, 'bench', ONLY ? 'results-only.md' : QUICK ? 'results-quick.md' : 'results.md'), lines.join('\n') + '\n' + (ONLY ? '' : tail));
console.log(lines.join('\n'));

/** One line per target of issue 6: met or not, and by how much, from this run's numbers. */
function targets() {
  const mark = (ok) => (ok ? '**met**' : '**not met**');
  const by = (value, limit) => (value <= limit ? `${Math.round(100 * (1 - value / limit))} % under` : `${(value / limit).toFixed(2)}× the limit`);
  const out = [];
  const rooms = rows.find((r) => r.size.startsWith('40 rooms'));
  if (rooms) {
    const b = rooms.outputs.find((o) => o.output === 'program.pdf');
    const ratio = rooms.typst ? rooms.typst.fpWall / rooms.typst.wall : NaN;
    out.push(`- 40 rooms, 1,000 talks (frab-shaped): all outputs ${fmtS(rooms.all.wall)} (CPU ${fmtS(rooms.all.cpu)}; limit 15 s): ${mark(rooms.all.wall <= 15)}, ` +
      `peak RSS ${Math.round(rooms.all.rss)} MiB (limit 1,024 MiB): ${mark(rooms.all.rss <= 1024)}; booklet (${b.pages} pages) ${fmtS(b.wall)}, ` +
      `${ratio.toFixed(1)}× Typst (limit 2×; Typst's booklet has no day grid): ${mark(ratio <= 2)}.`);
  }
  const forum = rows.find((r) => r.size === 'this forum');
  if (!forum) return out;
  out.push(`- This forum, all outputs, cold: ${fmtS(forum.all.wall)} (limit 1.5 s): ${mark(forum.all.wall <= 1.5)}, ${by(forum.all.wall, 1.5)}.`);
  const same = [...forum.outputs.map((o) => o.wall), forum.typst?.fpWall].filter((x) => x !== undefined);
  if (forum.outputs.length === 1 && same.some((x) => Math.abs(x - forum.all.wall) > 0.2))
    out.push(`  The booklet is this forum's only output, so the booklet-only medians (${same.map(fmtS).join(', ')}) measure the same build: ` +
      'the spread is the machine\'s load, and the limit is met only while the machine is not busy with other work.');
  if (forum.typst) {
    const ratio = forum.typst.fpWall / forum.typst.wall;
    out.push(`- This forum's booklet against Typst: ${ratio.toFixed(1)}× Typst's time (limit 2×): ${mark(ratio <= 2)}.`);
  }
  const booklet = forum.outputs.find((o) => o.output === 'program.pdf');
  if (booklet) out.push(`- This forum's booklet: ${fmtKB(booklet.bytes)} (limit 400 KB): ${mark(booklet.bytes <= 400 * 1024)}.`);
  const big = rows.find((r) => r.size.startsWith('1,000'));
  if (big) {
    const b = big.outputs.find((o) => o.output === 'program.pdf');
    const docs = big.documents;
    out.push(`- 1,000 talks: booklet (${b.pages} pages) ${fmtS(b.wall)}; the program's documents (booklet, its archival and print copies, signs) ` +
      `${fmtS(docs.wall)} (limit 15 s): ${mark(docs.wall <= 15)}, peak RSS ${Math.round(docs.rss)} MiB (limit 1,024 MiB): ${mark(docs.rss <= 1024)}. ` +
      `With the 10,000 badges too (their own target below): ${fmtS(big.all.wall)}, peak RSS ${Math.round(big.all.rss)} MiB.`);
    const badges = big.outputs.find((o) => /badge/.test(o.output));
    const small = rows[1]?.outputs.find((o) => badges && o.output === badges.output);
    if (badges && small) out.push(`- 10,000 badges: ${fmtS(badges.wall)} (limit 30 s): ${mark(badges.wall <= 30)}; peak RSS ${Math.round(small.rss)} MiB for 1,000 ` +
      `attendees, ${Math.round(badges.rss)} MiB for 10,000 (flat would be about equal).`);
    else out.push('- 10,000 badges: the build writes no badges output yet (branch `signs`); the harness measures it, and its memory at 1,000 and 10,000 attendees, as soon as it does.');
  } else out.push('- 1,000 talks and 10,000 badges: not measured in quick mode.');
  const w = median(watched.latencies);
  out.push(`- \`build --watch\`, one abstract edited: ${fmtS(w)} from the write to the rebuilt booklet (limit 1 s): ${mark(w <= 1)}. ` +
    'Outputs whose inputs did not change are not rendered or written (test/watch.test.ts).');
  return out;
}
