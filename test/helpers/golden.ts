import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** pdfjs-dist's metrics of the 14 standard PDF fonts (a PDF may use them without embedding). */
const STANDARD_FONTS = `${join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`;

/**
 * Golden text: every text item of a PDF with its page, baseline position, size and font, one
 * line each, in a plain format that diffs well in git. A line that moves, rebreaks or changes
 * font is seen by `compareGolden`, which lets float noise under `TOLERANCE` pass.
 */

/** One text run as pdfjs-dist reads it: baseline origin in PDF points (origin bottom-left). */
export interface GoldenItem {
  page: number;
  x: number;
  y: number;
  size: number;
  /** Rotation in degrees when not 0 (the upper half of a table tent is upside down). */
  angle: number;
  font: string;
  text: string;
}

/** Largest position or size change (points) that still counts as the same place. */
export const TOLERANCE = 0.5;

const round = (v: number) => Math.round(v * 10) / 10;

/** Text items of the given pages (all when none given), with real font names (subset tag dropped). */
export async function extractGolden(bytes: Uint8Array, pages?: number[]): Promise<GoldenItem[]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false, standardFontDataUrl: STANDARD_FONTS }).promise;
  const fonts = new Map<string, string>();
  const items: GoldenItem[] = [];
  for (const n of pages ?? Array.from({ length: doc.numPages }, (_, i) => i + 1)) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    const runs = content.items.filter((it) => 'str' in it && it.str.trim() !== '') as Array<{ str: string; transform: number[]; fontName: string }>;
    // pdfjs names fonts g_d0_fN; the real name arrives with the operator list, needed once per font
    if (runs.some((it) => !fonts.has(it.fontName))) {
      await page.getOperatorList();
      for (const it of runs) fonts.set(it.fontName, String((page.commonObjs.get(it.fontName) as { name?: string }).name ?? it.fontName).replace(/^[A-Z]{6}\+/, ''));
    }
    for (const it of runs) {
      const [a, b, , , e, f] = it.transform;
      const angle = Math.round((Math.atan2(b, a) * 180) / Math.PI);
      items.push({ page: n, x: round(e), y: round(f), size: round(Math.hypot(a, b)), angle: angle === -0 ? 0 : angle, font: fonts.get(it.fontName)!, text: it.str });
    }
  }
  await doc.destroy();
  return items;
}

/** The stored form: a comment line, then `page x y size[@angle] font "text"` per item. */
export function formatGolden(output: string, items: GoldenItem[]): string {
  const head = `# ${output}: page x y size[@angle] font "text" (pdfjs-dist text items, PDF points, origin bottom-left)`;
  const fixed = (v: number) => v.toFixed(1).replace(/\.0$/, '');
  return [head, ...items.map((i) => `${i.page} ${fixed(i.x)} ${fixed(i.y)} ${fixed(i.size)}${i.angle ? `@${i.angle}` : ''} ${i.font} ${JSON.stringify(i.text)}`)].join('\n') + '\n';
}

/** Reads the stored form back. */
export function parseGolden(text: string): GoldenItem[] {
  return text.split('\n').filter((l) => l && !l.startsWith('#')).map((line) => {
    const m = /^(\d+) (-?[\d.]+) (-?[\d.]+) ([\d.]+)(?:@(-?\d+))? (\S+) (".*")$/.exec(line);
    if (!m) throw new Error(`not a golden text line: ${line}`);
    return { page: Number(m[1]), x: Number(m[2]), y: Number(m[3]), size: Number(m[4]), angle: Number(m[5] ?? 0), font: m[6], text: JSON.parse(m[7]) as string };
  });
}

const where = (i: GoldenItem) => `(${i.x}, ${i.y})`;
const look = (i: GoldenItem) => `${i.font} ${i.size}${i.angle ? `@${i.angle}` : ''}`;
const quote = (text: string) => JSON.stringify(text.length > 40 ? `${text.slice(0, 39)}…` : text);

/**
 * Differences between a stored and a fresh extraction, one readable line each (at most `limit`,
 * then a count), or an empty list. Items are paired by page and text, in reading order; a paired
 * item that moved by more than `TOLERANCE` or changed font or size is reported old → new, an
 * unpaired one as gone (-) or new (+).
 */
export function compareGolden(stored: GoldenItem[], fresh: GoldenItem[], limit = 30): string[] {
  const key = (i: GoldenItem) => `${i.page}\u0000${i.text}`;
  const waiting = new Map<string, GoldenItem[]>();
  for (const item of fresh) waiting.set(key(item), [...(waiting.get(key(item)) ?? []), item]);
  const lines: Array<{ page: number; y: number; line: string }> = [];
  const paired = new Set<GoldenItem>();
  for (const old of stored) {
    const now = waiting.get(key(old))?.shift();
    if (!now) {
      lines.push({ page: old.page, y: -old.y, line: `- p${old.page} ${quote(old.text)} at ${where(old)} is gone` });
      continue;
    }
    paired.add(now);
    const moved = Math.abs(old.x - now.x) > TOLERANCE || Math.abs(old.y - now.y) > TOLERANCE;
    const restyled = old.font !== now.font || Math.abs(old.size - now.size) > TOLERANCE || old.angle !== now.angle;
    if (moved || restyled) {
      const change = [moved ? `${where(old)} → ${where(now)}` : '', restyled ? `${look(old)} → ${look(now)}` : ''].filter(Boolean).join(', ');
      lines.push({ page: old.page, y: -old.y, line: `  p${old.page} ${quote(old.text)}: ${change}` });
    }
  }
  for (const now of fresh) if (!paired.has(now)) lines.push({ page: now.page, y: -now.y, line: `+ p${now.page} ${quote(now.text)} at ${where(now)} is new` });
  lines.sort((a, b) => a.page - b.page || a.y - b.y);
  const shown = lines.slice(0, limit).map((l) => l.line);
  if (lines.length > limit) shown.push(`… and ${lines.length - limit} more`);
  return shown;
}
