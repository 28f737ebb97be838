import type { DocumentTree, Node, SourcePos } from './tree.js';

/** A node read by its fields, whatever its kind. */
type Fields = Record<string, unknown>;

/** The fields that hold child blocks. */
const CHILDREN = ['stack', 'columns', 'ul', 'ol'] as const;

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
  const n = node as unknown as Fields;
  if (n.absolutePosition) return true;
  return (['stack', 'columns'] as const).some((k) => Array.isArray(n[k]) && (n[k] as Node[]).some(holdsPlace));
}

function walk(node: Node, mark: SourcePos | undefined): Node {
  if (!node || typeof node !== 'object') return node;
  const n = node as unknown as Fields;
  const here = mark ?? (n.absolutePosition ? (n.src as SourcePos | undefined) ?? PLACE_UNKNOWN : undefined);
  if (!here && !holdsPlace(node)) return node;
  const out: Fields = { ...n };
  if (here && n.text !== undefined) out.text = typeof n.text === 'string' ? [{ text: n.text, placed: here }] : markRuns(n.text, here);
  if (here && Array.isArray(n.canvas)) out.canvas = (n.canvas as object[]).map((shape) => ({ ...shape, placed: here }));
  for (const key of CHILDREN) if (Array.isArray(n[key])) out[key] = (n[key] as Node[]).map((c) => walk(c, here));
  const table = n.table as { body: Node[][] } | undefined;
  if (here && table) out.table = { ...table, body: table.body.map((row) => row.map((c) => walk(c, here))) };
  return out as unknown as Node;
}

function markRuns(runs: unknown, mark: SourcePos): unknown {
  if (typeof runs === 'string') return { text: runs, placed: mark };
  if (Array.isArray(runs)) return runs.map((r) => markRuns(r, mark));
  if (runs && typeof runs === 'object') {
    const r = runs as Fields;
    return { ...r, ...(r.text !== undefined && typeof r.text !== 'string' ? { text: markRuns(r.text, mark) } : {}), placed: mark };
  }
  return runs;
}

/** A <place> whose position the template did not record. */
const PLACE_UNKNOWN: SourcePos = { file: '', line: 1, column: 1 };
