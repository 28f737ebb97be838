import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../src/build.js';
import { diskSource, FONT_MAX_BYTES } from '../src/io.js';
import { projectSources, realProject } from './helpers/project.js';

/** Debian's fonts-noto-cjk ships TTC collections; .ci/run installs it for this test only. */
const TTC = '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc';

describe('an organizer-supplied font (theme.yaml fonts:)', () => {
  it.skipIf(!existsSync(TTC) && !process.env.CI)('a TTC face chosen by PostScript name is embedded and used', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'forumpress-fonts-'));
    copyFileSync(TTC, join(dir, 'NotoSerifCJK-Regular.ttc'));
    const project = realProject();
    project.set('templates/theme.yaml', 'fonts:\n  serif: { normal: { file: NotoSerifCJK-Regular.ttc, postscript: NotoSerifCJKsc-Regular } }\n' + String(project.get('templates/theme.yaml')));
    // The booklet alone: the face is loaded once for every document, and pdffonts reads the booklet.
    const result = await build({ ...projectSources(project), fonts: diskSource(dir, 'fonts', FONT_MAX_BYTES), outputs: ['program.pdf'] });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    writeFileSync(join(dir, 'program.pdf'), result.outputs.get('program.pdf')!);
    const fonts = execFileSync('pdffonts', [join(dir, 'program.pdf')], { encoding: 'utf8' });
    expect(fonts).toMatch(/\+NotoSerifCJKsc-Regular /);
    expect(fonts).not.toMatch(/\+NotoSerifSC-Regular /);
    rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(!existsSync(TTC) && !process.env.CI)('a face name the collection does not have is an error at theme.yaml, listing the names', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'forumpress-fonts-'));
    copyFileSync(TTC, join(dir, 'cjk.ttc'));
    const project = realProject();
    project.set('templates/theme.yaml', 'fonts:\n  serif:\n    normal: cjk.ttc\n    bold: { file: cjk.ttc, postscript: NoSuchFace }\n' + String(project.get('templates/theme.yaml')));
    const result = await build({ ...projectSources(project), fonts: diskSource(dir, 'fonts', FONT_MAX_BYTES), checkOnly: true });
    const found = result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.rule} ${d.message}`);
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(/^templates\/theme.yaml:3:13 font-file .*collection.*NotoSerifCJKsc-Regular/);
    expect(found[1]).toMatch(/^templates\/theme.yaml:4:11 font-file .*no face named "NoSuchFace"/);
    rmSync(dir, { recursive: true, force: true });
  });
});
