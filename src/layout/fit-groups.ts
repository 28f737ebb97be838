import { SAFETY, displayLines, type Measure } from './measure.js';
import type { Node, TextNode } from './tree.js';

/* <fit group="…">: the fits of one group in one sign grow and shrink together, and
   fill-page="…" on the sign lets the group grow until the sign fills its page. */

/** Steps from each member's min-size (step 0) to its max-size (step STEPS); fits with the same range share every size. */
export const STEPS = 54;

/** A group member's size at a step, to a quarter point. */
export function sizeAt(minSize: number, maxSize: number, step: number): number {
  return Math.round((minSize + ((maxSize - minSize) * step) / STEPS) * 4) / 4;
}

/**
 * A member's text at every step: its lines joined by "\n", or null at the steps where it
 * takes more than max-lines lines or has a word wider than its box. The lines are the paragraph
 * setter's display lines (src/typeset/), with the Chinese–Latin gap the PDF is set with.
 */
export function stepTexts(text: string, box: { width: number; minSize: number; maxSize: number; maxLines: number; cjkLatinSpace?: number },
  measure: Measure): (string | null)[] {
  // Sizes are rounded to a quarter point, so in a narrow range neighbouring steps share one: set once.
  const atSize = new Map<number, string | null>();
  return Array.from({ length: STEPS + 1 }, (_, step) => {
    const size = sizeAt(box.minSize, box.maxSize, step);
    let joined = atSize.get(size);
    if (joined === undefined) {
      const lines = displayLines(text, box.width * SAFETY, size, measure, box.cjkLatinSpace);
      atSize.set(size, (joined = lines && lines.length <= box.maxLines ? lines.join('\n') : null));
    }
    return joined;
  });
}

/** A text node of a group: it carries its group, size range and text at every step, for the step to be set later (read by src/pdfmake/fill-page.ts). */
export type GroupMember = TextNode & Required<Pick<TextNode, 'fitGroup' | 'fitRange' | 'fitSteps'>>;

function isMember(node: Node): node is GroupMember {
  return 'text' in node && typeof node.fitGroup === 'string' && Array.isArray(node.fitRange) && Array.isArray(node.fitSteps);
}

/** The blocks a block holds: a stack's, columns', list's or table's. */
function childrenOf(node: Node): Node[] {
  if ('stack' in node) return node.stack;
  if ('columns' in node) return node.columns;
  if ('ul' in node) return node.ul;
  if ('ol' in node) return node.ol;
  if ('table' in node) return node.table.body.flat();
  return [];
}

/** Every node of `nodes` (blocks of the document tree) that is a member of a group, depth first. */
export function groupMembers(nodes: Node | Node[], out: GroupMember[] = []): GroupMember[] {
  for (const node of Array.isArray(nodes) ? nodes : [nodes]) {
    if (!node || typeof node !== 'object') continue;
    if (isMember(node)) out.push(node);
    groupMembers(childrenOf(node), out);
  }
  return out;
}

/** Sets a member's size and lines to those of a step. */
export function setStep(member: GroupMember, step: number): void {
  const text = member.fitSteps[step];
  if (text === null) return;
  member.text = text;
  member.fontSize = sizeAt(member.fitRange[0], member.fitRange[1], step);
}

/** The steps at which every member fits its box, from the smallest. */
function commonSteps(members: GroupMember[]): number[] {
  const steps: number[] = [];
  for (let s = 0; s <= STEPS; s++) if (members.every((m) => m.fitSteps[s] !== null)) steps.push(s);
  return steps;
}

/**
 * Gives the members of each group, in each top-level block (a sign), one step: the largest at
 * which all fit their boxes. A block with fill-page="<group>" keeps the steps its group may take
 * (`fillSteps`), for the renderer to choose the largest at which the block fits its page.
 */
export function resolveFitGroups(blocks: Node[]): void {
  for (const block of blocks) {
    const byGroup = new Map<string, GroupMember[]>();
    for (const m of groupMembers(block)) byGroup.set(m.fitGroup, [...(byGroup.get(m.fitGroup) ?? []), m]);
    for (const [group, members] of byGroup) {
      const steps = commonSteps(members);
      if (!steps.length) continue; // some text fits at no step: each member keeps its own size (and was reported)
      for (const m of members) setStep(m, steps[steps.length - 1]);
      if (block.fillPage === group) block.fillSteps = steps;
    }
  }
}
