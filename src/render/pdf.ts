import { createRequire } from 'node:module';
import { FONT_FAMILIES, fontBytes } from './fonts.js';
import { installKinsoku } from './kinsoku.js';
import { installSpeedups } from './speed.js';

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

/** Sets pdfmake up once per process: fonts from memory, no file or URL access for content. */
function setup(): void {
  if (ready) return;
  ready = true;
  installKinsoku();
  installSpeedups();
  const families: Record<string, Record<string, string>> = {};
  for (const [family, faces] of Object.entries(FONT_FAMILIES)) {
    families[family] = {};
    for (const [face, font] of Object.entries(faces)) {
      const name = `fonts/${font.file.split('/').pop()}`;
      if (!pdfmake.virtualfs.existsSync(name)) pdfmake.virtualfs.writeFileSync(name, fontBytes(font));
      families[family][face] = name;
    }
  }
  pdfmake.addFonts(families);
  // Content never reaches the network or the disk through pdfmake: everything it
  // needs (fonts, images) is put into its in-memory file system by us.
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
}

/** Renders a pdfmake document definition to PDF bytes. */
export async function renderPdf(doc: Record<string, unknown>, meta: PdfMeta): Promise<Buffer> {
  setup();
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
