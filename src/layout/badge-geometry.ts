import type { MarkupElement } from './markup-tree.js';
import { FitAttributeError } from './markup-fit.js';
import type { BlockProps, CanvasNode, ImageNode, TextNode } from './tree.js';

/** A badge's size and the bleed its sheet allows, in points: what badge templates measure from. */
export interface BadgeBox {
  width: number;
  height: number;
  bleed: number;
}

/** Attributes that hold a length, where a badge template may write `width - 62` or `height / 2`. */
const LENGTHS = new Set(['x', 'y', 'width', 'height', 'fit', 'max-size', 'min-size', 'wrap-size', 'size']);

/**
 * Replaces, in every element of a badge face, length attributes written as arithmetic on
 * `width`, `height` and `bleed` (the badge's) by their value in points, so one template fits
 * label stocks of different sizes: `<place x="width - 62">`. Only + - * / and brackets are
 * understood; nothing is evaluated as code.
 */
export function resolveLengths(el: MarkupElement, box: BadgeBox): void {
  for (const [name, value] of Object.entries(el.attrs)) {
    if (!LENGTHS.has(name) || value === 'auto' || !/[a-z]|[\d)]\s*[-+*/]/i.test(value) || !/^[\s\d.+\-*/()a-z]+$/i.test(value)) continue;
    const result = evaluate(value, box);
    if (typeof result === 'string') throw new FitAttributeError(el, name, `<${el.name}> ${name}="${value}": ${result}`);
    el.attrs[name] = String(Math.round(result * 1000) / 1000);
  }
  for (const child of el.children) if (typeof child !== 'string') resolveLengths(child, box);
}

/** The value of an expression, or why it has none. */
function evaluate(text: string, box: BadgeBox): number | string {
  const tokens = text.match(/\d+(?:\.\d+)?|\.\d+|[a-z]+|[-+*/()]|\S/gi) ?? [];
  let i = 0;
  const vars: Record<string, number> = { width: box.width, height: box.height, bleed: box.bleed };
  const primary = (): number => {
    const t = tokens[i++];
    if (t === '(') {
      const v = sum();
      if (tokens[i++] !== ')') throw new Error('a bracket is not closed');
      return v;
    }
    if (t === '-') return -primary();
    if (t !== undefined && /^[\d.]/.test(t)) return Number(t);
    if (t !== undefined && Object.hasOwn(vars, t)) return vars[t];
    throw new Error(t === undefined ? 'it ends too early' : `"${t}" is not a number, width, height or bleed`);
  };
  const product = (): number => {
    let v = primary();
    while (tokens[i] === '*' || tokens[i] === '/') v = tokens[i++] === '*' ? v * primary() : v / primary();
    return v;
  };
  const sum = (): number => {
    let v = product();
    while (tokens[i] === '+' || tokens[i] === '-') v = tokens[i++] === '+' ? v + product() : v - product();
    return v;
  };
  try {
    const v = sum();
    if (i < tokens.length) return `"${tokens[i]}" is not expected here`;
    return Number.isFinite(v) ? v : 'it divides by zero';
  } catch (err) {
    return (err as Error).message;
  }
}

/**
 * <band y height [x width] bleed fill>: a rectangle placed like <place> (from the badge's
 * top-left corner; full width by default) that runs `bleed` points past the badge's edge on
 * the sides listed (left, right, top, bottom, or all), so a miscut shows colour, not paper.
 */
export function bandNode(el: MarkupElement, box: BadgeBox, origin: { x: number; y: number }, color: string): CanvasNode {
  const n = (name: string, fallback?: number) => {
    const raw = el.attrs[name];
    if (raw === undefined && fallback !== undefined) return fallback;
    const v = Number(raw);
    if (raw === undefined || !Number.isFinite(v)) throw new FitAttributeError(el, name, raw === undefined ? `<band> needs ${name}="…" (points)` : `<band> ${name}="${raw}" is not a number`);
    return v;
  };
  const sides = (el.attrs.bleed ?? 'none').split(/[\s,]+/).filter(Boolean);
  for (const s of sides) if (!['left', 'right', 'top', 'bottom', 'all', 'none'].includes(s)) throw new FitAttributeError(el, 'bleed', `<band> bleed="${el.attrs.bleed}": "${s}" is not left, right, top, bottom, all or none`);
  const out = (side: string) => (sides.includes(side) || sides.includes('all') ? box.bleed : 0);
  const x = n('x', 0) - out('left');
  const y = n('y') - out('top');
  const w = n('width', box.width) + out('left') + out('right');
  const h = n('height') + out('top') + out('bottom');
  return { absolutePosition: { x: origin.x + x, y: origin.y + y }, canvas: [{ type: 'rect', x: 0, y: 0, w, h, color }] };
}

/**
 * <photo width height>: the attendee's photo (content/photos/<id>.jpg or .png), scaled to
 * cover the box and cropped to it, centred; nothing when the attendee has none.
 */
export function photoNode(el: MarkupElement, props: BlockProps, photo: string | undefined): ImageNode | TextNode {
  const width = Number(el.attrs.width);
  const height = Number(el.attrs.height);
  for (const [name, v] of [['width', width], ['height', height]] as const) {
    if (!(v > 0)) throw new FitAttributeError(el, name, `<photo> needs ${name}="…", a number of points more than 0`);
  }
  if (!photo) return { text: '' };
  const { width: _w, ...rest } = props;
  return { ...rest, image: photo, width, height, cover: { width, height, align: 'center', valign: 'center' } };
}
