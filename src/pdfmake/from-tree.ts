import type { DocumentTree, Node, TextRun } from '../layout/tree.js';

/** Fields of the document tree that are ours alone: pdfmake never sees them. */
const OURS = new Set(['src', 'spans', 'backCover', 'fold']);

type Definition = Record<string, unknown>;

/**
 * The pdfmake document definition of a document tree: the same nodes, copied without our
 * fields (source positions, imposition and folding marks). The one place that writes
 * pdfmake's document format; pdfmake mutates what it is given, so the tree stays untouched.
 */
export function toDocDefinition(tree: DocumentTree): Definition {
  const out: Definition = {};
  const shared = new SharedImages();
  const withImages = <T>(map: () => T): T => {
    images = shared;
    try {
      return map();
    } finally {
      images = undefined;
    }
  };
  for (const [key, value] of Object.entries(tree)) {
    if (OURS.has(key)) continue;
    if (key === 'content') out.content = withImages(() => contentOf(tree.content));
    else if ((key === 'header' || key === 'footer') && typeof value === 'function') {
      out[key] = (current: number, count: number) => {
        const node = (value as NonNullable<DocumentTree['header']>)(current, count);
        return node ? withImages(() => nodeOf(node)) : node;
      };
    } else out[key] = value;
  }
  // Filled as the body and each header and footer are mapped (pdfmake reads it when it meets a label).
  out.images = shared.byLabel;
  return out;
}

/**
 * One label per distinct image: pdfmake gives every data URL it meets a label of its own, so
 * the same logo on the cover and the back cover was embedded twice; an image named by a label
 * of the definition's `images` is embedded once and drawn wherever it is named.
 */
class SharedImages {
  readonly byLabel: Record<string, string> = {};
  private readonly labels = new Map<string, string>();

  label(src: string): string {
    if (!/^data:image\//.test(src)) return src;
    let label = this.labels.get(src);
    if (!label) {
      label = `forumpress-image-${this.labels.size + 1}`;
      this.labels.set(src, label);
      this.byLabel[label] = src;
    }
    return label;
  }
}

/** The images of the definition being mapped. */
let images: SharedImages | undefined;

/** The body, keeping what the adapter hangs on it under symbols (laid-out.ts: the layout listener, layout only). */
function contentOf(content: Node[]): unknown[] {
  const out: unknown[] = content.map(nodeOf);
  for (const key of Object.getOwnPropertySymbols(content)) (out as unknown as Record<symbol, unknown>)[key] = (content as unknown as Record<symbol, unknown>)[key];
  return out;
}

function nodeOf(node: Node | TextRun | string): unknown {
  if (typeof node !== 'object' || node === null) return node;
  const out: Definition = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'src' || key === 'spans') continue;
    switch (key) {
      case 'text':
        out.text = Array.isArray(value) ? value.map(nodeOf) : nodeOf(value);
        break;
      case 'stack':
      case 'columns':
      case 'ul':
      case 'ol':
        out[key] = Array.isArray(value) ? value.map(nodeOf) : value;
        break;
      case 'table':
        out.table = { ...value, body: value.body.map((row: Node[]) => row.map(nodeOf)) };
        break;
      case 'toc':
        out.toc = value.title ? { ...value, title: nodeOf(value.title) } : value;
        break;
      case 'image':
        out.image = typeof value === 'string' && images ? images.label(value) : value;
        break;
      default:
        out[key] = value;
    }
  }
  return out;
}
