import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../src/build.js';
import { realProject, projectSources, type Project } from './helpers/project.js';

/**
 * One runner for every broken-input case under test/fixtures/<case>/:
 *   content/..., templates/...  files laid over a copy of the real project (added or replaced)
 *   edits.json                  [{ "file", "find", "replace" }] text edits of the real files
 *   delete.txt                  project paths to remove, one a line
 *   render                      present: build the PDFs (page-length checks), and check that
 *                               `forumpress check` (layout only) says the same
 *   layout                      present: lay the documents it names (one a line) out, drawing
 *                               nothing (`forumpress check`'s layout: the lost-content checks)
 *   expected.txt                the diagnostics, one `file:line:col severity[rule]` a line
 * `UPDATE=1 npx vitest run test/fixtures.test.ts` rewrites expected.txt from what the build says.
 */
const FIXTURES = join(import.meta.dirname, 'fixtures');
// import/ holds schedule exports for test/import.test.ts, lang-* whole programs in other languages
// (test/languages-*.test.ts): not broken-input cases.
const cases = readdirSync(FIXTURES).filter((name) => name !== 'import' && !name.startsWith('lang-') && statSync(join(FIXTURES, name)).isDirectory()).sort();

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)]));
}

/** The real project with one case's changes applied; a find text that is not there fails the case. */
export function caseProject(dir: string): Project {
  const project = realProject();
  for (const top of ['content', 'templates']) {
    if (!existsSync(join(dir, top))) continue;
    for (const path of walk(join(dir, top))) project.set(relative(dir, path), readFileSync(path));
  }
  if (existsSync(join(dir, 'edits.json'))) {
    for (const edit of JSON.parse(readFileSync(join(dir, 'edits.json'), 'utf8')) as Array<{ file: string; find: string; replace: string }>) {
      const text = project.get(edit.file)?.toString();
      if (text === undefined || !text.includes(edit.find)) throw new Error(`${dir}: "${edit.find}" is not in ${edit.file}`);
      project.set(edit.file, text.replace(edit.find, edit.replace));
    }
  }
  if (existsSync(join(dir, 'delete.txt'))) {
    for (const path of readFileSync(join(dir, 'delete.txt'), 'utf8').split('\n').filter(Boolean)) project.delete(path);
  }
  return project;
}

describe('broken inputs (test/fixtures)', () => {
  it('has at least 40 cases', () => expect(cases.length).toBeGreaterThanOrEqual(40));

  for (const name of cases) {
    it(name, async () => {
      const dir = join(FIXTURES, name);
      const layout = existsSync(join(dir, 'layout')) ? readFileSync(join(dir, 'layout'), 'utf8').split('\n').filter(Boolean) : undefined;
      const result = await build({ ...projectSources(caseProject(dir)), checkOnly: !existsSync(join(dir, 'render')), ...(layout && { layout: true, outputs: layout }) });
      const actual = result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity}[${d.rule}]`).join('\n') + '\n';
      const expectedFile = join(dir, 'expected.txt');
      if (process.env.UPDATE || !existsSync(expectedFile)) writeFileSync(expectedFile, actual);
      expect(actual).toBe(readFileSync(expectedFile, 'utf8'));
      // Every case is a mistake: it must be found, and errors must stop the build.
      expect(result.diagnostics.length).toBeGreaterThan(0);
      expect(result.ok).toBe(!result.diagnostics.some((d) => d.severity === 'error'));
      if (!result.ok) expect(result.outputs.size).toBe(0);
      // `forumpress check` (layout only, nothing drawn) finds the same page-length problems.
      if (existsSync(join(dir, 'render'))) {
        const checked = await build({ ...projectSources(caseProject(dir)), checkOnly: true, layout: true });
        expect(checked.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity}[${d.rule}]`).join('\n') + '\n', 'check --layout').toBe(actual);
      }
    });
  }
});
