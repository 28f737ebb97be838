import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { SaxesParser } from 'saxes';
import { build, type BuildResult } from '../src/build.js';
import { memorySource } from '../src/io.js';
import { renderPdf } from '../src/pdfmake/pdf.js';
import { builtinFonts } from '../src/fonts/fonts.js';
import { toPdfA } from '../src/finish/pdfa.js';
import { buildRealForum, realSources } from './helpers/build.js';
import { extractPages, outline, squash } from './helpers/pdf.js';
import { pdffonts, pdfinfo, preflight, preflightMissing, qpdfCheck, realContentFiles, tempFile } from './helpers/tools.js';

const missing = preflightMissing();
if (missing) console.warn(`archival.test.ts: Preflight tests skipped: ${missing}`);

/** The XMP packet of a PDF (written uncompressed, as PDF/A asks), parsed: element text by name. */
function xmp(bytes: Uint8Array): Map<string, string[]> {
  const text = Buffer.from(bytes).toString('utf8');
  const packets = text.match(/<\?xpacket begin[\s\S]*?<\?xpacket end="w"\?>/g) ?? [];
  expect(packets).toHaveLength(1);
  const values = new Map<string, string[]>();
  const parser = new SaxesParser();
  const open: string[] = [];
  parser.on('opentag', (tag) => open.push(tag.name));
  parser.on('closetag', () => open.pop());
  parser.on('text', (t) => {
    if (!t.trim()) return;
    const key = open.filter((n) => !n.startsWith('rdf:')).at(-1)!;
    values.set(key, [...(values.get(key) ?? []), t]);
  });
  parser.write(packets[0].replace(/^<\?xpacket[^>]*\?>/, '').replace(/<\?xpacket[^>]*\?>$/, '')).close();
  return values;
}

/** Builds the real forum with some content files replaced. */
async function buildVariant(changes: Record<string, string>, outputs?: string[]): Promise<BuildResult> {
  const result = await build({ content: memorySource({ ...realContentFiles(), ...changes }), templates: realSources().templates, outputs });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return result;
}

let real: BuildResult;
let archival: Uint8Array;

beforeAll(async () => {
  real = await buildRealForum();
  archival = real.outputs.get('program-archival.pdf')!;
});

describe('program-archival.pdf', () => {
  it.skipIf(missing)('passes PDFBox Preflight as PDF/A-1b with zero errors', () => {
    const result = preflight(archival);
    expect(result.valid, result.output).toBe(true);
  });

  it('has the booklet\'s pages and bookmarks (program.pdf is the same PDF/A-1b file)', async () => {
    const booklet = real.outputs.get('program.pdf')!;
    expect(Buffer.compare(Buffer.from(archival), Buffer.from(booklet))).toBe(0);
    const pages = await extractPages(archival);
    expect(pages.length).toBeGreaterThan(20);
    expect(squash(pages[0].text)).toContain('第二届神经网络新年交叉论坛');
    const marks = await outline(archival);
    expect(marks.filter((m) => m.depth === 0).map((m) => m.title)).toEqual(['论坛简介', '组织单位', '会议日程', '报告摘要', '报告人索引']);
    expect(marks.filter((m) => m.depth === 1)).toHaveLength(18);
  });

  it('carries title, organizers as author, subject, keywords, language and the forum\'s date, in the info and the XMP alike', () => {
    const info = pdfinfo(archival);
    expect(info.Title).toBe('第二届神经网络新年交叉论坛');
    expect(info.Author).toBe('黄海平, 库逸轩, 张希昀');
    expect(info.Subject).toContain('会议手册');
    expect(info.Keywords).toContain('中山大学物理学院');
    expect(info.CreationDate).toMatch(/Dec 31 00:00:00 2022 UTC/);
    const meta = xmp(archival);
    expect(meta.get('dc:title')).toEqual([info.Title]);
    expect(meta.get('dc:creator')).toEqual([info.Author]);
    expect(meta.get('dc:description')).toEqual([info.Subject]);
    expect(meta.get('pdf:Keywords')).toEqual([info.Keywords]);
    expect(meta.get('dc:language')).toEqual(['zh-CN']);
    expect(meta.get('xmp:CreateDate')).toEqual(['2022-12-31T00:00:00Z']);
    expect(meta.get('pdfaid:part')).toEqual(['1']);
    expect(Buffer.from(archival).toString('latin1')).toMatch(/\/Lang \(zh-CN\)/);
  });
});

describe('every output of the build', () => {
  it('embeds every font, none of them Type 3, and passes qpdf --check', () => {
    expect(real.outputs.size).toBeGreaterThanOrEqual(3);
    for (const [name, bytes] of real.outputs) {
      if (!name.endsWith('.pdf')) continue;
      const fonts = pdffonts(bytes);
      expect(fonts.length, name).toBeGreaterThanOrEqual(1);
      for (const f of fonts) {
        expect(f.embedded, `${name}: ${f.line}`).toBe(true);
        expect(f.type, `${name}: ${f.line}`).not.toMatch(/Type 3/);
      }
      const check = qpdfCheck(bytes);
      expect(check.ok, `${name}: ${check.output}`).toBe(true);
    }
  });
});

describe('titles that XML would misread', () => {
  const name = `神经网络 & <脑科学> "论坛" 'A&B'`;
  let pdf: Uint8Array;
  beforeAll(async () => {
    const forum = realContentFiles()['forum.yaml'].toString('utf8')
      .replace(/^name: .*$/m, `name: '${name.replace(/'/g, "''")}'`)
      .replace(/^organizing_committee: .*$/m, "organizing_committee: ['黄 & 海平', '<库逸轩>']");
    pdf = (await buildVariant({ 'forum.yaml': forum })).outputs.get('program-archival.pdf')!;
  });

  it('keep the XMP well-formed and the title exactly as written', () => {
    expect(xmp(pdf).get('dc:title')).toEqual([name]);
    expect(xmp(pdf).get('dc:creator')).toEqual(['黄 & 海平, <库逸轩>']);
    expect(pdfinfo(pdf).Title).toBe(name);
  });

  it.skipIf(missing)('still pass Preflight', () => {
    const result = preflight(pdf);
    expect(result.valid, result.output).toBe(true);
  });
});

describe('transparency', () => {
  it.skipIf(missing)('is printed opaque in PDF/A-1, which then passes Preflight', async () => {
    const meta = { title: 'T', author: 'A', subject: 'S', keywords: 'K', language: 'en', date: new Date(0) };
    const doc = { pageSize: 'A6', defaultStyle: { font: 'serif' }, content: [{ text: 'half see-through', opacity: 0.4 }] };
    const raw = await renderPdf(doc, meta, builtinFonts(), { pdfa: true });
    const { bytes, madeOpaque } = await toPdfA(raw, meta, { part: 1 });
    expect(madeOpaque).toBe(1);
    const result = preflight(bytes);
    expect(result.valid, result.output).toBe(true);
  });
});

describe('archival.pdfa: 3b', () => {
  let result: BuildResult;
  beforeAll(async () => {
    result = await buildVariant({ 'settings.yaml': 'archival:\n  pdfa: 3b\n' });
  });

  it('attaches every content file the program was read from, byte for byte, but not the attendee list', () => {
    const pdf = tempFile(result.outputs.get('program-archival.pdf')!);
    const list = execFileSync('pdfdetach', ['-list', pdf]).toString().trim().split('\n').slice(1)
      .map((l) => l.replace(/^\d+:\s*/, ''));
    expect(Object.keys(realContentFiles())).toContain('attendees.csv');
    expect(list).not.toContain('attendees.csv');
    const expected = Object.keys(realContentFiles()).concat('settings.yaml').filter((f) => /\.(ya?ml|md|csv)$/.test(f) && f !== 'attendees.csv');
    expect([...new Set(list)].sort()).toEqual([...new Set(expected)].sort());
    const files = { ...realContentFiles(), 'settings.yaml': Buffer.from('archival:\n  pdfa: 3b\n') };
    list.forEach((path, i) => {
      const out = `${pdf}.${i}`;
      execFileSync('pdfdetach', ['-save', String(i + 1), '-o', out, pdf]);
      expect(readFileSync(out).equals(files[path]), path).toBe(true);
    });
  });

  it('says PDF/A-3 in its XMP, marks the files as its source, and keeps the booklet\'s pages', async () => {
    const bytes = result.outputs.get('program-archival.pdf')!;
    expect(xmp(bytes).get('pdfaid:part')).toEqual(['3']);
    const text = Buffer.from(bytes).toString('latin1');
    expect(text.startsWith('%PDF-1.7')).toBe(true);
    const sources = Object.keys(realContentFiles()).filter((f) => /\.(ya?ml|md|csv)$/.test(f) && f !== 'attendees.csv').length + 1; // + settings.yaml
    expect(text.match(/\/AFRelationship \/Source/g)?.length).toBe(sources);
    expect(text).toMatch(/\/AF \[/);
    const [a, b] = await Promise.all([extractPages(bytes), extractPages(result.outputs.get('program.pdf')!)]);
    expect(a.map((p) => p.text)).toEqual(b.map((p) => p.text));
    expect(qpdfCheck(bytes).ok).toBe(true);
  });
});

describe('archival: attach_attendees', () => {
  it('puts attendees.csv into the PDF/A-3b archive only when settings.yaml asks for it', async () => {
    const settings = 'archival:\n  pdfa: 3b\n  attach_attendees: true\n';
    const built = await buildVariant({ 'settings.yaml': settings }, ['program-archival.pdf']);
    const pdf = tempFile(built.outputs.get('program-archival.pdf')!);
    const list = execFileSync('pdfdetach', ['-list', pdf]).toString();
    expect(list).toMatch(/\d+: attendees\.csv$/m);
  });
});
