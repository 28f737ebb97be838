import type { DocumentTree, Node, SourcePos } from './tree.js';

/**
 * Marks what each <place> holds with where the template wrote that <place>: every run of its
 * text and every shape of its canvases carry `placed` (pdfmake keeps the field on the inlines
 * and vectors it lays out), so that after layout the text flowing on a page can be told from
 * the blocks placed on it (src/pdfmake/placed-boxes.ts) and a collision reported there.
 */
export function markPlaced(doc: DocumentTree): DocumentTree {
  if (!Array.isArray(doc.content) || !doc.content.some(holdsPlace)) return doc;
  return { ...doc, content: doc.content.map((n) => walk(n, undefined)) };
}

/** Whether a block is or holds a <place> (most documents have none: they are left as they are). */
function holdsPlace(node: Node): boolean {
  const n = node as Record<string, any>;
  if (n.absolutePosition) return true;
  return (['stack', 'columns'] as const).some((k) => Array.isArray(n[k]) && n[k].some(holdsPlace));
}

function walk(node: Node, mark: SourcePos | undefined): Node {
  if (!node || typeof node !== 'object') return node;
  const n = node as Record<string, any>;
  const here: SourcePos | undefined = mark ?? (n.absolutePosition ? n.src ?? PLACE_UNKNOWN : undefined);
  if (!here) {
    if (!holdsPlace(node)) return node;
    return { ...n, ...(n.stack && { stack: n.stack.map((c: Node) => walk(c, undefined)) }), ...(n.columns && { columns: n.columns.map((c: Node) => walk(c, undefined)) }) } as Node;
  }
  const out: Record<string, any> = { ...n };
  if (n.text !== undefined) out.text = typeof n.text === 'string' ? [{ text: n.text, placed: here }] : markRuns(n.text, here);
  if (Array.isArray(n.canvas)) out.canvas = n.canvas.map((shape: object) => ({ ...shape, placed: here }));
  for (const key of ['stack', 'columns', 'ul', 'ol'] as const) if (Array.isArray(n[key])) out[key] = n[key].map((c: Node) => walk(c, here));
  if (n.table) out.table = { ...n.table, body: n.table.body.map((row: Node[]) => row.map((c) => walk(c, here))) };
  return out as Node;
}

function markRuns(runs: unknown, mark: SourcePos): unknown {
  if (typeof runs === 'string') return { text: runs, placed: mark };
  if (Array.isArray(runs)) return runs.map((r) => markRuns(r, mark));
  if (runs && typeof runs === 'object') {
    const r = runs as Record<string, unknown>;
    return { ...r, ...(r.text !== undefined && typeof r.text !== 'string' ? { text: markRuns(r.text, mark) } : {}), placed: mark };
  }
  return runs;
}

/** A <place> whose position the template did not record. */
const PLACE_UNKNOWN: SourcePos = { file: '', line: 1, column: 1 };
