/**
 * pdfmake's virtual file system (what `existsSync`, `readFileSync` and `writeFileSync` it
 * calls), except that a font file is named first and read when pdfkit opens it: pdfmake
 * asks for a face only when it measures text set in it, so a face no text of a document
 * uses (a fallback, a bold) is never read. Reading every built-in face cost ~70 ms and
 * 70 MB of memory per build, for fonts most documents do not use.
 */
export class LazyFiles {
  private readonly files = new Map<string, Buffer>();
  private readonly later = new Map<string, () => Buffer>();

  /** Names a file whose bytes `read` gives on first use. */
  provide(name: string, read: () => Buffer): void {
    if (!this.files.has(name)) this.later.set(name, read);
  }

  existsSync(name: unknown): boolean {
    return typeof name === 'string' && (this.files.has(plain(name)) || this.later.has(plain(name)));
  }

  readFileSync(name: string, options?: BufferEncoding | { encoding?: BufferEncoding }): Buffer | string {
    const key = plain(name);
    let bytes = this.files.get(key);
    const read = this.later.get(key);
    if (!bytes && read) {
      this.files.set(key, (bytes = read()));
      this.later.delete(key);
    }
    if (!bytes) throw new Error(`File '${key}' not found in virtual file system`);
    const encoding = typeof options === 'object' ? options.encoding : options;
    return encoding ? bytes.toString(encoding) : bytes;
  }

  writeFileSync(name: string, content: string | Buffer | ArrayBuffer, options?: BufferEncoding | { encoding?: BufferEncoding }): void {
    const encoding = typeof options === 'object' ? options.encoding : options;
    const bytes = typeof content === 'string' ? Buffer.from(content, encoding) : Buffer.isBuffer(content) ? content : Buffer.from(content);
    this.files.set(plain(name), bytes);
    this.later.delete(plain(name));
  }
}

/** pdfmake's names have no leading slash. */
function plain(name: string): string {
  return name.replace(/^\/+/, '');
}
