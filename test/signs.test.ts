import { beforeAll, describe, expect, it } from 'vitest';
import { buildRealForum, realSources } from './helpers/build.js';
import { extractPages, squash, type PageText } from './helpers/pdf.js';
import { loadProgram } from '../src/check/program.js';
import { Diagnostics } from '../src/diagnostics.js';
import { build } from '../src/build.js';
import { overlay } from './helpers/overlay.js';
import { DEFAULT_LOCALE } from '../src/layout/default-locale.js';
import type { Program, Session } from '../src/model/types.js';
import { SAFETY, displayLines, measurer } from '../src/layout/measure.js';
import { builtinFonts } from '../src/fonts/fonts.js';

let pages: PageText[];
let program: Program;
let sessions: Session[];

beforeAll(async () => {
  const result = await buildRealForum();
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  pages = await extractPages(result.outputs.get('signs.pdf')!);
  program = loadProgram(realSources().content, new Diagnostics()).program!;
  sessions = program.days.flatMap((d) => d.items.flatMap((i) => (i.type === 'session' ? [i.session] : [])));
});

describe('signs.pdf', () => {
  it('has one A4 landscape sign per session, then one program sign per day', () => {
    expect(sessions).toHaveLength(8);
    expect(pages).toHaveLength(sessions.length + program.days.length);
    for (const p of pages) expect([Math.round(p.width), Math.round(p.height)]).toEqual([842, 595]);
    expect(squash(pages[8].text)).toContain('今日日程');
    expect(squash(pages[9].text)).toContain('2023年1月1日');
  });

  it('shows on each session sign its title, time, room, chair and every talk with speaker and title', () => {
    sessions.forEach((s, i) => {
      // Items in the order they were laid out: a cell's lines stay together, unlike in p.text.
      const text = squash(pages[i].items.map((it) => it.str).join(''));
      expect(text).toContain(squash(s.title));
      expect(text).toContain(`${s.start}–${s.end}`);
      expect(text).toContain('线上'); // the forum is online and its sessions have no room
      for (const chair of s.chairs) expect(text).toContain(`主持${chair.name}`);
      for (const slot of s.slots) {
        expect(text).toContain(slot.start);
        if (!slot.talk) continue;
        expect(text).toContain(squash(slot.talk.title.primary));
        for (const sp of slot.talk.speakers) expect(text).toContain(sp.name);
      }
    });
  });

  it('sets session titles, chairs and speaker names at 36 pt or more', () => {
    sessions.forEach((s, i) => {
      const big = (needle: string) => pages[i].items.filter((it) => squash(it.str).includes(needle)).map((it) => it.height);
      const exact = pages[i].items.filter((it) => squash(it.str) === squash(s.title)).map((it) => it.height);
      expect(Math.max(...exact)).toBeGreaterThanOrEqual(36);
      for (const chair of s.chairs) expect(Math.max(...big(chair.name))).toBeGreaterThanOrEqual(36);
      for (const sp of s.slots.flatMap((sl) => sl.talk?.speakers ?? [])) expect(Math.max(...big(sp.name))).toBeGreaterThanOrEqual(36);
    });
  });

  it('sets every talk title of a session sign at one size, the largest that lets the sign fill its page', () => {
    sessions.forEach((s, i) => {
      const talks = s.slots.flatMap((sl) => (sl.talk ? [squash(sl.talk.title.primary)] : []));
      // Title lines sit in the third column (x > 360); a line's item is part of its title (the kind above it, 专题研讨, is not).
      const kinds = new Set(Object.values(DEFAULT_LOCALE.kinds).map((k) => k[0]));
      const sizes = pages[i].items.filter((it) => it.x > 360 && squash(it.str).length > 1 && !kinds.has(squash(it.str)) && talks.some((t) => t.includes(squash(it.str))))
        .map((it) => Math.round(it.height * 4) / 4);
      expect(sizes.length, s.title).toBeGreaterThanOrEqual(talks.length);
      expect(new Set(sizes).size, `${s.title}: ${sizes}`).toBe(1);
      expect(sizes[0]).toBeGreaterThanOrEqual(18);
      // The sign fills its sheet: the lowest text is in the bottom 15 % of the page (A4 landscape
      // minus a 24 pt margin), unless the titles are already at their largest (a one-talk session);
      // titles set a little smaller to spare one a short first line (Session 1) leave a little more.
      const lowest = Math.min(...pages[i].items.map((it) => it.y));
      if (sizes[0] < 44) expect(lowest / pages[i].height, s.title).toBeLessThan(i === 0 ? 0.15 : 0.12);
    });
  });

  it('breaks titles between words, never inside one (专题研讨, 在线, 主动)', () => {
    const lines = pages.flatMap((p) => {
      const rows = new Map<number, string>();
      for (const it of p.items.filter((x) => x.x > 360)) rows.set(Math.round(it.y), (rows.get(Math.round(it.y)) ?? '') + it.str);
      return [...rows.entries()].sort((a, b) => b[0] - a[0]).map(([, t]) => squash(t));
    }).join('|');
    expect(lines).toContain('侧向预测');
    for (const broken of ['专题|研讨', '专|题', '在|线', '主|动', '初|探', '研|讨']) expect(lines).not.toContain(broken);
  });

  it('prints each talk title in the lines layout measured for it: the setter\'s display lines at the size printed', () => {
    const measure = measurer({ font: 'serif', bold: true }, builtinFonts());
    let checked = 0;
    sessions.forEach((s, i) => {
      for (const title of talkTitles(s)) {
        const lines = titleLines(pages[i], title.text);
        const size = Math.round(lines[0].size * 4) / 4;
        // The title column's width in the template: 411 points, 423 on a dense sign (its cells start at x 370).
        const width = Math.round(lines[0].x) === 370 ? 423 : 411;
        expect(lines.map((l) => l.text), title.text).toEqual(displayLines(title.text, width * SAFETY, size, measure));
        checked++;
      }
    });
    expect(checked).toBe(18);
  });

  it('sets a title\'s first line not shorter than its next where the breaks allow it', () => {
    const measure = measurer({ font: 'serif', bold: true }, builtinFonts());
    const linesOf = (page: number, talk: number) => titleLines(pages[page], talkTitles(sessions[page])[talk].text);
    const [human, image] = [linesOf(1, 0), linesOf(5, 2)];
    expect(human.map((l) => l.text)).toEqual(['Human-like capacity limits in working', 'memory models result from', 'naturalistic sensory constraints']);
    expect(image.map((l) => l.text)).toEqual(['Image encryption based on', 'hyperchaos combined with', 'different methods']);
    expect(human[0].width).toBeGreaterThan(human[1].width);
    // In a title of three lines, the second is not shorter than the third either, where it can be.
    expect(image[0].width).toBeGreaterThanOrEqual(image[1].width * 0.98);
    expect(image[1].width).toBeGreaterThan(image[2].width);
    // Representational | Learning and Grid Cells (a first line 3/4 of the next) is spared by setting the
    // sign's titles a little smaller, where its longer first line fits the box; 侧向预测编码和感知器 | 在线主动学习初探 too.
    const grid = linesOf(0, 0);
    expect(grid.map((l) => l.text)).toEqual(['Representational Learning', 'and Grid Cells']);
    expect(measure('Representational Learning') * grid[0].size).toBeLessThanOrEqual(411 * SAFETY);
    expect(linesOf(0, 1).map((l) => l.text)).toEqual(['侧向预测编码和感知器', '在线主动学习初探']);
  });

  it('keeps every piece of text on its page', () => {
    for (const p of pages) {
      for (const it of p.items) {
        expect(it.x).toBeGreaterThanOrEqual(0);
        expect(it.x + it.width).toBeLessThanOrEqual(p.width + 0.5);
        expect(it.y).toBeGreaterThanOrEqual(0);
        expect(it.y + it.height).toBeLessThanOrEqual(p.height);
      }
    }
  });
});

describe('a sign that cannot hold its session (and a Chinese title that breaks longer line first)', () => {
  it('warns that signs.pdf has more pages than sessions and days', async () => {
    const { content, templates } = realSources();
    const abstract = `---\ntitle: ${'An extraordinarily long title about working memory '.repeat(12).trim()}\nspeakers:\n  - name: 谢禹\n    affiliation: MIT\n---\n`;
    // Most balanced: 脉冲神经网络的 | 端到端反向传播学习 (7 and 9 characters); 10 and 6 is nearly as balanced.
    const ding = `---\ntitle: 脉冲神经网络的端到端反向传播学习\nspeakers:\n  - name: 丁健豪\n    affiliation: 北京大学\n---\n`;
    const result = await build({ content: overlay(content, { 'abstracts/xie-yu.md': abstract, 'abstracts/ding-jianhao.md': ding }), templates });
    expect(result.ok).toBe(true);
    const warning = result.diagnostics.find((d) => d.rule === 'page-overflow');
    expect(warning).toMatchObject({ severity: 'warning', file: 'templates/signs/signs.hbs' });
    expect(warning!.message).toContain('instead of 10');
    const signs = await extractPages(result.outputs.get('signs.pdf')!);
    const page = signs.find((p) => squash(p.text).includes('Session4'))!;
    const lines = titleLines(page, '脉冲神经网络的端到端反向传播学习');
    expect(lines.map((l) => l.text)).toEqual(['脉冲神经网络的端到端', '反向传播学习']);
    expect(lines[0].width).toBeGreaterThan(lines[1].width);
  });
});

/** A session's talk titles, in order. */
function talkTitles(s: Session): Array<{ text: string }> {
  return s.slots.flatMap((sl) => (sl.talk ? [{ text: sl.talk.title.primary }] : []));
}

/** The printed lines of a title in a sign's title column (x > 360), top to bottom, with their size, left edge and width. */
function titleLines(page: PageText, title: string): Array<{ text: string; size: number; x: number; width: number }> {
  const rows = new Map<number, Array<PageText['items'][number]>>();
  for (const it of page.items.filter((x) => x.x > 360 && x.str.trim())) rows.set(Math.round(it.y), [...(rows.get(Math.round(it.y)) ?? []), it]);
  const lines = [...rows.entries()].sort((a, b) => b[0] - a[0]).map(([, row]) => {
    row.sort((a, b) => a.x - b.x);
    const last = row[row.length - 1];
    return { text: row.map((r) => r.str).join('').trim(), size: row[0].height, x: row[0].x, width: last.x + last.width - row[0].x };
  });
  const want = squash(title);
  for (let start = 0; start < lines.length; start++) {
    let got = '';
    for (let end = start; end < lines.length && want.startsWith(got + squash(lines[end].text)); end++) {
      got += squash(lines[end].text);
      if (got === want) return lines.slice(start, end + 1);
    }
  }
  throw new Error(`title not found on page ${page.number}: ${title}`);
}
