import { beforeAll, describe, expect, it } from 'vitest';
import { sortByName } from '../src/layout/sort-names.js';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildRealForum, realSources } from './helpers/build.js';
import { extractPages, outline, pageLinks, squash, type PageText } from './helpers/pdf.js';
import { loadProgram } from '../src/check/program.js';
import { Diagnostics } from '../src/diagnostics.js';
import { blocksToText } from '../src/markdown/index.js';
import type { Program } from '../src/model/types.js';
import { NO_LINE_END, NO_LINE_START } from '../src/layout/text.js';

let pdf: Uint8Array;
let pages: PageText[];
let program: Program;
let sections: Map<string, number>;

beforeAll(async () => {
  const result = await buildRealForum();
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  pdf = result.outputs.get('program.pdf')!;
  pages = await extractPages(pdf);
  program = loadProgram(realSources().content, new Diagnostics()).program!;
  sections = new Map((await outline(pdf)).filter((m) => m.depth === 0).map((m) => [m.title, m.page]));
});

/** First page (1-based) of a section, from the bookmarks. */
function sectionPage(title: string): number {
  const page = sections.get(title);
  expect(page, title).toBeGreaterThan(0);
  return page!;
}

/** Index of the first page whose squashed text contains `needle`, from page `from`. */
function pageOf(needle: string, from = 0): number {
  const i = pages.findIndex((p, n) => n >= from && squash(p.text).includes(squash(needle)));
  return i < 0 ? -1 : i + 1;
}

describe('program.pdf from the forum content', () => {
  it('is an A5 booklet with a cover naming the forum, its dates and place', () => {
    expect(Math.round(pages[0].width)).toBe(420);
    expect(Math.round(pages[0].height)).toBe(595);
    const cover = squash(pages[0].text);
    for (const s of ['第二届神经网络新年交叉论坛', '2022年12月31日—2023年1月1日', '中山大学，广州', '中山大学物理学院、心理学系', '暨南大学物理学系']) {
      expect(cover).toContain(squash(s));
    }
  });

  it('has 18 talks and every title, speaker and affiliation appears in schedule order', () => {
    expect(program.talks).toHaveLength(18);
    const abstractsStart = sectionPage('报告摘要') - 1;
    let lastPage = abstractsStart;
    let lastAt = -1;
    const abstracts = squash(pages.slice(abstractsStart).map((p) => p.text).join(''));
    for (const talk of program.talks) {
      const page = pageOf(talk.title.primary, abstractsStart);
      expect(page, talk.title.primary).toBeGreaterThanOrEqual(lastPage);
      const at = abstracts.indexOf(squash(talk.title.primary), lastAt + 1);
      expect(at, talk.title.primary).toBeGreaterThan(lastAt);
      lastAt = at;
      const text = squash(pages[page - 1].text);
      for (const s of talk.speakers) {
        expect(text).toContain(squash(s.name));
        expect(text).toContain(squash(s.affiliation!));
      }
      if (talk.title.secondary) expect(text).toContain(squash(talk.title.secondary));
      lastPage = page;
    }
  });

  it('prints every abstract paragraph whole', () => {
    // Page footers (the page number) would split a paragraph that runs over a page.
    const all = squash(pages.map((p) => p.lines.filter((l) => l !== String(p.number)).join('')).join(''));
    let paragraphs = 0;
    for (const talk of program.talks) {
      for (const paragraph of blocksToText(talk.body).split('\n').filter(Boolean)) {
        expect(all, paragraph.slice(0, 40)).toContain(squash(paragraph));
        paragraphs++;
      }
    }
    expect(paragraphs).toBe(18); // 17 abstracts, one of them in two languages
  });

  it('says so when a talk has no abstract', () => {
    const page = pageOf('“大语言模型与智能涌现”专题研讨', sectionPage('报告摘要') - 1);
    expect(pages[page - 1].text).toContain('本报告无摘要');
  });

  it('lists every slot in the schedule at a glance, with the session chairs', () => {
    const schedule = squash(pages.slice(sectionPage('会议日程') - 1, sectionPage('报告摘要') - 1).map((p) => p.text).join(''));
    for (const chair of ['张文昊', '毕则栋', '杨冬平', '黎勃', '魏宪', '余肇飞', '陈国璋', '黄海平']) expect(schedule).toContain(`主持：${chair}`);
    for (const s of ['08:55–09:00', '开幕式', '12:10–14:00', '中午休息', '17:20–17:25', '下届主办方宣讲', '第一天', '第二天']) {
      expect(schedule).toContain(squash(s));
    }
    expect(schedule.match(/SessionDiscussion/g)).toHaveLength(7);
  });

  it('has a table of contents whose page numbers are the pages of its entries', () => {
    const toc = pages[pageOf('目录') - 1];
    const checked: string[] = [];
    for (const talk of program.talks.slice(0, 6)) {
      const line = toc.lines.find((l) => squash(l).startsWith(squash(talk.title.primary).slice(0, 12)));
      if (!line) continue;
      const wrapped = toc.lines.slice(toc.lines.indexOf(line), toc.lines.indexOf(line) + 4).find((l) => /\d+$/.test(l))!;
      const number = Number(/(\d+)$/.exec(wrapped)![1]);
      expect(squash(pages[number - 1].text), talk.title.primary).toContain(squash(talk.title.primary));
      checked.push(talk.id);
    }
    expect(checked.length).toBeGreaterThanOrEqual(5);
    const intro = toc.lines.find((l) => l.startsWith('论坛简介'))!;
    expect(pages[Number(/(\d+)$/.exec(intro)![1]) - 1].lines[0]).toBe('论坛简介');
  });

  it('sets the contents with dotted leaders to each page number, on the baseline of its entry\'s last line, the speakers after the title', () => {
    const toc = pages[pageOf('目录') - 1];
    const dots = toc.items.filter((i) => /^(\. ?){3,}$/.test(i.str));
    const numbers = toc.items.filter((i) => /^\d+$/.test(i.str) && i.x > toc.width / 2);
    expect(numbers.length).toBe(program.talks.length + 5);
    // The rows of the page (one baseline each), top to bottom.
    const ys = [...new Set(toc.items.filter((i) => i.str.trim()).map((i) => Math.round(i.y * 10) / 10))].sort((a, b) => b - a);
    const row = (y: number) => squash(toc.items.filter((i) => Math.abs(i.y - y) < 0.2).sort((a, b) => a.x - b.x).map((i) => i.str).join(''));
    for (const n of numbers) {
      // Leaders on the number's own baseline, from the entry's text to just before the number.
      const leader = dots.find((d) => Math.abs(d.y - n.y) < 0.2);
      expect(leader, `leaders before page number ${n.str} at y ${n.y}`).toBeDefined();
      expect(n.x - (leader!.x + leader!.width)).toBeGreaterThan(1);
      expect(n.x - (leader!.x + leader!.width)).toBeLessThan(9);
      expect(toc.items.some((i) => Math.abs(i.y - n.y) < 0.2 && /\S/.test(i.str) && i.x + i.width <= leader!.x && !dots.includes(i))).toBe(true);
      // Every number ends at the right margin.
      expect(n.x + n.width).toBeCloseTo(numbers[0].x + numbers[0].width, 1);
    }
    // The dots of every entry stand on one grid (4.5 pt from dot to dot): they line up in columns.
    const phase = (d: (typeof dots)[number]) => {
      const count = d.str.replace(/ /g, '').length;
      const dot = d.width - (count - 1) * 4.5;
      return (((d.x + dot / 2) % 4.5) + 4.5) % 4.5;
    };
    for (const d of dots) expect(Math.abs(phase(d) - phase(dots[0])), `dots at y ${d.y}`).toBeLessThan(0.05);
    let wrapped = 0;
    for (const talk of program.talks) {
      const first = ys.findIndex((y) => row(y).startsWith(squash(talk.title.primary).slice(0, 12)));
      expect(first, talk.title.primary).toBeGreaterThanOrEqual(0);
      const last = ys.findIndex((y, k) => k >= first && numbers.some((n) => Math.abs(n.y - y) < 0.2));
      const entry = ys.slice(first, last + 1).map(row).join('');
      // The entry holds the title, then its speakers, then leaders and the number, in that order, on its last line.
      const names = talk.speakers.map((p) => squash(p.name)).join('、');
      const literal = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      expect(entry, talk.title.primary).toMatch(new RegExp(`^${literal(squash(talk.title.primary))}${literal(names)}\\.+\\d+$`));
      expect(row(ys[last])).toContain(names);
      if (last > first) wrapped++;
    }
    expect(wrapped).toBeGreaterThanOrEqual(3);
  });

  it('links every table-of-contents line to the page it names', async () => {
    const tocPage = pageOf('目录');
    const links = await pageLinks(pdf, tocPage);
    const numbers = pages[tocPage - 1].items.filter((i) => /^\d+$/.test(i.str) && i.x > pages[tocPage - 1].width / 2);
    expect(numbers.length).toBe(program.talks.length + 5);
    for (const n of numbers) {
      const link = links.find((l) => n.x >= l.rect[0] - 1 && n.x <= l.rect[2] + 1 && n.y >= l.rect[1] - 2 && n.y <= l.rect[3] + 2);
      expect(link, `link over page number ${n.str}`).toBeDefined();
      expect(link!.targetPage).toBe(Number(n.str));
    }
  });

  it('has bookmarks that mirror the table of contents', async () => {
    const marks = await outline(pdf);
    const top = marks.filter((m) => m.depth === 0).map((m) => m.title);
    expect(top).toEqual(['论坛简介', '组织单位', '会议日程', '报告摘要', '报告人索引']);
    const talks = marks.filter((m) => m.depth === 1);
    expect(talks.map((m) => m.title)).toEqual(program.talks.map((t) => t.title.primary));
    for (const m of talks) expect(squash(pages[m.page - 1].text)).toContain(squash(m.title));
  });

  it('has a speaker index in surname-reading order whose page numbers point to the abstracts', () => {
    const from = sectionPage('报告人索引') - 1;
    const names = program.talks.flatMap((t) => t.speakers.map((s) => s.name));
    const sorted = sortByName([...new Set(names)], (name) => ({ name }));
    const index = pages.slice(from).flatMap((p) => p.lines).filter((l) => /\d+$/.test(l) && sorted.some((n) => l.startsWith(n)));
    expect(index.map((l) => sorted.find((n) => l.startsWith(n)))).toEqual(sorted);
    expect(sorted.slice(0, 3)).toEqual(['毕宏杰', '丁健豪', '董行思']);
    for (const line of index) {
      const name = sorted.find((n) => line.startsWith(n))!;
      const talk = program.talks.find((t) => t.speakers.some((s) => s.name === name))!;
      const page = Number(/(\d+)$/.exec(line)![1]);
      expect(squash(pages[page - 1].text), name).toContain(squash(talk.title.primary));
    }
  });

  it('numbers its pages in the footer, from page 2 on, all but the back cover', () => {
    for (const p of pages.slice(1, -1)) expect(p.lines[p.lines.length - 1]).toBe(String(p.number));
    expect(pages[0].lines.at(-1)).not.toBe('1');
    expect(pages.at(-1)!.lines.at(-1)).not.toBe(String(pages.length));
  });

  it('never starts a line with closing punctuation nor ends one with opening punctuation', () => {
    const bad: string[] = [];
    for (const p of pages) {
      for (const line of p.lines) {
        if (NO_LINE_START.slice(0, 14).includes(line[0])) bad.push(`p${p.number} starts: ${line}`);
        if (NO_LINE_END.slice(0, 10).includes(line.at(-1)!)) bad.push(`p${p.number} ends: ${line}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('justifies Latin text at its spaces only, never inside a hyphenated word', () => {
    const opened = pages.flatMap((p) => p.lines).filter((l) => /[a-z]- [a-z]/.test(l));
    expect(opened).toEqual([]);
    // On one line, or broken after its hyphen (which the text extraction joins back without it).
    expect(pages.some((p) => /pre-\s*training|pre-?\ntraining/.test(p.text) || p.text.includes('pretraining'))).toBe(true);
  });

  it('carries title, author, subject, keywords and language zh-CN', () => {
    const text = Buffer.from(pdf).toString('latin1');
    expect(text).toMatch(/\/Lang \(zh-CN\)/);
    for (const key of ['Title', 'Author', 'Subject', 'Keywords']) expect(text).toContain(`/${key} `);
  });

  it('embeds and subsets every font, each with a ToUnicode map', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fp-'));
    writeFileSync(join(dir, 'p.pdf'), pdf);
    const rows = execFileSync('pdffonts', [join(dir, 'p.pdf')]).toString().trim().split('\n').slice(2);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const row of rows) {
      expect(row).toMatch(/^[A-Z]{6}\+(Noto(Serif|Sans)SC|SourceSerif4|SourceSans3|SourceCodePro)-/);
      expect(row).toMatch(/yes yes yes/);
    }
  });
});
