import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../src/build.js';
import { diskSource, memorySource } from '../src/io.js';
import { loadProgram } from '../src/check/program.js';
import { Diagnostics, formatDiagnostic } from '../src/diagnostics.js';
import type { Program, Session } from '../src/model/types.js';
import { ROOT, buildRealForum, realTemplateFiles } from './helpers/build.js';
import { tempFile } from './helpers/tools.js';
import { extractPages } from './helpers/pdf.js';

/**
 * A conference with six parallel rooms (test/conferences/rooms-6, made by
 * `node bench/generate.mjs test/conferences/rooms-6 60 50 6 --rooms 6`): 60 talks, a hall
 * with a 17-talk session, seminar rooms, workshops. Everything is read from the PDFs.
 */
const CONTENT = join(ROOT, 'test', 'conferences', 'rooms-6');
const squash = (s: string) => s.replace(/\s+/g, '');
/** The text of every page, as pdftotext -layout lays it out. */
const layoutPages = (bytes: Uint8Array) => execFileSync('pdftotext', ['-layout', tempFile(bytes), '-'], { encoding: 'utf8', maxBuffer: 1 << 28 }).split('\f');

let result: BuildResult;
let program: Program;
let booklet: string[];
let signs: string[];

function contentFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const f of readdirSync(CONTENT, { recursive: true, withFileTypes: true })) {
    if (f.isFile()) files[join(f.parentPath, f.name).slice(CONTENT.length + 1)] = readFileSync(join(f.parentPath, f.name), 'utf8');
  }
  return files;
}

beforeAll(async () => {
  result = await build({ content: diskSource(CONTENT, 'content'), templates: diskSource(join(ROOT, 'templates'), 'templates'), outputs: ['program.pdf', 'signs.pdf'] });
  expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => formatDiagnostic(d))).toEqual([]);
  program = loadProgram(diskSource(CONTENT, 'content'), new Diagnostics()).program!;
  booklet = layoutPages(result.outputs.get('program.pdf')!);
  signs = layoutPages(result.outputs.get('signs.pdf')!);
}, 120_000);

const sessions = (): Session[] => program.days.flatMap((d) => d.items.flatMap((i) => (i.type === 'session' ? [i.session] : [])));
const firstWord = (title: string) => (/^[\x20-\x7e]/.test(title) ? title.split(' ')[0] : title.slice(0, 4));

describe('a day at a glance', () => {
  it('lists, on the 10:30 row of the grid, the talk of each room that starts then', () => {
    const day1 = program.days[0];
    const at1030 = day1.items.flatMap((i) => (i.type === 'session' ? i.session.slots : [])).filter((s) => s.start === '10:30' && s.talk);
    expect(at1030.length).toBeGreaterThanOrEqual(2);
    // The grid of day 1 spans two pages of rooms (4 to an A5 page); its 10:30 rows hold every talk starting then.
    const detail = booklet.findIndex((p) => p.includes('分会场日程'));
    const gridPages = booklet.slice(booklet.findIndex((p) => p.includes('各会场一览')), detail);
    const rows = gridPages.flatMap((p) => p.split('\n')).filter((line) => line.startsWith('10:30 '));
    expect(rows.length).toBeGreaterThanOrEqual(1);
    for (const slot of at1030) expect(rows.join('\n')).toContain(firstWord(slot.talk!.title.primary));
  });

  it('puts every room of a day in the grid, four to an A5 page, before the sessions in detail', () => {
    const headings = booklet.map((p, i) => [i, p] as const).filter(([, p]) => p.includes('各会场一览'));
    const header = headings.map(([, p]) => p.split('\n').find((l) => l.includes('报告厅 A') || l.includes('报告厅 E')) ?? '');
    expect(header[0]).toMatch(/报告厅 A\s+报告厅 B\s+报告厅 C\s+报告厅 D\s*$/);
    expect(header.some((h) => /报告厅 E\s+报告厅 F/.test(h))).toBe(true);
    const detail = booklet.findIndex((p) => p.includes('分会场日程'));
    expect(detail).toBeGreaterThan(headings[0][0]);
  });

  it('shows six rooms to an A4 page', async () => {
    const files = { ...contentFiles(), 'settings.yaml': 'booklet:\n  paper: A4\n' };
    const a4 = await build({ content: memorySource(files, 'content'), templates: diskSource(join(ROOT, 'templates'), 'templates'), outputs: ['program.pdf'] });
    const pages = layoutPages(a4.outputs.get('program.pdf')!);
    expect(pages.some((p) => /报告厅 A\s+报告厅 B\s+报告厅 C\s+报告厅 D\s+报告厅 E\s+报告厅 F/.test(p))).toBe(true);
  }, 60_000);

  it('leaves the single-track forum without a grid', async () => {
    const forum = layoutPages((await buildRealForum()).outputs.get('program.pdf')!);
    expect(forum.join('')).not.toContain('各会场一览');
  }, 60_000);
});

describe('nothing lost', () => {
  it('continues the 17-talk session over two booklet pages, its heading repeated', () => {
    const hall = sessions().find((s) => s.slots.length >= 17)!;
    const heading = squash(hall.title).slice(0, 12);
    const detail = booklet.findIndex((p) => p.includes('分会场日程'));
    const pages = booklet.slice(detail).filter((p) => squash(p).includes(heading));
    expect(pages.length).toBeGreaterThanOrEqual(2);
    const text = squash(pages.join(''));
    for (const slot of hall.slots) expect(text).toContain(squash(slot.talk!.title.primary).slice(0, 10));
  });

  it('never leaves a session heading at a page foot without its first two rows', () => {
    const detail = booklet.findIndex((p) => p.includes('分会场日程'));
    const pages = booklet.slice(detail).map(squash);
    let checked = 0;
    for (const s of sessions()) {
      // The heading: title start–end; the page it is first on must show the first two slots' times after it.
      const heading = squash(s.title) + `${s.start}–${s.end}`;
      const page = pages.find((p) => p.includes(heading));
      expect(page, heading).toBeDefined();
      const after = page!.slice(page!.indexOf(heading) + heading.length);
      for (const slot of s.slots.slice(0, 2)) expect(after, heading).toContain(`${slot.start}–${slot.end}`);
      checked++;
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('shows every talk of a room on its room sign, for each day', () => {
    let checked = 0;
    for (const [d, day] of program.days.entries()) {
      // (the setter puts a quarter em between digits and Chinese: pdftotext reads it as a space)
      const label = `${Number(day.date.slice(5, 7))}\\s?月\\s?${Number(day.date.slice(8))}\\s?日`;
      const byRoom = new Map<string, Session[]>();
      for (const s of sessions().filter((s) => s.date === day.date)) byRoom.set(s.room!, [...(byRoom.get(s.room!) ?? []), s]);
      for (const [room, list] of byRoom) {
        if (list.length < 2) continue;
        // A room sign's heading: the room's name large, then the day (in a box of its own, set as large
        // as it fits, so pdftotext may read it on the line below).
        const pages = signs.filter((p) => p.split('\n').some((l) => new RegExp(`^${room}(\\s{3,}${label}|$)`).test(l.trim())) && new RegExp(label).test(p));
        expect(pages.length, `room sign of ${room} on day ${d + 1}`).toBeGreaterThanOrEqual(1);
        const text = squash(pages.join(''));
        for (const s of list) for (const slot of s.slots) if (slot.talk) expect(text).toContain(squash(slot.talk.title.primary).slice(0, 12));
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(3);
  });

  it('is an error at the talk\'s line in schedule.yaml when a template drops a talk', async () => {
    const templates = realTemplateFiles();
    templates['partials/schedule-slot.hbs'] = templates['partials/schedule-slot.hbs'].replace('<link to="{{anchor}}">{{title}}</link>',
      '<link to="{{anchor}}">{{#unless (eq anchor "talk-t0007")}}{{title}}{{/unless}}</link>');
    const broken = await build({ content: diskSource(CONTENT, 'content'), templates: memorySource(templates, 'templates'), outputs: ['program.pdf'] });
    const line = readFileSync(join(CONTENT, 'schedule.yaml'), 'utf8').split('\n').findIndex((l) => l.includes('talk: t0007')) + 1;
    const errors = broken.diagnostics.filter((d) => d.severity === 'error').map((d) => formatDiagnostic(d).split('\n')[0]);
    expect(errors).toEqual([expect.stringMatching(new RegExp(`^content/schedule\\.yaml:${line}:\\d+: error\\[lost-content\\]: talk "t0007" \\(.+\\) is missing from the schedule of day 1 \\(it belongs both in the day.s grid and in its session\\) in program\\.pdf$`))]);
    expect(broken.ok).toBe(false);
    expect(broken.outputs.size).toBe(0);
  }, 60_000);
});

describe.runIf(process.env.FORUMPRESS_THOROUGH)('a 1,000-talk conference in 40 rooms', () => {
  it('builds with every talk in the booklet and on the signs', async () => {
    const { generateConference } = await import('../bench/generate.mjs' as string);
    const dir = mkdtempSync(join(tmpdir(), 'fp-rooms-40-'));
    generateConference(dir, { talks: 1000, attendees: 0, seed: 1000, rooms: 40 });
    for (const f of ['attendees.csv', 'roles.yaml']) rmSync(join(dir, f));
    const big = await build({ content: diskSource(dir, 'content'), templates: diskSource(join(ROOT, 'templates'), 'templates'), outputs: ['program.pdf', 'signs.pdf'] });
    expect(big.diagnostics.filter((d) => d.severity === 'error').map((d) => formatDiagnostic(d))).toEqual([]);
    // Text items in the order they were drawn, so that a cell's lines stay together (pdftotext
    // -layout interleaves the lines of side-by-side cells).
    const drawn = async (bytes: Uint8Array) => squash((await extractPages(bytes)).map((p) => p.items.map((i) => i.str).join('')).join(''));
    const text = await drawn(big.outputs.get('program.pdf')!);
    const signText = await drawn(big.outputs.get('signs.pdf')!);
    const talks = loadProgram(diskSource(dir, 'content'), new Diagnostics()).program!.talks;
    expect(talks).toHaveLength(1000);
    for (const t of talks) {
      expect(text).toContain(squash(t.title.primary).slice(0, 20));
      expect(signText).toContain(squash(t.title.primary).slice(0, 20));
    }
  }, 600_000);
});
