import { describe, expect, it } from 'vitest';
import { hasRightToLeft, paragraphLevels, reorderLine } from '../../src/typeset/bidi.js';
import { clusterCut, graphemes, reverseClusters } from '../../src/typeset/clusters.js';

/** The visual pieces of a line made of `runs`, resolved as one paragraph. */
function visual(runs: string[]) {
  const { levels, direction } = paragraphLevels(runs.join(''));
  return { direction, pieces: reorderLine(runs, levels) };
}

describe('bidi: a line in visual order (src/typeset/bidi.ts)', () => {
  it('reverses a Hebrew phrase inside English, word by word, keeping the English in place', () => {
    const { direction, pieces } = visual(['The word שלום עולם means hello world.']);
    expect(direction).toBe('ltr');
    expect(pieces.map((p) => p.text)).toEqual(['The word ', 'עולם', ' ', 'שלום', ' means hello world.']);
    expect(pieces.map((p) => p.rtl)).toEqual([false, true, true, true, false]);
  });

  it('reads a Hebrew name right to left, with its brackets mirrored', () => {
    const { direction, pieces } = visual(['דוד בן־גוריון (תל אביב)']);
    expect(direction).toBe('rtl');
    // Leftmost first: the last word, its closing bracket now an opening one (drawn on the left).
    expect(pieces.map((p) => p.text)).toEqual(['אביב(', ' ', ')תל', ' ', 'בן־גוריון', ' ', 'דוד']);
    expect(pieces.every((p) => p.rtl)).toBe(true);
  });

  it('keeps numbers and Latin words left to right inside right-to-left text', () => {
    const { pieces } = visual(['مؤتمر 2024 في Lyon']);
    expect(pieces.map((p) => p.text)).toEqual(['Lyon', ' ', 'في', ' ', '2024', ' ', 'مؤتمر']);
    expect(pieces.map((p) => p.rtl)).toEqual([false, true, true, true, false, true, true]);
  });

  it('says which run and characters each piece comes from, across style changes', () => {
    const { pieces } = visual(['see ', 'שלום', ' עולם', ' now']);
    expect(pieces.map((p) => [p.run, p.start, p.end])).toEqual([[0, 0, 4], [2, 1, 5], [2, 0, 1], [1, 0, 4], [3, 0, 4]]);
  });

  it('leaves the spaces at a line\'s ends at its ends, where the line cuts them', () => {
    const { pieces } = visual(['שלום עולם ']);
    expect(pieces.map((p) => p.text)).toEqual(['עולם', ' ', 'שלום', ' ']);
  });

  it('knows text with no right-to-left character needs nothing', () => {
    expect(hasRightToLeft('Hello, 世界 👨‍👩‍👧')).toBe(false);
    expect(hasRightToLeft('שלום')).toBe(true);
    expect(hasRightToLeft('مرحبا')).toBe(true);
  });
});

describe('grapheme clusters (src/typeset/clusters.ts)', () => {
  it('keeps a ZWJ sequence, a flag, a letter and its accent, and a conjunct each whole', () => {
    expect(graphemes('👨‍👩‍👧🏳️‍🌈🇫🇷e\u0301क्ष')).toEqual(['👨‍👩‍👧', '🏳️‍🌈', '🇫🇷', 'e\u0301', 'क्ष']);
    expect(reverseClusters('ae\u0301👍🏽')).toBe('👍🏽e\u0301a');
  });

  it('cuts a word only between clusters, never inside a surrogate pair', () => {
    expect(clusterCut('ae\u0301b', 2)).toBe(1);
    expect(clusterCut('a👨‍👩‍👧b', 4)).toBe(1);
    expect(clusterCut('a😀b', 2)).toBe(1);
    expect(clusterCut('😀b', 1)).toBe(2);
    // The first cluster always goes: a line narrower than it still makes progress.
    expect(clusterCut('👨‍👩‍👧b', 2)).toBe(8);
    expect(clusterCut('abc', 2)).toBe(2);
  });
});

describe('the adapter\'s call (src/pdfmake/bidi-line.ts)', () => {
  const line = () => ({ leadingCut: 0, inlines: [{ text: 'see ', width: 4 }, { text: 'שלום ', width: 5 }, { text: 'עולם', width: 4 }] });
  const width = (text: string) => text.length;

  it('puts a line\'s inlines in visual order with their x, and again when the document is laid out again', async () => {
    const { reorderBidiLine } = await import('../../src/pdfmake/bidi-line.js');
    const node: Record<string, unknown> = { _inlines: [] };
    for (let layout = 0; layout < 2; layout++) {
      // pdfmake measures the text anew for each layout: a new array of inlines.
      node._inlines = [];
      const l = line();
      reorderBidiLine(l, node, width);
      expect(l.inlines.map((i: any) => [i.text, i.x])).toEqual([['see ', 0], ['עולם', 4], [' ', 8], ['שלום', 9]]);
    }
  });

  it('starts a right-to-left paragraph\'s line at the right edge, and keeps the setter\'s justification', async () => {
    const { reorderBidiLine } = await import('../../src/pdfmake/bidi-line.js');
    const ragged = { maxWidth: 20, inlineWidths: 9, inlines: [{ text: 'שלום ', x: 0, width: 5 }, { text: 'עולם', x: 5, width: 4 }] };
    reorderBidiLine(ragged, { _inlines: [] }, width);
    expect(ragged.inlines.map((i: any) => [i.text, i.x])).toEqual([['עולם', 11], [' ', 15], ['שלום', 16]]);
    expect(ragged.inlineWidths).toBe(20); // pdfmake is told it is full: it moves nothing
    // Justified by the setter: 3 points more after the first word; the line still spans 0 to 12.
    const justified = { maxWidth: 12, inlineWidths: 12, inlines: [{ text: 'שלום ', x: 0, width: 5, alignment: 'justify' }, { text: 'עולם', x: 8, width: 4, alignment: 'justify' }] };
    reorderBidiLine(justified, { _inlines: [] }, width);
    expect(justified.inlines.map((i: any) => [i.text, i.x])).toEqual([['עולם', 0], [' ', 7], ['שלום', 8]]);
  });
});
