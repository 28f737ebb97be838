import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, appendFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../src/build.js';
import { memorySource } from '../src/io.js';
import { DECODE_BUDGET, EMBED_BUDGET, hasTransparency, prepareImage } from '../src/markdown/image-prepare.js';
import { sniffImage } from '../src/markdown/images.js';
import { ROOT, realSources } from './helpers/build.js';
import { preflight, preflightMissing, realContentFiles, tempFile } from './helpers/tools.js';

const missing = preflightMissing();
const THOROUGH = !!process.env.FORUMPRESS_THOROUGH;

/** A PNG drawn by ImageMagick from `args`; a last argument ending in `:` (PNG32:) is the output's format. */
function magick(dir: string, name: string, args: string[]): Buffer {
  const path = join(dir, name);
  const format = args.at(-1)!.endsWith(':') ? args.at(-1)! : '';
  execFileSync('convert', [...(format ? args.slice(0, -1) : args), format + path]);
  return readFileSync(path);
}

/** The images pdfimages lists: type (image, smask...), size, colour, bits per component. */
function imagesOf(pdf: Uint8Array): { type: string; width: number; height: number; color: string; bpc: number }[] {
  const rows = execFileSync('pdfimages', ['-list', tempFile(pdf)], { encoding: 'utf8' }).trim().split('\n').slice(2);
  return rows.map((row) => {
    const f = row.trim().split(/\s+/);
    return { type: f[2], width: Number(f[3]), height: Number(f[4]), color: f[5], bpc: Number(f[7]) };
  });
}

/** The first image of a PDF extracted as PNG, decoded. */
function firstImage(pdf: Uint8Array): PNG {
  const dir = mkdtempSync(join(tmpdir(), 'fp-img-'));
  execFileSync('pdfimages', ['-png', '-f', '1', tempFile(pdf), join(dir, 'i')]);
  return PNG.sync.read(readFileSync(join(dir, readdirSync(dir).sort()[0])));
}

const pixel = (png: PNG, x: number, y: number) => [...png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 3)];

describe('PNGs with transparency in the booklet', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fp-alpha-'));
  // Left half red, right half fully transparent; each kind of transparency PNG has.
  const half = ['-size', '60x40', 'xc:none', '-fill', 'red', '-draw', 'rectangle 0,0 29,39'];
  const pngs: Record<string, Buffer> = {
    'rgba.png': magick(dir, 'rgba.png', [...half, 'PNG32:']),
    'grey-alpha.png': magick(dir, 'grey-alpha.png', ['-size', '60x40', 'xc:none', '-fill', 'gray30', '-draw', 'rectangle 0,0 29,39', '-colorspace', 'Gray', '-define', 'png:color-type=4']),
    'palette.png': magick(dir, 'palette.png', [...half, 'PNG8:']),
  };
  const abstracts = { 'rgba.png': 'bi-hongjie.md', 'grey-alpha.png': 'ding-jianhao.md', 'palette.png': 'dong-xingsi.md' };
  let result: BuildResult;
  let lines: Record<string, number>;
  beforeAll(async () => {
    const files: Record<string, string | Buffer> = realContentFiles();
    lines = {};
    for (const [png, md] of Object.entries(abstracts)) {
      files[`abstracts/${png}`] = pngs[png];
      const text = `${files[`abstracts/${md}`]}\n\n![图](${png})\n`;
      files[`abstracts/${md}`] = text;
      lines[png] = text.split('\n').length - 1;
    }
    result = await build({ content: memorySource(files, 'content'), templates: realSources().templates, outputs: ['program.pdf', 'program-archival.pdf'] });
  }, 60_000);

  it('the generated files are of the three kinds', () => {
    expect(pngs['rgba.png'][25]).toBe(6);
    expect(pngs['grey-alpha.png'][25]).toBe(4);
    expect(pngs['palette.png'][25]).toBe(3);
    for (const png of Object.values(pngs)) expect(hasTransparency(png)).toBe(true);
  });

  it('are printed on white, without a soft mask, with a pdfa-transparency warning at each image', () => {
    expect(result.ok).toBe(true);
    for (const [png, md] of Object.entries(abstracts)) {
      const warning = result.diagnostics.find((d) => d.rule === 'pdfa-transparency' && d.message.includes(png));
      expect(warning, png).toMatchObject({ severity: 'warning', file: `content/abstracts/${md}`, line: lines[png], column: 1 });
    }
    for (const name of ['program.pdf', 'program-archival.pdf']) {
      const images = imagesOf(result.outputs.get(name)!);
      expect(images.length, name).toBe(3);
      expect(images.filter((i) => i.type !== 'image'), name).toEqual([]);
    }
    // The red half stays red, the transparent half is white.
    const first = firstImage(result.outputs.get('program.pdf')!);
    expect(pixel(first, 5, 20)).toEqual([255, 0, 0]);
    expect(pixel(first, 50, 20)).toEqual([255, 255, 255]);
  });

  it.skipIf(missing)('program.pdf and program-archival.pdf pass Preflight (PDF/A-1b)', () => {
    for (const name of ['program.pdf', 'program-archival.pdf']) {
      const check = preflight(result.outputs.get(name)!);
      expect(check.valid, `${name}\n${check.output}`).toBe(true);
    }
  });
});

describe('image size and the build budgets', () => {
  it('a PNG larger than 300 dpi needs is embedded scaled down, placed at the same size', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fp-big-'));
    const big = magick(dir, 'big.png', ['-size', '2000x1500', 'gradient:red-blue', '-alpha', 'set', '-channel', 'A', '-evaluate', 'set', '50%', '+channel', 'PNG32:']);
    const info = sniffImage(big)!;
    const prepared = prepareImage(big, info, { decoded: 0, embedded: 0 });
    expect(prepared.ok && prepared.scaled && prepared.flattened).toBe(true);
    const png = PNG.sync.read(Buffer.from((prepared as { data: Uint8Array }).data));
    // 320 × 240 pt at 300 dpi.
    expect([png.width, png.height]).toEqual([1334, 1000]);
  });

  it('an image past the decode or embed budget is refused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fp-budget-'));
    const png = magick(dir, 'a.png', ['-size', '20x20', 'xc:none', 'PNG32:']);
    const info = sniffImage(png)!;
    expect(prepareImage(png, info, { decoded: DECODE_BUDGET - 10, embedded: 0 })).toEqual({ ok: false, reason: 'decode-budget' });
    expect(prepareImage(png, info, { decoded: 0, embedded: EMBED_BUDGET - 10 })).toEqual({ ok: false, reason: 'embed-budget' });
  });

  it.runIf(THOROUGH)('six 25-megapixel PNGs with transparency build in under 1 GiB', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fp-six-'));
    cpSync(join(ROOT, 'content'), join(dir, 'content'), { recursive: true });
    const big = magick(dir, 'big.png', ['-size', '5000x5000', 'gradient:white-navy', '-alpha', 'set', '-channel', 'A', '-evaluate', 'set', '60%', '+channel', 'PNG32:']);
    const abstracts = readdirSync(join(dir, 'content', 'abstracts')).filter((f) => f.endsWith('.md')).slice(0, 6);
    abstracts.forEach((md, i) => {
      writeFileSync(join(dir, 'content', 'abstracts', `fig${i}.png`), big);
      appendFileSync(join(dir, 'content', 'abstracts', md), `\n\n![图](fig${i}.png)\n`);
    });
    const run = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, join(ROOT, 'bin', 'forumpress.js'), 'build',
      '--content', join(dir, 'content'), '--templates', join(ROOT, 'templates'), '--out', join(dir, 'out')], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const kb = Number(run.stderr.trim().split('\n').pop());
    expect(kb).toBeLessThan(1024 * 1024);
    const images = imagesOf(readFileSync(join(dir, 'out', 'program.pdf')));
    expect(images.map((i) => [i.type, i.width])).toEqual(Array(6).fill(['image', 1000]));
  }, 300_000);
});

/** A JPEG drawn by ImageMagick with an EXIF APP1 segment whose orientation tag says `orientation`. */
function orientedJpeg(dir: string, orientation: number, little: boolean): Buffer {
  const plain = magick(dir, `plain-${orientation}.jpg`, ['-size', '400x200', 'xc:white', '-fill', 'red', '-draw', 'rectangle 0,0 99,59']);
  const tiff = Buffer.alloc(26);
  const u16 = (v: number, at: number) => (little ? tiff.writeUInt16LE(v, at) : tiff.writeUInt16BE(v, at));
  const u32 = (v: number, at: number) => (little ? tiff.writeUInt32LE(v, at) : tiff.writeUInt32BE(v, at));
  tiff.write(little ? 'II' : 'MM', 0, 'latin1');
  u16(42, 2);
  u32(8, 4);
  u16(1, 8); // one entry: Orientation, SHORT, 1 value
  u16(0x0112, 10);
  u16(3, 12);
  u32(1, 14);
  u16(orientation, 18);
  const app1 = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const header = Buffer.from([0xff, 0xe1, 0, 0]);
  header.writeUInt16BE(app1.length + 2, 2);
  return Buffer.concat([plain.subarray(0, 2), header, app1, plain.subarray(2)]);
}

describe('a phone photo turned by its EXIF orientation', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fp-exif-'));

  it('is measured at its shown size (stored 400 × 200, shown 200 × 400 for orientations 5-8)', () => {
    for (const little of [false, true]) {
      expect(sniffImage(orientedJpeg(dir, 6, little))).toEqual({ format: 'jpeg', width: 200, height: 400 });
      expect(sniffImage(orientedJpeg(dir, 8, little))).toEqual({ format: 'jpeg', width: 200, height: 400 });
      expect(sniffImage(orientedJpeg(dir, 3, little))).toEqual({ format: 'jpeg', width: 400, height: 200 });
    }
  });

  it('is placed in the booklet undistorted: the same resolution across as down', async () => {
    const files: Record<string, string | Buffer> = realContentFiles();
    files['abstracts/portrait.jpg'] = orientedJpeg(dir, 6, false);
    files['abstracts/bi-hongjie.md'] = `${files['abstracts/bi-hongjie.md']}\n\n![照片](portrait.jpg)\n`;
    const result = await build({ content: memorySource(files, 'content'), templates: realSources().templates, outputs: ['program.pdf'] });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const rows = execFileSync('pdfimages', ['-list', tempFile(result.outputs.get('program.pdf')!)], { encoding: 'utf8' }).trim().split('\n').slice(2);
    const jpegs = rows.map((r) => r.trim().split(/\s+/)).filter((f) => f[8] === 'jpeg');
    expect(jpegs).toHaveLength(1);
    // Placed in a landscape box, the turned photo was squeezed to 300 × 75 ppi.
    const [xppi, yppi] = [Number(jpegs[0][12]), Number(jpegs[0][13])];
    expect(xppi).toBe(yppi);
  });
});
