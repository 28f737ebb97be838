import type { MarkupElement } from './markup-tree.js';
import type { Theme } from './theme.js';
import type { FontSet } from '../fonts/fonts.js';
import { cutToLines, fitText, measurer, type Measure } from './measure.js';
import { normalizeSpace } from './text.js';
import { qrRuns } from './qr.js';
import { STEPS, sizeAt, stepTexts } from './fit-groups.js';
import { joinedSpans, spansOf, withSpans } from './text-spans.js';

import type { BlockProps, CanvasNode, Node, PlacedNode, StackNode, TextNode, TextSpan } from './tree.js';
import { nonSpaceCount } from '../load/field-pos.js';

/** A text that did not fit its <fit> box even at its smallest size. */
export interface Unfitted {
  text: string;
  size: number;
  lines: number;
  /** True when the text was cut to max-lines (ending in …) rather than printed on more lines. */
  cut?: boolean;
  /** Where the field it prints is written (a name in attendees.csv), when it prints one. */
  at?: { file: string; line: number; column: number };
  /** Set when the text did not fit the height of its <place height> (place-height.ts): that height, in points. */
  room?: number;
  /** True when the block was left out of its <place height> altogether. */
  left?: boolean;
}

/** Limits a <place height> puts on one of its fits while it makes them fit its height: a smaller max-size, fewer lines. */
export interface FitCap {
  size?: number;
  lines?: number;
}

/** Attributes of <fit> besides the style attributes. */
export const FIT_ATTRS = ['max-size', 'min-size', 'max-lines', 'wrap-size', 'overflow', 'group'];
/** Attributes of <place> besides the style attributes. */
export const PLACE_ATTRS = ['x', 'y', 'height'];

function num(el: MarkupElement, name: string, fallback?: number): number {
  const raw = el.attrs[name];
  if (raw === undefined && fallback !== undefined) return fallback;
  const n = Number(raw);
  if (raw === undefined || !Number.isFinite(n)) throw new FitAttributeError(el, name, raw === undefined ? `<${el.name}> needs ${name}="…" (a number of points)` : `<${el.name}> ${name}="${raw}" is not a number`);
  return n;
}

/** A missing or bad number on <fit> or <place>. */
export class FitAttributeError extends Error {
  constructor(readonly element: MarkupElement, readonly attribute: string, message: string) {
    super(message);
  }
}

/** Whether a <fit> holds people's names (names="true", itself or by a theme style): broken between names, never inside one. */
export function namesOf(el: MarkupElement, theme: Theme): boolean {
  let on = false;
  for (const name of (el.attrs.style ?? '').split(/\s+/).filter(Boolean)) {
    const s = (Object.hasOwn(theme.styles, name) ? theme.styles[name] : undefined) ?? {};
    if (s.names !== undefined) on = s.names === true || s.names === 'true';
  }
  if (el.attrs.names !== undefined) on = el.attrs.names === 'true' || el.attrs.names === '';
  return on;
}

/** The face a <fit> is measured in: its own font/bold, else those of its theme styles, else sans. */
export function faceOf(el: MarkupElement, theme: Theme): { font: string; bold: boolean } {
  let font = 'sans';
  let bold = false;
  for (const name of (el.attrs.style ?? '').split(/\s+/).filter(Boolean)) {
    const s = (Object.hasOwn(theme.styles, name) ? theme.styles[name] : undefined) ?? {};
    if (typeof s.font === 'string') font = s.font;
    if (s.bold !== undefined) bold = s.bold === true || s.bold === 'true';
  }
  if (el.attrs.font) font = el.attrs.font;
  if (el.attrs.bold !== undefined) bold = el.attrs.bold === 'true' || el.attrs.bold === '';
  return { font, bold };
}

/**
 * <fit width max-size min-size max-lines wrap-size overflow>: text set as large as its box
 * allows. The size and line breaks are measured here, with the fonts the PDF embeds. Text that
 * does not fit at min-size is cut to max-lines, ending in "…" (overflow="cut", the default on a
 * badge, whose box must not grow), or printed on more lines (overflow="wrap", elsewhere).
 * group="…": one size for the group's fits in a sign (fit-groups.ts).
 */
export function fitNode(el: MarkupElement, theme: Theme, props: BlockProps, report: (u: Unfitted) => void, fonts?: FontSet, inBadge = false, cap: FitCap = {}): TextNode {
  const texts = el.children.filter((c): c is string => typeof c === 'string');
  const text = texts.join('');
  // Lines broken, a gap or an ellipsis: only spaces move, so the spans of the fields still hold.
  const spans = joinedSpans(texts.map((t, i) => ({ text: t, spans: spansOf(el, i) })));
  const clean = normalizeSpace(text).trim();
  const width = num(el, 'width');
  const ownMax = num(el, 'max-size');
  const minSize = num(el, 'min-size', Math.min(ownMax, 8));
  // Under a cap, the text takes the largest size at or below it, on one line where one line holds it.
  const maxSize = cap.size === undefined ? ownMax : Math.max(minSize, Math.min(ownMax, cap.size));
  const maxLines = Math.min(num(el, 'max-lines', 1), cap.lines ?? Infinity);
  const wrapSize = Math.min(num(el, 'wrap-size', minSize), maxSize);
  const overflow = cap.lines !== undefined ? 'cut' : el.attrs.overflow ?? (inBadge ? 'cut' : 'wrap');
  if (overflow !== 'cut' && overflow !== 'wrap') throw new FitAttributeError(el, 'overflow', `<fit> overflow="${overflow}" is not cut or wrap`);
  const measure = measurer(faceOf(el, theme), fonts);
  const cjkLatinSpace = theme.typography?.cjk_latin_space;
  const names = namesOf(el, theme);
  const fitted = fitText(clean, { width, maxSize, minSize, maxLines, wrapSize, cjkLatinSpace, names }, measure);
  let lines = fitted.lines;
  if (!fitted.fits && clean) {
    if (overflow === 'cut') lines = cutToLines(clean, width, fitted.size, maxLines, measure, cjkLatinSpace, names);
    const field = spans?.[0].at;
    report({ text: clean, size: fitted.size, lines: fitted.lines.length, cut: overflow === 'cut', ...(field ? { at: { file: field.file, line: field.line, column: field.column } } : {}) });
  }
  const { width: _ignored, ...rest } = props;
  // A text cut to fit ends in "…", which is no field's: the spans end where the cut text does.
  const kept = lines !== fitted.lines ? nonSpaceCount(lines.join('').replace(/…$/, '')) : Infinity;
  const node: TextNode = { ...rest, text: lines.join('\n'), fontSize: fitted.size, ...withSpans(clipped(spans, kept)) };
  return el.attrs.group ? joinGroup(node, el.attrs.group, clean, { width, minSize, maxSize, maxLines, cjkLatinSpace, names }, measure) : node;
}

/** Spans that end by `end` (characters other than spaces), cut there. */
function clipped(spans: TextSpan[] | undefined, end: number): TextSpan[] | undefined {
  if (!spans || end === Infinity) return spans;
  const out = spans.filter((s) => s.start < end).map((s) => (s.end > end ? { ...s, end } : s));
  return out.length ? out : undefined;
}

/**
 * A member of a group (fit-groups.ts) carries its text at every step; alone, it takes the
 * largest step it fits at, its lines broken between words.
 */
function joinGroup(node: TextNode, group: string, text: string, box: Parameters<typeof stepTexts>[1], measure: Measure): TextNode {
  const { texts: fitSteps, poor } = stepTexts(text, box, measure);
  const member = { ...node, fitGroup: group, fitRange: [box.minSize, box.maxSize], fitSteps, fitPoor: poor };
  for (let step = STEPS; step >= 0; step--) {
    if (fitSteps[step] !== null) return { ...member, text: fitSteps[step] as string, fontSize: sizeAt(box.minSize, box.maxSize, step) };
  }
  return member;
}

/** <place x y width>: blocks at a fixed place, measured from the origin of the page or badge. */
export function placeNode(el: MarkupElement, origin: { x: number; y: number }, props: BlockProps, children: Node[]): PlacedNode {
  const x = origin.x + num(el, 'x');
  const y = origin.y + num(el, 'y');
  const { width, ...rest } = props;
  const column: StackNode = { ...rest, stack: children };
  if (width !== undefined) column.width = width;
  return { absolutePosition: { x, y }, columns: [column] };
}

/**
 * <qr value fit ecc>: a QR code `fit` points a side, drawn as vectors (one fill of its module
 * rectangles, in `color`, black by default) over a white square, which also gives the block its size.
 */
export function qrNode(el: MarkupElement, props: BlockProps): CanvasNode {
  const value = el.attrs.value ?? '';
  const ecc = el.attrs.ecc ?? 'M';
  const fit = num(el, 'fit', 80);
  if (!value) throw new FitAttributeError(el, 'value', '<qr> needs a value="…" to encode');
  if (!['L', 'M', 'Q', 'H'].includes(ecc)) throw new FitAttributeError(el, 'ecc', `<qr> ecc="${ecc}" is not one of L, M, Q, H`);
  if (!(fit > 0)) throw new FitAttributeError(el, 'fit', `<qr> fit="${fit}" must be more than 0 points`);
  const { color = '#000000', ...rest } = props;
  let code: ReturnType<typeof qrRuns>;
  try {
    code = qrRuns(value, ecc);
  } catch {
    throw new FitAttributeError(el, 'value', `<qr> value is ${value.length} characters, more than a QR code holds at ecc="${ecc}"; shorten it (a URL) or use ecc="L"`);
  }
  const { rects, modules } = code;
  return {
    ...rest,
    canvas: [
      { type: 'rect', x: 0, y: 0, w: fit, h: fit, color: '#ffffff' },
      { type: 'rects', x: 0, y: 0, unit: fit / modules, rects, color },
    ],
  };
}
