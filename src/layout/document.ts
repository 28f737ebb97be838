import type { Block } from '../model/types.js';
import { FIELD_PI } from './field-marks.js';
import { parseMarkup, MarkupSyntaxError, type MarkupElement } from './markup-tree.js';
import { MarkupError, blockProps, convertBlocks, type ConvertContext } from './markup-to-pdf.js';
import type { BlockProps, DocumentTree, Node, PlacedInfo, RunningBlock, StackNode } from './tree.js';
import { FragmentStore, TemplateError, locate, type TemplateSet } from './templates.js';
import { pdfmakeStyles, AttributeError } from './style-attrs.js';
import { resolveLengths, type BadgeBox } from './badge-geometry.js';
import { FitAttributeError } from './markup-fit.js';
import { TYPOGRAPHY_KEY, typographyOf, type Typography } from '../typeset/config.js';
import { AT_ATTRIBUTE } from './template-positions.js';
import { resolveFitGroups } from './fit-groups.js';

const MM = 72 / 25.4;
/** The template positions written into rendered tags (template-positions.ts), left out of quoted markup. */
const TAG_POSITIONS = new RegExp(` ${AT_ATTRIBUTE}="[^"]*"|<\\?${FIELD_PI}[^?]*\\?>`, 'g');

/** Page size in points for A-series names or "WxHmm". */
export function paperSize(paper: string, landscape = false): { width: number; height: number } {
  const named: Record<string, [number, number]> = { A3: [297, 420], A4: [210, 297], A5: [148, 210], A6: [105, 148] };
  const m = /^(\d+(?:\.\d+)?)x(\d+(?:\.\d+)?)mm$/.exec(paper);
  const [w, h] = named[paper] ?? (m ? [Number(m[1]), Number(m[2])] : undefined) ?? named.A4;
  const [width, height] = [w * MM, h * MM];
  return landscape ? { width: height, height: width } : { width, height };
}

/**
 * Renders a template with its view model and turns the markup into a pdfmake
 * document definition. Errors come back as TemplateError at the template's line.
 */
export function composeDocument(templates: TemplateSet, name: string, view: object): DocumentTree {
  const locale = (view as { locale?: { language?: string; second?: string } }).locale;
  const typography = typographyOf(templates.theme.typography, locale?.language, locale?.second);
  return convertMarkup(templates, name, view, (root, fragments) => toDocument(root, { theme: templates.theme, fragments, fonts: templates.fonts }, typography));
}

/**
 * Renders a template whose root is <badge> (one badge face) to pdfmake blocks; `extra`
 * sets where <place> coordinates start and who hears about text that does not fit.
 */
export function composeBadgeFace(templates: TemplateSet, name: string, view: object,
  extra: Pick<ConvertContext, 'origin' | 'onUnfitted' | 'photo'> & { badge: BadgeBox }): StackNode {
  return convertMarkup(templates, name, view, (root, fragments) => {
    if (root.name !== 'badge') throw new MarkupError(root, `a badge template must start with <badge>, not <${root.name}>`);
    try {
      resolveLengths(root, extra.badge);
    } catch (err) {
      if (err instanceof FitAttributeError) throw new MarkupError(err.element, err.message, err.attribute);
      throw err;
    }
    const ctx: ConvertContext = { theme: templates.theme, fragments, fonts: templates.fonts, ...extra };
    return { ...blockProps(root, ctx), stack: convertBlocks(root, ctx) };
  });
}

function convertMarkup<T>(templates: TemplateSet, name: string, view: object,
  convert: (root: MarkupElement, fragments: Block[][]) => T): T {
  const fragments = new FragmentStore();
  const markup = templates.render(name, view, fragments);
  let root: MarkupElement;
  try {
    root = parseMarkup(markup, fragments.marks.fields);
  } catch (err) {
    if (!(err instanceof MarkupSyntaxError)) throw err;
    if (err.element) throw locateMarkupError(new MarkupError(err.element, err.message), templates, name);
    const line = markup.split('\n')[err.line - 1]?.replace(TAG_POSITIONS, '').trim().slice(0, 80) ?? '';
    throw new TemplateError(unbalanced(templates, name) ?? { file: `${templates.label}/${name}`, line: 1, column: 1 },
      `the template produced broken markup (${err.message}) near: ${line}`,
      'check that every <tag> is closed (<p>...</p> or <br/>) and attribute values are in quotes');
  }
  try {
    return convert(root, fragments.items);
  } catch (err) {
    if (err instanceof MarkupError) throw locateMarkupError(err, templates, name);
    if (err instanceof AttributeError) throw new TemplateError({ file: `${templates.label}/theme.yaml`, line: 1, column: 1 }, err.message, 'fix the style in theme.yaml');
    throw err;
  }
}

function toDocument(root: MarkupElement, ctx: ConvertContext, typography: Typography): DocumentTree {
  if (root.name !== 'document') throw new MarkupError(root, `the template must start with <document>, not <${root.name}>`);
  const body: MarkupElement = { ...root, children: root.children.filter((c) => typeof c === 'string' || !['footer', 'header'].includes(c.name)) };
  const footer = root.children.find((c): c is MarkupElement => typeof c !== 'string' && c.name === 'footer');
  const header = root.children.find((c): c is MarkupElement => typeof c !== 'string' && c.name === 'header');
  const { paper = 'A4', orientation = 'portrait', margins = '40', 'back-cover': backCover, width, height, fold, ...style } = root.attrs;
  if (fold !== undefined && fold !== 'tent') throw new MarkupError(root, `<document> fold="${fold}" is not a fold forumpress knows (only fold="tent")`, 'fold');
  // The paragraph setter's settings ride along in defaultStyle (src/pdfmake/line-builder.ts reads them).
  const defaultStyle = { ...blockProps({ ...root, attrs: style }, ctx), [TYPOGRAPHY_KEY]: typography };
  // width="390" height="auto" (points): a page as tall as what it holds, e.g. a phone's long image.
  const pageSize = width ? customPage(root, width, height) : paperSize(paper, orientation === 'landscape');
  const pageMargins = margins.split(/[ ,]+/).map(Number);
  // pdfmake's margins: one value, [horizontal, vertical] or [left, top, right, bottom].
  const bottom = pageMargins[pageMargins.length === 4 ? 3 : pageMargins.length - 1];
  return {
    pageSize,
    pageMargins,
    // Read by imposition (src/render/derive.ts); pdfmake ignores it.
    backCover: backCover === 'true',
    defaultStyle,
    styles: pdfmakeStyles(ctx.theme),
    content: withFitGroups(convertBlocks(body, ctx)),
    footer: footer && running(footer, ctx),
    header: header && running(header, ctx),
    // A page of height="auto" has no foot for a heading to be stranded at.
    pageBreakBefore: keepWithNext(typeof pageSize.height === 'number' ? pageSize.height - bottom : Infinity, lineHeightOf(defaultStyle)),
    // Read by src/render/sheets.ts (table tents); pdfmake ignores it.
    ...(fold ? { fold } : {}),
  };
}

/** The blocks, each group of <fit group> in each given one size (fit-groups.ts). */
function withFitGroups(blocks: Node[]): Node[] {
  resolveFitGroups(blocks);
  return blocks;
}

/** A page size given in points; height "auto" makes each page as tall as its content. */
function customPage(root: MarkupElement, width: string, height = 'auto'): { width: number; height: number | 'auto' } {
  const points = (v: string) => (/^\d+(\.\d+)?$/.test(v) && Number(v) >= 72 && Number(v) <= 14400 ? Number(v) : undefined);
  const w = points(width);
  const h = height === 'auto' ? 'auto' : points(height);
  if (w === undefined || h === undefined) throw new MarkupError(root, `page width="${width}" height="${height}" must be points between 72 and 14400 (height may be "auto")`);
  return { width: w, height: h };
}

/** Lines of the text after a heading that must share its page (clreq and every house style: no heading alone at a page foot). */
const LINES_AFTER_HEADING = 3;

/** The height of one line of body text, from the document's size and line height. */
function lineHeightOf(style: BlockProps): number {
  // 1.45 em: Noto Serif SC's ascent plus descent, which pdfmake takes as a line's height.
  return Number(style.fontSize ?? 10) * 1.45 * Number(style.lineHeight ?? 1);
}


/**
 * A node marked keep-with-next moves to the next page when what follows it on its page is
 * less than three lines of text (or nothing). pdfmake lays the document out again after
 * each move, so this runs only for headings, which are few.
 */
function keepWithNext(pageBottom: number, lineHeight: number) {
  return (node: Node, query: { getFollowingNodesOnPage(): PlacedInfo[] }): boolean => {
    if (node.headlineLevel !== 1) return false;
    const following = query.getFollowingNodesOnPage();
    const next = following.find((n) => n.headlineLevel !== 1 && n.startPosition);
    if (!next) return true;
    // Only a block that runs onto the next page can leave too few lines here.
    const continues = (next.pageNumbers?.length ?? 1) > 1;
    return continues && pageBottom - next.startPosition!.top < LINES_AFTER_HEADING * lineHeight;
  };
}

/** A header or footer, converted for each page; `from-page` leaves the first pages bare. */
function running(el: MarkupElement, ctx: ConvertContext): RunningBlock {
  const from = Number(el.attrs['from-page'] ?? 1);
  // skip-last: a back cover carries no page number.
  const skipLast = el.attrs['skip-last'] === 'true';
  const margin = (el.attrs.margin ?? '40,12,40,0').split(/[ ,]+/).map(Number);
  const container: MarkupElement = { ...el, attrs: {} };
  return (current: number, count: number): Node | null =>
    current < from || (skipLast && current === count) ? null : { stack: convertBlocks(container, { ...ctx, page: { current, count } }), margin };
}

function locateMarkupError(err: MarkupError, templates: TemplateSet, name: string): TemplateError {
  // The value the message quotes (a colour, a style name) finds the line better than the element's name.
  const value = /"([^"{}<>]+)"/.exec(err.message)?.[1];
  const needles = [
    ...(err.attribute && value ? [`${err.attribute}="${value}"`] : []),
    ...(err.attribute ? [`${err.attribute}=`] : []),
    ...(value && !err.attribute ? [`="${value}"`, `"${value}"`, ` ${value}"`] : []),
    `<${err.element.name}`,
  ];
  const candidates = [name, ...templatePartials(templates, name)];
  for (const needle of needles) {
    for (const file of candidates) {
      const at = locate(templates.source(file) ?? '', needle);
      if (at) return new TemplateError({ file: `${templates.label}/${file}`, ...at }, err.message, 'README.md ("Templates") lists the elements and their attributes');
    }
  }
  return new TemplateError({ file: `${templates.label}/${name}`, line: 1, column: 1 }, err.message, 'README.md ("Templates") lists the elements and their attributes');
}

/** The first element whose opening and closing tags do not balance in one template file: where a broken markup error comes from. */
function unbalanced(templates: TemplateSet, name: string): { file: string; line: number; column: number } | undefined {
  for (const file of [...templatePartials(templates, name), name]) {
    const src = (templates.source(file) ?? '').replace(/\{\{!--[\s\S]*?--\}\}/g, (c) => c.replace(/[^\n]/g, ' '));
    const names = new Set([...src.matchAll(/<([a-z][\w-]*)/g)].map((m) => m[1]));
    for (const tag of names) {
      const opens = [...src.matchAll(new RegExp(`<${tag}(?=[\\s>/])[^>]*?(/?)>`, 'g'))].filter((m) => !m[1]);
      const closes = src.split(`</${tag}>`).length - 1;
      if (opens.length !== closes) {
        const at = locate(src, opens.length > closes ? opens[opens.length - 1][0] : `</${tag}>`);
        if (at) return { file: `${templates.label}/${file}`, ...at };
      }
    }
  }
  return undefined;
}

function templatePartials(templates: TemplateSet, name: string): string[] {
  const src = templates.source(name) ?? '';
  return [...src.matchAll(/\{\{>\s*([\w-]+)/g)].map((m) => `partials/${m[1]}.hbs`);
}

export type { Block };
