import { shareLayoutCache, shareParsedFonts } from './font-cache.js';
import { installMeasureCache } from './measure-cache.js';
import { installRunMerging } from './merge-runs.js';

const disabled = () => process.env.FORUMPRESS_NO_SPEEDUPS === '1'; // for comparing against plain pdfmake

/** Whether FORUMPRESS_NO_SPEEDUPS=1 asks for plain pdfmake (for comparing against it). */
export const speedupsDisabled = disabled;

/**
 * Installs the rendering speed-ups once per process (see each module for the measured cost
 * it removes), into pdfmake's and pdfkit's hooks (hooks.ts). Rendering stays byte-for-byte
 * deterministic: same input, same PDF. fontkit's advance widths and glyph copying
 * (patches/fontkit+2.0.4.patch) are fast in every case: that patch has no switch.
 */
export function installSpeedups(): void {
  if (disabled()) return;
  installMeasureCache();
  shareLayoutCache();
  installRunMerging();
}

/** Parses each font file pdfkit opens once per process, when it first opens it. */
export function shareFonts(): void {
  if (disabled()) return;
  shareParsedFonts();
}
