// A real schedule export, imported and built: `node bench/real-export.mjs FILE [RUNS]` (e.g. the 36C3
// everything.schedule.xml, kept outside the repository: its licence is not stated). Fetches nothing.
// Prints the import's and the build's wall and CPU time, peak RSS, and glyphs drawn as id 0 per PDF.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const [file, runs = '1'] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/real-export.mjs FILE [RUNS]');
  process.exit(2);
}
const work = join(root, 'bench', '.work', 'real-export');
const content = join(work, 'content');
const cli = join(root, 'bin', 'forumpress.js');

/** One command under /usr/bin/time: wall and CPU seconds, peak RSS in MiB. */
function timed(args) {
  const stats = join(work, 'time.txt');
  const started = process.hrtime.bigint();
  const run = spawnSync('/usr/bin/time', ['-f', '%M %U %S', '-o', stats, process.execPath, cli, ...args], { encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status !== 0) throw new Error(`forumpress ${args[0]} failed:\n${run.stderr.slice(-3000)}`);
  const [kb, user, sys] = readFileSync(stats, 'utf8').trim().split('\n').pop().split(' ').map(Number);
  return { wall, cpu: user + sys, rss: kb / 1024 };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const line = (label, samples) => `${label}: wall ${median(samples.map((s) => s.wall)).toFixed(2)} s, CPU ${median(samples.map((s) => s.cpu)).toFixed(2)} s, peak RSS ${Math.round(Math.max(...samples.map((s) => s.rss)))} MiB (${samples.length} run(s))`;

rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const imports = [];
for (let i = 0; i < Number(runs); i++) {
  rmSync(content, { recursive: true, force: true });
  imports.push(timed(['import', file, '--content', content]));
}
// No export names the venue; the build needs one.
const forum = join(content, 'forum.yaml');
writeFileSync(forum, readFileSync(forum, 'utf8').replace(/^venue:.*$/m, 'venue: (bench)'));
const builds = [];
for (let i = 0; i < Number(runs); i++) builds.push(timed(['build', '--content', content, '--out', join(work, 'out')]));
console.log(line('import', imports));
console.log(line('build, all outputs', builds));

// Glyph id 0 (.notdef, the empty box) in every PDF, counted as test/helpers/notdef.ts does.
const { getDocument, OPS } = await import('pdfjs-dist/legacy/build/pdf.mjs');
for (const pdf of readdirSync(join(work, 'out')).filter((f) => f.endsWith('.pdf')).sort()) {
  const doc = await getDocument({ data: new Uint8Array(readFileSync(join(work, 'out', pdf))), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  let glyphs = 0;
  let notdef = 0;
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const ops = await page.getOperatorList();
    for (let i = 0; i < ops.fnArray.length; i++) {
      if (ops.fnArray[i] !== OPS.showText) continue;
      for (const g of ops.argsArray[i][0]) if (g && typeof g === 'object') (glyphs++, g.originalCharCode === 0 && notdef++);
    }
    page.cleanup();
  }
  console.log(`${pdf}: ${doc.numPages} pages, ${glyphs} glyphs, ${notdef} drawn as id 0`);
  await doc.destroy();
}
