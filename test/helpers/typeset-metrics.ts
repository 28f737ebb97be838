import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Metrics } from '../../src/typeset/index.js';

const require = createRequire(import.meta.url);
const fontkit = require('fontkit');

/** A run's style in the setter tests: a face and a size. */
export interface TestStyle {
  face: 'serif-sc' | 'serif-latin';
  size: number;
}

const files = {
  'serif-sc': '@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf',
  'serif-latin': '@expo-google-fonts/source-serif-4/400Regular/SourceSerif4_400Regular.ttf',
};
const fonts = new Map<string, any>();
function font(face: TestStyle['face']): any {
  let f = fonts.get(face);
  if (!f) fonts.set(face, (f = fontkit.create(readFileSync(require.resolve(files[face])))));
  return f;
}

/** Metrics from the real fonts through fontkit's public API (layout with and without `halt`). */
export const testMetrics: Metrics<TestStyle> = {
  width(text, style) {
    const f = font(style.face);
    return (f.layout(text).advanceWidth / f.unitsPerEm) * style.size;
  },
  halt(ch, style) {
    const f = font(style.face);
    if (!f.availableFeatures.includes('halt')) return undefined;
    const r = f.layout(ch, ['halt']);
    return { offset: (r.positions[0].xOffset / f.unitsPerEm) * style.size, advance: (r.advanceWidth / f.unitsPerEm) * style.size };
  },
};

/** Runs of a mixed text as the fallback pass makes them: Latin letters and digits in the Latin face, the rest in the Chinese. */
export function mixedRuns(text: string, size = 10): Array<{ text: string; style: TestStyle; size: number }> {
  const runs: Array<{ text: string; style: TestStyle; size: number }> = [];
  for (const part of text.match(/[A-Za-z0-9%.,;:'’()\-/ ]+|[^A-Za-z0-9%.,;:'’()\-/ ]+/g) ?? []) {
    const face = /^[A-Za-z0-9%.,;:'’()\-/ ]+$/.test(part) ? 'serif-latin' : 'serif-sc';
    runs.push({ text: part, style: { face, size }, size });
  }
  return runs;
}
