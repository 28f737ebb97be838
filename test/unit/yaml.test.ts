import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/load/yaml.js';
import { splitFrontMatter } from '../../src/load/frontmatter.js';
import { Diagnostics } from '../../src/diagnostics.js';

describe('parseYaml', () => {
  it('reports a syntax error at its line and column, shifted for front matter', () => {
    const diags = new Diagnostics();
    expect(parseYaml('a.md', 'title: ok\nspeakers: [a, b\n', diags, 1)).toBeUndefined();
    expect(diags.list[0]).toMatchObject({ rule: 'yaml-syntax', file: 'a.md', line: 3, column: 11 });
    expect(diags.list[0].message).toBe('YAML syntax: this "[" is never closed with "]"');
  });

  it('reports a duplicate key where the second one stands', () => {
    const diags = new Diagnostics();
    parseYaml('f.yaml', 'name: a\nvenue: b\nname: c\n', diags);
    expect(diags.list[0]).toMatchObject({ rule: 'yaml-syntax', line: 3, column: 1 });
    expect(diags.list[0].hint).toMatch(/once/);
  });

  it('locates values and keys by path, and a missing value at its parent', () => {
    const diags = new Diagnostics();
    const y = parseYaml('s.yaml', 'days:\n  - date: 2022-12-31\n    program:\n      - time: 08:55-09:00\n', diags)!;
    expect(y.locate(['days', 0, 'program', 0, 'time'])).toEqual({ file: 's.yaml', line: 4, column: 15 });
    expect(y.locateKey(['days', 0], 'program')).toEqual({ file: 's.yaml', line: 3, column: 5 });
    expect(y.locate(['days', 0, 'program', 0, 'title']).line).toBe(4);
  });
});

describe('splitFrontMatter', () => {
  it('splits YAML and body and tells where each starts', () => {
    const s = splitFrontMatter('---\ntitle: x\n---\nBody\n');
    expect(s).toMatchObject({ yaml: 'title: x', yamlLineOffset: 1, body: 'Body\n', bodyLineOffset: 3, unclosed: false });
  });

  it('notices an unclosed fence and a missing one', () => {
    expect(splitFrontMatter('---\ntitle: x\n').unclosed).toBe(true);
    expect(splitFrontMatter('Just text').yaml).toBeUndefined();
  });

  it('ignores a byte-order mark and CRLF line ends', () => {
    expect(splitFrontMatter('\uFEFF---\r\ntitle: x\r\n---\r\nBody').yaml).toBe('title: x');
  });
});
