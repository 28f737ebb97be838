import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from '../src/build.js';
import { ROOT, buildRealForum, realSources } from './helpers/build.js';
import { pdfinfo } from './helpers/tools.js';
import { compiledSrc } from './helpers/compiled.js';

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const hashes = (outputs: Map<string, Uint8Array>) => Object.fromEntries([...outputs].map(([name, b]) => [name, sha(b)]).sort());

/** The CLI compiled from the current src/ (not a possibly stale dist/), inside the repo so packages resolve. */
let cli: string;

/** Runs `forumpress build` in its own process, from another folder; returns the exit code, output and files. */
function buildInProcess(env: Record<string, string>) {
  const out = mkdtempSync(join(tmpdir(), 'fp-out-'));
  const script = `import(${JSON.stringify(cli)}).then((m) => m.main(process.argv.slice(1))).then((code) => { process.exitCode = code; })`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script, 'build',
    '--content', join(ROOT, 'content'), '--templates', join(ROOT, 'templates'), '--out', out],
  { cwd: tmpdir(), env: { PATH: process.env.PATH ?? '', FORUMPRESS_CACHE_DIR: process.env.FORUMPRESS_CACHE_DIR ?? '', ...env }, encoding: 'utf8' });
  const files = new Map(readdirSync(out).map((f) => [f, readFileSync(join(out, f))] as const));
  return { status: run.status, output: `${run.stdout}${run.stderr}`, files };
}

beforeAll(() => {
  cli = join(compiledSrc(), 'cli.js');
});

describe('reproducible builds', () => {
  // The second build shares the first's fonts, glyphs and shaped text (src/fonts/): it must not change a byte.
  it('give byte-identical PDFs when built twice in one process', async () => {
    const first = await build(realSources());
    const second = await build(realSources());
    expect(Object.keys(hashes(first.outputs))).toEqual(['badges.pdf', 'certificates.pdf', 'program-archival.pdf', 'program-print.pdf', 'program.html', 'program.ics', 'program.pdf', 'schedule-phone.pdf', 'signin.pdf', 'signs.pdf', 'tents.pdf']);
    expect(hashes(second.outputs)).toEqual(hashes(first.outputs));
  });

  it('give the same bytes in separate processes, whatever the time zone and locale', async () => {
    const here = hashes((await buildRealForum()).outputs);
    // One other zone and locale locally; both in CI's thorough run.
    const zones = [{ TZ: 'America/Los_Angeles', LANG: 'C' }, ...(process.env.FORUMPRESS_THOROUGH ? [{ TZ: 'Asia/Shanghai', LANG: 'zh_CN.UTF-8' }] : [])];
    for (const env of zones) {
      const run = buildInProcess(env);
      expect(run.status, run.output).toBe(0);
      expect(hashes(run.files)).toEqual(here);
    }
  });

  it('take their date from SOURCE_DATE_EPOCH when it is set, and refuse a malformed one', () => {
    const run = buildInProcess({ SOURCE_DATE_EPOCH: '1700000000' });
    expect(run.status, run.output).toBe(0);
    for (const [name, bytes] of run.files) {
      if (name.endsWith('.pdf')) expect(pdfinfo(bytes).CreationDate).toMatch(/Nov 14 22:13:20 2023 UTC/);
    }
    expect(run.files.get('program.ics')!.toString()).toContain('DTSTAMP:20231114T221320Z');
    const bad = buildInProcess({ SOURCE_DATE_EPOCH: 'yesterday' });
    expect(bad.status).toBe(2);
    expect(bad.output).toContain('SOURCE_DATE_EPOCH must be whole seconds');
    expect(bad.files.size).toBe(0);
  });
});
