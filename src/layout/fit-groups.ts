import { SAFETY, measuredDisplayLines, type Measure } from './measure.js';
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
 * A first line shorter than this share of the second, and more than TOP_SHORT_EM shorter,
 * reads as a title broken badly ("Representational / Learning and Grid Cells"); 下一代神经质量 /
 * 模型的研究与应用, one character shorter, does not.
 */
const TOP_SHORT = 0.9;
const TOP_SHORT_EM = 1.5;
/** A group is set this much smaller (a share of the size), at most, to spare a title such a first line. */
const SPARE_SHRINK = 0.85;

/**
 * A member's text at every step: its lines joined by "\n", or null at the steps where it
 * takes more than max-lines lines or has a word wider than its box; and the steps where its
 * first line is much shorter than its second (`poor`). The lines are the paragraph setter's
 * display lines (src/typeset/), with the Chinese–Latin gap the PDF is set with.
 */
export function stepTexts(text: string, box: { width: number; minSize: number; maxSize: number; maxLines: number; cjkLatinSpace?: number; names?: boolean },
  measure: Measure): { texts: (string | null)[]; poor: boolean[] } {
  const poor: boolean[] = [];
  const texts = Array.from({ length: STEPS + 1 }, (_, step) => {
    const set = measuredDisplayLines(text, box.width * SAFETY, sizeAt(box.minSize, box.maxSize, step), measure, box.cjkLatinSpace, box.names);
    const fits = !!set && set.lines.length <= box.maxLines;
    const [first, second] = fits ? set!.widths : [];
    // Widths at 1 pt are in em.
    poor.push(second !== undefined && first < TOP_SHORT * second && second - first > TOP_SHORT_EM);
    return fits ? set!.lines.join('\n') : null;
  });
  return { texts, poor };
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

/**
 * The steps at which every member fits its box, from the smallest; without those where a
 * member's first line is much shorter than its second and a step a little smaller (at least
 * SPARE_SHRINK of the size) has none such.
 */
function commonSteps(members: GroupMember[]): number[] {
  const steps: number[] = [];
  for (let s = 0; s <= STEPS; s++) if (members.every((m) => m.fitSteps[s] !== null)) steps.push(s);
  const poor = (s: number) => members.some((m) => m.fitPoor?.[s]);
  const size = (s: number) => sizeAt(members[0].fitRange[0], members[0].fitRange[1], s);
  return steps.filter((s) => !poor(s) || !steps.some((t) => t < s && !poor(t) && size(t) >= SPARE_SHRINK * size(s)));
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
