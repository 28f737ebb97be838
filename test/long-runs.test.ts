import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../src/build.js';
import { memorySource } from '../src/io.js';
import { realContentFiles, realSources } from './helpers/build.js';
import { tempFile } from './helpers/tools.js';

/** Builds the booklet alone with text appended to some abstracts (file name -> text). */
async function bookletWith(extra: Record<string, string>) {
  const files = realContentFiles();
  for (const [name, text] of Object.entries(extra)) files[`abstracts/${name}`] += `\n\n${text}\n`;
  const result = await build({ content: memorySource(files, 'content'), templates: realSources().templates, outputs: ['program.pdf'] });
  const pdf = result.outputs.get('program.pdf');
  const text = pdf ? execFileSync('pdftotext', [tempFile(pdf), '-'], { encoding: 'utf8', maxBuffer: 1 << 28 }) : '';
  return { ...result, pdf, text, lines: text.split('\n') };
}

/** The lines made only of the characters of `re` (a character class), joined: one long run broken over lines and pages. */
const joined = (lines: string[], re: RegExp) => lines.map((l) => l.trim()).filter((l) => l && re.test(l)).join('');
const count = (text: string, chars: RegExp) => (text.match(chars) ?? []).length;
const THOROUGH = !!process.env.FORUMPRESS_THOROUGH;

const URL_5000 = `https://example.org/${'abcdefgh'.repeat(625)}`;

describe('long unbroken runs in an abstract', () => {
  // One booklet with every small case, each in its own abstract.
  let r: Awaited<ReturnType<typeof bookletWith>>;
  beforeAll(async () => {
    r = await bookletWith({
      'bi-hongjie.md': 'x'.repeat(5000),
      'ding-jianhao.md': '['.repeat(300) + ']'.repeat(300),
      'dong-xingsi.md': '（'.repeat(300) + '）'.repeat(300),
      'feng-zhicong.md': `${'*'.repeat(5000)}x${'*'.repeat(5000)}`,
      'jiang-zijian.md': `<${URL_5000}>`,
      'lei-na.md': `分隔线：${'—'.repeat(300)}\n\n点赞：${'👍🏽'.repeat(200)}`,
    });
  }, 60_000);

  it('5,000 x are printed in full, the lines filled', () => {
    expect(r.ok).toBe(true);
    const runLines = r.lines.map((l) => l.trim()).filter((l) => /^x{10,}$/.test(l));
    expect(runLines.join('').length).toBe(5000);
    // Every line but the last is full (all lines the same length, to one character).
    const lengths = runLines.slice(0, -1).map((l) => l.length);
    expect(Math.max(...lengths) - Math.min(...lengths)).toBeLessThanOrEqual(1);
  });

  it('a row of 300 dashes and one of 200 emoji wrap within the page (they ran off it, lost)', () => {
    // r.ok: lost-content reads every character of the abstracts back from the laid-out lines.
    expect(r.ok).toBe(true);
    expect(count(r.text, /—/g)).toBeGreaterThanOrEqual(300);
    expect(count(r.text, /👍/gu)).toBe(200);
    expect(r.lines.filter((l) => /^—{10,}$/.test(l.trim())).length).toBeGreaterThan(3);
  });

  it('a run of opening then closing brackets is split where it fills the line, not a character a line', () => {
    expect(r.ok).toBe(true);
    expect(count(r.text, /[[\]]/g)).toBe(600);
    expect(count(r.text, /[（）]/g)).toBeGreaterThanOrEqual(600);
    const bracketLines = r.lines.filter((l) => /^[[\]]+$/.test(l.trim()));
    expect(bracketLines.length).toBeLessThan(20);
    const wideLines = r.lines.filter((l) => /^[（）]{5,}$/.test(l.trim()));
    expect(wideLines.length).toBeLessThan(30);
  });

  it('*×5,000 x *×5,000 is printed as written, with a warning, instead of overflowing the stack', () => {
    expect(r.ok).toBe(true);
    expect(count(r.text, /\*/g)).toBe(10000);
    const warning = r.diagnostics.find((d) => d.rule === 'markdown-nesting');
    expect(warning?.file).toBe('content/abstracts/feng-zhicong.md');
    const source = realContentFiles()['abstracts/feng-zhicong.md'] + '\n\n';
    expect(warning?.line).toBe(source.split('\n').length);
  });

  it('a link address of 5,000 characters is printed as text, not written into every line as a link', () => {
    expect(joined(r.lines, /^[a-z:/.]+$/)).toContain(URL_5000);
    expect(r.diagnostics.find((d) => d.rule === 'markdown-unsupported')?.message).toMatch(/5020 characters is printed as text/);
    expect(Buffer.from(r.pdf!).includes('abcdefghabcdefghabcdefgh')).toBe(false);
  });

  it.runIf(THOROUGH)('40,000 x, 2,000 [ + 2,000 ], 2,000 （ + 2,000 ） and a 30,000-character address build, in full', async () => {
    const url = `https://example.org/${'ab/cd'.repeat(6000)}`;
    const big = await bookletWith({
      'bi-hongjie.md': 'x'.repeat(40000),
      'ding-jianhao.md': '['.repeat(2000) + ']'.repeat(2000),
      'dong-xingsi.md': '（'.repeat(2000) + '）'.repeat(2000),
      'feng-zhicong.md': `<${url}>`,
      'jiang-zijian.md': `${'*'.repeat(40000)}x${'_'.repeat(40000)}`,
    });
    expect(big.ok).toBe(true);
    expect(count(big.text, /x/g)).toBeGreaterThanOrEqual(40000);
    expect(count(big.text, /[[\]]/g)).toBe(4000);
    expect(count(big.text, /[（）]/g)).toBeGreaterThanOrEqual(4000);
    expect(joined(big.lines, /^[a-z:/.]+$/)).toContain(url);
    expect(count(big.text, /[*_]/g)).toBe(80000);
  }, 300_000);
});
