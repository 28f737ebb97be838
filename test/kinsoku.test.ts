import { describe, expect, it } from 'vitest';
import { buildFrom, realContentFiles } from './helpers/build.js';
import { extractPages } from './helpers/pdf.js';

describe('Chinese line breaking where a word longer than the line is split', () => {
  it('never starts a line with closing punctuation nor ends one with opening punctuation', async () => {
    // Words of every length around a line's capacity, each followed by closing punctuation
    // (so one split falls exactly before it) or preceded by opening punctuation.
    const paragraphs: string[] = [];
    for (let n = 40; n <= 110; n++) {
      paragraphs.push(`前文${'x'.repeat(n)}，后文。`);
      paragraphs.push(`前文（${'y'.repeat(n)}后文。`);
    }
    const files = realContentFiles();
    files['abstracts/lei-na.md'] = files['abstracts/lei-na.md'].replace(/\n---\n[\s\S]*$/, `\n---\n${paragraphs.join('\n\n')}\n`);
    const result = await buildFrom(files, undefined, ['program.pdf']);
    expect(result.ok).toBe(true);
    const lines = (await extractPages(result.outputs.get('program.pdf')!)).flatMap((p) => p.lines);
    const split = lines.filter((l) => /^[xy]+/.test(l) || /[xy]$/.test(l));
    expect(split.length).toBeGreaterThan(100);
    expect(lines.filter((l) => l.startsWith('，'))).toEqual([]);
    expect(lines.filter((l) => l.endsWith('（'))).toEqual([]);
  });
});
