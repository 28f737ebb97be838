import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { build } from '../src/build.js';
import { memorySource } from '../src/io.js';
import { realContentFiles, realSources } from './helpers/build.js';
import { pdffonts, qpdfCheck, tempFile } from './helpers/tools.js';
import { sortByName } from '../src/layout/sort-names.js';

/** pdftotext's text of every page (form feeds split pages). */
function pageTexts(bytes: Uint8Array, layout = false): string[] {
  const text = execFileSync('pdftotext', [...(layout ? ['-layout'] : []), tempFile(bytes), '-'], { encoding: 'utf8' });
  return text.split('\f').slice(0, -1);
}
const squash = (s: string) => s.replace(/\s+/g, '');

/** Text runs of one page with their transform: [a, b, c, d, x, y] (a = d = -1 scale: turned 180°). */
async function runs(bytes: Uint8Array, page: number) {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const p = await doc.getPage(page);
  const items = (await p.getTextContent()).items.flatMap((it) => ('str' in it && it.str.trim() ? [{ str: it.str, t: it.transform as number[] }] : []));
  const [, , width, height] = p.view;
  await doc.destroy();
  return { width, height, items };
}

/** Builds one output from the real content with some files replaced. */
async function buildWith(files: Record<string, string>, output: string) {
  const content = { ...realContentFiles(), ...files };
  const result = await build({ content: memorySource(content, 'content'), templates: realSources().templates, outputs: [output] });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return result.outputs.get(output)!;
}

let outputs: Map<string, Uint8Array>;
beforeAll(async () => {
  const result = await build({ ...realSources(), outputs: ['tents.pdf', 'signin.pdf', 'certificates.pdf'] });
  expect(result.diagnostics).toEqual([]);
  outputs = result.outputs;
});

describe('the room documents', () => {
  it('are sound PDFs with every font embedded', () => {
    for (const name of ['tents.pdf', 'signin.pdf', 'certificates.pdf']) {
      const bytes = outputs.get(name)!;
      expect(qpdfCheck(bytes).ok, name).toBe(true);
      expect(pdffonts(bytes).every((f) => f.embedded), name).toBe(true);
    }
  });
});

describe('tents.pdf', () => {
  it('has the seating plan, then one A4 landscape sheet per person at a head table', () => {
    const pages = pageTexts(outputs.get('tents.pdf')!);
    // The opening's head table (the organizing committee) and Session 1 (chair, then its two speakers).
    expect(pages).toHaveLength(1 + 6);
    expect(squash(pages[0])).toContain('主席台座次');
    const people = ['张希昀', '黄海平', '库逸轩', '周海军', '张文昊', '吴英年'];
    pages.slice(1).forEach((text, i) => expect(text.split(people[i]).length - 1, people[i]).toBe(2));
  });

  it('seats by 以左为上 from the audience: 3 1 2 for three people', () => {
    const plan = pageTexts(outputs.get('tents.pdf')!, true)[0].split('\n');
    const row = (names: string[]) => plan.find((l) => names.every((n) => l.includes(n)))!;
    const opening = row(['黄海平', '库逸轩', '张希昀']);
    expect(['张希昀', '黄海平', '库逸轩'].map((n) => opening.indexOf(n))).toEqual([...['张希昀', '黄海平', '库逸轩'].map((n) => opening.indexOf(n))].sort((a, b) => a - b));
    const s1 = row(['张文昊', '吴英年', '周海军']);
    expect(s1.indexOf('周海军')).toBeLessThan(s1.indexOf('张文昊'));
    expect(s1.indexOf('张文昊')).toBeLessThan(s1.indexOf('吴英年'));
  });

  it('prints the upper face turned 180° and the lower face upright, the name on both', async () => {
    const { width, height, items } = await runs(outputs.get('tents.pdf')!, 7);
    expect([Math.round(width), Math.round(height)]).toEqual([842, 595]);
    const names = items.filter((i) => i.str.replace(/\s/g, '') === '吴英年' || i.str === 'UCLA');
    const upper = names.filter((i) => i.t[5] > height / 2);
    const lower = names.filter((i) => i.t[5] < height / 2);
    expect(upper.map((i) => i.str.replace(/\s/g, ''))).toEqual(expect.arrayContaining(['吴英年', 'UCLA']));
    expect(lower.map((i) => i.str.replace(/\s/g, ''))).toEqual(expect.arrayContaining(['吴英年', 'UCLA']));
    for (const i of upper) expect([Math.sign(i.t[0]), Math.sign(i.t[3])]).toEqual([-1, -1]);
    for (const i of lower) expect([Math.sign(i.t[0]), Math.sign(i.t[3])]).toEqual([1, 1]);
    // The name is set large: fitted to the width, far above the affiliation's size.
    const name = lower.find((i) => i.str.replace(/\s/g, '') === '吴英年')!;
    expect(Math.abs(name.t[3])).toBeGreaterThan(90);
  });

  it('seats an even table with #1 centre-left (seen from the audience), and follows the seating setting', async () => {
    const tents = 'tables:\n  - title: 闭幕式\n    people: [{ name: 赵一鸣, name_en: Zhao Yiming, affiliation: 中山大学 }, 钱二宝, 孙三元, 李四海]\n';
    const order = async (settings: string) => {
      const bytes = await buildWith({ 'tents.yaml': tents, 'settings.yaml': settings }, 'tents.pdf');
      const line = pageTexts(bytes, true)[0].split('\n').find((l) => l.includes('赵一鸣'))!;
      return ['赵一鸣', '钱二宝', '孙三元', '李四海'].sort((a, b) => line.indexOf(a) - line.indexOf(b));
    };
    expect(await order('')).toEqual(['孙三元', '赵一鸣', '钱二宝', '李四海']);
    expect(await order('tents: { seating: international }')).toEqual(['李四海', '钱二宝', '赵一鸣', '孙三元']);
    expect(await order('tents: { seating: listed }')).toEqual(['赵一鸣', '钱二宝', '孙三元', '李四海']);
    const bytes = await buildWith({ 'tents.yaml': tents }, 'tents.pdf');
    expect(squash(pageTexts(bytes).join(''))).toContain('ZhaoYiming');
  });

  it('warns when a face runs past its half sheet, naming the tent', async () => {
    const tents = `tables:\n  - title: 闭幕式\n    people: [钱二宝, ${'长'.repeat(200)}]\n`;
    const result = await build({ content: memorySource({ ...realContentFiles(), 'tents.yaml': tents }, 'content'), templates: realSources().templates, outputs: ['tents.pdf'] });
    expect(result.diagnostics.map((d) => `${d.file}: ${d.rule}: ${d.message}`)).toEqual([
      'templates/tents/tents.hbs: page-overflow: tents.pdf: tent 2 fills 4 half sheets instead of 2, so it and the tents after it are misfolded',
      // The name running on reaches the seat line placed at the foot of its last half sheet.
      `templates/tents/tents.hbs: placed-overlap: in tents.pdf, the text that flows down the page ("${'长'.repeat(11)}") runs into the block this <place> puts there, on page 8: they print over each other`]);
  });

  it('is not made without content/tents.yaml', async () => {
    const { 'tents.yaml': _, ...content } = realContentFiles();
    const result = await build({ content: memorySource(content, 'content'), templates: realSources().templates, outputs: ['signin.pdf'] });
    expect(result.ok).toBe(true);
    expect(result.inputHashes?.has('tents.pdf')).toBe(false);
  });
});

describe('signin.pdf', () => {
  const attendees = () => realContentFiles()['attendees.csv'].trim().split('\n').slice(1).map((l) => { const [id, name] = l.split(','); return { id, name }; });

  it('has a sheet per day, 20 attendees a page, the header and the counts on every page', () => {
    const pages = pageTexts(outputs.get('signin.pdf')!);
    expect(pages).toHaveLength(2 * 2); // 30 attendees: two pages a day, two days
    pages.forEach((text, i) => {
      const t = squash(text);
      expect(t).toContain('签到表');
      expect(t).toContain(i < 2 ? '2022年12月31日' : '2023年1月1日');
      for (const column of ['序号', '编号', '姓名', '单位', '签名']) expect(t).toContain(column);
      expect(t).toContain('应到30人');
      expect(t).toContain(`本页应到${i % 2 ? 10 : 20}人`);
      expect(t).toContain('实到');
    });
  });

  it('lists every attendee once a day, in the order of the speaker index', () => {
    // -layout keeps each row on one line (a spaced two-character name, 谢　禹, included).
    const day = squash(pageTexts(outputs.get('signin.pdf')!, true).slice(0, 2).join(''));
    const expected = sortByName(attendees(), (a) => a).map((a) => a.name);
    const found = expected.map((n) => day.indexOf(n));
    expect(found.every((i) => i >= 0)).toBe(true);
    expect(found).toEqual([...found].sort((a, b) => a - b));
    for (const a of attendees()) expect(day).toContain(`${a.id}${a.name}`);
  });

  it('makes a sheet per session with signin.per: session, and files 曾 under Z', async () => {
    const csv = realContentFiles()['attendees.csv'].replace('A025,邹文轩', 'A025,曾文轩');
    const bytes = await buildWith({ 'settings.yaml': 'signin: { per: session }', 'attendees.csv': csv }, 'signin.pdf');
    const pages = pageTexts(bytes);
    expect(pages).toHaveLength(8 * 2);
    expect(squash(pages[0])).toContain('Session1');
    expect(squash(pages[2])).toContain('Session2');
    const second = squash(pages[1]);
    expect(second.indexOf('余肇飞')).toBeLessThan(second.indexOf('曾文轩'));
    expect(second.indexOf('曾文轩')).toBeLessThan(second.indexOf('张文昊'));
  });
});

describe('certificates.pdf', () => {
  it('has one A4 page per attendee with the forum, the dates and the person', () => {
    const pages = pageTexts(outputs.get('certificates.pdf')!);
    expect(pages).toHaveLength(30);
    const attendees = realContentFiles()['attendees.csv'].trim().split('\n').slice(1).map((l) => l.split(','));
    pages.forEach((text, i) => {
      const t = squash(text);
      expect(t).toContain('参会证明');
      expect(t).toContain('CERTIFICATEOFATTENDANCE'); // templates/locales/zh-CN.yaml's cert_attendance_subtitle
      expect(t).toContain('第二届神经网络新年交叉论坛');
      expect(t).toContain('2022年12月31日—2023年1月1日');
      expect(t).toContain(`兹证明${attendees[i][1]}`);
    });
  });

  it('carries a QR code whose payload the template sets', () => {
    const file = tempFile(outputs.get('certificates.pdf')!);
    const dir = mkdtempSync(join(tmpdir(), 'fp-cert-'));
    execFileSync('pdftoppm', ['-r', '150', '-f', '1', '-l', '1', '-png', file, join(dir, 'p')]);
    const png = join(dir, readdirSync(dir)[0]);
    const payload = execFileSync('zbarimg', ['--raw', '-q', png], { encoding: 'utf8' }).trim();
    expect(payload).toBe('第二届神经网络新年交叉论坛 参会证明 2022-001 A001 黄海平');
  });

  it('makes a 报告证明 per speaker and talk, naming the talk, with certificates.for: speakers', async () => {
    const bytes = await buildWith({ 'settings.yaml': 'certificates: { for: speakers }' }, 'certificates.pdf');
    const pages = pageTexts(bytes).map(squash);
    expect(pages).toHaveLength(18);
    expect(pages[0]).toContain('报告证明');
    expect(pages[0]).toContain('兹证明吴英年（UCLA）');
    expect(pages.some((p) => p.includes('负反馈帮助加速吸引子网络的采样'))).toBe(true);
  });
});
