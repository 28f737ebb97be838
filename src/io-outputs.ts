import { randomUUID } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';

/* Writing the outputs into out/: all or nothing, one build at a time (part of io.ts). */

/** Temporary files and backups of a write in progress: hidden, and named so a later build can sweep them. */
const LEFTOVER = /^\.forumpress-.+\.(tmp|bak)$/;
/** The lock a build holds on its output folder while it writes there. */
export const LOCK_NAME = '.forumpress.lock';

/** Raised when out/ is being written by another build that did not finish in time. */
export class OutputLocked extends Error {}

/** Raised when writing failed: says exactly what is in out/ now. */
export class WriteFailed extends Error {}

/** How long a build waits for another one writing into the same folder (writing takes a second or two). */
const WAIT_MS = 120_000;

/**
 * Writes every output or none: each goes to a temporary file first (flushed to disk), and
 * only when all are written are they renamed into place; when a rename fails, the files
 * already renamed are put back as they were (from a hard-linked backup), so the folder is
 * the previous build's. Another build writing into the same folder is waited for (a lock
 * file names it); temporary files a killed build left behind are removed first.
 */
export function writeOutputsAtomically(outDir: string, outputs: Map<string, Uint8Array>, waitMs = WAIT_MS): string[] {
  mkdirSync(outDir, { recursive: true });
  const release = lock(outDir, waitMs);
  try {
    sweep(outDir);
    const id = `${process.pid}-${randomUUID().slice(0, 8)}`;
    const staged = stage(outDir, outputs, id);
    commit(staged, outDir, id);
    return staged.map(({ target }) => relative(process.cwd(), target) || target);
  } finally {
    release();
  }
}

interface Staged {
  temp: string;
  target: string;
  /** The previous file, linked aside before the rename; undefined when there was none. */
  backup?: string;
}

/** Writes each output to a temporary file beside its target; on failure removes them all and throws. */
function stage(outDir: string, outputs: Map<string, Uint8Array>, id: string): Staged[] {
  const staged: Staged[] = [];
  try {
    for (const [name, bytes] of outputs) {
      const target = join(outDir, name);
      mkdirSync(dirname(target), { recursive: true });
      const temp = join(dirname(target), `.forumpress-${basename(target)}.${id}.tmp`);
      staged.push({ temp, target });
      const fd = openSync(temp, 'w');
      try {
        for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
  } catch (err) {
    for (const { temp } of staged) rmSync(temp, { force: true });
    throw new WriteFailed(`${(err as Error).message}\nNothing was changed in ${outDir}: the previous files are as they were.`);
  }
  return staged;
}

/** Renames every temporary file into place; when one fails, puts back those already renamed. */
function commit(staged: Staged[], outDir: string, id: string): void {
  let done = 0;
  try {
    for (const s of staged) {
      if (existsSync(s.target) && statSync(s.target).isFile()) {
        s.backup = join(dirname(s.target), `.forumpress-${basename(s.target)}.${id}.bak`);
        try {
          linkSync(s.target, s.backup);
        } catch {
          copyFileSync(s.target, s.backup); // a folder that has no hard links
        }
      }
      renameSync(s.temp, s.target);
      done++;
    }
  } catch (err) {
    const reason = `${relative(outDir, staged[done].target)}: ${(err as Error).message}`;
    const notRestored = rollBack(staged.slice(0, done));
    for (const s of staged.slice(done)) rmSync(s.temp, { force: true });
    removeBackups(staged);
    if (!notRestored.length) throw new WriteFailed(`${reason}\nNothing was changed in ${outDir}: the files already written were put back as they were.`);
    const old = staged.filter((s) => !notRestored.includes(s)).map((s) => relative(outDir, s.target));
    throw new WriteFailed(`${reason}\nIn ${outDir}, ${notRestored.map((s) => relative(outDir, s.target)).join(', ')} ${notRestored.length > 1 ? 'are' : 'is'} from this build `
      + `and could not be put back${old.length ? `; ${old.join(', ')} ${old.length > 1 ? 'are' : 'is'} from the previous build` : ''}. Build again once the problem is fixed.`);
  }
  removeBackups(staged);
}

/** Puts back the previous files of the renamed outputs (or removes outputs that are new); returns those it could not. */
function rollBack(renamed: Staged[]): Staged[] {
  const failed: Staged[] = [];
  for (const s of renamed) {
    try {
      if (s.backup) renameSync(s.backup, s.target);
      else rmSync(s.target, { force: true });
    } catch {
      failed.push(s);
    }
  }
  return failed;
}

function removeBackups(staged: Staged[]): void {
  for (const s of staged) if (s.backup) rmSync(s.backup, { force: true });
}

/** Removes temporary files and backups that a killed build left (only under the lock: never another build's). */
function sweep(outDir: string): void {
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name));
      else if (LEFTOVER.test(entry.name)) rmSync(join(dir, entry.name), { force: true });
    }
  };
  walk(outDir);
}

/**
 * Takes the lock file of `outDir` (created exclusively, naming this process and host);
 * waits while a live build holds it, takes over one left by a build that died. Returns
 * the release function.
 */
function lock(outDir: string, waitMs: number): () => void {
  const file = join(outDir, LOCK_NAME);
  const me = JSON.stringify({ pid: process.pid, host: hostname(), started: new Date().toISOString() });
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, me);
      closeSync(fd);
      return () => {
        try {
          if (readFileSync(file, 'utf8') === me) rmSync(file, { force: true });
        } catch {
          // already gone
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = readHolder(file);
    if (holder && !holder.alive) {
      rmSync(file, { force: true }); // a build that was killed while writing
      continue;
    }
    if (Date.now() >= deadline) {
      throw new OutputLocked(`another forumpress build${holder?.pid ? ` (process ${holder.pid})` : ''} is writing into ${outDir} and did not finish in ${Math.round(waitMs / 1000)} s.\n`
        + `Wait for it to finish; if no build is running, delete ${file}.`);
    }
    sleep(100);
  }
}

/** Who holds a lock file, and whether it can still be running (another host's lock is trusted for 10 minutes). */
function readHolder(file: string): { pid?: number; alive: boolean } | undefined {
  let text: string;
  let age: number;
  try {
    text = readFileSync(file, 'utf8');
    age = Date.now() - statSync(file).mtimeMs;
  } catch {
    return undefined; // released meanwhile: try again
  }
  let holder: { pid?: unknown; host?: unknown };
  try {
    holder = JSON.parse(text);
  } catch {
    // being written right now, or damaged: damaged for a minute means dead
    return { alive: age < 60_000 };
  }
  const pid = Number.isInteger(holder.pid) ? (holder.pid as number) : undefined;
  if (holder.host !== hostname() || pid === undefined) return { pid, alive: age < 600_000 };
  try {
    process.kill(pid, 0);
    return { pid, alive: true };
  } catch (err) {
    return { pid, alive: (err as NodeJS.ErrnoException).code === 'EPERM' };
  }
}

const pause = new Int32Array(new SharedArrayBuffer(4));

function sleep(ms: number): void {
  Atomics.wait(pause, 0, 0, ms);
}
