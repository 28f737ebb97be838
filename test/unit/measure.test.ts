import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { cutToLines, fitText, measurer } from '../../src/layout/measure.js';
import { builtinFonts } from '../../src/fonts/fonts.js';

const fontkit = createRequire(import.meta.url)('fontkit');

/** Width at 1 pt of a text in one face, straight from fontkit. */
function widthIn(face: { bytes(): Buffer }, text: string): number {
  const font = fontkit.create(face.bytes());
  return font.layout(text).advanceWidth / font.unitsPerEm;
}

describe('measurer (used to fit names on badges and titles on signs)', () => {
  const fonts = builtinFonts();

  it('measures Chinese in the Chinese face', () => {
    expect(measurer({ font: 'sans', bold: true }, fonts)('黄海平')).toBeCloseTo(widthIn(fonts.families.sans.bold, '黄海平'), 5);
  });

  it('measures a name the Chinese face lacks letters for in the font that will draw it', () => {
    const name = 'Łukasz Wójcik';
    const measured = measurer({ font: 'sans', bold: true }, fonts)(name);
    // The fallback pass sets the whole name in the Latin face of the sans, Source Sans 3 Bold (it keeps a name in one design).
    expect(measured).toBeCloseTo(widthIn(fonts.families['sans-latin'].bold, name), 5);
    expect(Math.abs(measured - widthIn(fonts.families.sans.bold, name))).toBeGreaterThan(0.05);
  });
});

describe('fitText', () => {
  const measure = measurer({ font: 'sans', bold: true }, builtinFonts());
  const box = { width: 172, maxSize: 32, minSize: 14, maxLines: 2, wrapSize: 22 };

  it('shrinks a name whose words are each wider than the box at the largest size', () => {
    const fitted = fitText('Αλέξανδρος Παπαδόπουλος', box, measure);
    expect(fitted.fits).toBe(true);
    expect(fitted.lines).toEqual(['Αλέξανδρος', 'Παπαδόπουλος']);
    for (const line of fitted.lines) expect(measure(line) * fitted.size).toBeLessThanOrEqual(box.width);
    expect(fitted.size).toBeGreaterThan(20);
  });

  it('says so when one word does not fit even at the smallest size', () => {
    expect(fitText('Wolfeschlegelsteinhausenbergerdorff', box, measure)).toMatchObject({ fits: false, size: 14 });
  });
});

describe('cutToLines', () => {
  const measure = measurer({ font: 'sans', bold: true }, builtinFonts());

  it('cuts a long word between grapheme clusters, and ends in … after a whole one', () => {
    const accents = cutToLines('e\u0301'.repeat(60), 100, 20, 3, measure);
    for (const line of accents) expect(line.startsWith('e')).toBe(true);
    const families = cutToLines('👨\u200d👩\u200d👧'.repeat(40), 100, 20, 2, measure);
    expect(families).toHaveLength(2);
    expect(families[0]).toMatch(/^(👨\u200d👩\u200d👧)+$/u);
    expect(families[1]).toMatch(/^(👨\u200d👩\u200d👧)+…$/u);
  });
});
