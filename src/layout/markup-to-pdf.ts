import type { Block } from '../model/types.js';
import type { MarkupElement, MarkupNode } from './markup-tree.js';
import type { Theme } from './theme.js';
import type { FontSet } from '../fonts/fonts.js';
import { AttributeError, STYLE_ATTRIBUTES, styleProps } from './style-attrs.js';
import { blocksToPdf } from './richtext.js';
import { normalizeSpace } from './text.js';
import { ruleLayout, tableLayout, TABLE_LAYOUTS } from './table-layouts.js';
import { FIT_ATTRS, FitAttributeError, PLACE_ATTRS, fitNode, placeNode, qrNode, type FitCap, type Unfitted } from './markup-fit.js';
import { fitToHeight } from './place-height.js';
import { bandNode, photoNode, type BadgeBox } from './badge-geometry.js';
import type { BlockProps, Node, StyleProps, TextNode, TextRun } from './tree.js';
import { TOC_ENTRY_ATTRS, tocEntryNode } from './toc-entry.js';
import { imageNode } from './image-node.js';
import { joinedSpans, spansOf, withSpans } from './text-spans.js';

/** A node of the document tree (tree.ts). */
export type Content = Node;

/** What converting markup needs besides the markup itself. */
export interface ConvertContext {
  theme: Theme;
  fragments: Block[][];
  /** Set while a footer or header is converted for one page. */
  page?: { current: number; count: number };
  /** Where <place> coordinates start (a badge's top-left corner); the page's by default. */
  origin?: { x: number; y: number };
  /** Told about every <fit> text that overflows at its smallest size. */
  onUnfitted?: (u: Unfitted) => void;
  /** The fonts text will be drawn with, to measure <fit> texts in. */
  fonts?: FontSet;
  /** Caps a <place height> puts on its fits while it fits them to its height (place-height.ts). */
  fitCaps?: Map<MarkupElement, FitCap>;
  /** Told the size and line count every <fit> was set at. */
  onFitted?: (el: MarkupElement, fitted: { size: number; lines: number }) => void;
  /** Set while a badge face is converted: its size and bleed, for <band>. */
  badge?: BadgeBox;
  /** The attendee's photo (a data URL) while their badge face is converted, for <photo>. */
  photo?: string;
}

/** An element or attribute the converter does not know, with the element's name. */
export class MarkupError extends Error {
  constructor(readonly element: MarkupElement, message: string, readonly attribute?: string) {
    super(message);
  }
}

type BlockHandler = (el: MarkupElement, ctx: ConvertContext) => Node;
type InlineHandler = (el: MarkupElement, ctx: ConvertContext) => TextRun[];

const BLOCK_ATTRS = ['id', 'page-break', 'width', 'unbreakable', 'toc', 'toc-style', 'toc-margin', 'bookmark', 'bookmark-parent', 'bookmark-text', 'keep-with-next', 'turn', 'fill-page'];

/** Common attributes of block elements: style, anchors, TOC entries and bookmarks. */
function blockProps(el: MarkupElement, ctx: ConvertContext, extra: string[] = []): BlockProps {
  const allowed = new Set([...Object.keys(STYLE_ATTRIBUTES), 'style', ...BLOCK_ATTRS, ...extra]);
  for (const key of Object.keys(el.attrs)) {
    if (!allowed.has(key)) throw new MarkupError(el, `<${el.name}> has no attribute "${key}"`, key);
  }
  const a = el.attrs;
  const out: BlockProps = withAttr(el, () => styleProps(pick(a, [...Object.keys(STYLE_ATTRIBUTES), 'style']), ctx.theme) as StyleProps);
  if (a.id) out.id = a.id;
  if (a['page-break']) out.pageBreak = a['page-break'];
  if (a.width) out.width = /^\d+(\.\d+)?$/.test(a.width) ? Number(a.width) : a.width;
  if (a.unbreakable === 'true') out.unbreakable = true;
  // The <fit group> whose size makes this block fill its page (src/pdfmake/fill-page.ts).
  if (a['fill-page']) out.fillPage = a['fill-page'];
  if (a['keep-with-next'] === 'true') out.headlineLevel = 1;
  if (a.turn !== undefined) out.headlineLevel = turnMark(el, a.turn);
  if (a.toc === 'true') {
    out.tocItem = true;
    if (a['toc-style']) out.tocStyle = a['toc-style'].split(/\s+/);
    // pdfmake gives the entry's margin precedence over its style's, so it is set here.
    if (a['toc-margin']) out.tocMargin = withAttr(el, () => STYLE_ATTRIBUTES.margin[1](a['toc-margin'], ctx.theme) as number | number[]);
  }
  if (a.bookmark === 'true') {
    out.outline = true;
    if (a['bookmark-parent']) out.outlineParentId = a['bookmark-parent'];
    if (a['bookmark-text']) out.outlineText = a['bookmark-text'];
  }
  return out;
}

/** turn="true": the page this block starts on is printed turned 180° (a tent's far face; src/render/sheets.ts). */
function turnMark(el: MarkupElement, value: string): string {
  if (value !== 'true') throw new MarkupError(el, `<${el.name}> turn="${value}": write turn="true", or leave the attribute out`, 'turn');
  return TURN_MARK;
}

/** How a turned block is marked for the renderer (pdfmake passes headlineLevel through untouched). */
export const TURN_MARK = 'turn-page';

/** A table entry by name, never one inherited from Object (an element named "constructor"). */
function own<T>(table: Record<string, T>, name: string): T | undefined {
  return Object.hasOwn(table, name) ? table[name] : undefined;
}

function pick(a: Record<string, string>, keys: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(a).filter(([k]) => keys.includes(k)));
}

function withAttr<T>(el: MarkupElement, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof AttributeError) throw new MarkupError(el, `<${el.name}>: ${err.message}`);
    throw err;
  }
}

function elements(el: MarkupElement): MarkupElement[] {
  return el.children.filter((c): c is MarkupElement => typeof c !== 'string');
}

/** Inline content of an element: text runs and inline elements; blocks trim their ends. */
function inlineChildren(el: MarkupElement, ctx: ConvertContext, trim = true): TextRun[] {
  const out: TextRun[] = [];
  let texts = 0;
  el.children.forEach((child, i) => {
    if (typeof child === 'string') {
      let t = normalizeSpace(child);
      if (trim && i === 0) t = t.replace(/^ +/, '');
      if (trim && i === el.children.length - 1) t = t.replace(/ +$/, '');
      // Collapsing and trimming take only spaces: the spans still hold.
      const spans = spansOf(el, texts++);
      if (t) out.push({ text: t, ...withSpans(spans) });
    } else {
      const handler = own(inlineHandlers, child.name);
      if (!handler) throw new MarkupError(child, `<${child.name}> cannot stand inside <${el.name}>`);
      out.push(...handler(child, ctx));
    }
  });
  return out;
}

function textNode(el: MarkupElement, ctx: ConvertContext, props: BlockProps): TextNode {
  const inlines = inlineChildren(el, ctx);
  const plain = inlines.every((i) => Object.keys(i).every((k) => k === 'text' || k === 'spans'));
  if (!plain) return { ...props, text: inlines };
  return { ...props, text: inlines.map((i) => i.text).join(''), ...withSpans(joinedSpans(inlines)) };
}

/** Block children; text directly inside a block container becomes a paragraph. */
function blockChildren(el: MarkupElement, ctx: ConvertContext): Node[] {
  const out: Node[] = [];
  let texts = 0;
  for (const child of el.children) {
    if (typeof child === 'string') {
      const t = normalizeSpace(child).replace(/^ +| +$/g, '');
      const spans = spansOf(el, texts++);
      // Text straight inside a container is written inside that element.
      if (t) out.push({ text: t, ...(el.src ? { src: el.src } : {}), ...withSpans(spans) });
      continue;
    }
    if (child.name === 'fragment') {
      out.push(...fragment(child, ctx));
      continue;
    }
    const handler = own(blockHandlers, child.name);
    if (!handler) {
      if (own(inlineHandlers, child.name)) throw new MarkupError(child, `<${child.name}> must stand inside <p>`);
      throw new MarkupError(child, `unknown element <${child.name}>`);
    }
    out.push(withSource(handler(child, ctx), child));
  }
  return out;
}

/** A block with where its template wrote it; one from a markdown fragment keeps its own. */
function withSource(node: Node, el: MarkupElement): Node {
  return el.src && !node.src ? { ...node, src: el.src } : node;
}

function fragment(el: MarkupElement, ctx: ConvertContext): Node[] {
  const blocks = ctx.fragments[Number(el.attrs.ref)];
  if (!blocks) throw new MarkupError(el, '<fragment> must come from the {{markdown}} helper');
  return blocksToPdf(blocks);
}

/** Converts a cell: inline-only content becomes text, otherwise a stack. */
function cell(el: MarkupElement, ctx: ConvertContext): Node {
  const props = blockProps(el, ctx, ['colspan', 'rowspan', 'border']);
  if (el.attrs.colspan) props.colSpan = Number(el.attrs.colspan);
  if (el.attrs.rowspan) props.rowSpan = Number(el.attrs.rowspan);
  if (el.attrs.border) props.border = cellBorder(el);
  const hasBlocks = el.children.some((c) => typeof c !== 'string' && (own(blockHandlers, c.name) || c.name === 'fragment'));
  return hasBlocks ? { ...props, stack: blockChildren(el, ctx) } : textNode(el, ctx, props);
}


/** A cell's `border="left,top,right,bottom"`: 1 draws that side's line, 0 leaves it out. */
function cellBorder(el: MarkupElement): boolean[] {
  const sides = el.attrs.border.split(/[ ,]+/);
  if (sides.length !== 4 || sides.some((v) => v !== '0' && v !== '1')) {
    throw new MarkupError(el, `border "${el.attrs.border}" must be four 0s or 1s: left, top, right, bottom (e.g. "1,0,1,1")`, 'border');
  }
  return sides.map((v) => v === '1');
}

/** Block elements, by name. */
export const blockHandlers: Record<string, BlockHandler> = {
  p: (el, ctx) => textNode(el, ctx, blockProps(el, ctx)),
  stack: (el, ctx) => ({ ...blockProps(el, ctx), stack: blockChildren(el, ctx) }),
  columns: (el, ctx) => ({
    ...blockProps(el, ctx, ['gap']),
    columnGap: Number(el.attrs.gap ?? 10),
    columns: elements(el).map((c) => {
      if (c.name !== 'column') throw new MarkupError(c, `<columns> holds <column> elements, not <${c.name}>`);
      return { ...blockProps(c, ctx), stack: blockChildren(c, ctx) };
    }),
  }),
  table: (el, ctx) => {
    const props = blockProps(el, ctx, ['widths', 'header-rows', 'keep-with-header', 'layout', 'line-color', 'padding']);
    const rows = elements(el).map((tr) => {
      if (tr.name !== 'tr') throw new MarkupError(tr, `<table> holds <tr> rows, not <${tr.name}>`);
      return elements(tr).map((td) => {
        if (td.name !== 'td') throw new MarkupError(td, `<tr> holds <td> cells, not <${td.name}>`);
        return cell(td, ctx);
      });
    });
    const layout = el.attrs.layout ?? 'none';
    if (!TABLE_LAYOUTS.includes(layout)) throw new MarkupError(el, `layout "${layout}" is not one of ${TABLE_LAYOUTS.join(', ')}`, 'layout');
    const widths = (el.attrs.widths ?? '').split(',').map((w) => w.trim()).filter(Boolean)
      .map((w) => (/^\d+(\.\d+)?$/.test(w) ? Number(w) : w));
    const cols = Math.max(0, ...rows.map((r) => r.length));
    const headerRows = Number(el.attrs['header-rows'] ?? 0);
    // A repeated header keeps its first row (keep-with-header="N": its first N) with it: no header alone at the foot of a page.
    const keep = Math.max(1, Math.floor(Number(el.attrs['keep-with-header'] ?? 1)) || 1);
    return {
      ...props,
      table: { headerRows, keepWithHeaderRows: headerRows ? Math.max(0, Math.min(keep, rows.length - headerRows)) : 0, dontBreakRows: true, widths: widths.length ? widths : Array(cols).fill('*'), body: rows },
      layout: tableLayout(layout, withAttr(el, () => styleProps({ color: el.attrs['line-color'] ?? '#999999' }, ctx.theme)).color as string, Number(el.attrs.padding ?? 3)),
    };
  },
  ul: (el, ctx) => ({ ...blockProps(el, ctx), ul: listItems(el, ctx) }),
  ol: (el, ctx) => ({ ...blockProps(el, ctx), ol: listItems(el, ctx) }),
  toc: (el, ctx) => {
    const props = blockProps(el, ctx, ['title', 'title-style', 'number-style']);
    const title = el.attrs.title ? { text: el.attrs.title, style: (el.attrs['title-style'] ?? '').split(/\s+/).filter(Boolean) } : undefined;
    return { ...props, toc: { title, numberStyle: el.attrs['number-style'] } };
  },
  'toc-entry': (el, ctx) => {
    const props = blockProps(el, ctx, TOC_ENTRY_ATTRS);
    if (!el.attrs.to) throw new MarkupError(el, '<toc-entry> needs to="ID": the id of the heading whose page it gives', 'to');
    if (el.attrs['number-width'] !== undefined && !(Number(el.attrs['number-width']) > 0)) {
      throw new MarkupError(el, `<toc-entry> number-width="${el.attrs['number-width']}" must be a width in points, e.g. 18`, 'number-width');
    }
    const numberStyle = el.attrs['number-style'] ? withAttr(el, () => styleProps({ style: el.attrs['number-style'] }, ctx.theme)).style as string[] : undefined;
    return tocEntryNode(el, props, inlineChildren(el, ctx), numberStyle);
  },
  image: (el, ctx) => {
    const { width: _width, ...props } = blockProps(el, ctx, ['ref', 'height']);
    const block = ctx.fragments[Number(el.attrs.ref)]?.[0];
    if (!block || block.type !== 'image') throw new MarkupError(el, '<image> must come from the {{image}} helper, given an image such as one of forum.logos');
    for (const name of ['width', 'height']) {
      if (el.attrs[name] !== undefined && !(Number(el.attrs[name]) > 0)) throw new MarkupError(el, `<image> ${name}="${el.attrs[name]}" must be a size in points, e.g. 36`, name);
    }
    return imageNode(block, props, Number(el.attrs.width ?? Infinity), Number(el.attrs.height ?? 36));
  },
  'page-break': () => ({ text: '', pageBreak: 'after' }),
  spacer: (el) => ({ text: '', margin: [0, Number(el.attrs.height ?? 10), 0, 0] }),
  rule: (el, ctx) => {
    const props = blockProps(el, ctx, ['thickness']);
    const color = (props.color as string | undefined) ?? '#999999';
    return { ...props, table: { widths: ['*'], body: [[{ text: '', fontSize: 1 }]] }, layout: ruleLayout(Number(el.attrs.thickness ?? 0.5), color) };
  },
  rect: (el, ctx) => {
    const props = blockProps(el, ctx, ['height', 'radius']);
    const w = Number(el.attrs.width ?? 100);
    return { ...props, width: w, canvas: [{ type: 'rect', x: 0, y: 0, w, h: Number(el.attrs.height ?? 10), r: Number(el.attrs.radius ?? 0), color: props.fillColor ?? props.color ?? '#000000' }] };
  },
  fit: (el, ctx) => withFitAttr(() => {
    const node = fitNode(el, ctx.theme, blockProps(el, ctx, FIT_ATTRS), ctx.onUnfitted ?? (() => {}), ctx.fonts, !!ctx.origin, ctx.fitCaps?.get(el));
    ctx.onFitted?.(el, { size: node.fontSize ?? 0, lines: typeof node.text === 'string' ? node.text.split('\n').length : 1 });
    return node;
  }),
  place: (el, ctx) => withFitAttr(() => {
    const props = blockProps(el, ctx, PLACE_ATTRS);
    return placeNode(el, ctx.origin ?? { x: 0, y: 0 }, props, el.attrs.height === undefined ? blockChildren(el, ctx) : placedToHeight(el, ctx, props));
  }),
  qr: (el, ctx) => withFitAttr(() => qrNode(el, blockProps(el, ctx, ['value', 'fit', 'ecc']))),
  photo: (el, ctx) => withFitAttr(() => {
    if (!ctx.badge) throw new MarkupError(el, '<photo> belongs in a badge template');
    return photoNode(el, blockProps(el, ctx, ['height']), ctx.photo);
  }),
  band: (el, ctx) => withFitAttr(() => {
    const props = blockProps(el, ctx, ['x', 'y', 'height', 'bleed']);
    if (!ctx.badge) throw new MarkupError(el, '<band> belongs in a badge template');
    return bandNode(el, ctx.badge, ctx.origin ?? { x: 0, y: 0 }, (props.fillColor ?? props.color ?? '#000000') as string);
  }),
};

/** The children of a <place height>, fitted to its height; what does not fit is reported as unfitted. */
function placedToHeight(el: MarkupElement, ctx: ConvertContext, props: BlockProps): Node[] {
  const room = Number(el.attrs.height);
  if (!(room > 0)) throw new FitAttributeError(el, 'height', `<place> height="${el.attrs.height}" must be a number of points more than 0`);
  if (typeof props.width !== 'number') throw new FitAttributeError(el, 'height', '<place height> needs a width="…" too, to know where its lines break');
  const margin = props.margin;
  const top = typeof margin === 'number' ? margin : Array.isArray(margin) ? margin[1] : 0;
  const { nodes, unfitted } = fitToHeight(el, {
    room, width: props.width, theme: ctx.theme, fonts: ctx.fonts, top,
    convert: (caps) => {
      const heard: Unfitted[] = [];
      const fitted = new Map<MarkupElement, { size: number; lines: number }>();
      const nodes = blockChildren(el, { ...ctx, fitCaps: caps, onUnfitted: (u) => heard.push(u), onFitted: (f, s) => fitted.set(f, s) });
      return { nodes, unfitted: heard, fitted };
    },
  });
  for (const u of unfitted) ctx.onUnfitted?.(u);
  return nodes;
}

function withFitAttr(fn: () => Node): Node {
  try {
    return fn();
  } catch (err) {
    if (err instanceof FitAttributeError) throw new MarkupError(err.element, err.message, err.attribute);
    throw err;
  }
}

function listItems(el: MarkupElement, ctx: ConvertContext): Node[] {
  return elements(el).map((li) => {
    if (li.name !== 'li') throw new MarkupError(li, `<${el.name}> holds <li> items, not <${li.name}>`);
    return cell(li, ctx);
  });
}

/** Inline elements, by name. */
export const inlineHandlers: Record<string, InlineHandler> = {
  b: (el, ctx) => inlineChildren(el, ctx, false).map((i) => ({ ...i, bold: true })),
  i: (el, ctx) => inlineChildren(el, ctx, false).map((i) => ({ ...i, italics: true })),
  span: (el, ctx) => {
    const props = blockProps(el, ctx);
    return inlineChildren(el, ctx, false).map((i) => ({ ...props, ...i }));
  },
  br: () => [{ text: '\n' }],
  'page-ref': (el) => [{ text: '00', pageReference: el.attrs.to }],
  link: (el, ctx) => {
    const target = el.attrs.to ? { linkToDestination: el.attrs.to } : /^(https?:|mailto:)/.test(el.attrs.href ?? '') ? { link: el.attrs.href } : {};
    return inlineChildren(el, ctx, false).map((i) => ({ ...i, ...target }));
  },
  'page-number': (_el, ctx) => [{ text: String(ctx.page?.current ?? '') }],
  'page-count': (_el, ctx) => [{ text: String(ctx.page?.count ?? '') }],
};

/** Converts the children of a block container (the document body, a footer). */
export function convertBlocks(el: MarkupElement, ctx: ConvertContext): Node[] {
  return blockChildren(el, ctx);
}

export { blockProps, type MarkupNode };
