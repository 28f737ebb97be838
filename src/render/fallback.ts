import type { FontSet } from './fonts.js';
import { IGNORABLE, hasGlyph, isSpace } from './coverage.js';

type Node = any;

/** Characters no font of a chain covers, each with the family it was set in. */
export type MissingGlyphs = Map<string, string>;

/** Letters and marks of alphabetic scripts: a word of them is kept in one font so a name is not set in two designs. */
const WORD_CHAR = /[\p{L}\p{M}\p{N}'’\-]/u;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
/** CJK and full-width punctuation, which also ends a Latin phrase. */
const CJK_PUNCTUATION = /[\u3000-\u303F\uFF00-\uFFEF]/u;

/**
 * Splits every text of a pdfmake document definition into runs per font, so that a
 * character the primary family lacks is set in the first fallback that has it. Latin
 * phrases (or else words) move together. Characters no font has are returned, for a positioned error.
 */
export function applyFontFallback(doc: Node, fonts: FontSet): { doc: Node; missing: MissingGlyphs } {
  const pass = new FallbackPass(fonts, doc.styles ?? {});
  const base = fontOf(doc.defaultStyle ?? {}, doc.styles ?? {}) ?? 'serif';
  const out = { ...doc, content: pass.node(doc.content, base) };
  for (const key of ['header', 'footer'] as const) {
    const running = doc[key];
    if (typeof running === 'function') out[key] = (...args: unknown[]) => pass.node(running(...args), base);
  }
  return { doc: out, missing: pass.missing };
}

function fontOf(node: Node, styles: Record<string, Node>): string | undefined {
  if (typeof node.font === 'string') return node.font;
  const names = Array.isArray(node.style) ? node.style : node.style ? [node.style] : [];
  let font: string | undefined;
  for (const name of names) if (typeof styles[name]?.font === 'string') font = styles[name].font;
  return font;
}

const passes = new WeakMap<FontSet, FallbackPass>();

/**
 * How a text splits into runs per font family, exactly as the fallback pass will set it
 * (for measuring text before it is drawn, e.g. a badge name fitted to its box).
 */
export function fontRuns(text: string, family: string, fonts: FontSet): Array<{ text: string; family: string }> {
  let pass = passes.get(fonts);
  if (!pass) passes.set(fonts, (pass = new FallbackPass(fonts, {})));
  return pass.measureRuns(text, family);
}

class FallbackPass {
  readonly missing: MissingGlyphs = new Map();
  /** family -> code point -> index in [family, ...fallbacks], or -1. */
  private readonly choice = new Map<string, Map<number, number>>();

  constructor(private readonly fonts: FontSet, private readonly styles: Record<string, Node>) {}

  node(node: Node, font: string): Node {
    if (typeof node === 'string') return this.text(node, font);
    if (Array.isArray(node)) return node.map((n) => this.node(n, font));
    if (!node || typeof node !== 'object') return node;
    const f = fontOf(node, this.styles) ?? font;
    const out = { ...node };
    if ('text' in node) out.text = this.inline(node.text, f);
    for (const key of ['stack', 'columns', 'ul', 'ol']) if (Array.isArray(node[key])) out[key] = node[key].map((n: Node) => this.node(n, f));
    if (node.table?.body) out.table = { ...node.table, body: node.table.body.map((row: Node[]) => row.map((c) => this.node(c, f))) };
    if (node.toc?.title) out.toc = { ...node.toc, title: this.node(node.toc.title, f) };
    return out;
  }

  private inline(text: Node, font: string): Node {
    if (typeof text === 'string') {
      const runs = this.runs(text, font);
      return runs.length === 1 && runs[0].font === undefined ? runs[0].text : runs;
    }
    if (Array.isArray(text)) return text.flatMap((t) => (typeof t === 'string' ? this.runs(t, font) : this.styledRuns(t, font)));
    if (text && typeof text === 'object') return this.node(text, font);
    return text;
  }

  /**
   * An inline inside a text array. pdfmake does not pass an inline's bold, colour or link on
   * to a text array nested in it (its issue 1174: a bold "Łódź" came out regular), so a split
   * inline becomes one inline per run, each with the inline's properties; an anchor or
   * table-of-contents entry stays on the first run only.
   */
  private styledRuns(inline: Node, font: string): Node[] {
    if (!inline || typeof inline !== 'object' || typeof inline.text !== 'string') return [this.node(inline, font)];
    const runs = this.runs(inline.text, fontOf(inline, this.styles) ?? font);
    if (runs.length === 1 && runs[0].font === undefined) return [{ ...inline, text: runs[0].text }];
    const { id, tocItem, ...rest } = inline;
    const once = { ...(id !== undefined ? { id } : {}), ...(tocItem !== undefined ? { tocItem } : {}) };
    return runs.map((r, i) => ({ ...rest, ...(i === 0 ? once : {}), text: r.text, ...(r.font ? { font: r.font } : {}) }));
  }

  private text(text: string, font: string): Node {
    const runs = this.runs(text, font);
    return runs.length === 1 && runs[0].font === undefined ? runs[0].text : { text: runs };
  }

  /** Runs with their family named, for measuring; characters no font has are measured in the first. */
  measureRuns(text: string, family: string): Array<{ text: string; family: string }> {
    return this.runs(text, family).map((r) => ({ text: r.text, family: r.font ?? family }));
  }

  /** The runs of one string; a run without `font` stays in the inherited family. */
  private runs(input: string, family: string): Array<{ text: string; font?: string }> {
    const text = input.replace(IGNORABLE, '');
    const chain = [family, ...(this.fonts.fallbacks[family] ?? [])];
    const chars = [...text];
    const index = chars.map((ch) => (isSpace(ch) ? -2 : this.pick(ch, family, chain)));
    if (index.every((i) => i === 0 || i === -2)) return [{ text }];
    this.keepTogether(chars, index, chain);
    const runs: Array<{ text: string; font?: string }> = [];
    let current = 0;
    chars.forEach((ch, i) => {
      const k = index[i] === -2 ? current : Math.max(index[i], 0);
      const last = runs[runs.length - 1];
      if (last && k === current) last.text += ch;
      else runs.push({ text: ch, ...(k > 0 ? { font: chain[k] } : {}) });
      current = k;
    });
    return runs;
  }

  private pick(ch: string, family: string, chain: string[]): number {
    let byChar = this.choice.get(family);
    if (!byChar) this.choice.set(family, (byChar = new Map()));
    const cp = ch.codePointAt(0)!;
    let k = byChar.get(cp);
    if (k === undefined) {
      k = cp < 0x20 || (cp >= 0x7f && cp < 0xa0) ? -1 : chain.findIndex((f) => this.covers(f, cp));
      byChar.set(cp, k);
    }
    if (k < 0) this.missing.set(ch, family);
    return k;
  }

  private covers(family: string, cp: number): boolean {
    const face = this.fonts.families[family]?.normal;
    return !!face && hasGlyph(face, cp);
  }

  /**
   * Keeps one design across a stretch of Latin, Greek or Cyrillic: a phrase between CJK text
   * with any character in a fallback moves whole to the first font that has all of it (a
   * name set half in one font, half in another, shows); failing that, each word does.
   */
  private keepTogether(chars: string[], index: number[], chain: string[]): void {
    this.moveRuns(chars, index, chain, (c) => !CJK.test(c) && !CJK_PUNCTUATION.test(c), (start, end) =>
      this.moveRuns(chars, index, chain, (c) => WORD_CHAR.test(c) && !CJK.test(c), undefined, start, end));
  }

  private moveRuns(chars: string[], index: number[], chain: string[], inRun: (c: string) => boolean,
    otherwise?: (start: number, end: number) => void, from = 0, to = chars.length): void {
    for (let start = from; start < to; ) {
      if (!inRun(chars[start])) { start++; continue; }
      let end = start;
      while (end < to && inRun(chars[end])) end++;
      const run = index.slice(start, end);
      if (run.some((k) => k > 0)) {
        const cps = chars.slice(start, end).filter((c, i) => run[i] !== -2).map((c) => c.codePointAt(0)!);
        const k = run.every((i) => i >= 0 || i === -2) ? chain.findIndex((f) => cps.every((cp) => this.covers(f, cp))) : -1;
        if (k >= 0) index.fill(k, start, end);
        else otherwise?.(start, end);
      }
      start = end;
    }
  }
}
