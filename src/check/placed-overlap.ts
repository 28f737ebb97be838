import type { Diagnostics } from '../diagnostics.js';
import type { LaidOutPage } from '../model/laid-out.js';

/**
 * `placed-overlap`: text that flows down a page (a certificate's paragraph, a tent's name) must
 * not run into a block a <place> puts at a fixed point of it (the QR code, the seat line): the
 * two would print over each other. A warning at the <place> in its template, once per <place>
 * and document, with the first line that runs into it and how many pages do.
 */
export function checkPlacedOverlap(output: string, pages: LaidOutPage[], diags: Diagnostics, templates = 'templates'): void {
  const seen = new Map<string, { at: { file: string; line: number; column: number }; text: string; pages: number[] }>();
  pages.forEach((page, i) => {
    for (const o of page.overlaps ?? []) {
      const key = `${o.at.file}:${o.at.line}:${o.at.column}`;
      const entry = seen.get(key) ?? seen.set(key, { at: o.at, text: o.text, pages: [] }).get(key)!;
      if (entry.pages.at(-1) !== i + 1) entry.pages.push(i + 1);
    }
  });
  for (const { at, text, pages: on } of seen.values()) {
    const where = on.length === 1 ? `page ${on[0]}` : `${on.length} pages (the first: page ${on[0]})`;
    const short = text.length > 40 ? `${text.slice(0, 40)}…` : text;
    diags.warn('placed-overlap', at.file ? at : { file: `${templates}/`, line: 1, column: 1 },
      `in ${output}, the text that flows down the page ("${short}") runs into the block this <place> puts there, on ${where}: they print over each other`,
      'shorten the text or make it smaller, or move the <place> (its x and y) clear of it');
  }
}
