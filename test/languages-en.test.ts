import { beforeAll, describe, expect, it } from 'vitest';
import type { BuildResult } from '../src/build.js';
import { buildLanguageFixture, CJK, expectNoBoxes, inspectOutputs, LANGUAGE_OUTPUTS as OUTPUTS, textOutputs } from './helpers/languages.js';
import { extractPages, squash } from './helpers/pdf.js';

let en: BuildResult;
let enOut: Awaited<ReturnType<typeof inspectOutputs>>;

beforeAll(async () => {
  en = await buildLanguageFixture('en');
  enOut = await inspectOutputs(en);
});

describe('an English workshop (test/fixtures/lang-en)', () => {
  it('builds every output without an error, emoji and Korean, Greek, Devanagari and Vietnamese names included', () => {
    expect(en.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect([...en.outputs.keys()]).toEqual(expect.arrayContaining(OUTPUTS));
  });

  it('draws no empty box in any output', () => {
    expectNoBoxes(enOut, 200);
  });

  it('prints in English, with no Chinese word forumpress would add', () => {
    const text = enOut.get('program.pdf')!.text;
    for (const word of ['Introduction', 'Contents', 'Program', 'Abstracts', 'Speakers', 'Chair', 'Day 1', 'Thursday, June 13, 2024',
      'Keynote', 'Workshop', '(No abstract.)', 'Organizing', 'The forum is supported by the Atlantic Computation Society.']) expect(text).toContain(word);
    for (const [name, o] of enOut) expect(o.text.replace(/김민준/g, '').match(CJK)?.[0] ?? null, name).toBeNull();
    for (const [name, text] of textOutputs(en)) expect(text.replace(/김민준/g, '').match(CJK)?.[0] ?? null, name).toBeNull();
    expect(enOut.get('signs.pdf')!.text).toContain('Today’s program');
  });

  it('prints each sign on one page (3 sessions, 2 days), and a certificate with no English line under its English title', async () => {
    expect((await extractPages(en.outputs.get('signs.pdf')!))).toHaveLength(5);
    expect(en.diagnostics.filter((d) => d.rule === 'page-overflow')).toEqual([]);
    const certificates = squash(enOut.get('certificates.pdf')!.text); // the title is letter-spaced
    expect(certificates).toContain('Certificateof');
    expect(certificates).not.toContain('CERTIFICATEOF');
  });

  it('prints emoji, the Korean name and a link\'s address, but not an address twice', () => {
    const text = enOut.get('program.pdf')!.text;
    for (const s of ['👋', '💻', '김민준', 'अनन्या', 'Ιωάννα', 'Nguyễn Thị Minh Khai', 'our notes (https://example.org/three-factor)', 'the organizers (wnd@example.org)']) {
      expect(squash(text)).toContain(squash(s));
    }
    expect(text.split('https://example.org/').length - 1).toBe(2);
    expect(enOut.get('badges.pdf')!.text).toContain('🧠');
  });

  it('keeps a code block\'s indentation, in the monospaced face', async () => {
    const items = (await extractPages(en.outputs.get('program.pdf')!)).flatMap((p) => p.items);
    const def = items.find((i) => i.str.includes('def simulate'))!;
    const loop = items.find((i) => i.str.includes('for t in range'))!;
    const body = items.find((i) => i.str.includes('net.step(rng)'))!;
    // Four spaces, then eight, of a face whose every character is as wide (0.6 em at 8 pt: 4.8 pt).
    const indent = (i: typeof def) => i.x + (i.str.length - i.str.trimStart().length) * 4.8 - def.x;
    expect(indent(loop)).toBeCloseTo(19.2, 0);
    expect(indent(body)).toBeCloseTo(38.4, 0);
  });
});
