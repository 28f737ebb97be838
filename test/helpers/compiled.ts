import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The repository's root folder. */
const ROOT = join(import.meta.dirname, '..', '..');
/** How long a test waits for another test file's compile before compiling itself. */
const WAIT_MS = 10 * 60 * 1000;

/** Every file of src/ and the compiler's settings, hashed: what the compiled modules depend on. */
function sourceDigest(): string {
  const hash = createHash('sha256').update(readFileSync(join(ROOT, 'tsconfig.json')));
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else hash.update(path.slice(ROOT.length)).update('\0').update(readFileSync(path));
    }
  };
  walk(join(ROOT, 'src'));
  return hash.digest('hex').slice(0, 16);
}

/**
 * The current src/ compiled by tsc into .vitest/ (inside the repo, so packages resolve), once
 * per change of src/ for every test file that runs the compiled CLI: three test files compiled
 * the whole project each, ~10 s apiece. Treat the folder as read-only; copy it to change it.
 */
export function compiledSrc(): string {
  const dir = join(ROOT, '.vitest', `compiled-${sourceDigest()}`);
  const done = join(dir, '.done');
  if (existsSync(done)) return dir;
  const lock = `${dir}.lock`;
  mkdirSync(join(ROOT, '.vitest'), { recursive: true });
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another test file (vitest runs two at once) is compiling: wait for it, or take over a stale lock.
      if (existsSync(done)) return dir;
      const since = statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? 0;
      if (Date.now() - since > WAIT_MS || Date.now() - started > WAIT_MS) {
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    if (existsSync(done)) return dir;
    const temp = `${dir}.${process.pid}.tmp`;
    rmSync(temp, { recursive: true, force: true });
    execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.json'), '--outDir', temp]);
    writeFileSync(join(temp, '.done'), '');
    rmSync(dir, { recursive: true, force: true });
    renameSync(temp, dir);
    // Compiles of an earlier src/ are of no more use.
    for (const old of readdirSync(join(ROOT, '.vitest'))) {
      if (/^compiled-[0-9a-f]{16}$/.test(old) && join(ROOT, '.vitest', old) !== dir) rmSync(join(ROOT, '.vitest', old), { recursive: true, force: true });
    }
    return dir;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
