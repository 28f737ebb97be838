import type { FontSet } from './fonts.js';
import type { Position } from '../diagnostics.js';
import { IGNORABLE, hasGlyph } from './coverage.js';
import { scriptContexts } from './script-context.js';
import { graphemes, hasMultiClusters } from '../typeset/clusters.js';

/** Characters that take no glyph: pdfmake breaks the line there (or skips them). */
const LINE_BREAKS = new Set(['\n', '\r', '\t']);

type Node = any;

/** A stretch of a text printed from a content field (layout's TextSpan): characters other than spaces from..to, and where the field is written. */
export interface FieldSpan {
  start: number;
  end: number;
  at: Position & { runs?: number[] };
}

/**
 * A text a missing character is printed in: where the text starts in its source (when known),
 * which occurrence of the character in it (from 0), and, for a text with fields in it, the text
 * and its fields' spans.
 */
export interface GlyphPlace {
  src?: Position;
  nth: number;
  text?: string;
  spans?: FieldSpan[];
}

/** A character no font of its chain covers: the family it was set in, the texts with a source it is in, and how many times it is in text without one. */
export interface MissingGlyph {
  family: string;
  places: GlyphPlace[];
  unplaced: number;
}

/** Characters no font of a chain covers, by character. */
export type MissingGlyphs = Map<string, MissingGlyph>;

/** Adds the missing characters of one pass (or a worker's list of them) to those collected so far. */
export function mergeMissing(into: MissingGlyphs, from: Iterable<[string, MissingGlyph]>): void {
  for (const [ch, m] of from) {
    const known = into.get(ch);
    if (!known) into.set(ch, { family: m.family, places: [...m.places], unplaced: m.unplaced });
    else {
      known.places.push(...m.places);
      known.unplaced += m.unplaced;
    }
  }
}

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
export function applyFontFallback<T extends object>(doc: T, fonts: FontSet): { doc: T; missing: MissingGlyphs } {
  return fallbackOf(doc as Node, fonts);
}

// The tree's types are layout's (src/layout/tree.ts), which fonts may not import: the walk reads it untyped.
function fallbackOf(doc: Node, fonts: FontSet): { doc: Node; missing: MissingGlyphs } {
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

/** One grapheme cluster: as written (joiners and variation selectors included), and without them. */
interface Unit {
  text: string;
  visible: string;
}

/** The clusters of a text, each also without the characters that take no glyph; clusters of nothing else dropped, line breaks one by one. */
function visibleClusters(input: string): Unit[] {
  const out: Unit[] = [];
  for (const g of graphemes(input)) {
    const visible = g.replace(IGNORABLE, '');
    if (!visible) continue;
    if (/[\n\r\t]/.test(visible) && visible.length > 1) for (const ch of visible) out.push({ text: ch, visible: ch });
    else out.push({ text: g, visible });
  }
  return out;
}

/** What every pass over one font set shares: the font each character takes in each chain, and the runs of texts already split. */
interface Shared {
  /** chain -> code point -> index in the chain, or -1. */
  choice: Map<string, Map<number, number>>;
  /** family + context + text -> its runs and the characters of it no font has (texts repeat: names, times, labels). */
  runs: Map<string, { runs: Array<{ text: string; font?: string }>; missing: string[] }>;
}
const sharedOf = new WeakMap<FontSet, Shared>();
/** Texts remembered per font set before the memo starts over (a 1,000-talk build has ~60,000 distinct ones). */
const RUNS_MEMO = 100_000;
/** Longer texts (paragraphs of abstracts) are not remembered: they seldom repeat. */
const MEMO_LENGTH = 200;

class FallbackPass {
  readonly missing: MissingGlyphs = new Map();
  private readonly shared: Shared;
  /** The choices of each chain array a split made (its key is joined once per split, not per character). */
  private readonly byChain = new WeakMap<string[], Map<number, number>>();
  /** Characters no font has, noted while a text is split, for the memo. */
  private recording: string[] | undefined;
  /** The text being split that has a source position or fields, and how often each missing character was met in it. */
  private at?: { src?: Position; seen: Map<string, number>; text?: string; spans?: FieldSpan[] };

  constructor(private readonly fonts: FontSet, private readonly styles: Record<string, Node>) {
    let shared = sharedOf.get(fonts);
    if (!shared) sharedOf.set(fonts, (shared = { choice: new Map(), runs: new Map() }));
    this.shared = shared;
  }

  node(node: Node, font: string): Node {
    if (typeof node === 'string') return this.text(node, font);
    if (Array.isArray(node)) return node.map((n) => this.node(n, font));
    if (!node || typeof node !== 'object') return node;
    const f = fontOf(node, this.styles) ?? font;
    const outer = this.scope(node);
    try {
      return this.splitNode(node, f);
    } finally {
      this.at = outer;
    }
  }

  /** Opens the scope of a node or run with a source position or fields; returns the one it replaces. */
  private scope(node: Node): FallbackPass['at'] {
    const outer = this.at;
    const fields = Array.isArray(node.spans) && typeof node.text === 'string';
    if (node.src || fields) this.at = { src: node.src ?? outer?.src, seen: new Map(), ...(fields ? { text: node.text, spans: node.spans } : {}) };
    return outer;
  }

  private splitNode(node: Node, f: string): Node {
    const out = { ...node };
    if ('text' in node) {
      out.text = this.inline(node.text, f);
      // A bookmark's title is the node's text; split into runs it would print as [object Object].
      if (node.outline && typeof node.text === 'string' && typeof out.text !== 'string' && node.outlineText === undefined) out.outlineText = node.text;
    }
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
    const outer = this.scope(inline);
    let runs: Array<{ text: string; font?: string }>;
    try {
      runs = this.runs(inline.text, fontOf(inline, this.styles) ?? font);
    } finally {
      this.at = outer;
    }
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

  /**
   * The runs of one string; a run without `font` stays in the inherited family. Each
   * character is set in the first font of its chain that has it, spaces and joiners too (a
   * space stays in the font before it when that font has it): the Chinese chain in Chinese
   * context, the Latin chain (Latin face first) in Latin context (script-context.ts).
   */
  private runs(input: string, family: string): Array<{ text: string; font?: string }> {
    const key = input.length <= MEMO_LENGTH ? `${family}\0${this.fonts.script ?? ''}\0${input}` : undefined;
    let known = key === undefined ? undefined : this.shared.runs.get(key);
    if (known) {
      for (const ch of known.missing) this.record(ch, family);
    } else {
      const outer = this.recording;
      this.recording = [];
      known = { runs: this.split(input, family), missing: this.recording };
      this.recording = outer;
      if (this.shared.runs.size >= RUNS_MEMO) this.shared.runs.clear();
      if (key !== undefined) this.shared.runs.set(key, known);
    }
    // Run objects are copied: pdfmake may write into the inlines it is given.
    return known.runs.map((r) => ({ ...r }));
  }

  private split(input: string, family: string): Array<{ text: string; font?: string }> {
    const cjkChain = [family, ...(this.fonts.fallbacks[family] ?? [])];
    const latinChain = this.fonts.latinChains?.[family] ?? cjkChain;
    const fallback = family === 'mono' ? 'l' : this.fonts.script ?? 'c';
    let chars: string[];
    let fonts: Array<string | undefined>;
    let contexts: string[] | undefined;
    if (hasMultiClusters(input)) ({ chars, fonts, contexts } = this.clusterFonts(input, family, cjkChain, latinChain, fallback));
    else {
      chars = [...input.replace(IGNORABLE, '')];
      contexts = latinChain === cjkChain ? undefined : scriptContexts(chars, fallback);
      fonts = new Array(chars.length);
      for (let i = 0; i < chars.length; i++) {
        const ch = chars[i];
        const chain = contexts?.[i] === 'l' ? latinChain : cjkChain;
        if (LINE_BREAKS.has(ch)) fonts[i] = undefined;
        else fonts[i] = this.pick(ch, family, chain);
      }
    }
    this.keepTogether(chars, fonts, contexts, latinChain);
    if (fonts.every((f) => f === family || f === undefined)) return [{ text: chars.join('') }];
    const runs: Array<{ text: string; font?: string }> = [];
    let current: string | undefined = family;
    chars.forEach((ch, i) => {
      const f = fonts[i] ?? current ?? family;
      const last = runs[runs.length - 1];
      if (last && f === current) last.text += ch;
      else runs.push({ text: ch, ...(f !== family ? { font: f } : {}) });
      current = f;
    });
    return runs;
  }

  /**
   * Fonts for the grapheme clusters of a text: a cluster goes whole to the first font of its
   * chain that has every character of it (a mark stays with its letter), and keeps its joiners
   * and variation selectors when that font has them too (Noto Emoji then sets 👨‍👩‍👧 as one
   * glyph, by its ligature); a cluster that no font has whole is set character by character.
   */
  private clusterFonts(input: string, family: string, cjkChain: string[], latinChain: string[], fallback: 'c' | 'l') {
    const units = visibleClusters(input);
    const own = latinChain === cjkChain ? undefined : scriptContexts(units.map((u) => u.visible), fallback);
    const chars: string[] = [];
    const fonts: Array<string | undefined> = [];
    const contexts: string[] = [];
    const add = (text: string, font: string | undefined, context: string) => { chars.push(text); fonts.push(font); contexts.push(context); };
    units.forEach((unit, i) => {
      const context = own?.[i] ?? 'c';
      const chain = context === 'l' && own ? latinChain : cjkChain;
      if (LINE_BREAKS.has(unit.visible)) return add(unit.visible, undefined, context);
      const all = (text: string) => (name: string) => [...text].every((c) => this.covers(name, c.codePointAt(0)!));
      // With its selectors and joiners when a font has them (❤️ in Noto Emoji rather than a text heart).
      const joined = unit.text !== unit.visible ? chain.find(all(unit.text)) : undefined;
      if (joined) return add(unit.text, joined, context);
      const cps = [...unit.visible];
      const whole = cps.length > 1 ? chain.find(all(unit.visible)) : undefined;
      if (cps.length > 1 && !whole) {
        for (const ch of unit.visible) add(ch, this.pick(ch, family, chain), context);
        return;
      }
      add(unit.visible, whole ?? this.pick(unit.visible, family, chain), context);
    });
    return { chars, fonts, contexts: own && contexts };
  }

  /** The first font of `chain` with a glyph for `ch`; a character none has is recorded and set in the chain's first. */
  private pick(ch: string, family: string, chain: string[]): string {
    let byChar = this.byChain.get(chain);
    if (!byChar) {
      const key = chain.join('\0');
      byChar = this.shared.choice.get(key);
      if (!byChar) this.shared.choice.set(key, (byChar = new Map()));
      this.byChain.set(chain, byChar);
    }
    const cp = ch.codePointAt(0)!;
    let k = byChar.get(cp);
    if (k === undefined) {
      k = cp < 0x20 || (cp >= 0x7f && cp < 0xa0) ? -1 : chain.findIndex((f) => this.covers(f, cp));
      byChar.set(cp, k);
    }
    if (k < 0) {
      this.record(ch, family);
      this.recording?.push(ch);
    }
    return chain[Math.max(k, 0)];
  }

  private record(ch: string, family: string): void {
    let m = this.missing.get(ch);
    if (!m) this.missing.set(ch, (m = { family, places: [], unplaced: 0 }));
    if (!this.at) {
      m.unplaced++;
      return;
    }
    const nth = this.at.seen.get(ch) ?? 0;
    this.at.seen.set(ch, nth + 1);
    const { src, text, spans } = this.at;
    m.places.push({ ...(src ? { src } : {}), nth, ...(spans ? { text, spans } : {}) });
  }

  private covers(family: string, cp: number): boolean {
    const face = this.fonts.families[family]?.normal;
    return !!face && hasGlyph(face, cp);
  }

  /**
   * Keeps one design across a stretch of Latin text: a stretch (in Latin context, or else
   * between CJK characters) with a character its chain's first font lacks moves whole to the
   * first font that has all of it (a name set half in one font, half in another, shows);
   * failing that, each word does.
   */
  private keepTogether(chars: string[], fonts: Array<string | undefined>, contexts: string[] | undefined, chain: string[]): void {
    const inStretch = contexts ? (i: number) => contexts[i] === 'l' && !CJK.test(chars[i]) : (i: number) => !CJK.test(chars[i]) && !CJK_PUNCTUATION.test(chars[i]);
    this.moveRuns(chars, fonts, chain, inStretch, (start, end) =>
      this.moveRuns(chars, fonts, chain, (i) => WORD_CHAR.test(chars[i]) && inStretch(i), undefined, start, end));
  }

  private moveRuns(chars: string[], fonts: Array<string | undefined>, chain: string[], inRun: (i: number) => boolean,
    otherwise?: (start: number, end: number) => void, from = 0, to = chars.length): void {
    for (let start = from; start < to; ) {
      if (!inRun(start)) { start++; continue; }
      let end = start;
      while (end < to && inRun(end)) end++;
      const own = fonts.slice(start, end).filter((f) => f !== undefined);
      if (fonts.slice(start, end).some((f) => f !== undefined && f !== chain[0])) {
        const cps = chars.slice(start, end).filter((c) => !LINE_BREAKS.has(c)).flatMap((c) => [...c].map((ch) => ch.codePointAt(0)!));
        // A face for symbols (DejaVu Sans has Latin too) takes only the symbols, not their sentence.
        const f = chain.find((name) => !this.fonts.singles?.includes(name) && cps.every((cp) => this.covers(name, cp)));
        if (f) {
          for (let i = start; i < end; i++) if (fonts[i] !== undefined) fonts[i] = f;
        } else {
          otherwise?.(start, end);
        }
      }
      start = end;
    }
  }
}
