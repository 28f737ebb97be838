import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { build } from '../src/build.js';
import { escapeControls, formatDiagnostic } from '../src/diagnostics.js';
import { memorySource } from '../src/io.js';
import { decodeText } from '../src/load/encoding.js';
import { realSources } from './helpers/build.js';
import { extractPages, squash } from './helpers/pdf.js';
import { realContentFiles } from './helpers/tools.js';

// Content as hostile speakers and tired organizers save it: other encodings, control characters.

const abstract = realContentFiles()['abstracts/bi-hongjie.md'].toString('utf8');
const title = '下一代神经质量模型的研究与应用';

function buildWith(files: Record<string, string | Buffer>, outputs?: string[]) {
  return build({ content: memorySource({ ...realContentFiles(), ...files }), templates: realSources().templates, outputs });
}

describe('text files in other encodings', () => {
  it('an abstract saved as GBK prints its Chinese, with a warning that names the encoding', async () => {
    const result = await buildWith({ 'abstracts/bi-hongjie.md': gbk(abstract) }, ['program.pdf']);
    expect(result.ok).toBe(true);
    const warning = result.diagnostics.find((d) => d.rule === 'encoding')!;
    expect(formatDiagnostic(warning)).toMatch(/^content\/abstracts\/bi-hongjie\.md:1:1: warning\[encoding\]: the file is saved as GB18030\/GBK.*\n  hint: save the file as UTF-8/);
    const text = squash((await extractPages(result.outputs.get('program.pdf')!)).map((p) => p.text).join('\n'));
    expect(text).toContain(title);
    expect(text).toContain(squash('兴奋性神经元驱动的类型伽马振荡'));
    expect(text).not.toContain('\uFFFD');
  });

  it('reads UTF-8 with and without a byte-order mark, UTF-16 LE and BE with one, and GB18030 alike', () => {
    const sample = `${abstract}\n𠀋 €`;
    const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(sample, 'utf16le')]);
    const utf16be = Buffer.from(utf16le.subarray(2)).swap16();
    for (const [bytes, encoding] of [[Buffer.from(sample), 'utf-8'], [Buffer.from(`\uFEFF${sample}`), 'utf-8-bom'],
      [utf16le, 'utf-16le'], [Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be]), 'utf-16be'], [gbk(sample), 'gb18030']] as const) {
      expect(decodeText(bytes)).toEqual({ text: sample, encoding });
    }
  });

  it('a file in no encoding it reads is an error at the first byte that breaks, saying to save as UTF-8', async () => {
    const latin1 = Buffer.from('---\ntitle: Un r\xe9sum\xe9\nspeakers: [{ name: Bi }]\n---\n', 'latin1');
    const result = await buildWith({ 'abstracts/bi-hongjie.md': latin1 });
    const error = result.diagnostics.find((d) => d.rule === 'encoding')!;
    expect(formatDiagnostic(error)).toBe('content/abstracts/bi-hongjie.md:2:12: error[encoding]: the file cannot be read as text: these bytes are not UTF-8, UTF-16 or GB18030/GBK\n'
      + '  hint: save the file as UTF-8 (in most editors: "Save as", then Encoding: UTF-8)');
    expect(result.ok).toBe(false);
    expect(result.outputs.size).toBe(0);
  });

  it('a CSV that is UTF-8, then GBK, is an error at the line where it changes', async () => {
    const csv = realContentFiles()['attendees.csv'].toString('utf8').split('\n');
    const mixed = Buffer.concat([Buffer.from(csv.slice(0, 6).join('\n') + '\n'), gbk(csv.slice(6).join('\n'))]);
    const result = await buildWith({ 'attendees.csv': mixed });
    const first = result.diagnostics.find((d) => d.severity === 'error')!;
    expect(`${first.file}:${first.line} ${first.rule}`).toBe('content/attendees.csv:7 encoding');
    expect(first.message).toContain('the lines before are UTF-8, this one is not');
    expect(result.outputs.size).toBe(0);
  });
});

describe('control characters from content', () => {
  it('are escaped in every printed message: a title cannot clear the terminal or set its title', async () => {
    const forum = realContentFiles()['forum.yaml'].toString('utf8');
    const evil = '\\e]0;pwned\\a\\e[2J\\0\\x9b\\u202e';
    const result = await buildWith({ 'forum.yaml': `${forum}\n"venue${evil}": x\n` });
    const printed = result.diagnostics.map((d) => formatDiagnostic(d)).join('\n');
    expect(printed).toContain('"venue<U+001B>]0;pwned<U+0007><U+001B>[2J<U+0000><U+009B><U+202E>"');
    expect(printed.replace(/\n/g, '')).not.toMatch(/[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/);
  });

  it('every C0 and C1 control, DEL, bidi override and lone surrogate is written as <U+XXXX>; other text is left alone', () => {
    const controls = [...Array(0x20).keys(), ...Array.from({ length: 0x21 }, (_, i) => 0x7f + i), 0x200e, 0x200f, 0x202a, 0x202e, 0x2066, 0x2069, 0xd800, 0xdfff];
    for (const code of controls) expect(escapeControls(`a${String.fromCharCode(code)}b`)).toBe(`a<U+${code.toString(16).toUpperCase().padStart(4, '0')}>b`);
    expect(escapeControls('黄海平 Müller 😀 𠀋 "x" <U+>')).toBe('黄海平 Müller 😀 𠀋 "x" <U+>');
  });
});

/** The bytes a Chinese Windows editor saves. */
function gbk(text: string): Buffer {
  return iconv.encode(text, 'gb18030');
}
