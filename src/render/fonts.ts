import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** A font file by npm package and path, so fonts arrive with `npm install`. */
interface FontFile {
  pkg: string;
  file: string;
}

/** The families templates name (font="serif" | "sans" | "mono") and their faces. */
export const FONT_FAMILIES: Record<string, Record<'normal' | 'bold' | 'italics' | 'bolditalics', FontFile>> = {
  serif: {
    normal: { pkg: '@expo-google-fonts/noto-serif-sc', file: '400Regular/NotoSerifSC_400Regular.ttf' },
    bold: { pkg: '@expo-google-fonts/noto-serif-sc', file: '700Bold/NotoSerifSC_700Bold.ttf' },
    // Chinese has no italics; emphasis keeps the upright face rather than a fake slant.
    italics: { pkg: '@expo-google-fonts/noto-serif-sc', file: '400Regular/NotoSerifSC_400Regular.ttf' },
    bolditalics: { pkg: '@expo-google-fonts/noto-serif-sc', file: '700Bold/NotoSerifSC_700Bold.ttf' },
  },
  sans: {
    normal: { pkg: '@expo-google-fonts/noto-sans-sc', file: '400Regular/NotoSansSC_400Regular.ttf' },
    bold: { pkg: '@expo-google-fonts/noto-sans-sc', file: '700Bold/NotoSansSC_700Bold.ttf' },
    italics: { pkg: '@expo-google-fonts/noto-sans-sc', file: '400Regular/NotoSansSC_400Regular.ttf' },
    bolditalics: { pkg: '@expo-google-fonts/noto-sans-sc', file: '700Bold/NotoSansSC_700Bold.ttf' },
  },
};
FONT_FAMILIES.mono = FONT_FAMILIES.sans;

/** Absolute path of a font file inside node_modules. */
export function fontPath(font: FontFile): string {
  return require.resolve(`${font.pkg}/${font.file}`);
}

const cache = new Map<string, Buffer>();

/** Font bytes, read once per process. */
export function fontBytes(font: FontFile): Buffer {
  const path = fontPath(font);
  let bytes = cache.get(path);
  if (!bytes) {
    bytes = readFileSync(path);
    cache.set(path, bytes);
  }
  return bytes;
}
