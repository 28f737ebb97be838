import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers/build.js';

// One glyph of Noto Sans SC Bold serves both • (U+2022) and · (U+00B7); fontkit remembers the
// characters a glyph was first made for, and pdfkit writes those into the text layer (what
// copy and search give). Measuring or drawing one document must not decide what another's says.
const dir = mkdtempSync(join(tmpdir(), 'fp-independent-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function edit(file: string, find: string, by: string) {
  const text = readFileSync(join(dir, file), 'utf8');
  if (!text.includes(find)) throw new Error(`${find} not in ${file}`);
  writeFileSync(join(dir, file), text.replace(find, by));
}

function build(out: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/forumpress.js'), 'build', '--out', join(dir, out), ...args],
    { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  expect(r.status, r.stderr).toBe(0);
  return (name: string) => readFileSync(join(dir, out, name));
}

const text = (file: string) => execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });

describe('a document does not depend on the other documents built with it', () => {
  it('program.pdf and signs.pdf are the same files built alone or with everything else', () => {
    cpSync(join(ROOT, 'content'), join(dir, 'content'), { recursive: true });
    cpSync(join(ROOT, 'templates'), join(dir, 'templates'), { recursive: true });
    edit('content/abstracts/xie-yu.md', '- name: 谢禹', '- name: 谢·禹');
    // A • the booklet sets (its contents' title) and the signs do not.
    edit('templates/locales/zh-CN.yaml', 'contents: 目录', 'contents: •目录•');
    const alone = build('alone', '--output', 'program.pdf');
    const all = build('all');
    expect(text(join(dir, 'all', 'program.pdf'))).toContain('•目录•');
    expect(all('program.pdf').equals(alone('program.pdf'))).toBe(true);
    // The signs are drawn after the booklet, in the same process, from the same glyph objects.
    // Their first use of the glyph is 谢·禹.
    const signs = build('signs', '--output', 'signs.pdf');
    expect(all('signs.pdf').equals(signs('signs.pdf'))).toBe(true);
    // The room documents (tents, sign-in sheets, certificates) come last in a full build.
    const room = build('room', '--output', 'tents.pdf', '--output', 'signin.pdf', '--output', 'certificates.pdf');
    for (const name of ['tents.pdf', 'signin.pdf', 'certificates.pdf']) expect(all(name).equals(room(name)), name).toBe(true);
  });
});
