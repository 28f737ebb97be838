/** A problem found in the content or templates, at its place. */
export interface Diagnostic {
  severity: 'error' | 'warning';
  /** A permanent rule id, e.g. `yaml-syntax`, `schema`, `time-overlap`. */
  rule: string;
  /** Path relative to the project (content/... or templates/...). */
  file: string;
  line: number;
  column: number;
  message: string;
  hint?: string;
  /** The correction `check --fix` may write (typography warnings). */
  fix?: Fix;
}

/** A text edit in a content file: `length` characters at `offset` become `text`. */
export interface Fix {
  /** The file's path inside its source folder, e.g. abstracts/lei-na.md. */
  path: string;
  offset: number;
  length: number;
  text: string;
}

/** Where something is in a file: 1-based line and column. */
export interface Position {
  file: string;
  line: number;
  column: number;
}

/** Collects diagnostics from every stage so they can all be shown at once. */
export class Diagnostics {
  readonly list: Diagnostic[] = [];

  error(rule: string, at: Position, message: string, hint?: string): void {
    this.list.push({ severity: 'error', rule, ...at, message, hint });
  }

  warn(rule: string, at: Position, message: string, hint?: string, fix?: Fix): void {
    this.list.push({ severity: 'warning', rule, ...at, message, hint, ...(fix && { fix }) });
  }

  get hasErrors(): boolean {
    return this.list.some((d) => d.severity === 'error');
  }

  /** Sorted by file, line and column, as a compiler prints them. */
  sorted(): Diagnostic[] {
    return [...this.list].sort(
      (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column,
    );
  }
}

/**
 * Characters a terminal acts on instead of printing: C0 and C1 controls (ESC starts a
 * command, BEL rings, NUL truncates), DEL, bidirectional overrides and isolates (they
 * reorder what follows), line and paragraph separators, and lone surrogates.
 */
const UNPRINTABLE = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069\uFEFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text from content made safe for a terminal: each unprintable character written as `<U+001B>`. */
export function escapeControls(text: string): string {
  return text.replace(UNPRINTABLE, (ch) => `<U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`);
}

/** Formats one diagnostic as `file:line:col: error[rule]: message` plus a hint line; content's control characters are escaped. */
export function formatDiagnostic(d: Diagnostic, color = false): string {
  const paint = (code: string, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const label = d.severity === 'error' ? paint('1;31', 'error') : paint('1;33', 'warning');
  const head = `${paint('1', `${escapeControls(d.file)}:${d.line}:${d.column}`)}: ${label}[${d.rule}]: ${escapeControls(d.message)}`;
  return d.hint ? `${head}\n  ${paint('36', 'hint')}: ${escapeControls(d.hint)}` : head;
}

/** Offsets where the lines of a text start (the first at 0), for turning offsets into line:column. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The line (from 0) holding an offset, by binary search over `lineStarts`' answer. */
export function lineOfOffset(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The second halves of surrogate pairs in text[from, to): UTF-16 units that are no character of their own, taken off a column (columns count characters). */
export function lowSurrogates(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff) n++;
  }
  return n;
}
