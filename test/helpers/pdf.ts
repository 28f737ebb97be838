import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** A run of text on a page, with its box in PDF points (origin bottom-left). */
export interface TextItem {
  str: string;
  x: number;
  y: number;
  width: number;
  height: number;
  font: string;
}

/** One page: its size, its text items and its text as lines (top to bottom). */
export interface PageText {
  number: number;
  width: number;
  height: number;
  items: TextItem[];
  lines: string[];
  text: string;
}

/** Text of every page of a PDF, extracted with pdfjs-dist. */
export async function extractPages(bytes: Uint8Array): Promise<PageText[]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: PageText[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const [, , width, height] = page.view;
    const content = await page.getTextContent();
    const items: TextItem[] = [];
    for (const it of content.items) {
      if (!('str' in it) || it.str === '') continue;
      items.push({ str: it.str, x: it.transform[4], y: it.transform[5], width: it.width, height: it.height, font: it.fontName });
    }
    const lines = toLines(items);
    pages.push({ number: n, width, height, items, lines, text: lines.join('\n') });
  }
  await doc.destroy();
  return pages;
}

/** Groups items into lines by baseline (top to bottom, left to right). */
function toLines(items: TextItem[]): string[] {
  const rows = new Map<number, TextItem[]>();
  for (const it of items) {
    const key = [...rows.keys()].find((y) => Math.abs(y - it.y) < 2) ?? it.y;
    rows.set(key, [...(rows.get(key) ?? []), it]);
  }
  return [...rows.entries()]
    .sort((a, b) => b[0] - a[0])
    .map(([, row]) => row.sort((a, b) => a.x - b.x).map((i) => i.str).join(''));
}

/** Removes all white space, so text can be compared across line breaks. */
export function squash(text: string): string {
  return text.replace(/\s+/g, '');
}

/** Document outline (bookmarks) as titles with their nesting depth. */
export async function outline(bytes: Uint8Array): Promise<{ title: string; depth: number; page: number }[]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false }).promise;
  const out: { title: string; depth: number; page: number }[] = [];
  const walk = async (nodes: any[] | null, depth: number) => {
    for (const node of nodes ?? []) {
      const dest = typeof node.dest === 'string' ? await doc.getDestination(node.dest) : node.dest;
      const page = dest ? (await doc.getPageIndex(dest[0])) + 1 : 0;
      out.push({ title: node.title, depth, page });
      await walk(node.items, depth + 1);
    }
  };
  await walk(await doc.getOutline(), 0);
  await doc.destroy();
  return out;
}

/** Fill colours (#rrggbb) a page paints with, read from its operator list. */
export async function fillColors(bytes: Uint8Array, pageNumber: number): Promise<Set<string>> {
  const { OPS } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false }).promise;
  const ops = await (await doc.getPage(pageNumber)).getOperatorList();
  const colors = new Set<string>();
  ops.fnArray.forEach((fn, i) => {
    if (fn !== OPS.setFillRGBColor) return;
    const arg = ops.argsArray[i];
    colors.add(typeof arg[0] === 'string' ? arg[0].toLowerCase() : `#${[...arg].map((v: number) => v.toString(16).padStart(2, '0')).join('')}`);
  });
  await doc.destroy();
  return colors;
}

/** Internal links of a page: the rectangle's text is not known, only the target page. */
export async function pageLinks(bytes: Uint8Array, pageNumber: number): Promise<{ rect: number[]; targetPage: number }[]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false }).promise;
  const annotations = await (await doc.getPage(pageNumber)).getAnnotations();
  const out: { rect: number[]; targetPage: number }[] = [];
  for (const a of annotations) {
    if (a.subtype !== 'Link' || !a.dest) continue;
    const dest = typeof a.dest === 'string' ? await doc.getDestination(a.dest) : a.dest;
    if (dest) out.push({ rect: a.rect, targetPage: (await doc.getPageIndex(dest[0])) + 1 });
  }
  await doc.destroy();
  return out;
}
