import type { Diagnostics } from '../diagnostics.js';
import { FileTooLarge, MAX_FILE_BYTES, type FileSource } from '../io.js';

/**
 * The same source, but a file too large to read becomes a diagnostic (and reads as
 * absent) instead of an exception, so one huge abstract cannot stop the other checks.
 */
export function guardedSource(source: FileSource, diags: Diagnostics): FileSource {
  const reported = new Set<string>();
  const readBytes = (path: string): Buffer | undefined => {
    try {
      return source.readBytes(path);
    } catch (err) {
      if (!(err instanceof FileTooLarge)) throw err;
      if (!reported.has(path)) {
        reported.add(path);
        diags.error('file-too-large', { file: `${source.label}/${path}`, line: 1, column: 1 },
          `the file is ${(err.size / 1024 / 1024).toFixed(1)} MB; files larger than ${MAX_FILE_BYTES / 1024 / 1024} MB are not read`,
          'an abstract is a few paragraphs: check that this is the right file');
      }
      return undefined;
    }
  };
  return {
    label: source.label,
    readBytes,
    read: (path) => readBytes(path)?.toString('utf8'),
    list: (dir) => source.list(dir),
  };
}
