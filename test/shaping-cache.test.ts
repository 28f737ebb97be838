import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './helpers/build.js';
import { compiledSrc } from './helpers/compiled.js';
import { builtinFonts } from '../src/fonts/fonts.js';
import { useShapingCache, type ShapableFont } from '../src/fonts/shaping-cache.js';
import { forgetShapingStores, saveShapingCaches, setShapingProject } from '../src/fonts/shaping-store.js';

const require = createRequire(import.meta.url);
const fontkit = require('fontkit');

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const temp = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));
const cacheFiles = (dir: string) => readdirSync(dir).filter((f) => /^shaping-.*\.json$/.test(f)).sort();

/** What pdfkit reads of a run: glyph ids, their code points (ToUnicode) and advances, the positions, the width. */
function seen(run: any) {
  return {
    glyphs: run.glyphs.map((g: any) => [g.id, [...g.codePoints], g.advanceWidth]),
    positions: run.positions.map((p: any) => [p.xAdvance, p.yAdvance, p.xOffset, p.yOffset]),
    advanceWidth: run.advanceWidth,
  };
}

/** How many times fontkit's layout engine shaped a text, per font counted (countedFont). */
const shaped = new WeakMap<object, { calls: number }>();
let engineCounted = false;

/** A fresh parse of Noto Serif SC whose real shaping (fontkit's layout engine at work) is counted. */
function countedFont(bytes: Buffer, hooked: boolean) {
  const font = fontkit.create(bytes);
  if (!engineCounted) {
    // The engine's prototype, from a font of its own (fontkit keeps one engine per font).
    const engine = Object.getPrototypeOf(fontkit.create(bytes)._layoutEngine);
    const layout = engine.layout;
    engine.layout = function (this: { font: object }, ...args: unknown[]) {
      const counter = shaped.get(this.font);
      if (counter) counter.calls++;
      return layout.apply(this, args);
    };
    engineCounted = true;
  }
  const counter = { calls: 0 };
  shaped.set(font, counter);
  if (hooked) useShapingCache(font as ShapableFont, bytes);
  return { font, counter };
}

describe('the shaping cache, one font at a time', () => {
  const env = { ...process.env };
  afterEach(() => {
    process.env = { ...env };
    forgetShapingStores();
  });
  const bytes = builtinFonts().families.serif.normal.bytes();
  const texts = ['Neural ', 'networks.', 'office', '（一）', '神经网络', '“Hi,” ', 'ﬁ AV Wa'];

  it('answers a later process from disk with what fontkit gives, without running its OpenType pipeline', () => {
    process.env.FORUMPRESS_CACHE_DIR = temp('fp-shape-');
    const first = countedFont(bytes, true);
    for (const t of texts) first.font.layout(t);
    expect(first.counter.calls).toBe(texts.length);
    saveShapingCaches();
    expect(cacheFiles(process.env.FORUMPRESS_CACHE_DIR)).toHaveLength(1);
    forgetShapingStores(); // as a new process would

    const warm = countedFont(bytes, true);
    const plain = countedFont(bytes, false);
    const plainGlyphs = texts.filter((t) => t !== 'office');
    for (const t of plainGlyphs) expect(seen(warm.font.layout(t)), t).toEqual(seen(plain.font.layout(t)));
    expect(warm.counter.calls).toBe(0);
    expect(Object.keys(warm.font._tables)).not.toContain('GSUB');
    expect(Object.keys(warm.font._tables)).not.toContain('GPOS');
    // A run with a ligature ("ffi"): its glyph is checked against the font's own ligature
    // substitutions (GSUB type 4), which are read, not the rest of GSUB and GPOS shaping decodes.
    expect(seen(warm.font.layout('office'))).toEqual(seen(plain.font.layout('office')));
    expect(warm.font.layout('office').glyphs.length).toBe(4);
    expect(warm.counter.calls).toBe(0);
    expect(Object.keys(warm.font._tables)).not.toContain('GPOS');
  });

  it('shapes again a ligature entry altered to another glyph, or to other characters', () => {
    const file = cacheFile();
    const data = JSON.parse(readFileSync(file, 'utf8'));
    const font = fontkit.create(bytes);
    const ffi = font.layout('office').glyphs[1].id;
    const fl = font.layout('fl').glyphs[0].id;
    expect(fl).not.toBe(ffi);
    const entry = data.runs.office;
    // "office" printed with the fl ligature where ffi belongs; then the ffi glyph claimed to stand for "ffl".
    data.runs.office = [entry[0].map((c: any) => (c[0] === ffi ? [fl, c[1]] : c)), entry[1].map((id: number) => (id === ffi ? fl : id)), entry[2]];
    data.runs.offle = [entry[0].map((c: any) => (c[0] === ffi ? [ffi, [0x66, 0x66, 0x6c]] : c)), entry[1], entry[2]];
    writeFileSync(file, JSON.stringify(data));
    const warm = countedFont(bytes, true);
    const plain = countedFont(bytes, false);
    for (const t of ['office', 'offle']) expect(seen(warm.font.layout(t)), t).toEqual(seen(plain.font.layout(t)));
    expect(warm.counter.calls).toBe(2);
  });

  it('shapes again when a glyph was first made from another character (its code points go into ToUnicode)', () => {
    process.env.FORUMPRESS_CACHE_DIR = temp('fp-shape-');
    const first = countedFont(bytes, true);
    first.font.layout('一二'); // U+4E00 makes the glyph it shares with U+2F00 (⼀)
    saveShapingCaches();
    forgetShapingStores();

    const warm = countedFont(bytes, true);
    const plain = countedFont(bytes, false);
    for (const { font } of [warm, plain]) font.glyphForCodePoint(0x2f00);
    const run = seen(warm.font.layout('一二'));
    expect(run).toEqual(seen(plain.font.layout('一二')));
    expect(run.glyphs[0][1]).toEqual([0x2f00]);
    expect(warm.counter.calls).toBe(1);
  });

  it('reads a damaged file as an empty one', () => {
    process.env.FORUMPRESS_CACHE_DIR = temp('fp-shape-');
    const first = countedFont(bytes, true);
    for (const t of texts) first.font.layout(t);
    saveShapingCaches();
    forgetShapingStores();
    const file = join(process.env.FORUMPRESS_CACHE_DIR, cacheFiles(process.env.FORUMPRESS_CACHE_DIR)[0]);
    const data = JSON.parse(readFileSync(file, 'utf8'));
    // Same header, runs of the wrong shape: each is checked before use.
    for (const [i, t] of texts.entries()) data.runs[t] = [[[1, ['x']]], [1], [0, 0, 0, 0]].slice(0, i % 3 + 1);
    writeFileSync(file, JSON.stringify(data));
    const warm = countedFont(bytes, true);
    const plain = countedFont(bytes, false);
    for (const t of texts) expect(seen(warm.font.layout(t)), t).toEqual(seen(plain.font.layout(t)));
    expect(warm.counter.calls).toBe(texts.length);
  });

  /** Makes the cache file of the serif face, then hands its path (the store forgotten, as a new process would). */
  const cacheFile = () => {
    process.env.FORUMPRESS_CACHE_DIR = temp('fp-shape-');
    const first = countedFont(bytes, true);
    for (const t of texts) first.font.layout(t);
    saveShapingCaches();
    forgetShapingStores();
    return join(process.env.FORUMPRESS_CACHE_DIR, cacheFiles(process.env.FORUMPRESS_CACHE_DIR)[0]);
  };

  it('opens only a regular file: a FIFO (which would block) or a link to /dev/zero (which never ends) is an empty cache', () => {
    for (const make of [(path: string) => execFileSync('mkfifo', [path]), (path: string) => symlinkSync('/dev/zero', path)]) {
      const file = cacheFile();
      rmSync(file);
      make(file);
      const warm = countedFont(bytes, true);
      const plain = countedFont(bytes, false);
      for (const t of texts) expect(seen(warm.font.layout(t)), t).toEqual(seen(plain.font.layout(t)));
      expect(warm.counter.calls).toBe(texts.length);
      forgetShapingStores();
    }
  });

  it('drops entries with absurd positions, glyph ids or code points, and shapes those texts as without a cache', () => {
    const file = cacheFile();
    const data = JSON.parse(readFileSync(file, 'utf8'));
    const damage = [
      (run: any) => { run[2][0] = 1e300; },
      (run: any) => { run[2][1] = -5e6; },
      (run: any) => { run[1][0] = 70_000; run[0][0][0] = 70_000; },
      (run: any) => { run[0][0][1] = [0x110000]; },
      (run: any) => { run[1].push(run[1][0]); run[2].push(0, 0, 0, 0); },
      (run: any) => { run[1].pop(); run[2].length -= 4; },
      (run: any) => { run[0] = []; },
    ];
    const stored = texts.filter((t) => data.runs[t]);
    expect(stored.length).toBe(texts.length);
    for (const [i, t] of stored.entries()) damage[i % damage.length](data.runs[t]);
    writeFileSync(file, JSON.stringify(data));
    const warm = countedFont(bytes, true);
    const plain = countedFont(bytes, false);
    for (const t of texts) expect(seen(warm.font.layout(t)), t).toEqual(seen(plain.font.layout(t)));
    expect(warm.counter.calls).toBe(texts.length);
  });

  it('an entry altered to other glyphs (and their characters) cannot change what is printed nor the text layer', () => {
    const file = cacheFile();
    const data = JSON.parse(readFileSync(file, 'utf8'));
    // "神经网络" made to print and copy as "（一）" plus one more glyph, and "Neural " as "networ": well-formed entries.
    const other = (text: string, like: string) => {
      const donor = data.runs[like];
      data.runs[text] = [donor[0], donor[1].slice(0, [...text].length), donor[2].slice(0, 4 * [...text].length)];
    };
    other('神经网络', '（一）');
    other('Neural ', 'networks.');
    const font = fontkit.create(bytes);
    const gid = (ch: string) => font.glyphForCodePoint(ch.codePointAt(0)).id;
    // And one that claims its glyphs stand for its own characters: the glyph ids of "HELLO" for the text "Wa".
    data.runs['ﬁ AV Wa'] = [[...'HELLO W'].map((c, i) => [gid(c), [[...'ﬁ AV Wa'][i].codePointAt(0)]]), [...'HELLO W'].map(gid), data.runs['ﬁ AV Wa'][2]];
    writeFileSync(file, JSON.stringify(data));
    const warm = countedFont(bytes, true);
    const plain = countedFont(bytes, false);
    for (const t of ['神经网络', 'Neural ', 'ﬁ AV Wa']) expect(seen(warm.font.layout(t)), t).toEqual(seen(plain.font.layout(t)));
    expect(warm.counter.calls).toBe(3);
  });

  it('keeps only what the last build used once the file passes its size limit', () => {
    process.env.FORUMPRESS_CACHE_DIR = temp('fp-shape-');
    const first = countedFont(bytes, true);
    for (const t of texts) first.font.layout(t);
    saveShapingCaches();
    forgetShapingStores();
    const second = countedFont(bytes, true);
    second.font.layout('Neural ');
    second.font.layout('brain');
    saveShapingCaches(1_000); // far below the two files' sizes
    const file = join(process.env.FORUMPRESS_CACHE_DIR, cacheFiles(process.env.FORUMPRESS_CACHE_DIR)[0]);
    expect(Object.keys(JSON.parse(readFileSync(file, 'utf8')).runs).sort()).toEqual(['Neural ', 'brain']);
  });
});

describe('a cache per project', () => {
  afterEach(() => {
    setShapingProject(undefined);
    delete process.env.FORUMPRESS_CACHE_DIR;
    forgetShapingStores();
  });
  const bytes = builtinFonts().families.serif.normal.bytes();
  /** Shapes `texts` as a build of `project` would (a new process each time); how many fontkit had to shape. */
  const buildOfProject = (project: string, texts: string[]) => {
    forgetShapingStores();
    setShapingProject(project);
    const { font, counter } = countedFont(bytes, true);
    for (const t of texts) font.layout(t);
    saveShapingCaches();
    return counter.calls;
  };
  const runsIn = (dir: string, file: string) => Object.keys(JSON.parse(readFileSync(join(dir, file), 'utf8')).runs).sort();

  it('a small project reads its own file, not what a big one left; a first build starts from the shared file', () => {
    const dir = temp('fp-shape-');
    process.env.FORUMPRESS_CACHE_DIR = dir;
    const big = ['Neural ', 'networks ', 'attractor ', '神经网络'];
    expect(buildOfProject('/conferences/big', big)).toBe(4);
    const [shared, ...own] = cacheFiles(dir).sort((a, b) => a.length - b.length);
    expect(own).toHaveLength(1);
    expect(runsIn(dir, shared)).toEqual([...big].sort());
    // The forum's first build: served from the shared file, and adding what it shaped to it.
    expect(buildOfProject('/forum', ['Neural ', '吸引子'])).toBe(1);
    expect(runsIn(dir, shared)).toEqual([...big, '吸引子'].sort());
    const forumFile = cacheFiles(dir).find((f) => f !== shared && !own.includes(f))!;
    expect(runsIn(dir, forumFile)).toEqual(['Neural ', '吸引子'].sort());
    // Later builds of the forum read its own file only: the shared one may be anything.
    writeFileSync(join(dir, shared), JSON.stringify({ header: {}, runs: {} }));
    expect(buildOfProject('/forum', ['Neural ', '吸引子'])).toBe(0);
    expect(buildOfProject('/forum', ['Neural ', 'sampling '])).toBe(1);
    expect(runsIn(dir, forumFile)).toEqual(['Neural ', 'sampling ', '吸引子'].sort());
    // ... and the big conference's own file is not the forum's.
    expect(buildOfProject('/conferences/big', ['吸引子', ...big])).toBe(1);
  });
});

describe('the cache folder', () => {
  afterEach(() => forgetShapingStores());

  it('drops the oldest files of fonts not in use past 32 MB, and temporary files left behind', () => {
    const dir = temp('fp-shape-');
    process.env.FORUMPRESS_CACHE_DIR = dir;
    const old = (name: string, bytes: number, hoursAgo: number) => {
      writeFileSync(join(dir, name), Buffer.alloc(bytes, 32));
      const when = Date.now() / 1000 - hoursAgo * 3600;
      utimesSync(join(dir, name), when, when);
    };
    const fake = (i: number) => `shaping-${String(i).repeat(32)}.json`;
    for (let i = 1; i <= 5; i++) old(fake(i), 7_000_000, 10 * i); // 35 MB, fake(5) the oldest
    old(`${fake(1)}.0b7d3a52-9c1e-4f7e-8a51-2f6c1d9e4b01.tmp`, 10, 2);
    old(`${fake(2)}.5e2f8c10-3a4b-4c6d-9e7f-1a2b3c4d5e6f.tmp`, 10, 0);
    old('notes.txt', 10, 100);
    const serif = builtinFonts().families.serif.normal.bytes();
    const font = fontkit.create(serif);
    useShapingCache(font as ShapableFont, serif);
    font.layout('Neural');
    saveShapingCaches();
    delete process.env.FORUMPRESS_CACHE_DIR;
    expect([1, 2, 3, 4].map((i) => existsSync(join(dir, fake(i))))).toEqual([true, true, true, true]);
    expect(existsSync(join(dir, fake(5)))).toBe(false);
    expect(existsSync(join(dir, `${fake(1)}.0b7d3a52-9c1e-4f7e-8a51-2f6c1d9e4b01.tmp`))).toBe(false);
    expect(existsSync(join(dir, `${fake(2)}.5e2f8c10-3a4b-4c6d-9e7f-1a2b3c4d5e6f.tmp`))).toBe(true);
    expect(existsSync(join(dir, 'notes.txt'))).toBe(true);
    expect(cacheFiles(dir).filter((f) => !/^shaping-(\d)\1+\.json$/.test(f))).toHaveLength(1);
  });
});

/** The CLI compiled from the current src/, inside the repo (in the ignored .vitest/) so packages resolve. */
let cli: string;

beforeAll(() => {
  const dist = compiledSrc();
  // A script file, not `node -e`: worker threads inherit the options of their process.
  cli = join(dist, 'run-cli.mjs');
  const script = 'import { main } from "./cli.js";\nmain(process.argv.slice(2)).then((code) => { process.exitCode = code; });\n';
  if (!existsSync(cli)) writeFileSync(cli, script);
});

/** Runs `forumpress build` of the real forum (or of `content`) in its own process; returns the exit code, output and the files' digests. */
function buildWith(env: Record<string, string>, ...args: string[]) {
  return buildOf(join(ROOT, 'content'), env, ...args);
}

function buildOf(content: string, env: Record<string, string>, ...args: string[]) {
  const out = temp('fp-out-');
  const run = spawnSync(process.execPath, [cli, 'build',
    '--content', content, '--templates', join(ROOT, 'templates'), '--out', out, ...args],
  { cwd: tmpdir(), env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8' });
  const files = Object.fromEntries(readdirSync(out).sort().map((f) => [f, sha(readFileSync(join(out, f)))]));
  return { status: run.status, output: `${run.stdout}${run.stderr}`, files };
}

describe('builds with a shaping cache', () => {
  it('write the same bytes with an empty cache, a warm one and none; a warm build rewrites nothing', () => {
    const dir = temp('fp-cache-');
    // Three documents that use every face locally; every output when CI runs the thorough tests.
    const some = process.env.FORUMPRESS_THOROUGH ? [] : ['--output', 'program.pdf', '--output', 'signs.pdf', '--output', 'badges.pdf'];
    const cold = buildWith({ FORUMPRESS_CACHE_DIR: dir }, ...some);
    expect(cold.status, cold.output).toBe(0);
    const files = cacheFiles(dir);
    expect(files.length).toBeGreaterThanOrEqual(4); // serif and sans SC, regular and bold
    const written = files.map((f) => statSync(join(dir, f)).mtimeMs);
    const warm = buildWith({ FORUMPRESS_CACHE_DIR: dir }, ...some);
    expect(warm.status, warm.output).toBe(0);
    expect(cacheFiles(dir)).toEqual(files);
    expect(files.map((f) => statSync(join(dir, f)).mtimeMs)).toEqual(written);
    const none = buildWith({ FORUMPRESS_NO_CACHE: '1', FORUMPRESS_CACHE_DIR: dir }, ...some);
    expect(Object.keys(cold.files)).toEqual(some.length ? ['badges.pdf', 'program.pdf', 'signs.pdf']
      : ['badges.pdf', 'certificates.pdf', 'program-archival.pdf', 'program-print.pdf', 'program.html', 'program.ics', 'program.pdf', 'schedule-phone.pdf', 'signin.pdf', 'signs.pdf', 'tents.pdf']);
    expect(warm.files).toEqual(cold.files);
    expect(none.files).toEqual(cold.files);

    // Truncated and garbage files: the build shapes as if there were none, and mends them.
    for (const [i, f] of files.entries()) {
      const path = join(dir, f);
      writeFileSync(path, i % 2 ? readFileSync(path).subarray(0, 5000) : 'not json at all');
    }
    const corrupt = buildWith({ FORUMPRESS_CACHE_DIR: dir }, '--output', 'program.pdf');
    expect(corrupt.status, corrupt.output).toBe(0);
    expect(corrupt.files['program.pdf']).toBe(cold.files['program.pdf']);
    for (const f of files) expect(() => JSON.parse(readFileSync(join(dir, f), 'utf8'))).not.toThrow();

    // Altered files: each run swapped with another text's of the same length, or given absurd positions.
    // The build neither stops (no error[render]) nor prints anything but its own text.
    for (const f of files) {
      const path = join(dir, f);
      const data = JSON.parse(readFileSync(path, 'utf8'));
      const texts = Object.keys(data.runs);
      const swapped: Record<string, unknown> = {};
      for (const [i, t] of texts.entries()) {
        const other = texts.find((u, j) => j !== i && [...u].length === [...t].length);
        swapped[t] = other ? data.runs[other] : [data.runs[t][0], data.runs[t][1], data.runs[t][2].map(() => 1e300)];
      }
      writeFileSync(path, JSON.stringify({ ...data, runs: swapped }));
    }
    const altered = buildWith({ FORUMPRESS_CACHE_DIR: dir }, '--output', 'program.pdf');
    expect(altered.status, altered.output).toBe(0);
    expect(altered.files['program.pdf']).toBe(cold.files['program.pdf']);
  });

  it('build normally when the cache cannot be written', () => {
    // A folder below a plain file cannot be made, whoever runs the build.
    const file = join(temp('fp-cache-'), 'file');
    writeFileSync(file, 'x');
    const run = buildWith({ FORUMPRESS_CACHE_DIR: join(file, 'cache') }, '--output', 'program.pdf');
    expect(run.status, run.output).toBe(0);
    expect(run.output).not.toMatch(/ENOTDIR|EEXIST|internal error/);
    const none = buildWith({ FORUMPRESS_NO_CACHE: '1' }, '--output', 'program.pdf');
    expect(run.files).toEqual(none.files);
  });

  // Slow (a bundle or worker threads of its own): in CI's thorough run (FORUMPRESS_THOROUGH=1).
  it.skipIf(!process.env.FORUMPRESS_THOROUGH)('keep what the badge worker threads shaped', () => {
    const dir = temp('fp-many-');
    cpSync(join(ROOT, 'content'), join(dir, 'content'), { recursive: true });
    // Two chunks of 250 badges, rendered on worker threads; affiliations in Latin words.
    const rows = Array.from({ length: 260 }, (_, i) => `M${i + 1},测试${i + 1}号,,Lab ${i + 1} of Things,attendee`);
    writeFileSync(join(dir, 'content', 'attendees.csv'), `id,name,name_en,affiliation,role\n${rows.join('\n')}\n`);
    const cache = temp('fp-cache-');
    const cold = buildOf(join(dir, 'content'), { FORUMPRESS_CACHE_DIR: cache }, '--output', 'badges.pdf');
    expect(cold.status, cold.output).toBe(0);
    // pdfkit shapes word by word, with the space: only the workers drew the affiliations.
    const runs = cacheFiles(cache).flatMap((f) => Object.keys(JSON.parse(readFileSync(join(cache, f), 'utf8')).runs));
    expect(runs).toContain('Things');
    expect(runs).toContain('Lab ');
    const warm = buildOf(join(dir, 'content'), { FORUMPRESS_CACHE_DIR: cache }, '--output', 'badges.pdf');
    const none = buildOf(join(dir, 'content'), { FORUMPRESS_NO_CACHE: '1' }, '--output', 'badges.pdf');
    expect(warm.files).toEqual(cold.files);
    expect(none.files).toEqual(cold.files);
  });
});
