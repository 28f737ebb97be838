import type { Diagnostics } from '../diagnostics.js';

/** Longest run of `*` or `_` read as emphasis marks: `***` is bold italic, more means nothing more. */
export const MAX_MARK_RUN = 3;
/** Most runs of emphasis marks in one block (text between blank lines) read as emphasis. */
export const MAX_MARK_RUNS = 1_000;

const RUN = /[*_]+/g;
const ESCAPED_RUN = /(\\*)([*_]+)/g;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const CODE_SPAN = /(`+)[^`]*?\1/g;
/** A line of only marks (`***`, `* * *`, `___`) is a rule, not emphasis. */
const RULE_LINE = /^ {0,3}[*_\- \t]+$/;

/**
 * The markdown parser (micromark) matches emphasis marks in time that grows with the square
 * of their number in a paragraph: `*` ×5,000 `x` `*` ×5,000 took 1.2 s and nested 2,500 levels
 * deep (the stack overflowed), `*a` ×50,000 took 50 s. So, before parsing, a run of more than
 * MAX_MARK_RUN marks, and every mark of a block holding more than MAX_MARK_RUNS runs, is
 * escaped: printed as the characters written, with one warning. Code (fenced, indented,
 * in backticks) is left alone; escaping never changes text that was not emphasis anyway.
 */
export function boundEmphasis(source: string, file: string, lineOffset: number, diags: Diagnostics): string {
  if (!source.includes('*') && !source.includes('_')) return source;
  const lines = source.split('\n');
  let first = -1;
  let fence = '';
  let start = 0;
  for (let i = 0; i <= lines.length; i++) {
    if (i < lines.length && lines[i].trim() !== '') continue;
    // lines[start..i) is one block between blank lines
    let runs = 0;
    for (let k = start; k < i; k++) runs += (lines[k].match(RUN) ?? []).length;
    const all = runs > MAX_MARK_RUNS;
    for (let k = start; k < i; k++) {
      const line = lines[k];
      const open = FENCE.exec(line)?.[1];
      if (fence) {
        if (open && open[0] === fence[0] && open.length >= fence.length) fence = '';
        continue;
      }
      if (open) {
        fence = open;
        continue;
      }
      // Indented code is left alone, unless the block is flooded (a list's indented text is parsed).
      if ((!all && /^(?: {4}|\t)/.test(line)) || RULE_LINE.test(line)) continue;
      const bounded = escapeRuns(line, all);
      if (bounded !== line) {
        lines[k] = bounded;
        if (first < 0) first = k;
      }
    }
    start = i + 1;
  }
  if (first < 0) return source;
  diags.warn('markdown-nesting', { file, line: first + 1 + lineOffset, column: 1 },
    'too many emphasis marks (* or _) here; they are printed as written',
    `mark emphasis with one * (italic) or two ** (bold) around a few words`);
  return lines.join('\n');
}

/** The line with long runs of marks (or all of them) escaped, outside code spans. */
function escapeRuns(line: string, all: boolean): string {
  if (!line.includes('*') && !line.includes('_')) return line;
  let out = '';
  let last = 0;
  const escape = (text: string) => text.replace(ESCAPED_RUN, (_match, slashes: string, run: string) => {
    // After an odd number of backslashes the first mark is escaped already.
    const kept = slashes.length % 2 ? slashes + run[0] : slashes;
    const rest = slashes.length % 2 ? run.slice(1) : run;
    return kept + (all || rest.length > MAX_MARK_RUN ? rest.replace(/[*_]/g, '\\$&') : rest);
  });
  for (const span of line.matchAll(CODE_SPAN)) {
    out += escape(line.slice(last, span.index)) + span[0];
    last = span.index + span[0].length;
  }
  return out + escape(line.slice(last));
}
