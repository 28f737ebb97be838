import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from '../src/build.js';
import { buildRealForum, realSources, ROOT } from './helpers/build.js';
import { overlay } from './helpers/overlay.js';
import { extractPages, squash, type PageText, type TextItem } from './helpers/pdf.js';
import { sheetLayout, slotOrigin, stockLayout, type SheetLayout } from '../src/layout/imposition.js';
import { STOCK_PRESETS } from '../src/model/stock.js';

const PRESETS = Object.keys(STOCK_PRESETS);

/** The colour of a point of a PDF's first page (in points from the top-left corner), rendered at 72 dpi. */
function pixel(pdf: Uint8Array, x: number, y: number): number[] {
  const dir = mkdtempSync(join(tmpdir(), 'fp-px-'));
  writeFileSync(join(dir, 'b.pdf'), pdf);
  execFileSync('pdftoppm', ['-r', '72', '-f', '1', '-l', '1', '-x', String(Math.round(x)), '-y', String(Math.round(y)), '-W', '1', '-H', '1', '-singlefile', join(dir, 'b.pdf'), join(dir, 'p')]);
  const ppm = readFileSync(join(dir, 'p.ppm'));
  return [...ppm.subarray(ppm.length - 3)];
}
import { spacedName } from '../src/layout/measure.js';

interface Row { id: string; name: string; affiliation: string; role: string }

const csvText = readFileSync(join(ROOT, 'content', 'attendees.csv'), 'utf8');
const rows: Row[] = csvText.trim().split('\n').slice(1).map((l) => {
  const [id, name, , affiliation, role] = l.split(',');
  return { id, name, affiliation, role };
});

/**
 * Builds the forum's badges with some content files replaced: the badge files only (`outputs`),
 * since these tests read nothing else (every output was about 3 s a build).
 */
function buildWith(files: Record<string, string | Buffer>, only?: string[], outputs = ['badges.pdf']) {
  const { content, templates } = realSources();
  return build({ content: overlay(content, files), templates, only, ...(!only && { outputs }) });
}

/** The badge rectangles of a sheet in PDF coordinates (origin bottom-left). */
function rects(layout: SheetLayout, page: PageText, back = false) {
  return Array.from({ length: layout.columns * layout.rows }, (_, i) => {
    const o = slotOrigin(layout, i, back);
    return { left: o.x, right: o.x + layout.badge.width, top: page.height - o.y, bottom: page.height - o.y - layout.badge.height };
  });
}

/** Items inside a rectangle, in layout order: a badge's text. */
function textIn(page: PageText, r: ReturnType<typeof rects>[number]): string {
  const inside = (it: TextItem) => it.x >= r.left - 0.5 && it.x + it.width <= r.right + 0.5 && it.y >= r.bottom - 0.5 && it.y + it.height * 0.8 <= r.top + 0.5;
  return squash(page.items.filter(inside).map((it) => it.str).join(''));
}

/** The QR payload zbarimg reads on one badge, rendered alone at 150 dpi (empty if none). */
function qrOfBadge(pdf: Uint8Array, page: number, layout: SheetLayout, index: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'fp-qr-'));
  writeFileSync(join(dir, 'b.pdf'), pdf);
  const px = (pt: number) => String(Math.round((pt * 150) / 72));
  const o = slotOrigin(layout, index);
  execFileSync('pdftoppm', ['-r', '150', '-png', '-f', String(page), '-l', String(page), '-singlefile',
    '-x', px(o.x), '-y', px(o.y), '-W', px(layout.badge.width), '-H', px(layout.badge.height), join(dir, 'b.pdf'), join(dir, 'p')]);
  try {
    return execFileSync('zbarimg', ['--raw', '-q', join(dir, 'p.png')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return ''; // zbarimg exits 4 when it finds no code
  }
}

const card = sheetLayout('card', 'card');
let pdf: Uint8Array;
let pages: PageText[];

beforeAll(async () => {
  const result = await buildRealForum();
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  pdf = result.outputs.get('badges.pdf')!;
  pages = await extractPages(pdf);
});

describe('badges.pdf from content/attendees.csv', () => {
  it('lists every person of the seed: speakers, chairs and both committees', () => {
    const names = rows.map((r) => r.name);
    for (const n of ['吴英年', '吴恒魁', '黄海平', '库逸轩', '张希昀', '雷泽', '孟祥明', '张文昊']) expect(names).toContain(n);
    expect(rows.find((r) => r.name === '黄海平')!.role.split(';').sort()).toEqual(['chair', 'committee', 'organizer']);
    expect(new Set(names).size).toBe(names.length);
  });

  it('puts ten 90×54 mm badges on each A4 sheet, one per attendee, with name, affiliation and most senior role', () => {
    expect(pages).toHaveLength(Math.ceil(rows.length / 10));
    expect([Math.round(pages[0].width), Math.round(pages[0].height)]).toEqual([595, 842]);
    rows.forEach((row, n) => {
      const page = pages[Math.floor(n / 10)];
      const text = textIn(page, rects(card, page)[n % 10]);
      expect(text).toContain(squash(spacedName(row.name)));
      expect(text).toContain(squash(row.affiliation));
      const senior = row.role.split(';')[0];
      expect(text).toContain({ organizer: '组委会', committee: '学术委员会', speaker: '报告嘉宾', chair: '主持人' }[senior]);
      expect(text).toContain('第二届神经网络新年交叉论坛');
    });
  });

  it('spaces two-character Chinese names with an ideographic space', () => {
    expect(spacedName('雷娜')).toBe('雷\u3000娜');
    expect(spacedName('黄海平')).toBe('黄海平');
    expect(spacedName('Li Na')).toBe('Li Na');
    const page = pages[Math.floor(rows.findIndex((r) => r.name === '雷娜') / 10)];
    // One em of space between the two characters, however the PDF splits the text runs.
    const lei = page.items.find((it) => it.str.startsWith('雷'))!;
    const na = page.items.find((it) => it.str.endsWith('娜') && Math.abs(it.y - lei.y) < 1)!;
    const em = lei.height;
    expect(na.x + na.width - lei.x).toBeCloseTo(3 * em, 0);
  });

  it('has no text outside a badge', () => {
    for (const page of pages) {
      const rs = rects(card, page);
      for (const it of page.items) {
        if (!it.str.trim()) continue;
        const inOne = rs.some((r) => it.x >= r.left - 0.5 && it.x + it.width <= r.right + 0.5 && it.y >= r.bottom - 0.5 && it.y + it.height * 0.8 <= r.top + 0.5);
        expect(inOne, `"${it.str}" at ${it.x.toFixed(1)},${it.y.toFixed(1)} on page ${page.number}`).toBe(true);
      }
    }
  });

  it('prints QR codes that decode to the attendee ids', () => {
    rows.forEach((row, n) => expect(qrOfBadge(pdf, Math.floor(n / 10) + 1, card, n % 10)).toBe(row.id));
  });
});

describe('attendee files as spreadsheets write them', () => {
  it('gives the same badges from GB18030 and from UTF-8 with a byte-order mark', async () => {
    const gb = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: csvText });
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gb)).toThrow(); // really not UTF-8
    const fromGb = await buildWith({ 'attendees.csv': gb });
    const fromBom = await buildWith({ 'attendees.csv': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csvText)]) });
    expect(fromGb.ok && fromBom.ok).toBe(true);
    const a = (await extractPages(fromGb.outputs.get('badges.pdf')!)).map((p) => p.text);
    const b = (await extractPages(fromBom.outputs.get('badges.pdf')!)).map((p) => p.text);
    expect(a).toEqual(b);
    expect(a).toEqual(pages.map((p) => p.text));
  });

  it('accepts Chinese column names and roles by their label', async () => {
    const csv = '编号,姓名,单位,角色\nX1,雷娜,大连理工大学,报告嘉宾；主持人\n';
    const result = await buildWith({ 'attendees.csv': csv });
    expect(result.ok).toBe(true);
    const text = squash((await extractPages(result.outputs.get('badges.pdf')!))[0].text);
    expect(text).toContain('雷娜');
    expect(text).toContain('报告嘉宾');
  });
});

describe('attendee values are data', () => {
  it('prints markup-like names and affiliations as text, never as template or layout', async () => {
    const csv = 'id,name,affiliation,role\nX1,"<b>张三</b> & ""{{x}}""","</place><p>hack</p>",speaker\n';
    const result = await buildWith({ 'attendees.csv': csv });
    expect(result.ok).toBe(true);
    const text = squash((await extractPages(result.outputs.get('badges.pdf')!))[0].items.map((it) => it.str).join(''));
    expect(text).toContain(squash('<b>张三</b> & "{{x}}"'));
    expect(text).toContain('</place><p>hack</p>');
  });
});

describe('badge layouts and options', () => {
  it('prints A6 badges four per sheet and one per page, with backs mirrored for duplex and spares per role', async () => {
    const settings = `badges:\n  layouts: [a6, printer, ${PRESETS.join(', ')}]\n  printer_size: card\n  back: true\n  spares: 1\n`;
    const result = await buildWith({ 'settings.yaml': settings }, undefined, ['badges.pdf', 'badges-printer.pdf', ...PRESETS.map((p) => `badges-${p}.pdf`)]);
    expect(result.ok).toBe(true);
    expect([...result.outputs.keys()].sort()).toEqual(['badges.pdf', 'badges-printer.pdf', ...PRESETS.map((p) => `badges-${p}.pdf`)].sort());
    const roles = 6;
    const a6 = await extractPages(result.outputs.get('badges.pdf')!);
    expect(a6).toHaveLength(Math.ceil((rows.length + roles) / 4) * 2);
    const layout = sheetLayout('a6', 'card');
    // The first attendee is top-left on the front, so top-right on the back of the sheet.
    const name = squash(spacedName(rows[0].name));
    expect(textIn(a6[0], rects(layout, a6[0])[0])).toContain(name);
    expect(textIn(a6[1], rects(layout, a6[1], true)[0])).toContain(name);
    expect(rects(layout, a6[1], true)[0].left).toBeGreaterThan(a6[1].width / 2 - 1);
    const printer = await extractPages(result.outputs.get('badges-printer.pdf')!);
    expect(printer).toHaveLength((rows.length + roles) * 2);
    expect([Math.round(printer[0].width), Math.round(printer[0].height)]).toEqual([255, 153]);
    const spare = printer[rows.length * 2];
    expect(squash(spare.text)).not.toContain(name);
    expect(squash(spare.text)).toContain('组委会');
    // A6 badges have gutters, bleed and room for cut marks, as the card sheet has.
    expect(layout.pitch.x - layout.badge.width).toBeGreaterThanOrEqual(11);
    expect(layout.origin.x).toBeGreaterThanOrEqual(17);
    expect(layout.bleed).toBeGreaterThan(0);
    // The band of the top-left badge stops short of the gutter's middle: white there, the band's colour inside.
    const [gutterX, bandY] = [layout.origin.x + layout.badge.width + (layout.pitch.x - layout.badge.width) / 2, layout.origin.y + layout.badge.height - 10];
    expect(pixel(result.outputs.get('badges.pdf')!, gutterX, bandY)).toEqual([255, 255, 255]);
    expect(Math.min(...pixel(result.outputs.get('badges.pdf')!, layout.origin.x + layout.badge.width - 2, bandY))).toBeLessThan(200);
    // On every sheet (A6 and each label stock), every piece of text lies inside one badge: none crosses a cut line.
    const sheets: [string, SheetLayout][] = [['badges.pdf', layout], ...PRESETS.map((p): [string, SheetLayout] => [`badges-${p}.pdf`, stockLayout(p, STOCK_PRESETS[p])])];
    for (const [file, l] of sheets) {
      for (const page of (await extractPages(result.outputs.get(file)!)).slice(0, 2)) {
        const boxes = rects(l, page, page.number % 2 === 0);
        for (const it of page.items) {
          const inOne = boxes.some((r) => it.x >= r.left - 0.01 && it.x + it.width <= r.right + 0.01 && it.y >= r.bottom - 0.01 && it.y + it.height * 0.8 <= r.top + 0.01);
          expect(inOne, `${file} p${page.number}: "${it.str}" at ${it.x.toFixed(1)},${it.y.toFixed(1)}`).toBe(true);
        }
      }
    }
  });

  it('reprints single badges with --only', async () => {
    const result = await buildWith({}, ['A023', 'A013']);
    expect(result.ok).toBe(true);
    expect([...result.outputs.keys()]).toEqual(['badges-reprint.pdf']);
    const pages = await extractPages(result.outputs.get('badges-reprint.pdf')!);
    expect(pages).toHaveLength(1);
    const text = squash(pages[0].text);
    expect(text).toContain('雷娜');
    expect(text).toContain('吴英年');
    expect(text).not.toContain('黄海平');
    const reprint = result.outputs.get('badges-reprint.pdf')!;
    expect([qrOfBadge(reprint, 1, card, 0), qrOfBadge(reprint, 1, card, 1)]).toEqual(['A023', 'A013']);
  });

  it('warns, naming the attendee, when a name does not fit even at the smallest size', async () => {
    const long = `${csvText}A099,Maximilian Alexander von Hohenzollern-Sigmaringen-Habsburg,,MPI,speaker\n`;
    const result = await buildWith({ 'attendees.csv': long });
    expect(result.ok).toBe(true);
    const warning = result.diagnostics.find((d) => d.rule === 'badge-text-too-long');
    // At the name's cell, after "A099,".
    expect(warning).toMatchObject({ severity: 'warning', file: 'content/attendees.csv', line: rows.length + 2, column: 6 });
    expect(warning!.message).toContain('A099');
  });
});
