import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../src/diagnostics.js';
import { ROOT } from './helpers/build.js';

/** A copy of the project in a temporary folder, where the real command line runs. */
function project(edit?: (dir: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'forumpress-cli-'));
  cpSync(join(ROOT, 'content'), join(dir, 'content'), { recursive: true });
  cpSync(join(ROOT, 'templates'), join(dir, 'templates'), { recursive: true });
  edit?.(dir);
  return dir;
}

function run(dir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/forumpress.js'), ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function replace(dir: string, file: string, find: string, by: string): void {
  const text = readFileSync(join(dir, file), 'utf8');
  if (!text.includes(find)) throw new Error(`${find} not in ${file}`);
  writeFileSync(join(dir, file), text.replace(find, by));
}

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('forumpress command line', () => {
  it('prints every error like a compiler, exits 1, writes nothing, and shows no stack trace', () => {
    const dir = project((d) => {
      replace(d, 'content/schedule.yaml', '{ time: 14:00-14:40, talk: bi-hongjie }', '{ time: 14:40-14:00, talk: bi-hongjie }');
      replace(d, 'content/forum.yaml', 'online: true', 'onlin: true');
    });
    dirs.push(dir);
    const r = run(dir, 'build');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('content/forum.yaml:8:1: error[unknown-field]: unknown field "onlin"');
    expect(r.stderr).toContain('content/schedule.yaml:31:21: error[time-backwards]: the slot ends (14:00) before it starts (14:40)\n  hint: ');
    expect(r.stderr).toContain('2 error(s)');
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('warnings alone still build (exit 0); --strict makes them fatal and keeps the previous PDF', () => {
    const dir = project();
    dirs.push(dir);
    // The booklet alone: what --strict keeps is any previous output, the booklet as well as another.
    expect(run(dir, 'build', '--output', 'program.pdf').code).toBe(0);
    const before = readFileSync(join(dir, 'out/program.pdf'));
    writeFileSync(join(dir, 'content/abstracts/spare.md'), '---\ntitle: 备用报告\nspeakers: [{ name: 张三 }]\n---\n');
    replace(dir, 'content/forum.yaml', 'venue: 中山大学，广州', 'venue: 中山大学，广州（新）');
    const loose = run(dir, 'check');
    expect(loose.code).toBe(0);
    expect(loose.stderr).toContain('content/abstracts/spare.md:1:1: warning[unused-abstract]');
    const strict = run(dir, 'build', '--strict', '--output', 'program.pdf');
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('nothing was written');
    expect(readFileSync(join(dir, 'out/program.pdf')).equals(before)).toBe(true);
  });

  it('check writes nothing', () => {
    const dir = project();
    dirs.push(dir);
    const r = run(dir, 'check');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('content checked');
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('colours the place, the severity and the hint on a terminal', () => {
    const line = formatDiagnostic({ severity: 'error', rule: 'bad-time', file: 'content/schedule.yaml', line: 3, column: 5, message: 'm', hint: 'h' }, true);
    expect(line).toBe('\x1b[1mcontent/schedule.yaml:3:5\x1b[0m: \x1b[1;31merror\x1b[0m[bad-time]: m\n  \x1b[36mhint\x1b[0m: h');
  });
});

describe('forumpress command line, where out/ cannot be written', () => {
  it('says so plainly and exits 1, without a stack trace', () => {
    const dir = project((d) => writeFileSync(join(d, 'out'), 'a file where the folder should be'));
    dirs.push(dir);
    const r = run(dir, 'build', '--output', 'signs.pdf');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot write into "out"/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(join(dir, 'out'), 'utf8')).toBe('a file where the folder should be');
  });
});
