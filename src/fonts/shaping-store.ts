import { createHash, randomUUID } from 'node:crypto';
import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tableDirectory } from './sfnt.js';
import { isMainThread } from 'node:worker_threads';

const require = createRequire(import.meta.url);

/** Bump when the stored form of a run changes: files of another format are ignored. */
const FORMAT = 1;
/** A font's file past this size is started afresh with the runs of the current build only. */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

/** One getGlyph call fontkit made while shaping: glyph id, code points passed, and the glyph's code points when different. */
export type Call = [number, number[]] | [number, number[], number[]];
/** A shaped text as fontkit gave it: the getGlyph calls in order, the output glyph ids, and 4 numbers a glyph (x/y advance, x/y offset). */
export type StoredRun = [Call[], number[], number[]];

/** The stored runs of one font file, shared by every parsed copy of that font. */
export interface FontStore {
  runs: Map<string, StoredRun>;
  /** Texts looked up or shaped in this process: what is kept when the file grows too big. */
  used: Set<string>;
  /** Texts shaped in this thread since takeNewRuns: what a worker hands to the main thread. */
  fresh: string[];
  dirty: boolean;
  /** Where the runs are written: the project's own file when a project is set (setShapingProject), else the shared one. */
  file?: string;
  /** The file every project shares, read and grown only by a project's first build (see setShapingProject). */
  shared?: string;
  /** True when the runs came from the shared file (a project's first build): both files are written. */
  seeded: boolean;
  /** With a project: the texts of its own file (read from it, or written to it), to which what this build uses is added. */
  own?: Set<string>;
  header: Header;
}

interface Header {
  format: number;
  fontkit: string;
  pdfkit: string;
  font: string;
}

/** Where shaped runs are kept: FORUMPRESS_CACHE_DIR, else node_modules/.cache/forumpress of the forumpress folder; none with FORUMPRESS_NO_CACHE=1. */
export function cacheDir(): string | undefined {
  if (process.env.FORUMPRESS_NO_CACHE === '1') return undefined;
  if (process.env.FORUMPRESS_CACHE_DIR) return process.env.FORUMPRESS_CACHE_DIR;
  const root = packageRoot(dirname(fileURLToPath(import.meta.url)), 'forumpress');
  return root && join(root, 'node_modules', '.cache', 'forumpress');
}

/** The nearest folder at or above `dir` holding the package.json of `name`. */
function packageRoot(dir: string, name: string): string | undefined {
  for (let d = dir; ; d = dirname(d)) {
    try {
      if (JSON.parse(readFileSync(join(d, 'package.json'), 'utf8')).name === name) return d;
    } catch {
      // no package.json here, or not one we can read
    }
    if (dirname(d) === d) return undefined;
  }
}

let versions: { fontkit: string; pdfkit: string } | undefined;

/** fontkit's and pdfkit's versions (their package.json is not exported: found next to their entry file). */
function libraryVersions() {
  const version = (name: string) => {
    const root = packageRoot(dirname(require.resolve(name)), name);
    return root ? String(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version) : 'unknown';
  };
  return (versions ??= { fontkit: version('fontkit'), pdfkit: version('pdfkit') });
}

const OUTLINES = new Set(['glyf', 'loca', 'CFF ', 'CFF2']);

/**
 * What identifies a font for shaping, from its file's bytes: a hash of every table except the
 * glyph outlines (the tables shaping reads: cmap, GSUB, GPOS, GDEF, hmtx, kern, head with its
 * whole-file checksum…; ~0.3 MB of a 15 MB CJK font, hashed in under a millisecond), the file
 * size and the table directory. A font without GPOS positions marks from their outlines, and a
 * collection or a WOFF has no plain tables: then the whole file is hashed, with the face's name.
 */
export function fontKey(bytes: Uint8Array, face?: string): string | undefined {
  if (!bytes?.length) return undefined;
  const tables = tableDirectory(bytes);
  // A collection's face is told apart by its name.
  if (!tables) return createHash('sha256').update(`${bytes.length}\0${face ?? ''}\0`).update(bytes).digest('hex');
  const names = Object.keys(tables).sort();
  const hash = createHash('sha256').update(`${bytes.length}\0${names.map((n) => `${n}:${tables[n].offset}:${tables[n].length}`).join(',')}\0`);
  if (!tables.GPOS) return hash.update(bytes).digest('hex');
  for (const name of names) {
    const { offset, length } = tables[name];
    if (OUTLINES.has(name)) continue;
    if (offset + length > bytes.length) return hash.update(bytes).digest('hex');
    hash.update(bytes.subarray(offset, offset + length));
  }
  return hash.digest('hex');
}

const stores = new Map<string, FontStore>();
let project: string | undefined;

/**
 * Names the project (its content folder) this process builds. Each project then keeps the runs
 * it uses in files of its own, beside the shared ones: a small forum's build reads its own few
 * hundred KB, not the megabytes a 1,000-talk conference left in the shared files (reading and
 * parsing those made it 1.3× slower than with its own cache). A project's first build, with no
 * file of its own yet, starts from the shared files (which hold what every earlier project
 * shaped first), and adds what it shaped to them.
 */
export function setShapingProject(folder: string | undefined): void {
  project = folder === undefined ? undefined : createHash('sha256').update(folder).digest('hex').slice(0, 16);
}

/** The project set in this thread, to hand to worker threads. */
export function shapingProject(): string | undefined {
  return project;
}

/** Sets the project from a digest shapingProject() gave (in a worker thread). */
export function setShapingProjectDigest(digest: string | undefined): void {
  project = digest && /^[0-9a-f]{16}$/.test(digest) ? digest : undefined;
}

/** The store of a font key, read from disk the first time (an unreadable, corrupt or foreign file counts as empty). */
export function storeFor(key: string): FontStore {
  let store = stores.get(key);
  if (store) return store;
  const header: Header = { format: FORMAT, ...libraryVersions(), font: key };
  const dir = cacheDir();
  const name = `shaping-${createHash('sha256').update(JSON.stringify(header)).digest('hex').slice(0, 32)}`;
  const shared = dir && join(dir, `${name}.json`);
  const own = dir && project ? join(dir, `${name}-${project}.json`) : shared;
  store = { runs: new Map(), used: new Set(), fresh: [], dirty: false, file: own, shared, seeded: false, header };
  if (own) {
    const mine = own !== shared ? readRuns(own, header) : undefined;
    store.seeded = own !== shared && !mine;
    if (own !== shared) store.own = new Set(mine?.keys());
    store.runs = mine ?? readRuns(shared!, header) ?? new Map();
  }
  stores.set(key, store);
  return store;
}

/** The runs of a cache file; undefined when it is missing or not exactly what this build would write. */
function readRuns(file: string, header: Header): Map<string, StoredRun> | undefined {
  try {
    const text = readCacheFile(file);
    if (text === undefined) return undefined;
    const data = JSON.parse(text);
    if (!data || typeof data !== 'object' || JSON.stringify(data.header) !== JSON.stringify(header)) return undefined;
    if (!data.runs || typeof data.runs !== 'object') return undefined;
    // Each run is checked when it is used (validRun, then against the font): most of a big file is not needed by one build.
    return new Map(Object.entries(data.runs as Record<string, StoredRun>));
  } catch {
    return undefined;
  }
}

/**
 * A cache file's text, only from a regular file of bounded size: a symlink (to /dev/zero, or
 * anywhere), a FIFO (which would block forever) or a file far past the limit is not read.
 */
function readCacheFile(file: string): string | undefined {
  const stat = lstatSync(file, { throwIfNoEntry: false });
  if (!stat || !stat.isFile() || stat.size > 2 * MAX_FILE_BYTES) return undefined;
  const fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    const opened = fstatSync(fd);
    if (!opened.isFile() || opened.ino !== stat.ino || opened.size > 2 * MAX_FILE_BYTES) return undefined;
    const bytes = Buffer.alloc(opened.size);
    let done = 0;
    for (let n = 1; n > 0 && done < bytes.length; done += n) n = readSync(fd, bytes, done, bytes.length - done, done);
    return bytes.toString('utf8', 0, done);
  } finally {
    closeSync(fd);
  }
}

const isInt = (n: unknown) => Number.isInteger(n) && (n as number) >= 0 && (n as number) <= 0x10ffff;
function ints(a: unknown): a is number[] {
  if (!Array.isArray(a)) return false;
  for (let i = 0; i < a.length; i++) if (!isInt(a[i])) return false;
  return true;
}

/** True for a run of the stored shape (a damaged file must not reach pdfkit). Loops, not every(): it runs for each text a build sets. */
export function validRun(run: unknown): run is StoredRun {
  if (!Array.isArray(run) || run.length !== 3) return false;
  const [calls, ids, positions] = run;
  if (!Array.isArray(calls) || !ints(ids) || !Array.isArray(positions) || positions.length !== ids.length * 4) return false;
  for (let i = 0; i < calls.length; i++) {
    const c = calls[i];
    if (!Array.isArray(c) || (c.length !== 2 && c.length !== 3) || !isInt(c[0]) || !ints(c[1]) || (c.length === 3 && !ints(c[2]))) return false;
  }
  for (let i = 0; i < positions.length; i++) if (typeof positions[i] !== 'number' || !Number.isFinite(positions[i])) return false;
  return true;
}

/**
 * Writes the stores that gained runs, each to a temporary file renamed into place (a build
 * running at the same time reads the old file or the new, never half of one). Only the main
 * thread writes; a file that cannot be written is left as it is: the cache only saves time.
 */
export function saveShapingCaches(maxBytes = MAX_FILE_BYTES): void {
  if (!isMainThread) return;
  let wrote: string | undefined;
  for (const store of stores.values()) {
    if (!store.file || !(store.dirty || store.seeded)) continue;
    // A project's first build: the shared file gains what it shaped; its own file gets what it used.
    if (store.seeded && store.dirty && store.shared) wrote = write(store, store.shared, store.runs.keys(), maxBytes) ?? wrote;
    const texts = store.own ? (store.own = new Set([...store.own, ...store.used])) : store.runs.keys();
    wrote = write(store, store.file, texts, maxBytes) ?? wrote;
    store.dirty = false;
    store.seeded = false;
  }
  if (wrote) prune(wrote);
}

/** Writes the runs of `texts` to `file` (those this build used when all would be too big); the folder written to, or undefined. */
function write(store: FontStore, file: string, texts: Iterable<string>, maxBytes: number): string | undefined {
  let text = serialize(store, texts);
  // Too big: start again from what this build used.
  if (Buffer.byteLength(text) > maxBytes) text = serialize(store, store.used.values());
  if (Buffer.byteLength(text) > maxBytes) return undefined;
  const temp = `${file}.${randomUUID()}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(temp, text);
    renameSync(temp, file);
    return dirname(file);
  } catch {
    try {
      rmSync(temp, { force: true });
    } catch {
      // a read-only folder: there is no temporary file either
    }
    return undefined;
  }
}

/** Files of fonts no longer used (an edited font, other library versions) are kept up to this total. */
const MAX_FOLDER_BYTES = 4 * MAX_FILE_BYTES;
const CACHE_FILE = /^shaping-[0-9a-f]{32}(-[0-9a-f]{16})?\.json(\.[0-9a-f-]{36}\.tmp)?$/;

/** Deletes the least recently written cache files past MAX_FOLDER_BYTES, and temporary files an interrupted build left. */
function prune(dir: string): void {
  try {
    const mine = new Set([...stores.values()].flatMap((s) => [s.file, s.shared].map((f) => f && basename(f))));
    const files = readdirSync(dir).filter((f) => CACHE_FILE.test(f)).map((f) => ({ f, stat: statSync(join(dir, f)) }))
      .sort((a, b) => b.stat.mtimeMs - a.stat.mtimeMs);
    let total = 0;
    for (const { f, stat } of files) {
      total += stat.size;
      const stale = f.endsWith('.tmp') ? Date.now() - stat.mtimeMs > 3_600_000 : total > MAX_FOLDER_BYTES && !mine.has(f);
      if (stale) rmSync(join(dir, f), { force: true });
    }
  } catch {
    // another build pruning at the same time, or a folder we cannot list: next time
  }
}

function serialize(store: FontStore, texts: Iterable<string>): string {
  const runs: Record<string, StoredRun> = Object.create(null); // a text may be "__proto__"
  for (const text of texts) {
    const run = store.runs.get(text);
    if (run) runs[text] = run;
  }
  return JSON.stringify({ header: store.header, runs });
}

/** Runs shaped by a worker thread, by font key, as plain data to post to the main thread. */
export type NewRuns = Array<[string, Array<[string, StoredRun]>]>;

/** The runs this thread shaped since the last call (a worker does not write the cache: the main thread does). */
export function takeNewRuns(): NewRuns {
  const out: NewRuns = [];
  for (const [key, store] of stores) {
    if (!store.fresh.length) continue;
    out.push([key, store.fresh.flatMap((text) => (store.runs.has(text) ? [[text, store.runs.get(text)!] as [string, StoredRun]] : []))]);
    store.fresh = [];
  }
  return out;
}

/** Adds the runs a worker shaped to this thread's stores, to be saved with them. */
export function addRuns(runs: NewRuns | undefined): void {
  for (const [key, entries] of runs ?? []) {
    const store = storeFor(key);
    for (const [text, run] of entries) {
      store.used.add(text);
      if (store.runs.has(text) || !validRun(run)) continue;
      store.runs.set(text, run);
      store.dirty = true;
    }
  }
}

/** Forgets every store read in this process (tests: the next lookup reads the disk again). */
export function forgetShapingStores(): void {
  stores.clear();
}
