import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { builtinFonts, packagedFontsRead, prefetchChineseFonts } from '../src/fonts/fonts.js';

const require = createRequire(import.meta.url);

describe('the Chinese fonts are read in the background at the start of a build', () => {
  it('not when the theme replaces both families', async () => {
    await prefetchChineseFonts(['serif', 'sans']);
    expect(packagedFontsRead()).toEqual([]);
  });

  it('arrive whole, and are the bytes the faces then give without reading again', async () => {
    expect(packagedFontsRead()).toEqual([]);
    await prefetchChineseFonts();
    const names = packagedFontsRead().map((p) => p.split('/').pop()).sort();
    expect(names).toEqual(['NotoSansSC_400Regular.ttf', 'NotoSansSC_700Bold.ttf', 'NotoSerifSC_400Regular.ttf', 'NotoSerifSC_700Bold.ttf']);
    const { families } = builtinFonts();
    const path = require.resolve('@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf');
    const bytes = families.serif.bold.bytes();
    expect(bytes.equals(readFileSync(path))).toBe(true);
    // The same Buffer every time: pdfkit and the fallback split share one parse of it.
    expect(families.serif.bold.bytes()).toBe(bytes);
    expect(packagedFontsRead()).toHaveLength(4);
  });
});
