import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, readdirSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/** Read-only access to one project folder; every path stays inside it. */
export interface FileSource {
  /** How files are named in diagnostics, e.g. `content`. */
  readonly label: string;
  /** The file's bytes, or undefined if it does not exist or lies outside the folder. */
  readBytes(path: string): Buffer | undefined;
  /** The file's text (UTF-8), or undefined. */
  read(path: string): string | undefined;
  /** File names (not folders) directly inside a subfolder, sorted. */
  list(dir: string): string[];
}

/** Largest file we read from content; bigger ones are refused before parsing. */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

/** Largest font file we read (a CJK collection is 20-40 MB). */
export const FONT_MAX_BYTES = 64 * 1024 * 1024;

/** True when `path` is a plain relative path that cannot leave its folder. */
export function isContainedPath(path: string): boolean {
  if (!path || isAbsolute(path) || /^[a-z][a-z0-9+.-]*:/i.test(path) || path.includes('\0')) return false;
  return !path.split(/[\\/]/).includes('..');
}

/** A FileSource on disk that refuses `..`, absolute paths, URLs and symlinks pointing out. */
export function diskSource(root: string, label: string, maxBytes = MAX_FILE_BYTES): FileSource {
  const base = realpathSync(resolve(root));
  const inside = (path: string): string | undefined => {
    if (!isContainedPath(path)) return undefined;
    try {
      const real = realpathSync(join(base, path));
      return real === base || real.startsWith(base + sep) ? real : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    label,
    readBytes(path) {
      const real = inside(path);
      if (!real) return undefined;
      const stat = statSync(real);
      if (!stat.isFile()) return undefined;
      if (stat.size > maxBytes) throw new FileTooLarge(path, stat.size);
      return readFileSync(real);
    },
    read(path) {
      return this.readBytes(path)?.toString('utf8');
    },
    list(dir) {
      const real = inside(dir || '.');
      if (!real) return [];
      try {
        return readdirSync(real, { withFileTypes: true })
          .filter((e) => e.isFile())
          .map((e) => e.name)
          .sort();
      } catch {
        return [];
      }
    },
  };
}

/** An in-memory FileSource, for tests and tools. */
export function memorySource(files: Record<string, string | Buffer>, label = 'content'): FileSource {
  return {
    label,
    readBytes: (path) => {
      const v = isContainedPath(path) ? files[path.replace(/^\.\//, '')] : undefined;
      if (v !== undefined && Buffer.byteLength(v) > MAX_FILE_BYTES) throw new FileTooLarge(path, Buffer.byteLength(v));
      return v === undefined ? undefined : Buffer.from(v);
    },
    read(path) {
      return this.readBytes(path)?.toString('utf8');
    },
    list: (dir) => {
      const prefix = dir ? dir.replace(/\/$/, '') + '/' : '';
      return Object.keys(files)
        .filter((f) => f.startsWith(prefix) && !f.slice(prefix.length).includes('/'))
        .map((f) => f.slice(prefix.length))
        .sort();
    },
  };
}

/** Raised when a content file exceeds MAX_FILE_BYTES. */
export class FileTooLarge extends Error {
  constructor(readonly path: string, readonly size: number) {
    super(`${path} is ${size} bytes`);
  }
}

/** Temporary files of a write in progress: hidden, and named so a later build can sweep them. */
const TEMP = /^\.forumpress-.+\.\d+\.tmp$/;

/**
 * Writes every output or none: each goes to a temporary file first (flushed to disk), and
 * only when all are written are they renamed into place, so an interrupted build keeps the
 * old PDFs. Temporary files a killed build left behind are removed first.
 */
export function writeOutputsAtomically(outDir: string, outputs: Map<string, Uint8Array>): string[] {
  mkdirSync(outDir, { recursive: true });
  for (const name of readdirSync(outDir)) if (TEMP.test(name)) rmSync(join(outDir, name), { force: true });
  const staged: Array<[string, string]> = [];
  try {
    for (const [name, bytes] of outputs) {
      const target = join(outDir, name);
      mkdirSync(dirname(target), { recursive: true });
      const temp = join(dirname(target), `.forumpress-${basename(target)}.${process.pid}.tmp`);
      staged.push([temp, target]);
      const fd = openSync(temp, 'w');
      try {
        for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
  } catch (err) {
    for (const [temp] of staged) rmSync(temp, { force: true });
    throw err;
  }
  for (const [temp, target] of staged) renameSync(temp, target);
  return staged.map(([, target]) => relative(process.cwd(), target) || target);
}

/** A FileSource that also keeps every file read through it, by path, in read order. */
export interface RecordingSource extends FileSource {
  readonly files: ReadonlyMap<string, Buffer>;
}

/** Wraps a FileSource to remember what was read, so a build can carry its own sources. */
export function recordingSource(source: FileSource): RecordingSource {
  const files = new Map<string, Buffer>();
  return {
    label: source.label,
    files,
    readBytes(path) {
      const bytes = source.readBytes(path);
      if (bytes) files.set(path.replace(/^\.\//, ''), bytes);
      return bytes;
    },
    read(path) {
      return this.readBytes(path)?.toString('utf8');
    },
    list: (dir) => source.list(dir),
  };
}

/**
 * Replaces one file inside `root` with `text` (UTF-8), through a temporary file renamed over
 * it, so the file is the old one or the new one, never half of each. Only `check --fix` uses it.
 */
export function rewriteContentFile(root: string, path: string, text: string): void {
  const base = realpathSync(resolve(root));
  const target = isContainedPath(path) ? realpathSync(join(base, path)) : '';
  if (!target.startsWith(base + sep)) throw new Error(`${path} is not inside ${root}`);
  const temp = join(dirname(target), `.forumpress-fix-${basename(target)}.${process.pid}.tmp`);
  const fd = openSync(temp, 'w', statSync(target).mode);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, target);
}
