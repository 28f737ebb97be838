// The shaping cache after a big conference (issue 12): this forum's build, all outputs, with no
// cache, with a cache only this forum built, and with the cache a big conference's build left in
// the same folder (one install, several projects). A big cache must cost the small build nothing.
// Used by run.mjs; `node bench/shaping-cache.mjs BIG_CONTENT [RUNS]` prints the table alone.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };

/** Builds `big` once into a cache folder, then times this forum's builds interleaved with each cache; `timed(cmd, args, env)` gives { wall, cpu, rss }. */
export function measureShapingCache({ root, templates, work, timed, big, runs = 3 }) {
  const cli = join(root, 'bin', 'forumpress.js');
  const build = (content, out) => [cli, 'build', '--content', content, '--templates', templates, '--out', join(work, out)];
  const forum = build(join(root, 'content'), 'forum-out');
  const own = join(work, 'cache-own');
  const shared = join(work, 'cache-big');
  for (const dir of [own, shared]) rmSync(dir, { recursive: true, force: true });
  const env = (extra) => ({ ...process.env, ...extra });
  // Filled once, untimed: the big conference, then the forum's first build in each folder.
  timed(process.execPath, build(big, 'big-out'), env({ FORUMPRESS_CACHE_DIR: shared }));
  timed(process.execPath, forum, env({ FORUMPRESS_CACHE_DIR: shared }));
  timed(process.execPath, forum, env({ FORUMPRESS_CACHE_DIR: own }));
  const cases = [
    ['no cache', env({ FORUMPRESS_NO_CACHE: '1' })],
    ['its own cache', env({ FORUMPRESS_CACHE_DIR: own })],
    ['after the big conference', env({ FORUMPRESS_CACHE_DIR: shared })],
  ];
  const samples = cases.map(() => []);
  for (let i = 0; i < runs; i++) cases.forEach(([, e], k) => samples[k].push(timed(process.execPath, forum, e)));
  const du = (dir) => Number(spawnSync('du', ['-sb', dir], { encoding: 'utf8' }).stdout.split('\t')[0]);
  return {
    bytes: { own: du(own), shared: du(shared) },
    rows: cases.map(([label], k) => ({ label, wall: median(samples[k].map((s) => s.wall)), cpu: median(samples[k].map((s) => s.cpu)), all: samples[k].map((s) => s.wall) })),
  };
}

/** The table's lines, each case against the forum's own cache. */
export function shapingCacheLines({ bytes, rows }, bigName) {
  const mb = (b) => `${(b / 1048576).toFixed(1)} MB`;
  const own = rows.find((r) => r.label === 'its own cache');
  const lines = [`This forum's build (all outputs), interleaved runs; the cache folder holds ${mb(bytes.own)} when only this forum built into it,`,
    `${mb(bytes.shared)} after ${bigName} and this forum (each project reads its own files; the shared ones seed a project's first build).`, '',
    '| cache | wall time | CPU time | wall against its own cache | all runs (wall) |', '|---|---:|---:|---:|---|'];
  for (const r of rows) lines.push(`| ${r.label} | ${r.wall.toFixed(2)} s | ${r.cpu.toFixed(2)} s | ${(r.wall / own.wall).toFixed(2)}× | ${r.all.map((w) => w.toFixed(2)).join(', ')} |`);
  return lines;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = join(fileURLToPath(import.meta.url), '..', '..');
  const work = join(root, 'bench', '.work', 'shaping-cache');
  const timed = (cmd, args, env) => {
    const started = process.hrtime.bigint();
    const run = spawnSync('/usr/bin/time', ['-f', '%M %U %S', cmd, ...args], { encoding: 'utf8', env });
    if (run.status !== 0) throw new Error(run.stderr);
    const [kb, user, sys] = run.stderr.trim().split('\n').pop().split(' ').map(Number);
    return { wall: Number(process.hrtime.bigint() - started) / 1e9, cpu: user + sys, rss: kb / 1024 };
  };
  const result = measureShapingCache({ root, templates: join(root, 'templates'), work, timed, big: process.argv[2], runs: Number(process.argv[3] ?? 3) });
  console.log(shapingCacheLines(result, process.argv[2]).join('\n'));
}
