/**
 * The document tree that layout produces and later stages read: our own types, not pdfmake's.
 * The shapes follow what pdfmake draws (a node is a text, a stack, columns, a table...), so the
 * adapter (src/pdfmake/from-tree.ts) is a mapping that drops our own fields (`src`, `spans`).
 */
import type { FieldPos } from '../model/types.js';

import type { TextTrace } from '../model/laid-out.js';

/** Where a node's text came from: a template's markup, a talk's markdown, a YAML field. */
export interface SourcePos {
  file: string;
  line: number;
  column: number;
}

/**
 * A stretch of a text printed from a content field (a title in schedule.yaml, a name in
 * attendees.csv): from..to count the text's characters other than spaces, which layout may
 * add or take away (collapsed, broken into lines, a badge name's gap) without moving the
 * field's characters; `at` says where each of them is written (src/load/field-pos.ts).
 */
export interface TextSpan {
  start: number;
  end: number;
  at: FieldPos;
}

/** A margin: all sides, [horizontal, vertical] or [left, top, right, bottom]. */
export type Margin = number | number[];

/** The style properties markup attributes and theme styles set (style-attrs.ts names them). */
export interface StyleProps {
  /** Theme styles by name, applied in order. */
  style?: string | string[];
  font?: string;
  fontSize?: number;
  bold?: boolean;
  italics?: boolean;
  color?: string;
  background?: string;
  fillColor?: string;
  alignment?: 'left' | 'center' | 'right' | 'justify';
  lineHeight?: number;
  margin?: Margin;
  characterSpacing?: number;
  leadingIndent?: number;
  decoration?: 'underline' | 'lineThrough' | 'overline';
  noWrap?: boolean;
}

/** A theme style: style properties under a name. */
export type NamedStyle = Omit<StyleProps, 'style'>;

/** Properties every block may carry: anchors, breaks, TOC entries, bookmarks, its origin. */
export interface BlockProps extends StyleProps {
  id?: string;
  pageBreak?: 'before' | 'after' | string;
  width?: number | string;
  unbreakable?: boolean;
  /** 1: keep with the next block; TURN_MARK: the page is printed turned (markup-to-pdf.ts). */
  headlineLevel?: number | string;
  tocItem?: boolean;
  tocStyle?: string[];
  tocMargin?: Margin;
  outline?: boolean;
  outlineParentId?: string;
  outlineText?: string;
  colSpan?: number;
  rowSpan?: number;
  border?: boolean[];
  /** The <fit group> whose size makes this block fill its page (src/pdfmake/fill-page.ts). */
  fillPage?: string;
  /** The steps of that group at which all its members fit their boxes, from the smallest (fit-groups.ts). */
  fillSteps?: number[];
  /** Where the node's text starts in its source, when known. */
  src?: SourcePos;
  /** The stretches of its text printed from content fields. */
  spans?: TextSpan[];
}

/** A run of text inside a paragraph, with its own style, link or page reference. */
export interface TextRun extends BlockProps {
  text: string;
  link?: string;
  linkToDestination?: string;
  /** An anchor's id: the run prints the page number that anchor lands on. */
  pageReference?: string;
  /** A contents entry's text and page number, joined by leaders once laid out (toc-entry.ts). */
  forumpressLeaderText?: string;
  forumpressLeaderNumber?: string;
  /** A markdown body's text: where it comes from, for the lost-content check (it rides into pdfmake's inlines). */
  trace?: TextTrace;
}

/** A paragraph: one string, or runs. */
export interface TextNode extends BlockProps {
  text: string | TextRun[];
  preserveLeadingSpaces?: boolean;
  /** A <fit group> member: its group, size range and text at every step (fit-groups.ts). */
  fitGroup?: string;
  fitRange?: number[];
  fitSteps?: Array<string | null>;
  /** The steps where its first line is much shorter than its second (fit-groups.ts). */
  fitPoor?: boolean[];
}

/** Blocks one below the other. */
export interface StackNode extends BlockProps {
  stack: Node[];
}

/** Blocks side by side. */
export interface ColumnsNode extends BlockProps {
  columns: Node[];
  columnGap?: number;
}

/** A table layout: line widths, colours and padding per row or column index. */
export type TableLayout = Record<string, (i: number, node: { table: { body: unknown[] } }) => number | string>;

/** A table of cells. */
export interface TableNode extends BlockProps {
  table: { headerRows?: number; keepWithHeaderRows?: number; dontBreakRows?: boolean; widths: Array<number | string>; body: Node[][] };
  layout?: TableLayout;
}

/** A bulleted list. */
export interface BulletListNode extends BlockProps {
  ul: Node[];
}

/** A numbered list. */
export interface NumberedListNode extends BlockProps {
  ol: Node[];
  start?: number;
}

/** A shape of a canvas: a rectangle, or many rectangles drawn as one fill (a QR code's modules). */
export type CanvasShape =
  | { type: 'rect'; x: number; y: number; w: number; h: number; r?: number; color: string }
  | { type: 'rects'; x: number; y: number; unit: number; rects: number[][]; color: string }
  | { type: 'line'; x1: number; y1: number; x2: number; y2: number; lineWidth: number; lineColor: string; dash?: { length: number; space: number } };

/** Vector shapes. */
export interface CanvasNode extends BlockProps {
  canvas: CanvasShape[];
  absolutePosition?: { x: number; y: number };
}

/** An image from memory (a data URL), never from a path. */
export interface ImageNode extends BlockProps {
  image: string;
  height?: number;
  cover?: { width: number; height: number; align: string; valign: string };
}

/** The table of contents: entries are blocks marked tocItem. */
export interface TocNode extends BlockProps {
  toc: { title?: TextNode; numberStyle?: string };
}

/** Blocks at a fixed place on the page. */
export interface PlacedNode extends BlockProps {
  absolutePosition: { x: number; y: number };
  columns: Node[];
}

/** A node of the document tree. */
export type Node = TextNode | StackNode | ColumnsNode | TableNode | BulletListNode | NumberedListNode | CanvasNode | ImageNode | TocNode | PlacedNode;

/** What a page break decision sees of a placed node (pdfmake's node query). */
export interface PlacedInfo {
  headlineLevel?: unknown;
  startPosition?: { top: number };
  pageNumbers?: number[];
}

/** A laid-out document: page geometry, styles, body, running header and footer. */
export interface DocumentTree {
  pageSize: { width: number; height: number | 'auto' };
  pageMargins: number[];
  defaultStyle: BlockProps;
  styles: Record<string, NamedStyle>;
  content: Node[];
  /** Read by imposition (src/finish/derive.ts); the adapter drops it. */
  backCover?: boolean;
  /** Read by src/finish/sheets.ts (table tents). */
  fold?: string;
  footer?: RunningBlock;
  header?: RunningBlock;
  /** True when a node must move to the next page (keep-with-next). */
  pageBreakBefore?: (node: Node, query: { getFollowingNodesOnPage(): PlacedInfo[] }) => boolean;
}

/** A header or footer for one page, or null for none. */
export type RunningBlock = (current: number, count: number) => Node | null;
