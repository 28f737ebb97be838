import type { Diagnostics } from '../diagnostics.js';
import { FileRefused, FileTooLarge, MAX_FILE_BYTES, type FileSource } from '../io.js';
import { decodeText, encodingLabel } from '../load/encoding.js';

/** Files spreadsheets write: GB18030 is what Chinese Excel saves as "CSV", not worth a warning. */
const SPREADSHEET = /\.csv$/i;

/**
 * The same source, but a file too large to read, or one that is not a plain file of the
 * folder (a FIFO, a directory, a link out, a hard link), becomes a diagnostic (and reads as
 * absent) instead of an exception, so one bad file cannot stop the other checks. Text is
 * decoded whatever editors saved it as (see encoding.ts); a file in GB18030 or UTF-16 is
 * read with a warning, one that cannot be read is an error at the place where it breaks.
 */
export function guardedSource(source: FileSource, diags: Diagnostics): FileSource {
  const reported = new Set<string>();
  const readBytes = (path: string): Buffer | undefined => {
    try {
      return source.readBytes(path);
    } catch (err) {
      if (!(err instanceof FileTooLarge) && !(err instanceof FileRefused)) throw err;
      if (!reported.has(path)) {
        reported.add(path);
        const at = { file: `${source.label}/${path}`, line: 1, column: 1 };
        if (err instanceof FileRefused) diags.error(err.rule, at, err.reason, err.hint);
        else {
          diags.error('file-too-large', at,
            `the file is ${(err.size / 1024 / 1024).toFixed(1)} MB; files larger than ${MAX_FILE_BYTES / 1024 / 1024} MB are not read`,
            'an abstract is a few paragraphs: check that this is the right file');
        }
      }
      return undefined;
    }
  };
  const decoded = new Set<string>();
  const read = (path: string): string | undefined => {
    const bytes = readBytes(path);
    if (!bytes) return undefined;
    const { text, encoding, broken } = decodeText(bytes);
    if (decoded.has(path)) return text;
    decoded.add(path);
    const file = `${source.label}/${path}`;
    if (broken?.reason === 'mixed') {
      diags.error('encoding', { file, ...broken }, 'the file changes encoding here: the lines before are UTF-8, this one is not (often GBK pasted from another file)',
        'open the file in an editor that shows encodings, retype or re-paste this part, and save the whole file as UTF-8');
    } else if (broken) {
      diags.error('encoding', { file, ...broken }, `the file cannot be read as text: these bytes are not ${encoding === 'utf-8' ? 'UTF-8, UTF-16 or GB18030/GBK' : encodingLabel(encoding)}`,
        'save the file as UTF-8 (in most editors: "Save as", then Encoding: UTF-8)');
    } else if ((encoding === 'gb18030' && !SPREADSHEET.test(path)) || encoding === 'utf-16le' || encoding === 'utf-16be') {
      diags.warn('encoding', { file, line: 1, column: 1 }, `the file is saved as ${encodingLabel(encoding)}, not UTF-8; it was read as ${encodingLabel(encoding)}`,
        'save the file as UTF-8 (in most editors: "Save as", then Encoding: UTF-8) so that every tool reads it the same');
    }
    return text;
  };
  return { label: source.label, readBytes, read, list: (dir) => source.list(dir) };
}
