import { createRequire } from 'node:module';
import type { FontSet } from './fonts.js';
import { installKinsoku } from './kinsoku.js';

const require = createRequire(import.meta.url);
const pdfmake = require('pdfmake');

/** Document metadata written into the PDF's info dictionary. */
export interface PdfMeta {
  title: string;
  author: string;
  subject: string;
  keywords: string;
  language: string;
  /** Fixed creation date, so that the same content gives the same bytes. */
  date: Date;
}

let ready = false;

/** Sets pdfmake up once per process: no file or URL access for content. */
function setup(): void {
  if (ready) return;
  ready = true;
  installKinsoku();
  // Content never reaches the network or the disk through pdfmake: everything it
  // needs (fonts, images) is put into its in-memory file system by us.
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
}

/** Puts every face of the font set into pdfmake's virtual file system and names the families. */
function useFonts(fonts: FontSet): void {
  const families: Record<string, Record<string, string | [string, string]>> = {};
  for (const [family, faces] of Object.entries(fonts.families)) {
    families[family] = {};
    for (const [face, font] of Object.entries(faces)) {
      if (!pdfmake.virtualfs.existsSync(font.key)) pdfmake.virtualfs.writeFileSync(font.key, font.bytes());
      families[family][face] = font.postscriptName ? [font.key, font.postscriptName] : font.key;
    }
  }
  pdfmake.setFonts(families);
}

/** Renders a pdfmake document definition to PDF bytes. */
export async function renderPdf(doc: Record<string, unknown>, meta: PdfMeta, fonts: FontSet): Promise<Buffer> {
  setup();
  useFonts(fonts);
  const definition = {
    ...doc,
    language: meta.language,
    info: {
      title: meta.title,
      author: meta.author,
      subject: meta.subject,
      keywords: meta.keywords,
      creator: 'forumpress',
      producer: 'forumpress (pdfmake)',
      creationDate: meta.date,
      modDate: meta.date,
    },
  };
  return pdfmake.createPdf(definition).getBuffer();
}
