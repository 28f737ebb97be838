import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, linkSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../src/build.js';
import { formatDiagnostic } from '../src/diagnostics.js';
import { diskSource } from '../src/io.js';
import { ROOT } from './helpers/build.js';
import iconv from 'iconv-lite';

// Files that are not what they seem: links in and out, hard links, folders and pipes by a file's name.

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A copy of the real project; `edit` changes it on disk before the check. */
function project(edit: (content: string, dir: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'forumpress-files-'));
  dirs.push(dir);
  cpSync(join(ROOT, 'content'), join(dir, 'content'), { recursive: true });
  edit(join(dir, 'content'), dir);
  return dir;
}

async function check(dir: string) {
  const result = await build({ content: diskSource(join(dir, 'content'), 'content'), templates: diskSource(join(ROOT, 'templates'), 'templates'), checkOnly: true });
  return { ...result, printed: result.diagnostics.map((d) => formatDiagnostic(d)) };
}

describe('files that are not plain files of the content folder', () => {
  it('an abstract that is a symlink to a file inside content is read', async () => {
    const dir = project((content) => {
      mkdirSync(join(content, 'drafts'));
      renameSync(join(content, 'abstracts/bi-hongjie.md'), join(content, 'drafts/bi.md'));
      symlinkSync('../drafts/bi.md', join(content, 'abstracts/bi-hongjie.md'));
    });
    const result = await check(dir);
    expect(result.printed.filter((l) => / error\[/.test(l))).toEqual([]);
  });

  it('an abstract that is a symlink out of content is an error at that file, not "no abstract file"', async () => {
    const dir = project((content, root) => {
      writeFileSync(join(root, 'secret.md'), '---\ntitle: secret\nspeakers: [{ name: X }]\n---\nsecret text\n');
      rmSync(join(content, 'abstracts/bi-hongjie.md'));
      symlinkSync(join(root, 'secret.md'), join(content, 'abstracts/bi-hongjie.md'));
    });
    const result = await check(dir);
    const errors = result.printed.filter((l) => / error\[/.test(l));
    expect(errors).toEqual(['content/abstracts/bi-hongjie.md:1:1: error[outside-folder]: the file is a link to a file outside the content folder, which is never read\n'
      + '  hint: copy the file into the content folder instead of linking to it']);
  });

  it('a hard link to a file outside content is refused, saying why, and never reaches a PDF', async () => {
    const dir = project((content, root) => {
      writeFileSync(join(root, 'passwd'), 'root:x:0:0:root:/root:/bin/bash\n');
      rmSync(join(content, 'introduction.md'));
      linkSync(join(root, 'passwd'), join(content, 'introduction.md'));
    });
    const result = await check(dir);
    expect(result.ok).toBe(false);
    expect(result.printed.join('\n')).toContain('content/introduction.md:1:1: error[hard-link]: the file has 2 hard links: its other names may lie outside the folder, so it is not read, printed or attached');
    // The real command line: exit 1, nothing written, no PDF/A-3b attachment of it.
    const cli = spawnSync(process.execPath, [join(ROOT, 'bin/forumpress.js'), 'build', '--templates', join(ROOT, 'templates')], { cwd: dir, encoding: 'utf8' });
    expect(cli.status).toBe(1);
    expect(cli.stderr).toContain('error[hard-link]');
    expect(spawnSync('ls', [join(dir, 'out')]).status).not.toBe(0);
  });

  for (const [what, make] of [
    ['a folder', (path: string) => mkdirSync(path)],
    ['a FIFO', (path: string) => execFileSync('mkfifo', [path])],
    ['a symlink out of content', (path: string) => symlinkSync('/etc/hostname', path)],
    ['a dangling symlink', (path: string) => symlinkSync('nowhere.csv', path)],
  ] as const) {
    it(`attendees.csv that is ${what} is an error (never a hang, never "no badges")`, async () => {
      const dir = project((content) => {
        rmSync(join(content, 'attendees.csv'));
        make(join(content, 'attendees.csv'));
      });
      const result = await check(dir);
      expect(result.ok).toBe(false);
      expect(result.printed.filter((l) => / error\[/.test(l)).map((l) => l.split(': error')[0])).toEqual(['content/attendees.csv:1:1']);
    });
  }

  it('a build whose attendees.csv became a folder fails and says nothing was written; badges.pdf is the last good one', () => {
    const dir = project(() => {});
    const run = () => spawnSync(process.execPath, [join(ROOT, 'bin/forumpress.js'), 'build', '--output', 'badges.pdf', '--templates', join(ROOT, 'templates')], { cwd: dir, encoding: 'utf8' });
    expect(run().status).toBe(0);
    const before = readFileSync(join(dir, 'out/badges.pdf'));
    rmSync(join(dir, 'content/attendees.csv'));
    mkdirSync(join(dir, 'content/attendees.csv'));
    const second = run();
    expect(second.status).toBe(1);
    expect(second.stderr).toContain('content/attendees.csv:1:1: error[not-a-file]: this is a folder, not a file');
    expect(second.stderr).toContain('nothing was written');
    expect(readFileSync(join(dir, 'out/badges.pdf'))).toEqual(before);
  });

  it('check --fix leaves a file it cannot decode, and a GBK file, byte for byte as they were', () => {
    const broken = Buffer.concat([Buffer.from('---\ntitle: 为什么?\nspeakers: [{ name: 毕宏杰 }]\n---\n为什么?Caf'), Buffer.from([0xe9, 0x20]), Buffer.from('ok\n')]);
    const gbk = iconv.encode('---\ntitle: 是吗?\nspeakers: [{ name: 冯志聪 }]\n---\n是吗?\n', 'gb18030');
    const dir = project((content) => {
      writeFileSync(join(content, 'abstracts/bi-hongjie.md'), broken);
      writeFileSync(join(content, 'abstracts/feng-zhicong.md'), gbk);
    });
    const cli = spawnSync(process.execPath, [join(ROOT, 'bin/forumpress.js'), 'check', '--fix', '--templates', join(ROOT, 'templates')], { cwd: dir, encoding: 'utf8' });
    expect(cli.stderr).toContain('content/abstracts/bi-hongjie.md:5:8: error[encoding]');
    expect(readFileSync(join(dir, 'content/abstracts/bi-hongjie.md'))).toEqual(broken);
    // A GBK file is checked as the text it holds, but not rewritten: a fix writes UTF-8.
    expect(cli.stderr).toContain('content/abstracts/feng-zhicong.md:2:10: warning[halfwidth-punctuation]');
    expect(readFileSync(join(dir, 'content/abstracts/feng-zhicong.md'))).toEqual(gbk);
  });
});
