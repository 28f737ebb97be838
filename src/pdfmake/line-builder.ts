import { createRequire } from 'node:module';
import { hyphenationLanguage, naturalWidth, paragraphScript, prepareParagraph, setParagraph, type Metrics, type Prepared, type SetLine, type SetOptions, type TextRun } from '../typeset/index.js';
import { keepLinesTogether } from './widows.js';
import { reorderBidiLine } from './bidi-line.js';
import { hasRightToLeft } from '../typeset/bidi.js';
import { DEFAULT_TYPOGRAPHY, TYPOGRAPHY_KEY, type Typography } from '../typeset/config.js';
import { pdfmakeHooks } from './hooks.js';
import { availableFeatures, type FeatureFont } from '../fonts/features.js';

const require = createRequire(import.meta.url);
const Line = require('pdfmake/js/Line.js').default;

type Inline = Record<string, any>;

let current: Typography = DEFAULT_TYPOGRAPHY;

/** Unit-size widths per pdfkit font: the same word is measured once. */
const widths = new WeakMap<object, Map<string, number>>();
const halts = new WeakMap<object, Map<string, { offset: number; advance: number } | null> | null>();

/** pdfkit's measuring of an inline's text (as it will draw it), memoised per font at 1 pt. */
const metrics: Metrics<Inline> = {
  width(text, inline) {
    if (inline.fontFeatures || inline.characterSpacing) {
      return inline.font.widthOfString(text, inline.fontSize, inline.fontFeatures) + (inline.characterSpacing || 0) * (text.length - 1);
    }
    let byText = widths.get(inline.font);
    if (!byText) widths.set(inline.font, (byText = new Map()));
    let w = byText.get(text);
    if (w === undefined) {
      w = inline.font.widthOfString(text, 1);
      if (byText.size > 100_000) byText.clear();
      byText.set(text, w!);
    }
    return w! * inline.fontSize;
  },
  halt(ch, inline) {
    const font = inline.font?.font;
    if (!font?.layout) return undefined;
    let byChar = halts.get(font);
    // Read from the font's tables once per font (fontkit works the list out by decoding GSUB and GPOS).
    if (!byChar) halts.set(font, (byChar = availableFeatures(font as unknown as FeatureFont, (font as { stream?: { buffer?: Uint8Array } }).stream?.buffer).has('halt') ? new Map() : null));
    if (!byChar) return undefined;
    let h = byChar.get(ch);
    if (h === undefined) {
      const run = font.layout(ch, ['halt']);
      const full = font.layout(ch);
      h = run.glyphs.length === 1 && run.advanceWidth < full.advanceWidth
        ? { offset: run.positions[0].xOffset / font.unitsPerEm, advance: run.advanceWidth / font.unitsPerEm }
        : null;
      byChar.set(ch, h);
    }
    return h ? { offset: h.offset * inline.fontSize, advance: h.advance * inline.fontSize } : undefined;
  },
};

const haltFeatures = new Map<unknown, string[]>();
/** The features a half-width punctuation mark is drawn with: the inline's own and `halt` (one array per set, so runs still compare equal). */
function withHalt(features: string[] | undefined): string[] {
  let f = haltFeatures.get(features ?? null);
  if (!f) haltFeatures.set(features ?? null, (f = [...(features ?? []), 'halt']));
  return f;
}

/** The setter's runs for pdfmake's measured inlines of one text node. */
function toRuns(inlines: Inline[]): TextRun<Inline>[] {
  return inlines.map((inline, i) => {
    const leading = /^\s+/.exec(inline.text);
    // pdfmake cut leading spaces unless preserveLeadingSpaces (code); its first inline's cut holds the indent too.
    const cut = (inline.leadingCut || 0) + (i === 0 ? inline.leadingIndent || 0 : 0);
    return {
      text: inline.text,
      style: inline,
      size: inline.fontSize,
      noWrap: !!inline.noWrap,
      lineEnd: !!inline.lineEnd,
      keepLeadingSpaces: !!leading && Math.abs(cut) < 1e-9,
    };
  });
}

/**
 * A flag of a text node, itself or by a style: `balance` (display lines: a title's lines
 * balanced, broken between words), `names` (people's names, never broken inside one).
 */
function flagOf(node: Inline, styles: Record<string, Inline> | undefined, key: 'balance' | 'names'): boolean {
  if (node[key] !== undefined) return node[key] === true;
  const names: string[] = Array.isArray(node.style) ? node.style : node.style ? [node.style] : [];
  let on = false;
  for (const name of names) if (styles?.[name]?.[key] !== undefined) on = styles[name][key] === true;
  return on;
}

/** pdfmake Line objects for the setter's lines: new inlines, copies of the ones they come from, at the setter's x. */
function toLines(lines: SetLine<Inline>[], sources: Inline[], maxWidth: number, indent: number): Inline[] {
  return lines.map((set, k) => {
    const line = new Line(maxWidth);
    for (const run of set.runs) {
      const src = sources[run.source];
      // Copied by spreading: Object.assign and delete made every placed inline a dictionary-mode
      // object of ~1.5 KB (600 MB of the 40-room booklet's laid-out pages). A plain spread is
      // V8's shape-cloning fast path; a rest pattern leaving lineEnd out copied property by
      // property (~2.5 % of the 1,000-talk booklet). A placed inline has ended no line: pdfmake
      // only tests lineEnd for truth.
      const inline: Inline = { ...src };
      if (inline.lineEnd !== undefined) inline.lineEnd = undefined;
      inline.text = run.text;
      inline.width = run.width;
      inline.x = run.x;
      inline.leadingCut = 0;
      inline.trailingCut = 0;
      if (run.halt) inline.fontFeatures = withHalt(src.fontFeatures);
      if (run.scale) inline.horizontalScaling = run.scale;
      line.inlines.push(inline);
    }
    // pdfmake centres and right-aligns by this width; a justified line is already as wide as the
    // column. One the setter left short (nothing on it could stretch: an address broken at its
    // slashes) is said to be full, or pdfmake would spread the slack between its pieces itself.
    line.inlineWidths = sources[0]?.alignment === 'justify' && !set.last ? Math.max(set.width, maxWidth) : set.width;
    if (set.forced) line.newLineForced = true;
    line.lastLineInParagraph = set.last;
    line._typesetIndex = k;
    line._typesetCount = lines.length;
    void indent;
    return line;
  });
}

interface Plan {
  width: number;
  lines: Inline[];
  next: number;
}

/** How the setter sets a text node's inlines (all but the width): its alignment, indent, hyphenation, display lines. */
function paragraphOptions(inlines: Inline[], textNode: Inline | undefined, styles: Record<string, Inline> | undefined): Omit<SetOptions, 'width'> {
  const first = inlines[0];
  const align = first?.alignment;
  const text = inlines.map((i) => i.text).join('');
  // Not in a paragraph with right-to-left text: its levels are read by the characters' count.
  const lang = paragraphScript(text) === 'latin' && !hasRightToLeft(text) ? hyphenationLanguage(current.language) : undefined;
  return {
    indent: first?.leadingIndent || 0, align: align === 'justify' ? 'justify' : 'left', display: !!textNode && flagOf(textNode, styles, 'balance'), names: !!textNode && flagOf(textNode, styles, 'names'),
    hyphenate: align === 'justify' ? lang : undefined, cjkLatinSpace: current.cjkLatinSpace,
  };
}

/** The items pdfmake's measuring built for a text node's inlines, with what their widths were measured in. */
interface Measured {
  inlines: Inline[];
  fonts: unknown[];
  prepared: Prepared<Inline>;
}

/** Keyed by the inlines array pdfmake's measuring returns and the line builder is then given (node._inlines). */
const measured = new WeakMap<Inline[], Measured>();

/**
 * Builds the setter's items for a text node's inlines once, when pdfmake measures the node,
 * and keeps them for the line builder: the widest line comes from them, and the lines later
 * (a display node's, a balanced title's, as display lines: pdfmake's maxWidth hook is given the node).
 */
function measureText(inlines: Inline[], textNode: Inline | undefined, styles: Record<string, Inline> | undefined): number {
  const prepared = prepareParagraph(toRuns(inlines), metrics, paragraphOptions(inlines, textNode, styles));
  measured.set(inlines, { inlines: [...inlines], fonts: inlines.map(fontOf), prepared });
  return naturalWidth(prepared);
}

/** What an inline's widths were measured in (the setter's metrics read these). */
function fontOf(inline: Inline): unknown[] {
  return [inline.font, inline.fontFeatures, inline.characterSpacing];
}

/** The items kept for these inlines by measureText, if they are still the ones measured, in the same fonts. */
function preparedFor(inlines: Inline[]): Prepared<Inline> | undefined {
  const m = measured.get(inlines);
  if (!m || m.inlines.length !== inlines.length) return undefined;
  for (let i = 0; i < inlines.length; i++) {
    if (m.inlines[i] !== inlines[i]) return undefined;
    const [font, features, spacing] = m.fonts[i] as unknown[];
    if (inlines[i].font !== font || inlines[i].fontFeatures !== features || inlines[i].characterSpacing !== spacing) return undefined;
  }
  return m.prepared;
}

/** Sets the inlines left in a text node at a width: the lines pdfmake will place one by one. */
function plan(textNode: Inline, width: number, styles: Record<string, Inline> | undefined): Plan {
  const inlines: Inline[] = textNode._inlines;
  const runs = toRuns(inlines);
  const options = paragraphOptions(inlines, textNode, styles);
  const prepared = preparedFor(inlines);
  // Used once: kept, every paragraph's items lived until the document was laid out (1,200 pages: ~0.3 GB).
  measured.delete(inlines);
  const set = setParagraph(runs, metrics, { ...options, width }, prepared);
  const lines = toLines(set, inlines, width, options.indent ?? 0);
  // What is left to place: the new inlines, line after line (pdfmake takes them back when it reflows a column).
  textNode._inlines = lines.flatMap((l) => l.inlines);
  return { width, lines, next: 0 };
}

const WIDE = /[\u2014\u2E80-\uFFEF]/u;

/** Runs one layout (layout-document.ts) with the typography settings its default style carries (theme.yaml). */
export function withTypography<T>(defaultStyle: Inline | undefined, layOut: () => T): T {
  const saved = current;
  current = { ...DEFAULT_TYPOGRAPHY, ...(defaultStyle?.[TYPOGRAPHY_KEY] ?? {}) };
  try {
    return layOut();
  } finally {
    current = saved;
  }
}

/**
 * pdfmake's line builder is replaced by our paragraph setter (src/typeset/): at the first line
 * of a text node the whole node is set at the column's width, and pdfmake is handed those
 * lines, one per call, with every inline's x already set; it paginates them and never breaks
 * them again. Widow and orphan control happens as each line is handed over (widows.ts).
 * Through pdfmake's hooks (patches/pdfmake+0.3.11.patch), filled in once per process.
 */
export function installLineBuilder(): void {
  const hooks = pdfmakeHooks();
  // A text's widest line (an auto-sized column or table cell takes it) is the setter's: with
  // its Chinese–Latin gaps, compressed punctuation and two-em dashes, not the sum of inlines.
  hooks.maxWidth = function maxWidth(items: Inline[], summed: number, textNode?: Inline, styles?: { styleDictionary?: Record<string, Inline> }): number {
    // Text without Chinese, full-width forms or dashes is as wide set as pdfmake sums it.
    if (items.length && items.some((i) => WIDE.test(i.text))) {
      return measureText(items, textNode, styles?.styleDictionary);
    }
    return summed;
  };
  // Called as pdfmake's own method: `this` is the layout builder.
  hooks.buildNextLine = function buildNextLine(this: any, textNode: Inline) {
    if (!textNode._inlines || textNode._inlines.length === 0) return null;
    const width = this.writer.context().availableWidth;
    let p: Plan | undefined = textNode._typesetPlan;
    if (!p || p.width !== width || p.lines[p.next]?.inlines[0] !== textNode._inlines[0]) p = textNode._typesetPlan = plan(textNode, width, this.docMeasure?.styleStack?.styleDictionary);
    const line = p.lines[p.next++];
    textNode._inlines.splice(0, line.inlines.length);
    // Right-to-left text (Arabic, Hebrew): the line's inlines into visual order before pdfmake aligns them.
    reorderBidiLine(line, textNode, metrics.width);
    keepLinesTogether(this, p.lines as Array<{ getHeight(): number }>, p.next - 1);
    return line;
  };
}
