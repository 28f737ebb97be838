import { closeSync, constants, fstatSync, fsyncSync, lstatSync, openSync, readFileSync, readSync, readdirSync, realpathSync, renameSync, statSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeText } from './load/encoding.js';

/** Read-only access to one project folder; every path stays inside it. */
export interface FileSource {
  /** How files are named in diagnostics, e.g. `content`. */
  readonly label: string;
  /** The file's bytes, or undefined if it does not exist or lies outside the folder. */
  readBytes(path: string): Buffer | undefined;
  /** The file's text (UTF-8, UTF-16 or GB18030, see load/encoding.ts), or undefined. */
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

/** What a disk source allows besides plain files of its folder. */
export interface DiskSourceOptions {
  /** Read files with more than one hard link (their other names may be anywhere): fonts yes, content no. */
  hardLinks?: boolean;
}

/**
 * A FileSource on disk that refuses `..`, absolute paths and URLs, reads symlinks only when
 * they end inside the folder, and opens only regular files (never a FIFO or a device, which
 * would block or never end). A file it will not read throws FileRefused with the reason.
 */
export function diskSource(root: string, label: string, maxBytes = MAX_FILE_BYTES, options: DiskSourceOptions = {}): FileSource {
  const base = realpathSync(resolve(root));
  const within = (real: string) => real === base || real.startsWith(base + sep);
  const inside = (path: string): string | undefined => {
    if (!isContainedPath(path)) return undefined;
    try {
      const real = realpathSync(join(base, path));
      return within(real) ? real : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    label,
    readBytes(path) {
      if (!isContainedPath(path)) return undefined;
      const full = join(base, path);
      let link: Stats | undefined;
      try {
        // A missing file is an answer, not an exception: with 10,000 attendees, the six names a
        // photo may have were looked up as 60,000 thrown errors (~1 s).
        link = lstatSync(full, { throwIfNoEntry: false });
      } catch {
        return undefined; // not readable
      }
      if (!link) return undefined; // no such file
      let real: string;
      try {
        real = realpathSync(full);
      } catch {
        throw new FileRefused(path, 'not-a-file', 'the file is a link to a file that does not exist', 'replace the link with the file itself');
      }
      if (!within(real)) {
        throw new FileRefused(path, 'outside-folder', `the file is a link to a file outside the ${label} folder, which is never read`,
          `copy the file into the ${label} folder instead of linking to it`);
      }
      const stat = link.isSymbolicLink() ? statSync(real) : link;
      refuseUnlessPlain(path, stat, options);
      if (stat.size > maxBytes) throw new FileTooLarge(path, stat.size);
      return readPlainFile(path, real, stat, maxBytes, options);
    },
    read(path) {
      const bytes = this.readBytes(path);
      return bytes && decodeText(bytes).text;
    },
    list(dir) {
      const real = inside(dir || '.');
      if (!real) return [];
      try {
        // Links and special files are listed too: reading them says what is wrong with them.
        return readdirSync(real, { withFileTypes: true })
          .filter((e) => !e.isDirectory() && !(e.isSymbolicLink() && isFolder(join(real, e.name))))
          .map((e) => e.name)
          .sort();
      } catch {
        return [];
      }
    },
  };
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Throws FileRefused for anything but a regular file (with one link, unless allowed). */
function refuseUnlessPlain(path: string, stat: Stats, options: DiskSourceOptions): void {
  if (stat.isDirectory()) throw new FileRefused(path, 'not-a-file', 'this is a folder, not a file', 'give the name of a file, or move the folder away');
  if (!stat.isFile()) {
    const kind = stat.isFIFO() ? 'a named pipe (FIFO)' : stat.isSocket() ? 'a socket' : 'a device';
    throw new FileRefused(path, 'not-a-file', `this is ${kind}, not a plain file, and is not read`, 'replace it with a plain file');
  }
  if (!options.hardLinks && stat.nlink > 1) {
    throw new FileRefused(path, 'hard-link', `the file has ${stat.nlink} hard links: its other names may lie outside the folder, so it is not read, printed or attached`,
      'make it a file of its own: copy it (cp FILE FILE.new && mv FILE.new FILE) instead of linking it with ln');
  }
}

/** Reads a regular file through one descriptor that is checked to be the file that was vetted. */
function readPlainFile(path: string, real: string, vetted: Stats, maxBytes: number, options: DiskSourceOptions): Buffer {
  const fd = openSync(real, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    const stat = fstatSync(fd);
    if (stat.ino !== vetted.ino || stat.dev !== vetted.dev) throw new FileRefused(path, 'not-a-file', 'the file was replaced while it was read', 'build again');
    refuseUnlessPlain(path, stat, options);
    if (stat.size > maxBytes) throw new FileTooLarge(path, stat.size);
    const bytes = Buffer.alloc(stat.size);
    let done = 0;
    while (done < bytes.length) {
      const n = readSync(fd, bytes, done, bytes.length - done, done);
      if (n === 0) break;
      done += n;
    }
    return done === bytes.length ? bytes : bytes.subarray(0, done);
  } finally {
    closeSync(fd);
  }
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
      const bytes = this.readBytes(path);
      return bytes && decodeText(bytes).text;
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

/** Raised for a file a source will not read: a FIFO, a folder, a link out, a hard link. */
export class FileRefused extends Error {
  constructor(readonly path: string, readonly rule: string, readonly reason: string, readonly hint: string) {
    super(`${path}: ${reason}`);
  }
}

/** Raised when a content file exceeds MAX_FILE_BYTES. */
export class FileTooLarge extends Error {
  constructor(readonly path: string, readonly size: number) {
    super(`${path} is ${size} bytes`);
  }
}

export { writeOutputsAtomically, OutputLocked, WriteFailed, LOCK_NAME } from './io-outputs.js';

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
      // Decoded (and its encoding reported) by the source; the bytes are kept as read.
      return this.readBytes(path) && source.read(path);
    },
    list: (dir) => source.list(dir),
  };
}

/** forumpress's version, from the package.json of the folder it runs from. */
export function packageVersion(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      if (pkg.name === 'forumpress') return String(pkg.version);
    } catch {
      // no package.json here
    }
    if (dirname(dir) === dir) return 'unknown';
  }
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
