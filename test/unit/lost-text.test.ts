import { describe, expect, it } from 'vitest';
import { Diagnostics, formatDiagnostic } from '../../src/diagnostics.js';
import { checkLostText } from '../../src/check/lost-text.js';
import type { LaidOutPage, TextTrace, TracedRun, TracedSegment } from '../../src/model/laid-out.js';

const trace = (line = 3): TextTrace => ({ file: 'content/abstracts/a.md', origins: [{ at: 0, line, column: 1 }, { at: 20, line: line + 1, column: 1 }] });

/** The diagnostics for runs laid out as `lines` (per page: the segments of each line). */
function check(runs: TracedRun[], pages: TracedSegment[][]): string[] {
  const diags = new Diagnostics();
  const laid: LaidOutPage[] = pages.map((traced) => ({ ids: [], text: '', traced }));
  checkLostText('program.pdf', laid, runs, diags);
  return diags.list.map((d) => formatDiagnostic(d).split('\n')[0]);
}

const seg = (t: TextTrace, text: string, shown = text.length, reordered = false): TracedSegment => ({ trace: t, text, shown, reordered });

describe('lost-content for text (read back from the layout)', () => {
  it('passes text laid out whole: over lines and pages, hyphenated at line ends, its spaces changed, a piece repeated', () => {
    const t = trace();
    const run = { text: 'A para­graph of hyphenated words,\nwith a soft break: 中文 text.', trace: t };
    expect(check([run], [[seg(t, 'A para-'), seg(t, 'graph of hyph-')], [seg(t, 'enated words, with a soft'), seg(t, 'break:中文text.'), seg(t, 'break:')]])).toEqual([]);
  });

  it('passes a right-to-left line drawn in visual order, brackets mirrored', () => {
    const t = trace();
    expect(check([{ text: 'abc (שלום) def', trace: t }], [[seg(t, 'abc )םולש( def', 14, true)]])).toEqual([]);
  });

  it('an overflowing line: an error at the first character past the edge, with how many are lost', () => {
    const t = trace();
    const run = { text: 'Short words, then xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx and the end.', trace: t };
    // The second line shows 5 of its x, the rest run off the page; the last line is whole.
    expect(check([run], [[seg(t, 'Short words, then'), seg(t, ' xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 6), seg(t, 'and the end.')]])).toEqual([
      'content/abstracts/a.md:4:4: error[lost-content]: 33 characters of this text, from "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx and th…", run past the edge of the page or of their column in program.pdf: they are not printed',
    ]);
  });

  it('text never laid out: an error at its first character; a paragraph dropped whole is one error', () => {
    const a = trace(3);
    const b = trace(5);
    const c = trace(8);
    const runs = [{ text: 'Kept, then cut here: the rest', trace: a }, { text: 'Gone.', trace: b }, { text: 'Also gone.', trace: c }];
    expect(check(runs, [[seg(a, 'Kept, then cut here:')]])).toEqual([
      // "the rest" and the two paragraphs after it, lost in one piece.
      'content/abstracts/a.md:4:2: error[lost-content]: 21 characters of this text, from "the rest", is missing from program.pdf: it was never laid out',
    ]);
    expect(check(runs.slice(1), [[]])).toEqual([
      'content/abstracts/a.md:5:1: error[lost-content]: 14 characters of this text, from "Gone.", is missing from program.pdf: it was never laid out',
    ]);
  });

  it('a line whose text differs from the run (not a hyphen at its end) is a loss from there', () => {
    const t = trace();
    expect(check([{ text: 'abc-def ghi', trace: t }], [[seg(t, 'abc-xef ghi')]])).toEqual([
      'content/abstracts/a.md:3:5: error[lost-content]: 6 characters of this text, from "def ghi", is missing from program.pdf: it was never laid out',
    ]);
  });
});
