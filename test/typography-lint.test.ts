import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers/build.js';
import { runCli } from './helpers/cli.js';

/** A copy of the real project where a speaker sent an abstract with a copy-editor's worth of mistakes. */
function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'forumpress-typo-'));
  cpSync(join(ROOT, 'content'), join(dir, 'content'), { recursive: true });
  cpSync(join(ROOT, 'templates'), join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'content/abstracts/lei-na.md'), [
    '---',
    'title: 最优传输(OT)视角下的深度学习',
    'speakers:',
    '  - name: 雷娜',
    '    affiliation: 大连理工大學',
    '  - name: 陳國璋',
    '    affiliation: 香港科技大學',
    'kind: talk',
    '---',
    '为什么?因为 "神经网络" 很好 —— 真的, 是吗',
    '',
    'English stays as typed: f(x), "quoted", a: b. A link [链接](https://example.org/a(b)?q=中文) and `代码(x)` too.',
    '',
  ].join('\n'));
  return dir;
}

/** `forumpress <args>` run from the project folder (in this process: test/cli.test.ts runs the real binary). */
const run = (dir: string, ...args: string[]) => runCli(dir, ...args);

/** Digest of every file under a folder, by path: to tell whether anything was written. */
function digests(dir: string): Map<string, string> {
  const all = new Map<string, string>();
  const walk = (d: string) => readdirSync(d).forEach((n) => {
    const p = join(d, n);
    if (statSync(p).isDirectory()) walk(p); else all.set(p, createHash('sha256').update(readFileSync(p)).digest('hex'));
  });
  walk(dir);
  return all;
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('typography lint (check, check --fix)', () => {
  it('check warns at each mistake\'s place, with the fix, and touches no file', async () => {
    const dir = project();
    dirs.push(dir);
    const before = digests(join(dir, 'content'));
    const r = await run(dir, 'check');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n').filter((l) => l.startsWith('content/abstracts/lei-na.md'));
    expect(lines.map((l) => l.replace(/: ".*$/, ''))).toEqual([
      'content/abstracts/lei-na.md:2:12: warning[halfwidth-punctuation]: half-width "(" around Chinese text',
      'content/abstracts/lei-na.md:2:15: warning[halfwidth-punctuation]: half-width ")" around Chinese text',
      'content/abstracts/lei-na.md:5:18: warning[mixed-script]',
      'content/abstracts/lei-na.md:10:4: warning[halfwidth-punctuation]: half-width "?" in Chinese text',
      'content/abstracts/lei-na.md:10:7: warning[straight-quote]: straight quotes "…" around Chinese text',
      'content/abstracts/lei-na.md:10:13: warning[straight-quote]: straight quotes "…" around Chinese text',
      'content/abstracts/lei-na.md:10:17: warning[dash-spacing]: a space before "——"',
      'content/abstracts/lei-na.md:10:20: warning[dash-spacing]: a space after "——"',
      'content/abstracts/lei-na.md:10:23: warning[halfwidth-punctuation]: half-width "," in Chinese text',
    ]);
    expect(r.out).toContain('"大连理工大學" mixes simplified and traditional forms');
    expect(r.out).toContain('write it in one form: "大连理工大学" (simplified)');
    expect(r.out).toContain('hint: Chinese text takes full-width punctuation; `forumpress check --fix` writes it');
    expect(digests(join(dir, 'content'))).toEqual(before);
  });

  it('check --fix writes the corrections, lists each, leaves other files alone, and the booklet prints them', async () => {
    const dir = project();
    dirs.push(dir);
    const before = digests(join(dir, 'content'));
    // The files check finds something to correct in: only these may change.
    const named = new Set([...(await run(dir, 'check')).out.matchAll(/^(content\/[^:]+):\d+:\d+: warning\[(halfwidth-punctuation|straight-quote|dash-spacing)\]/gm)]
      .map((m) => join(dir, m[1])));
    expect(named).toContain(join(dir, 'content/abstracts/lei-na.md'));
    const r = await run(dir, 'check', '--fix');
    expect(r.code).toBe(0);
    expect(r.out).toContain('content/abstracts/lei-na.md:10:4: fixed[halfwidth-punctuation]: half-width "?" in Chinese text -> "？"');
    expect(r.out).toContain('content/abstracts/lei-na.md:10:17: fixed[dash-spacing]: a space before "——" -> removed');
    expect(r.out.split('\n').filter((l) => l.startsWith('content/abstracts/lei-na.md') && l.includes(': fixed['))).toHaveLength(8);
    expect(r.out).toMatch(/\d+ correction\(s\) written; check the changes/);
    const text = readFileSync(join(dir, 'content/abstracts/lei-na.md'), 'utf8');
    expect(text).toContain('title: 最优传输（OT）视角下的深度学习\n');
    expect(text).toContain('为什么？因为“神经网络”很好——真的，是吗\n');
    // What is not Chinese text, and what a person must decide (which script), stays as typed.
    expect(text).toContain('English stays as typed: f(x), "quoted", a: b. A link [链接](https://example.org/a(b)?q=中文) and `代码(x)` too.');
    expect(text).toContain('affiliation: 大连理工大學');
    const after = digests(join(dir, 'content'));
    for (const [path, digest] of before) if (!named.has(path)) expect(after.get(path), path).toBe(digest);

    const again = await run(dir, 'check', '--fix');
    expect(again.out).not.toContain('fixed[');
    expect(again.out).toContain('warning[mixed-script]');
    expect(digests(join(dir, 'content'))).toEqual(after);

    expect((await run(dir, 'build', '--output', 'program.pdf')).code).toBe(0);
    const printed = execFileSync('pdftotext', [join(dir, 'out/program.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(printed).toContain('为什么？因为“神经网络”很好——真的，是吗');
  });

  it('--fix goes with check only', async () => {
    const dir = project();
    dirs.push(dir);
    const r = await run(dir, 'build', '--fix');
    expect(r.code).toBe(2);
    expect(r.out).toContain('--fix goes with check');
  });
});
