import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from '../src/build.js';
import { memorySource } from '../src/io.js';
import { realSources, ROOT } from './helpers/build.js';
import { overlay } from './helpers/overlay.js';
import { extractPages, squash, type PageText } from './helpers/pdf.js';
import { tempFile } from './helpers/tools.js';

/* Badges as a printer and a guillotine see them: bands in the bleed and gutters, readable role
   labels, QR codes at any resolution, label stock, photos and extra columns. */

const MM = 72 / 25.4;
const csvText = readFileSync(join(ROOT, 'content', 'attendees.csv'), 'utf8');
const ids = csvText.trim().split('\n').slice(1).map((l) => l.split(',')[0]);
const ORGANIZER = [0x9b, 0x1c, 0x31]; // roles.yaml: organizer's colour, the first two rows' bands

function buildWith(files: Record<string, string | Buffer>, templates?: Record<string, string>) {
  const sources = realSources();
  const t = templates ? overlay(sources.templates, templates) : sources.templates;
  return build({ content: overlay(sources.content, files), templates: t, outputs: ['badges.pdf'] });
}

/** A page rendered in colour at `dpi`, sampled in points from the top-left corner. */
function rgbPage(pdf: Uint8Array, page: number, dpi: number) {
  const dir = mkdtempSync(join(tmpdir(), 'fp-band-'));
  writeFileSync(join(dir, 'b.pdf'), pdf);
  execFileSync('pdftoppm', ['-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', join(dir, 'b.pdf'), join(dir, 'p')]);
  const ppm = readFileSync(join(dir, 'p.ppm'));
  const [, w, h] = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 40).toString('latin1'))!.map(Number);
  const offset = ppm.length - w * h * 3;
  const at = (x: number, y: number) => {
    const i = offset + (Math.round((y * dpi) / 72) * w + Math.round((x * dpi) / 72)) * 3;
    return [ppm[i], ppm[i + 1], ppm[i + 2]];
  };
  return { at, width: w, height: h, ppm, offset };
}

const near = (a: number[], b: number[]) => a.every((v, i) => Math.abs(v - b[i]) <= 12);
const white = (a: number[]) => a.every((v) => v >= 250);

/** The card sheet's geometry, as README.md describes it: 2 × 5 cards of 90 × 54 mm, 4 mm and 3 mm apart, centred on A4. */
const card = { w: 90 * MM, h: 54 * MM, gx: 4 * MM, gy: 3 * MM, x0: (210 - 184) / 2 * MM, y0: (297 - 282) / 2 * MM };
const cardAt = (col: number, row: number) => ({ x: card.x0 + col * (card.w + card.gx), y: card.y0 + row * (card.h + card.gy) });

let pdf: Uint8Array;
let pages: PageText[];

beforeAll(async () => {
  const result = await build({ ...realSources(), outputs: ['badges.pdf'] });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  pdf = result.outputs.get('badges.pdf')!;
  pages = await extractPages(pdf);
});

describe('the card sheet, as cut', () => {
  it('runs each colour band 1 mm into the bleed and leaves the gutters white, so a 0.5 mm miscut shows no neighbour colour', () => {
    const page = rgbPage(pdf, 1, 288);
    const a = cardAt(0, 0); // 黄海平, organizer
    const b = cardAt(1, 0); // 库逸轩, organizer
    const below = cardAt(0, 1);
    const bandY = a.y + card.h - 10; // inside the band, 10 pt above the bottom cut
    // Colour to the cut and 0.5 mm past it, on the three sides the band touches.
    for (const [x, y] of [[a.x + 1, bandY], [a.x - 0.5 * MM, bandY], [a.x + card.w + 0.5 * MM, bandY], [a.x + card.w / 2, a.y + card.h + 0.5 * MM]]) {
      expect(page.at(x, y), `at ${x.toFixed(1)},${y.toFixed(1)}`).toSatisfy((c: number[]) => near(c, ORGANIZER));
    }
    // The gutter between the columns: white from the left card's bleed to the right card's.
    for (let x = a.x + card.w + 1.25 * MM; x <= b.x - 1.25 * MM; x += 0.25) expect(page.at(x, bandY), `gutter at x=${x.toFixed(1)}`).toSatisfy(white);
    // Between the rows: 0.5 mm (and more) above the lower card's top cut, across its width, only paper.
    for (let x = below.x - 0.5 * MM; x <= below.x + card.w + 0.5 * MM; x += 2) {
      expect(page.at(x, below.y - 0.5 * MM), `above the second row at x=${x.toFixed(1)}`).toSatisfy(white);
    }
  });

  it('draws the cut marks outside every card and its bleed', () => {
    const page = rgbPage(pdf, 1, 288);
    const dark = (c: number[]) => c.every((v) => v < 140);
    // A mark continues the left edge above the sheet's first card, and the top edge left of it.
    expect(page.at(card.x0, card.y0 - 4 * MM)).toSatisfy(dark);
    expect(page.at(card.x0 - 4 * MM, card.y0)).toSatisfy(dark);
    // Both cuts of a row gutter are marked in the margin, 3 mm apart.
    expect(page.at(card.x0 - 4 * MM, card.y0 + card.h)).toSatisfy(dark);
    expect(page.at(card.x0 - 4 * MM, card.y0 + card.h + card.gy)).toSatisfy(dark);
    // Nothing dark within a card's 1 mm bleed outside its corner.
    expect(page.at(card.x0 - 0.6 * MM, card.y0)).toSatisfy(white);
    expect(page.at(card.x0, card.y0 - 0.6 * MM)).toSatisfy(white);
  });

  it('sets the role label at 12 pt or more', () => {
    const labels = ['组委会', '学术委员会', '报告嘉宾', '主持人'];
    const found = pages.flatMap((p) => p.items).filter((it) => labels.includes(it.str.replace(/\s/g, '')));
    expect(found.length).toBe(ids.length);
    for (const it of found) expect(it.height, it.str).toBeGreaterThanOrEqual(12);
  });
});

/**
 * The QR code of every badge of the card sheet, cut out of the sheet rasterized at `dpi` (the
 * code with 30 pt of its badge around it): one strip per column of a sheet, cut into badges;
 * zbarimg reads them all in one run.
 */
function decodeBadges(bytes: Uint8Array, dpi: number): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'fp-qr4-'));
  writeFileSync(join(dir, 'b.pdf'), bytes);
  const px = (v: number) => Math.round((v * dpi) / 72);
  const crops: string[] = [];
  for (let page = 1; (page - 1) * 10 < ids.length; page++) {
    for (const column of [0, 1]) {
      const strip = join(dir, `strip-${page}-${column}`);
      const left = px(cardAt(column, 0).x + card.w - 92);
      execFileSync('pdftoppm', ['-r', String(dpi), '-gray', '-f', String(page), '-l', String(page), '-singlefile', '-x', String(left), '-y', '0', '-W', String(px(92)), '-H', String(px(842)), join(dir, 'b.pdf'), strip]);
      const pgm = readFileSync(`${strip}.pgm`);
      const [, w, h] = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 40).toString('latin1'))!.map(Number);
      const offset = pgm.length - w * h;
      for (let row = 0; row < 5 && (page - 1) * 10 + row * 2 + column < ids.length; row++) {
        const [top, height] = [px(cardAt(column, row).y + 16), px(112)];
        const name = join(dir, `badge-${page}-${row}-${column}.pgm`);
        writeFileSync(name, Buffer.concat([Buffer.from(`P5\n${w} ${height}\n255\n`), pgm.subarray(offset + top * w, offset + (top + height) * w)]));
        crops.push(name);
      }
    }
  }
  const run = spawnSync('zbarimg', ['-q', '--raw', ...crops], { encoding: 'utf8' });
  return run.stdout.trim().split('\n').filter(Boolean);
}

describe('QR codes', () => {
  // Each badge is cut out of the rasterized sheet, as a phone sees one badge: every code must read at every resolution.
  for (const dpi of [100, 150, 200, 300, 400]) {
    it(`decode on every badge when the sheet is rendered at ${dpi} dpi`, () => {
      expect(decodeBadges(pdf, dpi).sort()).toEqual([...ids].sort());
    });
  }

  it('are vectors, not images', () => {
    const list = execFileSync('pdfimages', ['-list', tempFile(pdf)], { encoding: 'utf8' });
    expect(list.trim().split('\n').slice(2)).toEqual([]);
  });
});

describe('label stock', () => {
  it('puts each badge on its label of an Avery L4785 sheet (80 × 50 mm, first at 18, 13 mm, pitch 95 × 55 mm)', async () => {
    const result = await buildWith({ 'settings.yaml': 'badges:\n  layouts: [avery-l4785]\n' });
    expect(result.ok).toBe(true);
    const sheet = (await extractPages(result.outputs.get('badges.pdf')!))[0];
    expect([Math.round(sheet.width), Math.round(sheet.height)]).toEqual([595, 842]);
    for (let i = 0; i < 10; i++) {
      const [left, top] = [(18 + (i % 2) * 95) * MM, (13 + Math.floor(i / 2) * 55) * MM];
      const inLabel = sheet.items.filter((it) => it.x >= left && it.x + it.width <= left + 80 * MM && sheet.height - it.y <= top + 50 * MM && sheet.height - it.y - it.height >= top);
      const text = squash(inLabel.map((it) => it.str).join(''));
      expect(text, `label ${i + 1}`).toContain('第二届神经网络新年交叉论坛');
      expect(text).toMatch(/组委会|学术委员会/);
    }
  });

  it('prints Avery 5395 on US Letter, 8 per sheet', async () => {
    const result = await buildWith({ 'settings.yaml': 'badges:\n  layouts: [avery-5395]\n' });
    const sheets = await extractPages(result.outputs.get('badges.pdf')!);
    expect([Math.round(sheets[0].width), Math.round(sheets[0].height)]).toEqual([612, 792]);
    expect(sheets).toHaveLength(Math.ceil(ids.length / 8));
  });

  it('takes any grid from settings.yaml', async () => {
    const settings = 'badges:\n  layouts: [stock]\n  stock: { rows: 3, columns: 1, width: 100, height: 60, top: 30, left: 55, v_pitch: 80 }\n';
    const result = await buildWith({ 'settings.yaml': settings });
    expect(result.ok).toBe(true);
    const sheets = await extractPages(result.outputs.get('badges.pdf')!);
    expect(sheets).toHaveLength(Math.ceil(ids.length / 3));
    const forum = sheets[0].items.filter((it) => it.str.includes('神经网络')).map((it) => sheets[0].height - it.y).sort((a, b) => a - b);
    expect(forum.map((y) => Math.floor((y / MM - 30) / 80))).toEqual([0, 1, 2]);
  });

  it('reports a grid that does not fit, or overlaps, at its field in settings.yaml', async () => {
    const settings = 'badges:\n  layouts: [stock]\n  stock:\n    rows: 6\n    columns: 2\n    width: 90\n    height: 50\n    top: 10\n    left: 10\n    h_pitch: 80\n';
    const result = await buildWith({ 'settings.yaml': settings });
    expect(result.ok).toBe(false);
    const at = result.diagnostics.map((d) => [d.file, d.line, d.severity, d.message.split(':')[0]]);
    expect(at).toContainEqual(['content/settings.yaml', 4, 'error', 'rows']); // 10 + 6 × 50 mm > 297 mm
    expect(at).toContainEqual(['content/settings.yaml', 10, 'error', 'h_pitch']); // 80 mm < 90 mm wide
    const missing = await buildWith({ 'settings.yaml': 'badges:\n  layouts: [card, stock]\n' });
    expect(missing.diagnostics).toContainEqual(expect.objectContaining({ file: 'content/settings.yaml', line: 2, severity: 'error' }));
    expect(missing.diagnostics.map((d) => d.message).join()).toContain('stock:');
  });
});

describe('photos and extra columns', () => {
  const jpeg = execFileSync('convert', ['-size', '120x150', 'gradient:#88aacc-#223344', 'jpeg:-']);

  it('prints content/photos/<id>.jpg on that attendee\'s badge, and warns about a photo that is not an image', async () => {
    const result = await buildWith({ 'photos/A002.jpg': jpeg, 'photos/A003.png': Buffer.from('not a png') });
    expect(result.ok).toBe(true);
    const bytes = result.outputs.get('badges.pdf')!;
    const images = execFileSync('pdfimages', ['-list', tempFile(bytes)], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(images).toHaveLength(1);
    expect(images[0]).toMatch(/^\s*1\s+\d+\s+image\s+120\s+150\s/);
    // On the second badge: top right of the first sheet.
    const page = rgbPage(bytes, 1, 72);
    const b = cardAt(1, 0);
    expect(page.at(b.x + 30, b.y + 60)).toSatisfy((c: number[]) => !white(c));
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ rule: 'image-format', file: 'content/photos/A003.png', severity: 'warning' }));
  });

  it('gives badge templates every other column of attendees.csv as attendee.extra', async () => {
    const csv = `${csvText.trim().split('\n')[0]},dinner,桌号\n${csvText.trim().split('\n').slice(1).map((l, i) => `${l},${i % 2 ? '素食' : '常规'},T${i + 1}`).join('\n')}\n`;
    const card = readFileSync(join(ROOT, 'templates', 'badges', 'card.hbs'), 'utf8')
      .replace('</badge>', '<place x="12" y="104" width="150"><p size="8">晚宴 {{attendee.extra.dinner}} 桌 {{attendee.extra.[桌号]}}</p></place>\n</badge>');
    const result = await buildWith({ 'attendees.csv': csv }, { 'badges/card.hbs': card });
    expect(result.ok).toBe(true);
    const text = squash((await extractPages(result.outputs.get('badges.pdf')!))[0].text);
    expect(text).toContain('晚宴常规桌T1');
    expect(text).toContain('晚宴素食桌T2');
  });

  it('names a column the template prints but attendees.csv lacks, and a broken length, at the template\'s line', async () => {
    const original = readFileSync(join(ROOT, 'templates', 'badges', 'card.hbs'), 'utf8');
    const lines = original.split('\n');
    const at = lines.findIndex((l) => l.includes('<qr ')) + 1;
    const column = await buildWith({}, { 'badges/card.hbs': original.replace('</badge>', '<place x="12" y="104" width="150"><p>{{attendee.extra.dinner}}</p></place>\n</badge>') });
    expect(column.diagnostics).toContainEqual(expect.objectContaining({ file: 'templates/badges/card.hbs', line: lines.indexOf('</badge>') + 1, severity: 'error' }));
    expect(column.diagnostics.find((d) => d.severity === 'error')!.message).toContain('no column "dinner"');
    const length = await buildWith({}, { 'badges/card.hbs': original.replace('x="width - 62"', 'x="width - "') });
    expect(length.diagnostics).toContainEqual(expect.objectContaining({ file: 'templates/badges/card.hbs', line: at, severity: 'error' }));
    expect(length.outputs.size).toBe(0);
  });

  it('reads photos through the content folder only: an id that climbs out is never looked up', async () => {
    const csv = 'id,name,affiliation,role\n../secret,张三,,speaker\n';
    const content = memorySource({ ...Object.fromEntries(['forum.yaml', 'schedule.yaml', 'roles.yaml'].map((f) => [f, readFileSync(join(ROOT, 'content', f), 'utf8')])), 'attendees.csv': csv }, 'content');
    const asked: string[] = [];
    const spy = { ...content, readBytes: (p: string) => (asked.push(p), content.readBytes(p)), read: (p: string) => (asked.push(p), content.read(p)) };
    await build({ content: spy, templates: realSources().templates, outputs: ['badges.pdf'], checkOnly: true });
    expect(asked.filter((p) => p.includes('secret'))).toEqual([]);
  });
});
