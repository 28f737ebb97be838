import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './helpers/build.js';
import { compiledSrc } from './helpers/compiled.js';

// bin/forumpress.js runs the one-file bundle (scripts/bundle.mjs) through bin/load-cli.js,
// with a V8 code cache. Here a fresh compile of src/ is bundled, and what it prints must be
// what the plain compiled modules print.
const dist = join(ROOT, 'node_modules', '.cache', 'forumpress-bundle-test');
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Runs `forumpress build` through bin/load-cli.js on the test's dist/; returns status, output, file digests. */
function run(env: Record<string, string> = {}) {
  const out = mkdtempSync(join(tmpdir(), 'fp-bundle-'));
  const script = `import(${JSON.stringify(join(ROOT, 'bin', 'load-cli.js'))}).then(async ({ loadCli }) => {
    const { cli, done } = await loadCli(${JSON.stringify(dist)});
    process.exitCode = await cli.main(process.argv.slice(1));
    done();
  })`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script, 'build',
    '--content', join(ROOT, 'content'), '--templates', join(ROOT, 'templates'), '--out', out],
  { cwd: tmpdir(), env: { PATH: process.env.PATH ?? '', FORUMPRESS_CACHE_DIR: process.env.FORUMPRESS_CACHE_DIR ?? '', ...env }, encoding: 'utf8' });
  const files = Object.fromEntries(readdirSync(out).map((f) => [f, sha(readFileSync(join(out, f)))]));
  rmSync(out, { recursive: true, force: true });
  return { status: r.status, output: `${r.stdout}${r.stderr}`, files };
}

const caches = () => readdirSync(join(dist, 'bundle')).filter((f) => f.endsWith('.v8cache'));
let plainRun: ReturnType<typeof run> | undefined;
/** The build by the plain compiled modules (FORUMPRESS_NO_BUNDLE), which every test compares with: made once. */
const plainBuild = () => (plainRun ??= run({ FORUMPRESS_NO_BUNDLE: '1' }));

beforeAll(() => {
  rmSync(dist, { recursive: true, force: true });
  // A copy of the compiled modules: the bundle and its code cache are written next to them.
  cpSync(compiledSrc(), dist, { recursive: true });
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'bundle.mjs'), dist]);
});

describe('the bundled CLI', () => {
  it('writes the same PDFs as the plain compiled modules, and keeps a code cache for the next start', () => {
    const plain = plainBuild();
    expect(plain.status).toBe(0);
    expect(caches()).toEqual([]);
    const bundled = run();
    expect(bundled.status, bundled.output).toBe(0);
    expect(Object.keys(bundled.files).sort()).toEqual(['badges.pdf', 'certificates.pdf', 'program-archival.pdf', 'program-print.pdf', 'program.html', 'program.ics', 'program.pdf', 'schedule-phone.pdf', 'signin.pdf', 'signs.pdf', 'tents.pdf']);
    expect(bundled.files).toEqual(plain.files);
    expect(caches()).toHaveLength(1);
    const warm = run();
    expect(warm.files).toEqual(plain.files);
  });

  // Slow (a bundle or worker threads of its own): in CI's thorough run (FORUMPRESS_THOROUGH=1).
  it.skipIf(!process.env.FORUMPRESS_THOROUGH)('runs correctly from a damaged code cache, and replaces it', () => {
    run();
    const [cache] = caches();
    const damaged = readFileSync(join(dist, 'bundle', cache!));
    damaged.fill(7, 64, 4096);
    writeFileSync(join(dist, 'bundle', cache!), damaged);
    const plain = plainBuild();
    const r = run();
    expect(r.status, r.output).toBe(0);
    expect(r.files).toEqual(plain.files);
    expect(readFileSync(join(dist, 'bundle', cache!)).equals(damaged)).toBe(false);
  });

  // Slow (a bundle or worker threads of its own): in CI's thorough run (FORUMPRESS_THOROUGH=1).
  it.skipIf(!process.env.FORUMPRESS_THOROUGH)('runs the plain modules when the bundle is half made or does not load', () => {
    const plain = plainBuild();
    const id = join(dist, 'bundle', 'cli.id');
    const bundle = join(dist, 'bundle', 'cli.js');
    const source = readFileSync(bundle);
    renameSync(id, `${id}.away`);
    try {
      const r = run();
      expect(r.status, r.output).toBe(0);
      expect(r.files).toEqual(plain.files);
    } finally {
      renameSync(`${id}.away`, id);
    }
    writeFileSync(bundle, source.subarray(0, 4096));
    try {
      const r = run();
      expect(r.status, r.output).toBe(0);
      expect(r.output).not.toMatch(/internal error|SyntaxError/);
      expect(r.files).toEqual(plain.files);
    } finally {
      writeFileSync(bundle, source);
    }
  });
});
