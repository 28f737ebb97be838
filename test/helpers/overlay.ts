import type { FileSource } from '../../src/io.js';

/** A FileSource that serves `files` in place of (or in addition to) those of `base`. */
export function overlay(base: FileSource, files: Record<string, string | Buffer>): FileSource {
  return {
    label: base.label,
    readBytes: (path) => {
      const v = files[path];
      return v === undefined ? base.readBytes(path) : Buffer.from(v);
    },
    read(path) {
      return this.readBytes(path)?.toString('utf8');
    },
    list: (dir) => base.list(dir),
  };
}
