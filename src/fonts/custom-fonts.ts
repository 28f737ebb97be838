import { createHash } from 'node:crypto';
import { Diagnostics, type Position } from '../diagnostics.js';
import type { FileSource } from '../io.js';
import { parseYaml } from '../load/yaml.js';
import { builtinFonts, chineseItalics, suppliedFace, type FaceName, type FontFace, type FontSet } from './fonts.js';
import { openFace } from './coverage.js';

type FileRef = string | { file: string; postscript: string };

/** What a font set is chosen from: theme.yaml's `fonts:` (layout/theme.ts reads and checks it). */
export interface FontChoices {
  fonts?: Partial<Record<string, { normal: FileRef; bold?: FileRef; italics?: FileRef; bolditalics?: FileRef }>>;
}

/**
 * The fonts of a build: the built-in set, with the families that theme.yaml's `fonts:`
 * replaces by files from the fonts/ folder (TTF, OTF, or a TTC face by PostScript name).
 * The built-in fallbacks still follow a replaced family. Problems point at theme.yaml.
 */
export function loadFontSet(theme: FontChoices, templates: FileSource, fonts: FileSource | undefined, diags: Diagnostics): FontSet {
  const set = builtinFonts();
  const entries = Object.entries(theme.fonts ?? {});
  if (!entries.length) return set;
  const locate = themeLocator(templates);
  /** Replaced families without italics of their own: their italic is the sans face, as in the built-in set. */
  const unslanted: string[] = [];
  for (const [family, faces] of entries) {
    if (!faces) continue;
    const load = (face: FaceName, ref: FileRef): FontFace | undefined =>
      loadFace(ref, fonts, diags, locate(['fonts', family, face]));
    // Every face is loaded, so all their problems are reported at once.
    const normal = load('normal', faces.normal);
    const bold = faces.bold ? load('bold', faces.bold) : normal;
    const italics = faces.italics ? load('italics', faces.italics) : undefined;
    const bolditalics = faces.bolditalics ? load('bolditalics', faces.bolditalics) : undefined;
    if (!normal) continue;
    set.families[family] = { normal, bold: bold ?? normal, italics: italics ?? normal, bolditalics: bolditalics ?? bold ?? normal };
    if (!faces.italics && !faces.bolditalics && family !== 'sans') unslanted.push(family);
    // The organizer's font is used for Latin text too (it may be a Latin font); the built-in Latin face only follows it.
    if (set.latinChains?.[family]) set.latinChains[family] = [family, ...set.latinChains[family].filter((f) => f !== family)];
  }
  for (const family of unslanted) set.families[family] = chineseItalics(set.families[family], set.families.sans);
  return set;
}

function loadFace(ref: FileRef, fonts: FileSource | undefined, diags: Diagnostics, at: Position): FontFace | undefined {
  const file = typeof ref === 'string' ? ref : ref.file;
  const postscript = typeof ref === 'string' ? undefined : ref.postscript;
  const where = fonts?.label ?? 'fonts';
  let bytes: Buffer | undefined;
  try {
    bytes = fonts?.readBytes(file);
  } catch {
    bytes = undefined;
  }
  if (!bytes) {
    diags.error('font-file', at, `cannot read font "${file}" in ${where}/`,
      `put the .ttf, .otf or .ttc file into the ${where}/ folder and name it here without a folder`);
    return undefined;
  }
  try {
    openFace(bytes, postscript);
  } catch (err) {
    diags.error('font-file', at, `font "${file}": ${(err as Error).message}`,
      'fonts/README.md explains how to name a face of a .ttc collection: { file: X.ttc, postscript: Name-Regular }');
    return undefined;
  }
  const hash = createHash('sha1').update(bytes).digest('hex').slice(0, 12);
  return suppliedFace(`${hash}-${file.replace(/[^\w.-]/g, '_')}${postscript ? `-${postscript}` : ''}`, bytes, postscript);
}

function themeLocator(templates: FileSource): (path: (string | number)[]) => Position {
  const file = `${templates.label}/theme.yaml`;
  const yaml = parseYaml(file, templates.read('theme.yaml') ?? '', new Diagnostics());
  return (path) => yaml?.locate(path) ?? { file, line: 1, column: 1 };
}
