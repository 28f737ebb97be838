// Loads the CLI: the one-file bundle of dist/bundle/ (scripts/bundle.mjs) with a V8 code cache,
// or the plain compiled dist/ when there is no up-to-date bundle (after a bare `tsc`), or when
// FORUMPRESS_NO_BUNDLE=1. A cold build used to spend ~0.5 s finding, reading and compiling
// ~700 module files before reading any content; bench/notes.md has the measurements.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';

/** The CLI module ({ main }), and a function to call once it has run (saves the code cache). */
export async function loadCli(dist = join(import.meta.dirname, '..', 'dist')) {
  const bundle = join(dist, 'bundle', 'cli.js');
  if (process.env.FORUMPRESS_NO_BUNDLE || !upToDate(dist)) return { cli: await import(pathToFileURL(join(dist, 'cli.js')).href), done() {} };
  const source = readFileSync(bundle, 'utf8');
  // V8 checks a cache against its own version and flags and the source's length only, so the
  // file name carries the digest of the source scripts/bundle.mjs wrote: a rebuilt bundle
  // never runs stale code.
  const id = readFileSync(join(dist, 'bundle', 'cli.id'), 'utf8').trim();
  const cacheFile = join(dist, 'bundle', `cli.${id}.${process.version}.v8cache`);
  const cachedData = intact(readOrUndefined(cacheFile));
  const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
  return {
    cli: module.exports,
    // After the run the cache also holds the functions compiled while building, not only the top level.
    done() {
      if (cachedData && !script.cachedDataRejected) return;
      try {
        const temp = `${cacheFile}.${process.pid}.tmp`;
        const data = script.createCachedData();
        writeFileSync(temp, Buffer.concat([digestOf(data), data]));
        renameSync(temp, cacheFile);
      } catch {
        // A read-only install runs without the cache, only slower.
      }
    },
  };
}

/** The bundle exists and was made from the current dist/ (not older than dist/cli.js). */
function upToDate(dist) {
  const bundle = join(dist, 'bundle', 'cli.js');
  try {
    return statSync(bundle).mtimeMs >= statSync(join(dist, 'cli.js')).mtimeMs;
  } catch {
    return existsSync(bundle) && existsSync(join(dist, 'bundle', 'cli.id')) && !existsSync(join(dist, 'cli.js'));
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
