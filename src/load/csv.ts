import { CONTROL } from './control.js';
import { parse } from 'csv-parse/sync';
import type { Diagnostics } from '../diagnostics.js';
import type { FieldPos } from '../model/types.js';
import { RunBuilder } from './field-pos.js';

/** One data row of a CSV file, with the place of each cell. */
export interface CsvRow {
  cells: string[];
  /** Line of the row's first character (1-based). */
  line: number;
  /** Column (1-based) where each cell starts on its line. */
  columns: number[];
  /** The record as written (for where each character of a cell is, cellPos). */
  raw: string;
}

/** A CSV file: its header cells and its rows, or undefined after a syntax error. */
export interface CsvFile {
  header: CsvRow;
  rows: CsvRow[];
}

/**
 * Parses CSV text (comma-separated, "quoted" cells may hold commas and line breaks).
 * Syntax errors are reported at their line and column; empty lines are skipped.
 */
export function parseCsv(file: string, text: string, diags: Diagnostics): CsvFile | undefined {
  let records: Array<{ record: string[]; raw: string; info: { lines: number } }>;
  try {
    records = parse(text, { info: true, raw: true, skip_empty_lines: true, relax_column_count: true, trim: false }) as unknown as typeof records;
  } catch (err) {
    const e = err as Error & { code?: string; lines?: number };
    const quote = e.code === 'CSV_QUOTE_NOT_CLOSED' ? unclosedQuote(text) : undefined;
    if (quote) {
      diags.error('csv-syntax', { file, ...quote }, 'this quote (") is never closed, so the rest of the file would be one cell',
        'close the cell with a second " or remove the quote; write "" for a quote inside a quoted cell');
    } else {
      diags.error('csv-syntax', { file, line: e.lines ?? 1, column: 1 }, `CSV syntax: ${e.message.replace(/^[^:]*: /, '')}`,
        'save the sheet again as "CSV UTF-8 (comma delimited)" from your spreadsheet');
    }
    return undefined;
  }
  const rows = records.map(({ record, raw, info }) => {
    const rawText = raw.replace(/\r?\n$/, '');
    const breaks = rawText.split('\n').length - 1;
    return { cells: record, line: info.lines - breaks, columns: cellColumns(rawText), raw: rawText };
  });
  for (const row of rows) {
    row.cells.forEach((cell, i) => {
      const at = CONTROL.exec(cell);
      if (at) {
        diags.error('control-character', { file, line: row.line, column: row.columns[i] ?? 1 },
          `cell ${i + 1} holds the control character U+${at[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}, which cannot be printed`,
          'retype the cell in the spreadsheet; such characters come from text pasted from other programs');
      }
    });
  }
  if (rows.length === 0) return undefined;
  return { header: rows[0], rows: rows.slice(1) };
}

/**
 * Where cell `index` of a row and each of its characters are written: the cell's start (its
 * opening quote, when quoted), a doubled quote "" read as one, line breaks in a quoted cell kept.
 */
export function cellPos(file: string, row: CsvRow, index: number): FieldPos | undefined {
  const value = row.cells[index];
  if (value === undefined) return undefined;
  const runs = new RunBuilder(value, { file, line: row.line, column: row.columns[index] ?? 1 });
  let cell = 0;
  let quoted = false;
  let atStart = true;
  let line = row.line;
  let column = 0;
  const chars = [...row.raw];
  for (let i = 0; i < chars.length && cell <= index; i++) {
    const ch = chars[i];
    column++;
    if (ch === '\n') {
      line++;
      column = 0;
    }
    if (ch === '"' && (quoted || atStart)) {
      atStart = false;
      if (quoted && chars[i + 1] === '"') {
        if (cell === index) runs.unit('"', line, column);
        i++;
        column++;
      } else quoted = !quoted;
      continue;
    }
    atStart = false;
    if (ch === ',' && !quoted) {
      cell++;
      atStart = true;
    } else if (cell === index && ch !== '\r') runs.unit(ch, line, column);
  }
  return runs.done();
}

/** Start columns of the cells of a raw record (on its first line; later lines keep counting). */
function cellColumns(raw: string): number[] {
  const columns = [1];
  let quoted = false;
  let column = 1;
  for (const ch of raw) {
    column++;
    if (ch === '"') quoted = !quoted;
    else if (ch === '\n') column = 1;
    else if (ch === ',' && !quoted) columns.push(column);
  }
  return columns;
}

/** Where the quote that is never closed opens. */
function unclosedQuote(text: string): { line: number; column: number } | undefined {
  let open: { line: number; column: number } | undefined;
  let line = 1;
  let column = 0;
  let atCellStart = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    column++;
    if (open) {
      if (ch === '"' && text[i + 1] === '"') { i++; column++; continue; }
      if (ch === '"') open = undefined;
    } else if (ch === '"' && atCellStart) open = { line, column };
    if (ch === '\n') { line++; column = 0; }
    atCellStart = !open && (ch === ',' || ch === '\n');
  }
  return open;
}
