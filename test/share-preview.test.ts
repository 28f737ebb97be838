import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from './helpers/build.js';
import { runCli } from './helpers/cli.js';
import { compiledSrc } from './helpers/compiled.js';

/* `forumpress preview`, run as an organizer runs it, in a copy of the project; every picture is
   checked from the PNG itself and from the PDF it was drawn from (poppler, ImageMagick). */

let dir: string;
/** The compiled CLI's main(), loaded into this process (a fresh one: vitest.config.ts): preview draws on a worker thread, whose script only dist/ has. */
let main: (args: string[]) => Promise<number>;
/** `forumpress <args>` from the project folder, in this process (each spawned CLI loaded forumpress and its fonts anew). */
const run = (...args: string[]) => runCli(dir, main, ...args);
/** Width and height from a PNG's IHDR chunk. */
const pngSize = (file: string) => {
  const b = readFileSync(file);
  expect(b.subarray(1, 4).toString()).toBe('PNG');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
};
const magick = (...args: string[]) => spawnSync('compare', args, { encoding: 'utf8' }).stderr;
const squash = (s: string) => s.replace(/\s+/g, '');

beforeAll(async () => {
  main = (await import(join(compiledSrc(), 'cli.js'))).main;
  dir = mkdtempSync(join(tmpdir(), 'forumpress-preview-'));
  cpSync(join(ROOT, 'content'), join(dir, 'content'), { recursive: true });
  cpSync(join(ROOT, 'templates'), join(dir, 'templates'), { recursive: true });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('forumpress preview', () => {
  it('draws each day\'s phone schedule 1080 px wide: the pages of schedule-phone.pdf, with that day\'s talks', async () => {
    const r = await run('preview');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^forumpress: wrote out\/schedule-day1\.png \(1080×\d+\), out\/schedule-day2\.png \(1080×\d+\)\n$/);
    // Only the pictures are written, no PDF.
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['schedule-day1.png', 'schedule-day2.png']);
    expect((await run('build', '--output', 'schedule-phone.pdf')).code).toBe(0);
    const pdf = join(dir, 'out', 'schedule-phone.pdf');
    const days = parse(readFileSync(join(dir, 'content', 'schedule.yaml'), 'utf8')).days as Array<{ program: Array<Record<string, any>> }>;
    const sizes = [...execFileSync('pdfinfo', ['-f', '1', '-l', '9', pdf], { encoding: 'utf8' }).matchAll(/Page +\d+ size: +([\d.]+) x ([\d.]+) pts/g)];
    expect(sizes).toHaveLength(days.length);
    days.forEach((day, i) => {
      const png = join(dir, 'out', `schedule-day${i + 1}.png`);
      const [w, h] = [Number(sizes[i][1]), Number(sizes[i][2])];
      expect(w).toBe(390);
      expect(h).toBeGreaterThan(800);
      // The page's size at 1080/390 pixels a point (MuPDF rounds the edge outwards).
      const size = pngSize(png);
      expect(size.width).toBe(1080);
      expect(Math.abs(size.height - (h * 1080) / 390)).toBeLessThanOrEqual(1);
      // Not blank: ink on white has a large spread of grey values.
      expect(Number(execFileSync('identify', ['-format', '%[fx:standard_deviation]', png], { encoding: 'utf8' }))).toBeGreaterThan(0.1);
      // The page's text holds every talk of the day: title and speakers.
      const text = squash(execFileSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), pdf, '-'], { encoding: 'utf8' }));
      const talks = day.program.flatMap((e) => e.slots ?? [e]).filter((s) => s.talk).map((s) => s.talk as string);
      expect(talks.length).toBeGreaterThan(5);
      for (const id of talks) {
        const front = parse(readFileSync(join(dir, 'content', 'abstracts', `${id}.md`), 'utf8').split(/^---$/m)[1]);
        const title = typeof front.title === 'string' ? front.title : front.title.zh ?? front.title.en;
        expect(text, id).toContain(squash(title));
        for (const s of front.speakers) expect(text, id).toContain(squash(s.name));
      }
      // The picture is that page: poppler draws the same page alike (MuPDF and poppler differ only in anti-aliasing).
      const other = join(dir, `poppler-${i + 1}`);
      execFileSync('pdftoppm', ['-r', String((1080 * 72) / 390), '-f', String(i + 1), '-l', String(i + 1), '-png', '-singlefile', pdf, other]);
      const same = Number(/\(([\d.]+)\)/.exec(magick('-metric', 'RMSE', `${other}.png`, png, 'null:'))![1]);
      expect(same).toBeLessThan(0.12);
    });
    // ...and the day-1 picture is not the day-2 page.
    execFileSync('convert', [join(dir, 'poppler-2.png'), '-resize', `${pngSize(join(dir, 'out', 'schedule-day1.png')).width}x${pngSize(join(dir, 'out', 'schedule-day1.png')).height}!`, join(dir, 'poppler-2x.png')]);
    expect(Number(/\(([\d.]+)\)/.exec(magick('-metric', 'RMSE', join(dir, 'poppler-2x.png'), join(dir, 'out', 'schedule-day1.png'), 'null:'))![1])).toBeGreaterThan(0.15);
  });

  it('draws chosen pages of any PDF at a chosen resolution into out/preview/, the same bytes every time', async () => {
    const r = await run('preview', '--output', 'program.pdf', '--pages', '1-2,4', '--dpi', '40');
    expect(r.code).toBe(0);
    // An A5 page (419.5 × 595.3 pt) at 40 dpi: 233.1 × 330.7 pixels, edges rounded outwards.
    expect(r.stdout).toBe('forumpress: wrote out/preview/program-1.png (234×331), out/preview/program-2.png (234×331), out/preview/program-4.png (234×331)\n');
    for (const n of [1, 2, 4]) expect(pngSize(join(dir, 'out', 'preview', `program-${n}.png`))).toEqual({ width: 234, height: 331 });
    const first = readFileSync(join(dir, 'out', 'preview', 'program-1.png'));
    expect(existsSync(join(dir, 'out', 'program.pdf'))).toBe(false);
    expect((await run('preview', '--output', 'signs.pdf', '--pages', '1', '--dpi', '30')).stdout).toMatch(/signs-1\.png \(351×249\)/);
    expect((await run('preview', '--output', 'program.pdf', '--pages', '1', '--dpi', '40')).code).toBe(0);
    expect(readFileSync(join(dir, 'out', 'preview', 'program-1.png')).equals(first)).toBe(true);
  });

  it('says plainly what is wrong with a page list, a resolution, a page past the end or a file that is no PDF', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--pages', '3-1'], /--pages takes page numbers such as 1-3 or 1,4,6-8, not "3-1"/],
      [['--dpi', 'high'], /--dpi takes a resolution from 10 to 600, not "high"/],
      [['--pages', '9'], /schedule-phone\.pdf: page 9 does not exist: the document has 2 page\(s\)/],
      [['--output', 'program.html'], /preview draws the pages of a PDF; "program.html" is not one/],
      [['--output', 'nope.pdf'], /no output named nope\.pdf/],
    ];
    for (const [args, message] of cases) {
      const r = await run('preview', ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
