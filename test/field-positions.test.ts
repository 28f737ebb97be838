import { describe, expect, it } from 'vitest';
import { LineCounter, parseDocument, isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import { build } from '../src/build.js';
import { Diagnostics } from '../src/diagnostics.js';
import { parseYaml } from '../src/load/yaml.js';
import { cellPos, parseCsv } from '../src/load/csv.js';
import { fieldCharAt } from '../src/load/field-pos.js';
import type { FieldPos } from '../src/model/types.js';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { diskSource, memorySource } from '../src/io.js';
import { ROOT } from './helpers/build.js';
import { realProject, projectSources, type Project } from './helpers/project.js';

/** Where each character of `value` other than spaces is, by fieldCharAt, as "line:column". */
function placesOf(pos: FieldPos, value: string): string[] {
  return [...value].filter((ch) => !/\s/u.test(ch)).map((_, i) => {
    const at = fieldCharAt(pos, i);
    return `${at.line}:${at.column}`;
  });
}

function yamlField(text: string, path: (string | number)[]): { pos: FieldPos; value: string } {
  const file = parseYaml('t.yaml', text, new Diagnostics())!;
  return { pos: file.fieldAt(path)!, value: path.reduce((v: any, k) => v[k], file.value) as string };
}

describe('where each character of a field is written', () => {
  // Each case: the YAML, and the line:column of each character of the title other than spaces, counted by hand.
  const cases: Array<[string, string, string[]]> = [
    ['plain', 'title: Session  Three\n', ['1:8', '1:9', '1:10', '1:11', '1:12', '1:13', '1:14', '1:17', '1:18', '1:19', '1:20', '1:21']],
    ['plain over lines', 'title: Se\n  Th x\n', ['1:8', '1:9', '2:3', '2:4', '2:6']],
    ['single-quoted', "title: 'It''s 中文'\n", ['1:9', '1:10', '1:11', '1:13', '1:15', '1:16']],
    ['double-quoted, escapes', 'title: "a\\u00e9\\t\\U0001F600b\\\\c\\"d"\n', ['1:9', '1:10', '1:18', '1:28', '1:29', '1:31', '1:32', '1:34']],
    ['double-quoted, a pair of escaped halves', 'title: "x\\uD83D\\uDE00y"\n', ['1:9', '1:10', '1:22']],
    ['double-quoted over lines', 'title: "ab\\\n  cd\n\n  e"\n', ['1:9', '1:10', '2:3', '2:4', '4:3']],
    ['literal block', 'title: |\n  one\n    two\n\n  three\n', ['2:3', '2:4', '2:5', '3:5', '3:6', '3:7', '5:3', '5:4', '5:5', '5:6', '5:7']],
    ['folded block with a comment on its header', 'title: >- # a comment: S\n  Sess\n  ion\n', ['2:3', '2:4', '2:5', '2:6', '3:3', '3:4', '3:5']],
  ];
  for (const [name, text, places] of cases) {
    it(name, () => {
      const { pos, value } = yamlField(text, ['title']);
      expect(placesOf(pos, value)).toEqual(places);
    });
  }

  it('counts a character beyond the BMP as one column', () => {
    const text = 'name: 𠮷野 家\n';
    const { pos, value } = yamlField(text, ['name']);
    expect(placesOf(pos, value)).toEqual(['1:7', '1:8', '1:10']);
  });

  it('shifts front matter by its line offset', () => {
    const file = parseYaml('a.md', 'title: 连续学习\n', new Diagnostics(), 1)!;
    expect(file.fieldAt(['title'])).toEqual({ file: 'a.md', line: 2, column: 8 });
  });

  it('reads CSV cells: plain, quoted with "" and a line break', () => {
    const text = 'id,name,affiliation\nA1,"李""明",中 大\nA2,"张\n三",x\n';
    const csv = parseCsv('a.csv', text, new Diagnostics())!;
    const [first, second] = csv.rows;
    expect(placesOf(cellPos('a.csv', first, 1)!, first.cells[1])).toEqual(['2:5', '2:6', '2:8']);
    expect(placesOf(cellPos('a.csv', first, 2)!, first.cells[2])).toEqual(['2:11', '2:13']);
    expect(placesOf(cellPos('a.csv', second, 1)!, second.cells[1])).toEqual(['3:5', '4:1']);
  });
});

/** Printable fields of the forum's YAML files: a character no font has goes into each. */
const PRINTED = new Set(['title', 'zh', 'en', 'name', 'name_en', 'affiliation', 'venue', 'contact', 'funding', 'platform', 'note',
  'hosts', 'co_hosts', 'organizing_committee', 'academic_committee', 'chair', 'label', 'label_en', 'people']);

/** Private-use characters, which no font of the project has, one per field so that each is told apart. */
const PUA = 0xe100;

/**
 * Puts a character no font has after the first character of every printed string of a YAML
 * text; returns the text and where each went (by its character).
 */
function seedYaml(file: string, text: string, lineOffset: number, next: () => string, where: Map<string, string>, keys: Map<string, string>): string {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const inserts: Array<{ offset: number; ch: string }> = [];
  const visit = (node: Node | null | undefined, key: string | undefined): void => {
    if (isMap(node)) for (const pair of node.items) if (isPair(pair) && isScalar(pair.key)) visit(pair.value as Node, String(pair.key.value));
    if (isSeq(node)) for (const item of node.items) visit(item as Node, key);
    if (isScalar(node) && typeof node.value === 'string' && key && PRINTED.has(key) && node.range && node.type === 'PLAIN' && node.value.length > 1) {
      const ch = next();
      keys.set(ch, `${file}:${key}`);
      inserts.push({ offset: node.range[0] + [...node.value][0].length, ch });
    }
  };
  visit(doc.contents as Node, undefined);
  let out = text;
  for (const { offset, ch } of inserts.sort((a, b) => b.offset - a.offset)) out = out.slice(0, offset) + ch + out.slice(offset);
  // Where each went, in the seeded text (earlier inserts move later ones along their line).
  const seeded = out.split('\n');
  seeded.forEach((line, l) => [...line].forEach((c, col) => {
    if (c.codePointAt(0)! >= PUA && c.codePointAt(0)! < PUA + 2000) where.set(c, `${file}:${l + 1 + lineOffset}:${col + 1}`);
  }));
  return out;
}

/** The real forum with such a character in every printed YAML string and every name of attendees.csv. */
function seededForum(): { project: Project; where: Map<string, string>; keys: Map<string, string> } {
  const project = realProject();
  const where = new Map<string, string>();
  const keys = new Map<string, string>();
  let n = 0;
  const next = () => String.fromCodePoint(PUA + n++);
  for (const [path, value] of project) {
    if (!path.startsWith('content/')) continue;
    const text = value.toString();
    if (/\.ya?ml$/.test(path)) project.set(path, seedYaml(path, text, 0, next, where, keys));
    if (path.endsWith('.md') && text.startsWith('---\n')) {
      const end = text.indexOf('\n---', 4);
      project.set(path, `---\n${seedYaml(path, text.slice(4, end + 1), 1, next, where, keys)}${text.slice(end + 1)}`);
    }
    if (path === 'content/attendees.csv') {
      project.set(path, text.split('\n').map((line, l) => {
        if (l === 0 || !line) return line;
        const cells = line.split(',');
        const ch = next();
        cells[1] = [...cells[1]][0] + ch + cells[1].slice([...cells[1]][0].length);
        where.set(ch, `${path}:${l + 1}:${cells[0].length + 3}`);
        return cells.join(',');
      }).join('\n'));
    }
  }
  // Each character again in a comment, which is not printed: a search through the files would find it there too.
  project.set('content/forum.yaml', `${project.get('content/forum.yaml')}# ${[...where.keys()].join(' ')}\n`);
  return { project, where, keys };
}

describe('a character no font has, in every printed field of the forum', () => {
  it('is reported at its own line and column, never found by searching the files', { timeout: 60_000 }, async () => {
    const { project, where, keys } = seededForum();
    expect(where.size).toBeGreaterThan(100);
    // The documents first; the badges are checked on their own (a document's error stops the build before them).
    const documents = await build({ ...projectSources(project), checkOnly: true });
    const badges = await build({ ...projectSources(project), checkOnly: true, outputs: ['badges.pdf'] });
    const reported = new Map<string, string[]>();
    for (const d of [...documents.diagnostics, ...badges.diagnostics].filter((x) => x.rule === 'missing-glyph')) {
      const ch = /U\+([0-9A-F]+)/.exec(d.message)![1];
      const key = String.fromCodePoint(parseInt(ch, 16));
      reported.set(key, [...reported.get(key) ?? [], `${d.file}:${d.line}:${d.column}`]);
    }
    const wrong = [...reported].filter(([ch, at]) => at.some((a) => a !== where.get(ch))).map(([ch, at]) => `${where.get(ch)} reported at ${at.join(', ')}`);
    expect(wrong).toEqual([]);
    // Every field is printed somewhere but roles.yaml's (a badge shows its holder's first role, in
    // one language) and the livestream's note (printed beside its QR code, and this forum gives no URL).
    const unprinted = [...where].filter(([ch]) => !reported.has(ch) && !/^content\/roles\.yaml:|^content\/forum\.yaml:note$/.test(keys.get(ch) ?? ''));
    expect(unprinted.map(([, at]) => at)).toEqual([]);
    expect(reported.size).toBeGreaterThan(130);
  });
});

describe('a room of a day with parallel rooms', () => {
  it('is reported where schedule.yaml writes it, in the grid and the sessions alike', { timeout: 60_000 }, async () => {
    const dir = join(ROOT, 'test', 'conferences', 'rooms-6');
    const files: Record<string, string> = {};
    for (const f of readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (f.isFile()) files[join(f.parentPath, f.name).slice(dir.length + 1)] = readFileSync(join(f.parentPath, f.name), 'utf8');
    }
    expect(files['schedule.yaml'].split('\n')[6]).toBe('        room: "报告厅 A"');
    // Once in the room's name, once in a comment: a search through the files would report the comment too.
    files['schedule.yaml'] = `${files['schedule.yaml'].replace('room: "报告厅 A"', 'room: "报告\ue0ff厅 A"')}# \ue0ff\n`;
    const result = await build({ content: memorySource(files, 'content'), templates: diskSource(join(ROOT, 'templates'), 'templates'), checkOnly: true, outputs: ['program.pdf'] });
    expect(result.diagnostics.filter((d) => d.rule === 'missing-glyph').map((d) => `${d.file}:${d.line}:${d.column}`)).toEqual(['content/schedule.yaml:7:18']);
  });
});
