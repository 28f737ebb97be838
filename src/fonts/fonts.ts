import { closeSync, fstatSync, openSync, read, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The four faces pdfmake picks from by bold/italics. */
export type FaceName = 'normal' | 'bold' | 'italics' | 'bolditalics';

/** One face of a font: its bytes, a stable key, and for a collection (TTC) the face's PostScript name. */
export interface FontFace {
  /** Unique name (also the file name in pdfmake's virtual file system). */
  key: string;
  bytes(): Buffer;
  postscriptName?: string;
  /** Starts reading a packaged face in the background (prefetchChineseFonts). */
  prefetch?(): Promise<void>;
}

/** Every family a document can use, and for each primary family the fonts tried after it. */
export interface FontSet {
  families: Record<string, Record<FaceName, FontFace>>;
  /** Primary family -> fallback families, in order, for text in Chinese context. */
  fallbacks: Record<string, string[]>;
  /** Primary family -> the whole chain for text in Latin context (its Latin face first); absent: as in Chinese context. */
  latinChains?: Record<string, string[]>;
  /** The context of text with neither Chinese nor letters (digits, punctuation): 'c' in a Chinese document, 'l' in a Latin one. */
  script?: 'c' | 'l';
}

const cache = new Map<string, Buffer>();

/** A face shipped in an npm package, read once per process, when text first needs it (not when the set is made). */
function packaged(pkg: string, file: string): FontFace {
  const path = require.resolve(`${pkg}/${file}`);
  return {
    key: `fonts/${file.split('/').pop()}`,
    bytes() {
      let bytes = cache.get(path);
      if (!bytes) cache.set(path, (bytes = readFileSync(path)));
      return bytes;
    },
    prefetch: () => (cache.has(path) ? Promise.resolve() : readInBackground(path)),
  };
}

/**
 * Starts reading the built-in Chinese faces (serif and sans, regular and bold, unless the
 * theme replaces the family) on libuv's threads, one read per file, while the main thread
 * reads and checks the content: by the time text is measured the ~40 MB are in memory, and
 * reading them no longer holds up the build (~50 ms). Every template of ours sets text in all
 * four. Resolves when they have arrived (or failed: then bytes() reads as before).
 */
export function prefetchChineseFonts(replaced: string[] = []): Promise<void> {
  const { families } = builtinFonts();
  const faces = ['serif', 'sans'].filter((family) => !replaced.includes(family)).flatMap((family) => [families[family].normal, families[family].bold]);
  return Promise.all(faces.map((face) => face.prefetch?.())).then(() => undefined);
}

function readInBackground(path: string): Promise<void> {
  return new Promise((resolve) => {
    let fd: number;
    let bytes: Buffer;
    try {
      fd = openSync(path, 'r');
      bytes = Buffer.allocUnsafe(fstatSync(fd).size);
    } catch {
      return resolve();
    }
    // One request for the whole file: it completes on a libuv thread however busy this one is.
    read(fd, bytes, 0, bytes.length, 0, (err, n) => {
      closeSync(fd);
      if (!err && n === bytes.length && !cache.has(path)) cache.set(path, bytes);
      resolve();
    });
  });
}

/** The packaged font files this process has read so far, in order (fonts no text needs stay unread). */
export function packagedFontsRead(): string[] {
  return [...cache.keys()];
}

/** Regular and bold of one package; our italics stay upright (Chinese has none; mixing slants in a name looks wrong). */
function upright(pkg: string, prefix: string, bold = true): Record<FaceName, FontFace> {
  const normal = packaged(`@expo-google-fonts/${pkg}`, `400Regular/${prefix}_400Regular.ttf`);
  const strong = bold ? packaged(`@expo-google-fonts/${pkg}`, `700Bold/${prefix}_700Bold.ttf`) : normal;
  return { normal, bold: strong, italics: normal, bolditalics: strong };
}

/**
 * Chinese has no italics: the italic of a Chinese family (emphasis, `<i>`, `italic: true`) is
 * the sans face, regular or bold, while its Latin text takes the real italic of its Latin face.
 */
export function chineseItalics(family: Record<FaceName, FontFace>, sans: Record<FaceName, FontFace>): Record<FaceName, FontFace> {
  return { ...family, italics: sans.normal, bolditalics: sans.bold };
}

/** A Latin family with its real italics. */
function slanted(pkg: string, prefix: string): Record<FaceName, FontFace> {
  const face = (weight: string) => packaged(`@expo-google-fonts/${pkg}`, `${weight}/${prefix}_${weight}.ttf`);
  return { normal: face('400Regular'), bold: face('700Bold'), italics: face('400Regular_Italic'), bolditalics: face('700Bold_Italic') };
}

/**
 * Faces for scripts and symbols the Chinese and Latin faces lack, tried in this order after them.
 * Arabic comes before maths: Noto Sans Math has the Arabic letters too (for its Arabic mathematical
 * alphabets), without joined forms; Noto Sans Arabic has nothing outside the Arabic blocks.
 */
const OTHER_SCRIPTS = ['arabic', 'hebrew', 'math', 'cjk-ext', 'emoji', 'korean', 'devanagari', 'thai'];

/**
 * The built-in fonts. serif/sans are Noto SC for Chinese; Latin text (fonts/README.md says
 * which characters count as Latin) is set in the Latin faces they were designed with,
 * Source Serif 4 and Source Sans 3, and code (mono) in Source Code Pro. After them come
 * Noto Serif/Sans (more Latin, Greek, Cyrillic), Noto Sans Math, Noto Serif JP (CJK
 * Extension B such as 𠮷), Noto Emoji (monochrome), Noto Sans KR, Arabic, Hebrew,
 * Devanagari and Thai. Every face is read only when some text needs it (lazy-files.ts).
 */
export function builtinFonts(): FontSet {
  const sans = upright('noto-sans-sc', 'NotoSansSC');
  const serif = chineseItalics(upright('noto-serif-sc', 'NotoSerifSC'), sans);
  const others = OTHER_SCRIPTS;
  return {
    families: {
      serif,
      sans,
      mono: sans,
      'serif-latin': slanted('source-serif-4', 'SourceSerif4'),
      'sans-latin': slanted('source-sans-3', 'SourceSans3'),
      'mono-latin': slanted('source-code-pro', 'SourceCodePro'),
      'latin-serif': upright('noto-serif', 'NotoSerif'),
      'latin-sans': upright('noto-sans', 'NotoSans'),
      math: upright('noto-sans-math', 'NotoSansMath', false),
      'cjk-ext': upright('noto-serif-jp', 'NotoSerifJP'),
      emoji: upright('noto-emoji', 'NotoEmoji'),
      korean: upright('noto-sans-kr', 'NotoSansKR'),
      arabic: upright('noto-sans-arabic', 'NotoSansArabic'),
      hebrew: upright('noto-sans-hebrew', 'NotoSansHebrew'),
      devanagari: upright('noto-sans-devanagari', 'NotoSansDevanagari'),
      thai: upright('noto-sans-thai', 'NotoSansThai'),
    },
    fallbacks: {
      serif: ['serif-latin', 'latin-serif', ...others],
      sans: ['sans-latin', 'latin-sans', ...others],
      mono: ['mono-latin', 'sans-latin', 'latin-sans', ...others],
    },
    latinChains: {
      serif: ['serif-latin', 'latin-serif', 'serif', ...others],
      sans: ['sans-latin', 'latin-sans', 'sans', ...others],
      mono: ['mono-latin', 'latin-sans', 'mono', ...others],
    },
    script: 'c',
  };
}

/** A face from bytes the organizer supplied (fonts/ folder); `key` must be unique per file and face. */
export function suppliedFace(key: string, bytes: Buffer, postscriptName?: string): FontFace {
  return { key: `fonts/custom/${key}`, bytes: () => bytes, postscriptName };
}

/** A supplied face as plain data, so a worker thread can rebuild the same font set. */
export interface SuppliedFaceData {
  family: string;
  face: FaceName;
  key: string;
  bytes: Uint8Array;
  postscriptName?: string;
}

/** The faces of a set that did not come with forumpress (from the organizer's fonts/). */
export function suppliedFaces(set: FontSet): SuppliedFaceData[] {
  const out: SuppliedFaceData[] = [];
  for (const [family, faces] of Object.entries(set.families)) {
    for (const [face, f] of Object.entries(faces) as [FaceName, FontFace][]) {
      if (f.key.startsWith('fonts/custom/')) out.push({ family, face, key: f.key.slice('fonts/custom/'.length), bytes: f.bytes(), postscriptName: f.postscriptName });
    }
  }
  return out;
}

/** The built-in set with supplied faces put back in (the inverse of suppliedFaces), in a document of the given context. */
export function fontSetWith(faces: SuppliedFaceData[], options: Pick<FontSet, 'latinChains' | 'script'> = {}): FontSet {
  const set = builtinFonts();
  if (options.latinChains) set.latinChains = options.latinChains;
  if (options.script) set.script = options.script;
  for (const f of faces) {
    set.families[f.family] = { ...(set.families[f.family] ?? set.families.serif) };
    set.families[f.family][f.face] = suppliedFace(f.key, Buffer.from(f.bytes), f.postscriptName);
  }
  return set;
}
