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
  /** Primary family -> fallback families, in order. */
  fallbacks: Record<string, string[]>;
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
 * The built-in fonts. serif/sans are Noto SC (Chinese and basic Latin); after them come
 * Noto Serif/Sans (European and Vietnamese diacritics, Greek, Cyrillic), Noto Sans Math
 * (operators, arrows, letterlike symbols) and Noto Serif JP, the one packaged font with
 * CJK Extension B characters such as 𠮷 (fonts/README.md has the measured coverage).
 */
export function builtinFonts(): FontSet {
  const serif = upright('noto-serif-sc', 'NotoSerifSC');
  const sans = upright('noto-sans-sc', 'NotoSansSC');
  return {
    families: {
      serif,
      sans,
      mono: sans,
      'latin-serif': upright('noto-serif', 'NotoSerif'),
      'latin-sans': upright('noto-sans', 'NotoSans'),
      math: upright('noto-sans-math', 'NotoSansMath', false),
      'cjk-ext': upright('noto-serif-jp', 'NotoSerifJP'),
    },
    fallbacks: {
      serif: ['latin-serif', 'math', 'cjk-ext'],
      sans: ['latin-sans', 'math', 'cjk-ext'],
      mono: ['latin-sans', 'math', 'cjk-ext'],
    },
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

/** The built-in set with supplied faces put back in (the inverse of suppliedFaces). */
export function fontSetWith(faces: SuppliedFaceData[]): FontSet {
  const set = builtinFonts();
  for (const f of faces) {
    set.families[f.family] = { ...(set.families[f.family] ?? set.families.serif) };
    set.families[f.family][f.face] = suppliedFace(f.key, Buffer.from(f.bytes), f.postscriptName);
  }
  return set;
}
