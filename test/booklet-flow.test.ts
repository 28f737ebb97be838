import { beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../src/build.js';
import { memorySource } from '../src/io.js';
import { loadProgram } from '../src/check/program.js';
import { Diagnostics } from '../src/diagnostics.js';
import { blocksToText } from '../src/markdown/index.js';
import type { Program } from '../src/model/types.js';
import { buildRealForum, realContentFiles, realSources, realTemplateFiles } from './helpers/build.js';
import { extractPages, outline, squash, type PageText } from './helpers/pdf.js';
import { fixtureLogo } from './helpers/logo.js';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let result: BuildResult;
let pages: PageText[];
let program: Program;
let abstractsStart: number;

beforeAll(async () => {
  result = await buildRealForum();
  pages = await extractPages(result.outputs.get('program.pdf')!);
  program = loadProgram(realSources().content, new Diagnostics()).program!;
  abstractsStart = (await outline(result.outputs.get('program.pdf')!)).find((m) => m.title === '报告摘要')!.page;
});

/** The page (1-based) where a talk's title is printed in the abstracts. */
function titlePage(title: string): number {
  return pages.findIndex((p, i) => i + 1 >= abstractsStart && squash(p.text).includes(squash(title))) + 1;
}

/** How far down its text area a page is filled (0 to 1), to the foot of its lowest line above the footer. */
function fill(page: PageText): number {
  const [top, bottom] = [48, 54];
  const body = page.items.filter((i) => i.str.trim() && i.y > bottom - 1);
  // A line's foot lies below its baseline by the font's descent, about a fifth of its height.
  const lowest = Math.min(...body.map((i) => i.y - i.height * 0.2));
  return (page.height - top - lowest) / (page.height - top - bottom);
}

/** First and last page of each day in the schedule: from its heading to the page before the next part. */
function dayPages(): Array<[number, number]> {
  const starts = pages.filter((p) => p.number < abstractsStart && p.lines.some((l) => /^第.天/.test(l.trim()))).map((p) => p.number);
  return starts.map((first, i) => [first, (starts[i + 1] ?? abstractsStart) - 1]);
}

describe('the booklet\'s abstracts flow', () => {
  it('builds the shipped content without a warning', () => {
    expect(result.diagnostics).toEqual([]);
  });

  it('takes about 20 pages, none under a quarter full but the covers and the end of a day in the schedule', () => {
    expect(pages.length).toBeGreaterThanOrEqual(18);
    expect(pages.length).toBeLessThanOrEqual(22);
    const dayEnds = new Set(dayPages().map(([, last]) => last));
    const sparse = pages.slice(1, -1).filter((p) => fill(p) < 0.25 && !dayEnds.has(p.number)).map((p) => `p${p.number}: ${fill(p).toFixed(2)}`);
    expect(sparse).toEqual([]);
  });

  it('starts each day of the schedule on a new page, and a day of two pages on a spread (an even page)', () => {
    const days = dayPages();
    expect(days).toHaveLength(program.days.length);
    for (const [first, last] of days) {
      expect(pages[first - 1].lines.some((l) => /^第.天/.test(l.trim())), `p${first}`).toBe(true);
      if (last > first) {
        expect(last - first, `p${first}-p${last}`).toBe(1);
        expect(first % 2, `p${first}`).toBe(0);
      }
    }
  });

  it('keeps every talk\'s heading on the page where its text starts, and a talk without abstract on a shared page', () => {
    for (const talk of program.talks) {
      const page = titlePage(talk.title.primary);
      expect(page, talk.title.primary).toBeGreaterThan(0);
      const start = talk.body.length ? blocksToText(talk.body).slice(0, 40) : '本报告无摘要';
      expect(squash(pages[page - 1].text), talk.title.primary).toContain(squash(start));
    }
    // A talk without abstract takes a line under its heading, not a page.
    const noAbstract = program.talks.find((t) => !t.body.length)!;
    const page = pages[titlePage(noAbstract.title.primary) - 1];
    const title = page.items.find((i) => squash(i.str).startsWith(squash(noAbstract.title.primary).slice(0, 6)))!;
    const note = page.items.find((i) => i.str.includes('本报告无摘要'))!;
    expect(title.y - note.y).toBeLessThan(page.height / 6);
    expect(fill(page)).toBeGreaterThan(0.25);
  });

  it('gives each talk its abstract\'s page in the schedule', () => {
    // The schedule's pages, after the contents (which lists the same titles).
    const contents = pages.find((p) => p.lines[0] === '目录')!.number;
    const schedule = pages.filter((p) => p.number < abstractsStart && p.number > contents);
    for (const talk of program.talks) {
      const head = squash(talk.title.primary).slice(0, 8);
      const page = schedule.find((p) => p.items.some((i) => squash(i.str).startsWith(head)))!;
      expect(page, talk.title.primary).toBeDefined();
      const title = page.items.find((i) => squash(i.str).startsWith(head))!;
      const number = page.items.find((i) => /^\d+$/.test(i.str.trim()) && Math.abs(i.y - title.y) < 2 && i.x > title.x);
      expect(number?.str.trim(), talk.title.primary).toBe(String(titlePage(talk.title.primary)));
    }
  });

  it('ends with a back cover naming the hosts, with no page number, and prints no "scan" wording without a code', () => {
    const back = squash(pages.at(-1)!.text);
    for (const s of ['主办单位', '中山大学物理学院、心理学系', '协办单位', '暨南大学物理学系', '国家自然科学基金']) expect(back).toContain(squash(s));
    expect(pages.at(-1)!.lines.at(-1)).not.toBe(String(pages.length));
    // The forum gives no livestream URL, so there is no QR code and no 可扫码观看.
    expect(pages.map((p) => squash(p.text)).join('')).not.toContain('可扫码观看');
  });
});

describe('no "scan" wording without a code', () => {
  it('prints the livestream\'s note (可扫码观看) in no output, since the forum gives no URL to make a code of', async () => {
    for (const [name, bytes] of result.outputs) {
      const text = name.endsWith('.pdf') ? (await extractPages(bytes)).map((p) => p.text).join('') : Buffer.from(bytes).toString('utf8');
      expect(text, name).not.toContain('扫码');
    }
  });
});

describe('booklet: { talks: page }, with a logo and an English name', () => {
  let paged: BuildResult;
  let text: PageText[];
  beforeAll(async () => {
    // The same build tries the cover's logo (a made-up one: the forum's real program names none) and English name.
    const files = realContentFiles();
    const content = {
      ...files, 'settings.yaml': 'booklet:\n  talks: page\n', 'logo.png': fixtureLogo(),
      'forum.yaml': `${files['forum.yaml']}logo: logo.png\nname_en: The 2nd New Year Forum on Neural Networks\n`,
    };
    paged = await build({ content: memorySource(content), templates: memorySource(realTemplateFiles(), 'templates'), outputs: ['program.pdf'] });
    text = await extractPages(paged.outputs.get('program.pdf')!);
  });

  it('prints the organizers\' logo on the cover and the back cover, and the English name under the forum\'s', () => {
    // One talk a page makes abstract-too-long warnings (that mode's own); nothing about the logo.
    expect(paged.diagnostics.filter((d) => d.rule !== 'abstract-too-long')).toEqual([]);
    const dir = mkdtempSync(join(tmpdir(), 'forumpress-logo-'));
    writeFileSync(join(dir, 'p.pdf'), paged.outputs.get('program.pdf')!);
    // page num type width height ...: the logo's 360 × 120 pixels, once on page 1 and once on the last page.
    const images = execFileSync('pdfimages', ['-list', join(dir, 'p.pdf')]).toString().trim().split('\n').slice(2).map((l) => l.trim().split(/\s+/));
    expect(images.map((r) => [Number(r[0]), r[3], r[4]])).toEqual([[1, '360', '120'], [text.length, '360', '120']]);
    // One image object, drawn twice (pdfmake gave each data URL a label, and so an object, of its own).
    expect(images[0][10]).toBe(images[1][10]);
    const objects = execFileSync('qpdf', ['--qdf', '--object-streams=disable', join(dir, 'p.pdf'), '-'], { maxBuffer: 1 << 28 }).toString('latin1');
    expect(objects.match(/\/Subtype \/Image/g)).toHaveLength(1);
    const cover = text[0].lines;
    expect(cover.indexOf('The 2nd New Year Forum on Neural Networks')).toBe(cover.indexOf('第二届神经网络新年交叉论坛') + 1);
  });

  it('starts every talk on a page of its own, as a template choice', async () => {
    const start = (await outline(paged.outputs.get('program.pdf')!)).find((m) => m.title === '报告摘要')!.page - 1;
    const firstPages = program.talks.map((t) => text.findIndex((p, i) => i >= start && squash(p.text).includes(squash(t.title.primary))));
    expect(new Set(firstPages).size).toBe(program.talks.length);
    expect(text.length).toBeGreaterThan(pages.length);
  });
});

describe('booklet: a long session near a page foot', () => {
  it('moves the session heading to the next page rather than leave it there with one row', async () => {
    // A third day: 23 five-minute pauses, then a 14-row session whose heading would stand at the
    // foot of the day's first page with only its first row (found by trying 0 to 30 pauses with
    // keep-with-header="1": 23 is the count that does it).
    const files = realContentFiles();
    const hm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    let t = 8 * 60;
    let day = '  - date: 2023-01-02\n    program:\n';
    for (let i = 0; i < 23; i++, t += 5) day += `      - { time: ${hm(t)}-${hm(t + 5)}, kind: break, title: Pause ${i + 1} }\n`;
    day += '      - session: L1\n        title: Long session\n        slots:\n';
    for (let i = 0; i < 14; i++, t += 5) day += `          - { time: ${hm(t)}-${hm(t + 5)}, kind: discussion, title: Item ${i + 1} }\n`;
    const content = { ...files, 'schedule.yaml': files['schedule.yaml'] + day, 'forum.yaml': files['forum.yaml'].replace('end: 2023-01-01', 'end: 2023-01-02') };
    const result = await build({ content: memorySource(content), templates: realSources().templates, outputs: ['program.pdf'] });
    expect(result.ok).toBe(true);
    const pages = (await extractPages(result.outputs.get('program.pdf')!)).map((p) => squash(p.text));
    const at = pages.findIndex((p) => p.includes('Longsession'));
    const after = pages[at].slice(pages[at].indexOf('Longsession'));
    expect(after).toContain('Item1');
    expect(after).toContain('Item2');
    // The page before ends with the pauses: the last one is on it, the heading is not.
    expect(pages[at - 1]).toContain('Pause23');
  }, 60_000);
});
