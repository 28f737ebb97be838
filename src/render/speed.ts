import { shareParsedFonts } from './font-cache.js';
import { FONT_FAMILIES, fontBytes } from './fonts.js';
import { installMeasureCache } from './measure-cache.js';
import { installRunMerging } from './merge-runs.js';

/**
 * Installs the rendering speed-ups once per process (see each module for the measured cost
 * it removes). Rendering stays byte-for-byte deterministic: same input, same PDF.
 */
export function installSpeedups(): void {
  if (process.env.FORUMPRESS_NO_SPEEDUPS === '1') return; // for comparing against plain pdfmake
  shareParsedFonts([...new Set(Object.values(FONT_FAMILIES).flatMap((faces) => Object.values(faces).map(fontBytes)))]);
  installMeasureCache();
  installRunMerging();
}
