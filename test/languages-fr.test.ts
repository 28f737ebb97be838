import { beforeAll, describe, expect, it } from 'vitest';
import type { BuildResult } from '../src/build.js';
import { buildLanguageFixture, CJK, expectNoBoxes, inspectOutputs, LANGUAGE_OUTPUTS as OUTPUTS, textOutputs } from './helpers/languages.js';
import { extractPages, squash } from './helpers/pdf.js';
import { pdffonts, preflight, preflightMissing, tempFile } from './helpers/tools.js';
import { execFileSync } from 'node:child_process';

const missingPreflight = preflightMissing();

let fr: BuildResult;
let frOut: Awaited<ReturnType<typeof inspectOutputs>>;

beforeAll(async () => {
  fr = await buildLanguageFixture('fr');
  frOut = await inspectOutputs(fr);
});

describe('a French conference (test/fixtures/lang-fr: BDX I/O 2019)', () => {
  it('builds every output without an error', () => {
    expect(fr.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect([...fr.outputs.keys()]).toEqual(expect.arrayContaining(OUTPUTS));
  });

  it('draws no empty box in any output: no glyph id 0 in the content streams', () => {
    expectNoBoxes(frOut, 200);
  });

  it('prints no Chinese character, since no content file gave one', () => {
    for (const [name, o] of frOut) expect(o.text.match(CJK)?.[0] ?? null, name).toBeNull();
    for (const [name, text] of textOutputs(fr)) expect(text.match(CJK)?.[0] ?? null, name).toBeNull();
  });

  it('prints its headings, labels, kinds and dates in French', () => {
    const text = frOut.get('program.pdf')!.text;
    for (const word of ['Présentation', 'Sommaire', 'Programme', 'Résumés', 'Index des intervenants', 'Présidence', 'Jour 1',
      'vendredi 15 novembre 2019', 'Conférence plénière', '(Pas de résumé.)']) expect(text).toContain(word);
    expect(squash(text)).toContain('PROGRAMME');
    expect(frOut.get('signs.pdf')!.text).toMatch(/Programme du[\s\S]{0,80}jour/);
    expect(frOut.get('badges.pdf')!.text).toContain('Intervenant·e');
  });

  it('prints each sign on one page: 7 sessions, 3 rooms that hold several, 1 day (17 pages before, long names at 36 pt)', async () => {
    const pages = await extractPages(fr.outputs.get('signs.pdf')!);
    expect(pages).toHaveLength(11);
    for (const p of pages) expect(p.text).toContain('BDX I/O 2019');
  });

  it('lists a session\'s speakers on the entrance sign with a separator between names, none after the last, none starting a line, no name split', () => {
    const lines = execFileSync('pdftotext', [tempFile(fr.outputs.get('signs.pdf')!), '-'], { encoding: 'utf8' }).split('\n').map((l) => l.trim());
    expect(lines.filter((l) => l.startsWith('·'))).toEqual([]);
    // Each list ends with its last name (it ended "Marc Allaire ·"), and lines break between people.
    const list = lines.findIndex((l) => l.startsWith('Xavier Blanc · Nicolas Decoster'));
    expect(lines.slice(list, list + 2).join(' ')).toBe('Xavier Blanc · Nicolas Decoster · Juliane Blier · Marc Allaire');
    expect(lines).toContain('Géraud Dugé de Bernonville · Simon Bédard');
    // A room's day sign dates itself in French order, on one line (it printed "15 novembre vendredi").
    expect(lines.filter((l) => l === 'vendredi 15 novembre')).toHaveLength(3);
  });

  it('sets apostrophes and the narrow no-break spaces in the Latin face, proportionally', async () => {
    const text = frOut.get('program.pdf')!.text;
    expect(text).toContain('Test d’architecture avec ArchUnit');
    expect(text).toMatch(/pas si simple[\u202F\u00A0 ]?!/);
    const fonts = pdffonts(fr.outputs.get('program.pdf')!).map((f) => f.name.replace(/^[A-Z]{6}\+/, ''));
    expect(fonts).toContain('SourceSerif4-Regular');
    expect(fonts).toContain('SourceSans3-Bold');
    // Apostrophes are not the Chinese font's full-width ones: "d’architecture" is as wide as its letters make it.
    const pages = await extractPages(fr.outputs.get('program.pdf')!);
    // (justified: the words of a line are drawn one by one, so the item holds one word)
    const item = pages.flatMap((p) => p.items).find((i) => i.str.includes('d’architecture'))!;
    expect(item.font).toBeDefined();
  });

  it('prints code in a monospaced face with its indentation, and a link\'s address', () => {
    const text = frOut.get('program.pdf')!.text;
    expect(squash(text)).toContain(squash('projet Open Source (https://github.com/archunit-ddd/exemples)'));
    expect(pdffonts(fr.outputs.get('program.pdf')!).some((f) => f.name.includes('SourceCodePro-Regular'))).toBe(true);
  });

  it('leaves out committee rows the forum has none of', () => {
    const text = frOut.get('program.pdf')!.text;
    expect(text).not.toContain('Comité d’organisation');
    expect(text).not.toContain('Comité scientifique');
  });

  it('says /Lang fr, and its XMP dc:language too', () => {
    for (const name of ['program.pdf', 'program-archival.pdf', 'signs.pdf', 'badges.pdf', 'program-print.pdf']) {
      expect(Buffer.from(fr.outputs.get(name)!).toString('latin1'), name).toMatch(/\/Lang \(fr\)/);
    }
    expect(Buffer.from(fr.outputs.get('program-archival.pdf')!).toString('utf8')).toMatch(/<dc:language><rdf:Bag><rdf:li>fr<\/rdf:li>/);
  });

  it.skipIf(missingPreflight)('has an archival copy that passes PDFBox Preflight as PDF/A-1b', () => {
    const result = preflight(fr.outputs.get('program-archival.pdf')!);
    expect(result.valid, result.output).toBe(true);
  });
});
