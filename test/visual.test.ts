import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BuildResult } from '../src/build.js';
import { buildRealForum } from './helpers/build.js';
import { compareGolden, extractGolden, formatGolden, parseGolden, TOLERANCE } from './helpers/golden.js';
import { tempFile } from './helpers/tools.js';

/**
 * Page images of each document at 24 dpi, in grey, compared with the ones stored in
 * test/visual/: a layout change that moves a block, a font that changes or a colour band
 * that goes is seen. `UPDATE=1 npx vitest run test/visual.test.ts` stores the new pictures
 * after a deliberate change (look at them first: `convert x.pgm x.png`).
 *
 * Golden text: every text item of the same documents with its position, size and font, stored
 * in test/golden/*.txt (helpers/golden.ts), so a line that moves by more than half a point is
 * named; `UPDATE=1` rewrites those too (read `git diff test/golden` before committing).
 */
const DIR = join(import.meta.dirname, 'visual');
const DPI = 24;
const PAGES: Record<string, Array<number | 'last'>> = {
  'program.pdf': [1, 3, 4, 7, 'last'],
  'signs.pdf': [1, 'last'],
  'badges.pdf': [1],
};
/** A pixel differs when its grey level moved by more than this (of 255): antialiasing moves less. */
const PIXEL_TOLERANCE = 48;
/** Share of differing pixels a page may have: a line of text moved or a box gone is far more. */
const AREA_TOLERANCE = 0.004;

interface Gray { width: number; height: number; pixels: Buffer; raw: Buffer }

function parsePgm(pgm: Buffer): Gray {
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 40).toString('latin1'))!;
  return { width: Number(header[1]), height: Number(header[2]), pixels: pgm.subarray(header[0].length), raw: pgm };
}

function render(bytes: Uint8Array, page: number): Gray {
  const file = tempFile(bytes);
  execFileSync('pdftoppm', ['-r', String(DPI), '-gray', '-f', String(page), '-l', String(page), file, `${file}-p`]);
  const out = readdirSync(join(file, '..')).find((f) => f.endsWith('.pgm'))!;
  return parsePgm(readFileSync(join(file, '..', out)));
}

function pageCount(bytes: Uint8Array): number {
  return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [tempFile(bytes)], { encoding: 'utf8' }))![1]);
}

let result: BuildResult;
beforeAll(async () => {
  result = await buildRealForum();
});

describe('page images (test/visual)', () => {
  for (const [output, pages] of Object.entries(PAGES)) {
    for (const page of pages) {
      it(`${output} page ${page} looks as stored`, () => {
        const bytes = result.outputs.get(output)!;
        const n = page === 'last' ? pageCount(bytes) : page;
        const actual = render(bytes, n);
        const stored = join(DIR, `${output.replace(/\.pdf$/, '')}-p${page}.pgm`);
        if (process.env.UPDATE || !existsSync(stored)) {
          mkdirSync(DIR, { recursive: true });
          writeFileSync(stored, actual.raw);
        }
        const expected = parsePgm(readFileSync(stored));
        expect([actual.width, actual.height], 'page size').toEqual([expected.width, expected.height]);
        let differing = 0;
        for (let i = 0; i < actual.pixels.length; i++) if (Math.abs(actual.pixels[i] - expected.pixels[i]) > PIXEL_TOLERANCE) differing++;
        const share = differing / actual.pixels.length;
        if (share > AREA_TOLERANCE) {
          const kept = join(mkdtempSync(join(tmpdir(), 'fp-visual-')), `${output}-p${page}.pgm`);
          writeFileSync(kept, actual.raw);
          expect.fail(`${(share * 100).toFixed(2)} % of the pixels differ from ${stored}; this build's page is ${kept}`);
        }
      });
    }
  }
});

const GOLDEN = join(import.meta.dirname, 'golden');
/** Pages whose text is stored (all when undefined): tents and certificates repeat one layout (tent page 2 has the upside-down half). */
const GOLDEN_PAGES: Record<string, number[] | undefined> = {
  'program.pdf': undefined,
  'signs.pdf': undefined,
  'badges.pdf': undefined,
  'tents.pdf': [1, 2],
  'certificates.pdf': [1],
};

describe('text positions (test/golden)', () => {
  for (const [output, pages] of Object.entries(GOLDEN_PAGES)) {
    it(`${output}: every text item is where it was stored (within ${TOLERANCE} pt)`, async () => {
      const fresh = await extractGolden(result.outputs.get(output)!, pages);
      const stored = join(GOLDEN, `${output.replace(/\.pdf$/, '')}.txt`);
      if (process.env.UPDATE || !existsSync(stored)) {
        mkdirSync(GOLDEN, { recursive: true });
        writeFileSync(stored, formatGolden(output, fresh));
      }
      const differences = compareGolden(parseGolden(readFileSync(stored, 'utf8')), fresh);
      if (differences.length) {
        expect.fail(`${output} differs from ${stored} (UPDATE=1 stores this build's text after a deliberate change):\n${differences.join('\n')}`);
      }
    });
  }
});
