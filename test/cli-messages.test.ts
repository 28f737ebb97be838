import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../src/diagnostics.js';
import { ROOT, buildFrom, realContentFiles } from './helpers/build.js';

// What the command line says to a tired organizer: its version, and mistakes in its words.

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/forumpress.js'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the command line', () => {
  it('--version prints the version of package.json', () => {
    const r = run('--version');
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(`forumpress ${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version}`);
  });

  it('an unknown option gets our own message with the closest option, and the usage; no Node text', () => {
    const r = run('build', '--outptu', 'program.pdf');
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('forumpress: unknown option "--outptu"; did you mean --output?');
    expect(r.stderr).toContain('usage: forumpress');
    expect(r.stderr).not.toMatch(/ERR_PARSE_ARGS|To specify an option argument|Unknown option '/);
  });

  it('a missing value and a value given to a switch are said plainly', () => {
    expect(run('build', '--only').stderr.split('\n')[0]).toBe('forumpress: --only needs a value, e.g. --only A013,A014');
    expect(run('build', '--strict=yes').stderr.split('\n')[0]).toBe('forumpress: --strict takes no value (write --strict alone)');
  });

  it('--only with --output signs.pdf says that --only reprints badges only, and builds nothing', () => {
    const r = run('build', '--only', 'A013', '--output', 'signs.pdf', '--out', join(ROOT, 'no-such-out'));
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('forumpress: --only reprints badges, into badges-reprint.pdf; it cannot build signs.pdf. Build those without --only, in a build of their own.');
  });
});

describe('hints that name what was meant', () => {
  it('a misspelt talk id in schedule.yaml gets "did you mean" with the closest abstract', async () => {
    const files = realContentFiles();
    files['schedule.yaml'] = files['schedule.yaml'].replace('talk: bi-hongjie }', 'talk: bi-hongjei }');
    const result = await buildFrom(files);
    const error = result.diagnostics.find((d) => d.rule === 'unknown-talk')!;
    expect(formatDiagnostic(error)).toBe('content/schedule.yaml:31:40: error[unknown-talk]: no abstract file for talk "bi-hongjei"\n'
      + '  hint: did you mean "bi-hongjie"? (content/abstracts/bi-hongjie.md); or create content/abstracts/bi-hongjei.md');
  });

  it('a flow mapping missing its "}" is reported at its "{", with the closing brace as the hint', async () => {
    const files = realContentFiles();
    files['schedule.yaml'] = files['schedule.yaml'].replace('{ time: 14:00-14:40, talk: bi-hongjie }', '{ time: 14:00-14:40, talk: bi-hongjie');
    const result = await buildFrom(files);
    expect(result.diagnostics.map((d) => formatDiagnostic(d))).toEqual(['content/schedule.yaml:31:13: error[yaml-syntax]: YAML syntax: this "{" is never closed with "}"\n'
      + '  hint: end the mapping with "}" on the same line, e.g. { time: 14:00-14:40, talk: some-id }']);
  });
});
