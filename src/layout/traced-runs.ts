import type { TracedRun } from '../model/laid-out.js';
import type { Node, TextRun } from './tree.js';

/**
 * Every traced run (markdown text) of a document's body, in the order of the tree: what the
 * lost-content check expects to find on the laid-out pages. A run that font fallback split
 * into pieces (each keeps the trace) is one again. Walked with an explicit stack.
 */
export function tracedRuns(content: Node[]): TracedRun[] {
  const out: TracedRun[] = [];
  const byTrace = new Map<TracedRun['trace'], TracedRun>();
  const stack: unknown[] = [...content].reverse();
  while (stack.length) {
    const node = stack.pop() as (Node & TextRun) | Node[] | string | null;
    if (!node || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push(node[i]);
      continue;
    }
    if (node.trace && typeof node.text === 'string') {
      const known = byTrace.get(node.trace);
      if (known) known.text += node.text;
      else {
        const run = { text: node.text, trace: node.trace };
        byTrace.set(node.trace, run);
        out.push(run);
      }
    }
    // Children pushed last first, so they are read in order: text, stack, columns, lists, table.
    const n = node as unknown as Record<string, unknown>;
    const body = (n.table as { body?: unknown } | undefined)?.body;
    if (Array.isArray(body)) stack.push(body);
    if (Array.isArray(n.ol)) stack.push(n.ol);
    if (Array.isArray(n.ul)) stack.push(n.ul);
    if (Array.isArray(n.columns)) stack.push(n.columns);
    if (Array.isArray(n.stack)) stack.push(n.stack);
    if (Array.isArray(n.text)) stack.push(n.text);
  }
  return out;
}
