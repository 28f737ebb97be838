import { resolve } from 'node:path';
import { build } from './build.js';
import { diskSource, writeOutputsAtomically, type FileSource } from './io.js';
import { formatDiagnostic } from './diagnostics.js';
import { rasterize } from './share/raster.js';

/** What `forumpress preview` needs from the command line. */
export interface PreviewOptions {
  content: string;
  templates: string;
  out: string;
  fonts?: FileSource;
  sourceDate?: Date;
  /** The PDF to draw (e.g. program.pdf); absent: each day of schedule-phone.pdf as schedule-dayN.png. */
  output?: string;
  /** Pages such as "1-3" or "1,4,6-8"; all when absent. */
  pages?: string;
  /** Resolution; default 96, or 1080 pixels across for the phone schedule. */
  dpi?: string;
}

/** The phone schedule's pages are 390 pt wide: this many pixels across is what phones show sharp. */
const PHONE_PIXELS = 1080;
const PHONE_PDF = 'schedule-phone.pdf';

/** Page numbers of "1-3,5"; undefined when the text is no such list. */
export function parsePages(text: string): number[] | undefined {
  const pages: number[] = [];
  for (const part of text.split(',').map((p) => p.trim())) {
    const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(part);
    if (!m) return undefined;
    const [from, to] = [Number(m[1]), Number(m[2] ?? m[1])];
    if (from < 1 || to < from) return undefined;
    for (let n = from; n <= to; n++) pages.push(n);
  }
  return pages;
}

/**
 * `forumpress preview`: builds one PDF in memory from the current content (as `build --output`
 * would, writing no PDF) and writes its pages as PNG images, with MuPDF. Returns the exit code.
 */
export async function preview(options: PreviewOptions): Promise<number> {
  const name = options.output ?? PHONE_PDF;
  if (!name.endsWith('.pdf')) {
    console.error(`forumpress: preview draws the pages of a PDF; "${name}" is not one (open program.html in a browser, program.ics in a calendar)`);
    return 2;
  }
  const pages = options.pages === undefined ? [] : parsePages(options.pages);
  if (!pages) {
    console.error(`forumpress: --pages takes page numbers such as 1-3 or 1,4,6-8, not "${options.pages}"`);
    return 2;
  }
  const dpi = options.dpi === undefined ? undefined : Number(options.dpi);
  if (dpi !== undefined && !(dpi >= 10 && dpi <= 600)) {
    console.error(`forumpress: --dpi takes a resolution from 10 to 600, not "${options.dpi}"`);
    return 2;
  }
  const result = await build({
    content: diskSource(options.content, options.content.replace(/\/$/, '')),
    templates: diskSource(options.templates, 'templates'),
    fonts: options.fonts, sourceDate: options.sourceDate, outputs: [name],
  });
  for (const d of result.diagnostics) console.error(formatDiagnostic(d, process.stderr.isTTY && !process.env.NO_COLOR));
  if (!result.ok) {
    console.error('\nforumpress: the content has errors; no picture was made.');
    return 1;
  }
  const pdf = result.outputs.get(name);
  if (!pdf) {
    console.error(`forumpress: no output named ${name} (preview takes the file names build writes, such as program.pdf, signs.pdf)`);
    return 2;
  }
  // The phone pages are 390 pt wide: PHONE_PIXELS across unless --dpi says otherwise.
  const drawn = await rasterize(pdf, pages, dpi ?? (options.output ? 96 : (PHONE_PIXELS * 72) / 390));
  if (!drawn.ok) {
    console.error(`forumpress: ${name}: ${drawn.message}`);
    return drawn.range ? 2 : 1;
  }
  const stem = name.replace(/\.pdf$/, '');
  const files = new Map(drawn.images.map((img) => [options.output ? `preview/${stem}-${img.page}.png` : `schedule-day${img.page}.png`, img.png]));
  let written: string[];
  try {
    written = writeOutputsAtomically(resolve(options.out), files);
  } catch (err) {
    console.error(`forumpress: cannot write into "${options.out}": ${(err as Error).message}`);
    return 1;
  }
  const sizes = drawn.images.map((img) => `${img.width}×${img.height}`);
  console.log(`forumpress: wrote ${written.map((w, i) => `${w} (${sizes[i]})`).join(', ')}`);
  return 0;
}
