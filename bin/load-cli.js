// Loads the CLI: the one-file bundle of dist/bundle/ (scripts/bundle.mjs) with a V8 code cache,
// or the plain compiled dist/ when there is no up-to-date bundle (after a bare `tsc`), when the
// bundle cannot be loaded, or when FORUMPRESS_NO_BUNDLE=1. A cold build used to spend ~0.5 s
// finding, reading and compiling ~700 module files before reading any content; bench/notes.md
// has the measurements.
import { createHash, randomUUID } from 'node:crypto';
import { accessSync, constants, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { isAscii } from 'node:buffer';
import { createRequire, Module } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';

const DIST = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');

/** The CLI module ({ main }), and a function to call once it has run (saves the code cache). */
export async function loadCli(dist = DIST) {
  const plain = async () => ({ cli: await import(pathToFileURL(join(dist, 'cli.js')).href), done() {} });
  if (process.env.FORUMPRESS_NO_BUNDLE === '1' || !upToDate(dist)) return plain();
  try {
    return loadBundle(join(dist, 'bundle'));
  } catch {
    // A bundle that does not load (damaged, half copied) is no reason to fail: the modules it was made from run.
    return plain();
  }
}

function loadBundle(dir) {
  const bundle = join(dir, 'cli.js');
  // scripts/bundle.mjs writes ASCII: read as one-byte text, without UTF-8 decoding.
  const bytes = readFileSync(bundle);
  const source = isAscii(bytes) ? bytes.latin1Slice(0, bytes.length) : bytes.toString('utf8');
  // V8 checks a cache against its own version and flags and the source's length only, so the
  // file name carries the digest of the source scripts/bundle.mjs wrote: a rebuilt bundle
  // never runs stale code.
  const id = readFileSync(join(dir, 'cli.id'), 'utf8').trim();
  const cacheFile = join(dir, `cli.${id}.${process.version}.v8cache`);
  const cachedData = intact(readOrUndefined(cacheFile));
  const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dir);
  return {
    cli: module.exports,
    // After the run the cache also holds the functions compiled while building, not only the top level.
    done() {
      if ((cachedData && !script.cachedDataRejected) || !writable(dir)) return;
      try {
        const temp = `${cacheFile}.${randomUUID()}.tmp`;
        const data = script.createCachedData();
        writeFileSync(temp, Buffer.concat([digestOf(data), data]));
        renameSync(temp, cacheFile);
      } catch {
        // Without the cache forumpress only starts slower.
      }
    },
  };
}

/** The bundle is complete (it has its id) and was made from the current dist/ (not older than dist/cli.js). */
function upToDate(dist) {
  try {
    statSync(join(dist, 'bundle', 'cli.id'));
    const bundled = statSync(join(dist, 'bundle', 'cli.js')).mtimeMs;
    try {
      return bundled >= statSync(join(dist, 'cli.js')).mtimeMs;
    } catch {
      return true; // an install with the bundle only
    }
  } catch {
    return false;
  }
}

/** A read-only install runs without the cache; making one there would be wasted work on every run. */
function writable(dir) {
  try {
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The cache's bytes if their digest matches. V8 (in Node 20) does not check a cache's
 * integrity: a truncated or damaged file crashes the process, so it carries its own digest.
 */
function intact(file) {
  if (!file || file.length < DIGEST_BYTES) return undefined;
  const data = file.subarray(DIGEST_BYTES);
  return digestOf(data).equals(file.subarray(0, DIGEST_BYTES)) ? data : undefined;
}

const DIGEST_BYTES = 20;
const digestOf = (data) => createHash('sha1').update(data).digest();

function readOrUndefined(file) {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}
