import type { FieldPos } from '../model/types.js';
import { lineOfOffset, lineStarts } from '../diagnostics.js';

/** A source text's line starts, for the line:column of offsets (columns count characters, not UTF-16 units). */
export class LineIndex {
  private readonly starts: number[];
  constructor(readonly text: string) {
    this.starts = lineStarts(text);
  }

  private last = { offset: 0, line: 1, column: 1 };

  /** Line and column (from 1) of an offset; a surrogate pair counts as one column. Reads on from the last answer when asked in order. */
  at(offset: number): { line: number; column: number } {
    let { offset: from, line, column } = this.last;
    if (offset < from || (this.starts[line] !== undefined && offset >= this.starts[line])) {
      const lo = lineOfOffset(this.starts, offset);
      from = this.starts[lo];
      line = lo + 1;
      column = 1;
    }
    for (let i = from; i < offset; i++) {
      const c = this.text.charCodeAt(i);
      if (c < 0xdc00 || c > 0xdfff) column++;
    }
    this.last = { offset, line, column };
    return { line, column };
  }
}

const SPACE = /^\s$/u;

/**
 * Builds a field's runs while the source's content characters are read in order: the value's
 * characters other than spaces are matched one by one with the source's (spaces differ where
 * YAML folds lines or strips indentation; nothing else may), so a character's place is its own.
 * A mismatch, which no parser quirk should cause, ends the runs: later characters are placed at
 * the value's start rather than guessed.
 */
export class RunBuilder {
  private readonly chars: string[];
  private next = 0;
  private failed = false;
  private readonly runs: number[] = [];
  private last?: { line: number; column: number };

  constructor(value: string, private readonly start: FieldPos) {
    this.chars = [...value].filter((ch) => !SPACE.test(ch));
  }

  /** A content character of the source, decoded (an escape's character), at its line and column. */
  unit(ch: string, line: number, column: number): void {
    if (this.failed || SPACE.test(ch)) return;
    if (this.chars[this.next] !== ch) {
      this.fail();
      return;
    }
    if (!this.last || this.last.line !== line || this.last.column + 1 !== column) this.runs.push(this.next, line, column);
    this.last = { line, column };
    this.next++;
  }

  private fail(): void {
    this.failed = true;
    if (this.next < this.chars.length) this.runs.push(this.next, 0, 0);
  }

  /** The field's position; without runs when its characters follow one another from the start. */
  done(): FieldPos {
    if (!this.failed && this.next < this.chars.length) this.fail();
    const { file, line, column } = this.start;
    if (this.runs.length === 3 && this.runs[0] === 0 && this.runs[1] === line && this.runs[2] === column) return { file, line, column };
    return this.runs.length ? { file, line, column, runs: this.runs } : { file, line, column };
  }
}

/** Where the `ordinal`th character of a field's value that is not a space is written (from 0). */
export function fieldCharAt(pos: FieldPos, ordinal: number): { file: string; line: number; column: number } {
  const runs = pos.runs;
  if (!runs) return { file: pos.file, line: pos.line, column: pos.column + ordinal };
  let k = -1;
  for (let i = 0; i < runs.length && runs[i] <= ordinal; i += 3) k = i;
  if (k < 0 || runs[k + 1] === 0) return { file: pos.file, line: pos.line, column: pos.column };
  return { file: pos.file, line: runs[k + 1], column: runs[k + 2] + ordinal - runs[k] };
}

/** Characters other than spaces in a text (how far into a field a character is). */
export function nonSpaceCount(text: string): number {
  let n = 0;
  for (const ch of text) if (!SPACE.test(ch)) n++;
  return n;
}
