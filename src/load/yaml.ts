import { LineCounter, parseDocument, isMap, isPair, isScalar, isCollection, visit, type Document, type Node } from 'yaml';
import type { Diagnostics, Position } from '../diagnostics.js';
import type { FieldPos } from '../model/types.js';
import { LineIndex } from './field-pos.js';
import { scalarPos } from './yaml-scalar.js';

/** A parsed YAML file that can tell where any value in it came from. */
export interface YamlFile {
  file: string;
  value: unknown;
  /** Position of the value at `path`; of the nearest existing parent if it is missing. */
  locate(path: ReadonlyArray<PropertyKey>): Position;
  /** Where the string at `path` and each of its characters are written; undefined for no string there. */
  fieldAt(path: ReadonlyArray<PropertyKey>): FieldPos | undefined;
  /** Position of the key `key` inside the map at `path` (for unknown keys). */
  locateKey(path: ReadonlyArray<PropertyKey>, key: string): Position;
}

/**
 * Parses YAML text, reporting syntax errors at their place. `lineOffset` shifts
 * positions when the YAML is front matter inside a larger file.
 */
export function parseYaml(file: string, text: string, diags: Diagnostics, lineOffset = 0): YamlFile | undefined {
  const { doc, lines } = parsedText(text);
  const at = (offset: number): Position => {
    const p = lines.linePos(Math.max(0, Math.min(offset, text.length)));
    return { file, line: p.line + lineOffset, column: p.col };
  };
  const seen = new Set<string>();
  for (const err of doc.errors) {
    const where = at(err.pos[0]);
    // One mistake often yields several errors on its line; the first says it best.
    if (seen.has(`${where.line}`)) continue;
    seen.add(`${where.line}`);
    const reason = err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    const unclosed = unclosedFlow(text, err.pos[0], reason);
    if (unclosed) {
      const [open, close] = unclosed.bracket === '{' ? ['{', '}'] : ['[', ']'];
      diags.error('yaml-syntax', at(unclosed.offset), `YAML syntax: this "${open}" is never closed with "${close}"`,
        `end the ${open === '{' ? 'mapping' : 'list'} with "${close}" on the same line, e.g. ${open === '{' ? '{ time: 14:00-14:40, talk: some-id }' : '[a, b]'}`);
      continue;
    }
    diags.error('yaml-syntax', where, `YAML syntax: ${reason}`, yamlHint(err.code, reason));
  }
  if (doc.errors.length) return undefined;
  for (const w of doc.warnings) diags.warn('yaml-syntax', at(w.pos[0]), w.message.split('\n')[0]);
  if (!checkSurrogates(doc, at, diags)) return undefined;

  const nodeAt = (path: ReadonlyArray<PropertyKey>): Node | undefined => {
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : (doc.getIn(path.slice(0, n) as unknown[], true) as Node | undefined);
      if (node && typeof node === 'object' && 'range' in node && node.range) return node;
    }
    return undefined;
  };
  let value: unknown;
  try {
    value = toPlain(doc);
  } catch (err) {
    // The yaml library refuses alias expansions that would blow up (a "billion laughs" file).
    diags.error('yaml-syntax', at(0), `YAML: ${(err as Error).message}`, 'write the values out instead of repeating them through &anchors and *aliases');
    return undefined;
  }
  let index: LineIndex | undefined;
  return {
    file,
    value,
    locate: (path) => at(nodeAt(path)?.range?.[0] ?? 0),
    fieldAt(path) {
      const node = path.length ? doc.getIn(path as unknown[], true) : doc.contents;
      return isScalar(node) ? scalarPos(file, (index ??= new LineIndex(text)), node, lineOffset) : undefined;
    },
    locateKey(path, key) {
      const map = nodeAt(path);
      if (isMap(map)) {
        const pair = map.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
        const keyNode = pair?.key as Node | undefined;
        if (keyNode?.range) return at(keyNode.range[0]);
      }
      return this.locate(path);
    },
  };
}

/**
 * For an error saying a flow collection must "end with a }" (or "]"), which the parser
 * reports where it notices, on a later line: the "{" (or "[") left open on an earlier line.
 */
function unclosedFlow(text: string, offset: number, reason: string): { offset: number; bracket: string } | undefined {
  const close = /end with an? ([}\]])/.exec(reason)?.[1];
  if (!close) return undefined;
  const bracket = close === '}' ? '{' : '[';
  let end = Math.min(offset, text.length);
  for (let n = 0; n < 200 && end > 0; n++) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const open = unmatchedOpen(text.slice(start, end), bracket, close);
    if (open !== undefined) return { offset: start + open, bracket };
    end = start - 1;
  }
  return undefined;
}

/** Column (0-based) of the first bracket a line opens and does not close, outside quotes and comments. */
function unmatchedOpen(line: string, open: string, close: string): number | undefined {
  const stack: number[] = [];
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '#' && (i === 0 || /\s/.test(line[i - 1]))) break;
    else if (ch === open) stack.push(i);
    else if (ch === close) stack.pop();
  }
  return stack[0];
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * A "\uD800" escape gives half of a character, which no font, PDF or terminal can show:
 * refused at the value (not later, where a template prints it). False when one was found.
 */
function checkSurrogates(doc: Document, at: (offset: number) => Position, diags: Diagnostics): boolean {
  let clean = true;
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value !== 'string' || !LONE_SURROGATE.test(node.value)) return;
      clean = false;
      diags.error('lone-surrogate', at(node.range?.[0] ?? 0), 'this text holds half of a character (an escape such as "\\uD83D" without its second half)',
        'write the character itself, or both halves of its escape ("\\uD83D\\uDE00"), or remove the escape');
    },
  });
  return clean;
}

function toPlain(doc: Document): unknown {
  if (!doc.contents) return null;
  if (!isCollection(doc.contents) && !isScalar(doc.contents)) return doc.toJS();
  return doc.toJS({ maxAliasCount: 100 });
}

function yamlHint(code: string, reason: string): string {
  if (/tab/i.test(reason)) return 'indent with spaces, not tabs';
  if (/quote/i.test(reason)) return 'a quoted value must end with the same quote mark on its line; to write a quote inside, use the other kind';
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'each key may appear once in a mapping; remove or rename the second one';
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
      return 'check the indentation: items of one list or mapping must start in the same column';
    case 'MULTILINE_IMPLICIT_KEY':
      return 'a value containing ": " must be quoted, e.g. title: "A: B"';
    default:
      return 'values containing ":", "#", "[" or "{" must be put in quotes';
  }
}

/** Parsed texts, for the next reader of the same text: the typography check (takeParsedYaml), the theme's second reading (custom fonts). */
const parsed = new Map<string, { doc: Document; lines: LineCounter }>();
/** Texts kept at most (a build reads every content file once; --watch must not accumulate them). */
const PARSED_MAX = 4096;

/** The yaml library's document of a text (never changed by its readers), parsed once for every reader of the same text in a build. */
function parsedText(text: string): { doc: Document; lines: LineCounter } {
  let entry = parsed.get(text);
  if (!entry) {
    const lines = new LineCounter();
    entry = { doc: parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true }), lines };
    if (parsed.size >= PARSED_MAX) parsed.clear();
    parsed.set(text, entry);
  }
  return entry;
}

/**
 * The document parseYaml made of this very text, handed over once (it is then forgotten), or
 * undefined: the typography check reads the scalars of every YAML file and front matter the
 * program was loaded from, and parsing them again was ~5 % of a cold booklet.
 */
export function takeParsedYaml(text: string): Document | undefined {
  const entry = parsed.get(text);
  if (entry) parsed.delete(text);
  return entry?.doc;
}
