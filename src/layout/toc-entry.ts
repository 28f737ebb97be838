import type { MarkupElement } from './markup-tree.js';
import type { BlockProps, ColumnsNode, TextRun } from './tree.js';

/** The property that marks the inlines of a contents entry's text for the leader pass (src/pdfmake/leaders.ts). */
export const LEADER_TEXT = 'forumpressLeaderText';
/** The property that marks a contents entry's page number for the leader pass. */
export const LEADER_NUMBER = 'forumpressLeaderNumber';

/** Attributes of <toc-entry> besides the block ones. */
export const TOC_ENTRY_ATTRS = ['to', 'number-style', 'number-width'];

/** Width of the page-number column, in points: three digits at 10 pt. */
const NUMBER_WIDTH = 18;
/** Space kept free at the right of every line of the entry's text, for at least a few leader dots. */
const RIGHT_INDENT = 12;

let entries = 0;

/**
 * A contents entry: its text (wrapping within the line less the number's column) and the
 * page number of the element with id `to`, right-aligned at the margin. Laid out, the number
 * moves to the baseline of the text's last line and dotted leaders join the two (leaders.ts).
 * The whole entry links to its target.
 */
export function tocEntryNode(el: MarkupElement, props: BlockProps, inlines: TextRun[], numberStyle: string[] | undefined): ColumnsNode {
  const to = el.attrs.to;
  const key = `${to}#${++entries}`;
  const width = Number(el.attrs['number-width'] ?? NUMBER_WIDTH);
  return {
    ...props,
    unbreakable: true,
    columnGap: 0,
    columns: [
      { width: '*', margin: [0, 0, RIGHT_INDENT, 0], text: inlines.map((i) => ({ ...i, linkToDestination: to, [LEADER_TEXT]: key })) },
      {
        // pdfmake measures the number as "00000" until it knows the page: it must not wrap.
        width, alignment: 'right', noWrap: true, ...(numberStyle ? { style: numberStyle } : {}),
        text: [{ text: '00', pageReference: to, [LEADER_NUMBER]: key }],
      },
    ],
  };
}
