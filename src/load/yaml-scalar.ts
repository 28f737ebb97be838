import type { Scalar } from 'yaml';
import type { FieldPos } from '../model/types.js';
import { RunBuilder, type LineIndex } from './field-pos.js';

/** The characters a one-character escape of a double-quoted YAML scalar stands for. */
const ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', ' ': ' ',
  '"': '"', '/': '/', '\\': '\\', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029',
};
const HEX_LENGTH: Record<string, number> = { x: 2, u: 4, U: 8 };

/**
 * Where a string scalar and each of its characters are written: plain, quoted (escapes and
 * doubled quotes decoded), literal or folded, read from its source text. `lineOffset` shifts
 * lines of front matter.
 */
export function scalarPos(file: string, lines: LineIndex, node: Scalar, lineOffset: number): FieldPos | undefined {
  if (typeof node.value !== 'string' || !node.range) return undefined;
  const [from, to] = node.range;
  const start = lines.at(from);
  const runs = new RunBuilder(node.value, { file, line: start.line + lineOffset, column: start.column });
  const text = lines.text;
  const emit = (ch: string, offset: number) => {
    const at = lines.at(offset);
    runs.unit(ch, at.line + lineOffset, at.column);
  };
  let i = from;
  const kind = node.type;
  if (kind === 'BLOCK_LITERAL' || kind === 'BLOCK_FOLDED') {
    // The header line (| or >, indicators, a comment) holds no content.
    const nl = text.indexOf('\n', from);
    i = nl < 0 || nl >= to ? to : nl + 1;
  } else if (kind === 'QUOTE_SINGLE' || kind === 'QUOTE_DOUBLE') i++;
  while (i < to) {
    const cp = text.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    if (kind === 'QUOTE_SINGLE' && ch === "'") {
      if (text[i + 1] !== "'") break;
      emit("'", i);
      i += 2;
    } else if (kind === 'QUOTE_DOUBLE' && ch === '"') break;
    else if (kind === 'QUOTE_DOUBLE' && ch === '\\') i = escape(text, i, emit);
    else {
      emit(ch, i);
      i += ch.length;
    }
  }
  return runs.done();
}

/** Reads the escape at `i` (a backslash), emits its character at the backslash; returns the offset after it. */
function escape(text: string, i: number, emit: (ch: string, offset: number) => void): number {
  const c = text[i + 1];
  if (c === '\n') return i + 2; // an escaped line break joins the lines
  if (c === '\r' && text[i + 2] === '\n') return i + 3;
  const hex = HEX_LENGTH[c];
  if (hex) {
    const cp = hexAt(text, i + 2, hex);
    // "\uD83D\uDE00": the two halves of one character, escaped one by one.
    const low = c === 'u' && cp >= 0xd800 && cp <= 0xdbff && text.startsWith('\\u', i + 6) ? hexAt(text, i + 8, 4) : NaN;
    if (low >= 0xdc00 && low <= 0xdfff) {
      emit(String.fromCodePoint((cp - 0xd800) * 0x400 + low - 0xdc00 + 0x10000), i);
      return i + 12;
    }
    emit(cp <= 0x10ffff ? String.fromCodePoint(cp) : '\\', i);
    return i + 2 + hex;
  }
  emit(Object.hasOwn(ESCAPES, c) ? ESCAPES[c] : '\\', i);
  return i + 2;
}

function hexAt(text: string, i: number, length: number): number {
  const digits = text.slice(i, i + length);
  return /^[0-9a-fA-F]+$/.test(digits) ? parseInt(digits, 16) : NaN;
}
