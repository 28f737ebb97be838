import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../src/build.js';
import { memorySource } from '../src/io.js';
import { ROOT, realContentFiles, realSources, realTemplateFiles } from './helpers/build.js';
import { extractPages } from './helpers/pdf.js';
import { sheetLayout, slotOrigin } from '../src/layout/imposition.js';

const NOTO = join(ROOT, 'node_modules', '@expo-google-fonts', 'noto-sans', '400Regular');
const goodFont = readFileSync(join(NOTO, readdirSync(NOTO).find((f) => f.endsWith('.ttf'))!));

/** Checks the real forum with theme.yaml naming fonts/<file> for the serif face, and fonts/ holding `bytes`. */
async function checkWithFont(bytes: Buffer) {
  const templates = realTemplateFiles();
  templates['theme.yaml'] = `fonts:\n  serif:\n    normal: broken.ttf\n${templates['theme.yaml']}`;
  return build({ content: realSources().content, templates: memorySource(templates, 'templates'), fonts: memorySource({ 'broken.ttf': bytes }, 'fonts'), checkOnly: true });
}

describe('a broken font file named in theme.yaml', () => {
  const cases: [string, Buffer][] = [
    ['cut to half its size', goodFont.subarray(0, goodFont.length >> 1)],
    ['cut to 1,000 bytes', goodFont.subarray(0, 1000)],
    ['cut inside its table directory', goodFont.subarray(0, 40)],
    ['with its tables overwritten', Buffer.concat([goodFont.subarray(0, 400), Buffer.alloc(goodFont.length - 400, 0x5a)])],
    ['of zeros', Buffer.alloc(4096)],
    ['of text', Buffer.from('not a font at all\n'.repeat(100))],
  ];
  for (const [what, bytes] of cases) {
    it(`${what} is a font-file error at its line of theme.yaml`, async () => {
      const result = await checkWithFont(bytes);
      const errors = result.diagnostics.filter((d) => d.severity === 'error');
      expect(errors.map((d) => `${d.file}:${d.line}:${d.column} ${d.rule}`)).toEqual(['templates/theme.yaml:3:13 font-file']);
      expect(errors[0].message).toMatch(/broken\.ttf/);
      expect(errors[0].message).not.toMatch(/undefined|Cannot read/);
    });
  }

  it('a whole font still loads (a Latin font: the Chinese text then lacks glyphs, but the file is fine)', async () => {
    const result = await checkWithFont(goodFont);
    expect(result.diagnostics.filter((d) => d.rule === 'font-file')).toEqual([]);
  });
});

describe('templates nested very deep', () => {
  it('20,000 nested elements are a template error at the template, not a stack overflow', async () => {
    const templates = realTemplateFiles();
    const deep = `${'<stack>'.repeat(20000)}<p>x</p>${'</stack>'.repeat(20000)}`;
    templates['booklet/booklet.hbs'] = templates['booklet/booklet.hbs'].replace(/(<document[^>]*>)/, `$1\n${deep}`);
    const result = await build({ content: realSources().content, templates: memorySource(templates, 'templates'), outputs: ['program.pdf'] });
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ rule: 'template', file: 'templates/booklet/booklet.hbs' });
    expect(errors[0].message).toMatch(/nested more than 100 deep/);
    expect(errors[0].line).toBeGreaterThan(1);
  });
});

describe('a name far too long for its badge', () => {
  const latin = 'Hubert Blaine Wolfeschlegelsteinhausenbergerdorff '.repeat(10).trim();
  const chinese = '欧阳'.repeat(250);
  it('is cut to the lines its badge has, ending in …, with a warning at its line of attendees.csv', async () => {
    const content = realContentFiles();
    content['attendees.csv'] = `id,name,name_en,affiliation,role\nA001,雷娜,,大连理工大学,speaker\nA002,${latin},,,speaker\nA003,${chinese},,,speaker\nA004,田亮,,香港浸会大学,speaker\nA005,祁阳,,复旦大学,speaker\n`;
    const result = await build({ content: memorySource(content, 'content'), templates: realSources().templates, outputs: ['badges.pdf'] });
    expect(result.ok).toBe(true);
    const warnings = result.diagnostics.filter((d) => d.rule === 'badge-text-too-long');
    expect(warnings.map((d) => `${d.file}:${d.line}:${d.column}`)).toEqual(['content/attendees.csv:3:6', 'content/attendees.csv:4:6']);
    expect(warnings[0].message).toMatch(/cut to what fits/);
    expect(warnings[0].message.length).toBeLessThan(300);
    const [page] = await extractPages(result.outputs.get('badges.pdf')!);
    for (const [name, start] of [[latin, 'Hubert'], [chinese, '欧阳欧阳']] as const) {
      const items = page.items.filter((i) => name.includes(i.str.replace(/…$/, '').trim()) && i.str.trim().length > 3);
      expect(items.length, start).toBeGreaterThan(0);
      // Two lines at the template's smallest size (14 pt), inside the badge (90 × 54 mm = 255 × 153 pt).
      const ys = items.map((i) => i.y);
      expect(Math.max(...ys) - Math.min(...ys), start).toBeLessThan(30);
      expect(Math.max(...items.map((i) => i.x + i.width)) - Math.min(...items.map((i) => i.x)), start).toBeLessThan(175);
      expect(items.map((i) => i.str).join(''), start).toMatch(/…$/);
    }
    // The neighbours' names are all there.
    for (const n of [/雷\s娜/, /田\s亮/, /祁\s阳/]) expect(page.text).toMatch(n);
  }, 60_000);
});

describe('a badge block taller than its <place height> even at its smallest sizes', () => {
  it('loses lines from its last fit up (cut, ending in …), never runs past its height, and warns at the attendee\'s line', async () => {
    const templates = realTemplateFiles();
    // 43 pt of room: a two-line name and a two-line affiliation at their min-size (14 and 7 pt) take about 57.
    templates['badges/card.hbs'] = templates['badges/card.hbs'].replace('height="height - 26 - 40 - 4"', 'height="height - 26 - 40 - 44"');
    const content = realContentFiles();
    const affiliation = 'Institute for Advanced Computational Neuroscience and Theoretical Biology of the Atlantic Provinces';
    content['attendees.csv'] = `id,name,name_en,affiliation,role\nA001,Maximiliane Wolfeschlegelsteinhausen,,${affiliation},speaker\n`;
    const result = await build({ content: memorySource(content, 'content'), templates: memorySource(templates, 'templates'), outputs: ['badges.pdf'] });
    expect(result.ok).toBe(true);
    const warnings = result.diagnostics.filter((d) => d.rule === 'badge-text-too-long');
    expect(warnings.map((d) => `${d.file}:${d.line}`)).toContain('content/attendees.csv:2');
    expect(warnings[0].message).toMatch(/43\.1 pt height of its block.*cut to what fits/);
    expect(warnings[0].hint).toMatch(/height of its <place>/);
    const [page] = await extractPages(result.outputs.get('badges.pdf')!);
    const printed = page.items.filter((i) => i.str.trim() && (affiliation.includes(i.str.replace(/…$/, '').trim()) || /Maximil|Wolfe/.test(i.str)));
    expect(printed.map((i) => i.str).join(' ')).toMatch(/…/);
    // Every baseline of the block stays above its bottom: 40 + 43 pt below the first badge's top.
    const bottom = page.height - (slotOrigin(sheetLayout('card', 'card'), 0).y + 40 + 43);
    for (const item of printed) expect(item.y, item.str).toBeGreaterThan(bottom);
  }, 60_000);
});
