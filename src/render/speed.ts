import { shareParsedFonts } from './font-cache.js';
import type { FontSet } from './fonts.js';
import { installMeasureCache } from './measure-cache.js';
import { installRunMerging } from './merge-runs.js';

const disabled = () => process.env.FORUMPRESS_NO_SPEEDUPS === '1'; // for comparing against plain pdfmake

/**
 * Installs the rendering speed-ups once per process (see each module for the measured cost
 * it removes). Rendering stays byte-for-byte deterministic: same input, same PDF.
 */
export function installSpeedups(): void {
  if (disabled()) return;
  installMeasureCache();
  installRunMerging();
}

/** Parses each face of the set once per process (fontkit is lazy: unused fallbacks cost little). */
export function shareFonts(fonts: FontSet): void {
  if (disabled()) return;
  // A face of a collection (TTC) is opened by pdfkit with its name: it is not shared.
  const faces = Object.values(fonts.families).flatMap((family) => Object.values(family)).filter((f) => !f.postscriptName);
  shareParsedFonts([...new Set(faces.map((f) => f.bytes()))]);
}
