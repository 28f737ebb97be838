import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { build } from '../src/build.js';
import { main } from '../src/cli.js';
import { writeOutputsAtomically } from '../src/io.js';
import { ROOT } from './helpers/build.js';
import { projectSources, realProject } from './helpers/project.js';
import { extractPages } from './helpers/pdf.js';

const pageTexts = async (bytes: Uint8Array) => (await extractPages(bytes)).map((p) => p.text);

function hashTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of readdirSync(dir, { recursive: true }).map(String)) {
    const path = join(dir, name);
    if (statSync(path).isFile()) out.set(name, createHash('sha256').update(readFileSync(path)).digest('hex'));
  }
  return out;
}

describe('never lose work', () => {
  it('a build leaves every input file byte for byte as it was', async () => {
    const before = [hashTree(join(ROOT, 'content')), hashTree(join(ROOT, 'templates'))];
    const out = mkdtempSync(join(tmpdir(), 'forumpress-out-'));
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(await main(['build', '--content', join(ROOT, 'content'), '--templates', join(ROOT, 'templates'), '--out', out])).toBe(0);
    } finally {
      log.mockRestore();
      err.mockRestore();
    }
    expect([hashTree(join(ROOT, 'content')), hashTree(join(ROOT, 'templates'))]).toEqual(before);
    expect(readdirSync(out)).toContain('program.pdf');
    expect(readdirSync(out).filter((f) => !/\.(pdf|html|ics)$/.test(f))).toEqual([]);
    rmSync(out, { recursive: true, force: true });
  });

  it('a build killed at any moment leaves the previous PDF or a whole new one, and the next build sweeps its temporary files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'forumpress-kill-'));
    const out = join(dir, 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'program.pdf'), 'the previous booklet');
    writeFileSync(join(out, '.forumpress-program.pdf.99999.tmp'), 'left by a killed build');
    const cli = join(ROOT, 'bin/forumpress.js');
    const args = [cli, 'build', '--content', join(ROOT, 'content'), '--templates', join(ROOT, 'templates'), '--out', out];
    // Kill points across the build; CI (FORUMPRESS_THOROUGH) tries more of them.
    for (const after of process.env.FORUMPRESS_THOROUGH ? [100, 400, 700, 1000, 1300, 1600] : [250, 900, 1500]) {
      const child = spawn(process.execPath, args, { stdio: 'ignore' });
      const exited = new Promise((r) => child.once('exit', r));
      await new Promise((r) => setTimeout(r, after));
      child.kill('SIGKILL');
      await exited;
      const pdf = readFileSync(join(out, 'program.pdf'));
      const whole = pdf.toString('latin1', 0, 5) === '%PDF-' && pdf.toString('latin1', pdf.length - 6).includes('%%EOF');
      expect(whole || pdf.toString() === 'the previous booklet', `killed after ${after} ms`).toBe(true);
      // Besides hidden temporary files (swept by the next build), only whole outputs: PDFs, the web page, the calendar.
      const visible = readdirSync(out).filter((f) => !f.startsWith('.'));
      expect(visible.filter((f) => !/\.(pdf|html|ics)$/.test(f)), `killed after ${after} ms`).toEqual([]);
      for (const f of visible.filter((f) => f !== 'program.pdf')) {
        const tail = readFileSync(join(out, f)).toString('latin1').trimEnd().slice(-13);
        const end = f.endsWith('.pdf') ? '%%EOF' : f.endsWith('.html') ? '</html>' : 'END:VCALENDAR';
        expect(tail, `killed after ${after} ms: ${f}`).toContain(end);
      }
    }
    // The sweep is of the whole folder, whatever the build writes: the booklet alone is enough.
    const done = spawnSync(process.execPath, [...args, '--output', 'program.pdf']);
    expect(done.status).toBe(0);
    expect(readdirSync(out).filter((f) => f.startsWith('.'))).toEqual([]);
    expect(readdirSync(out)).toContain('program.pdf');
    rmSync(dir, { recursive: true, force: true });
  });

  it('an output that fails half-way leaves the previous PDFs and no temporary file', () => {
    const out = mkdtempSync(join(tmpdir(), 'forumpress-out-'));
    writeFileSync(join(out, 'program.pdf'), 'old booklet');
    writeFileSync(join(out, 'signs'), 'a file where a folder is needed');
    const outputs = new Map<string, Uint8Array>([['program.pdf', Buffer.from('new booklet')], ['signs/room-a.pdf', Buffer.from('sign')]]);
    expect(() => writeOutputsAtomically(out, outputs)).toThrow();
    expect(readFileSync(join(out, 'program.pdf'), 'utf8')).toBe('old booklet');
    expect(readdirSync(out).sort()).toEqual(['program.pdf', 'signs']);
    rmSync(out, { recursive: true, force: true });
  });
});

describe('content cannot reach outside or into the templates', () => {
  it('template syntax, markup and prototype names in content are printed as text', async () => {
    const project = realProject();
    const file = 'content/abstracts/zou-wenxuan.md';
    const evil = `'{{forum.name}} <page-break/> </p><p>__proto__ {{constructor}} \\\\ "q"'`;
    project.set(file, String(project.get(file)).replace('title: 连续学习的统计力学——从模型到算法', `title: ${evil}`));
    const result = await build(projectSources(project));
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const text = (await pageTexts(result.outputs.get('program.pdf')!)).join('\n');
    expect(text).toContain('{{forum.name}} <page-break/> </p><p>__proto__ {{constructor}}');
  });

  it('a template cannot reach prototypes: {{constructor}} is an unknown variable', async () => {
    const project = realProject();
    const file = 'templates/partials/booklet-cover.hbs';
    project.set(file, String(project.get(file)).replace('{{forum.venue}}', '{{forum.constructor.name}}'));
    const result = await build({ ...projectSources(project), checkOnly: true });
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => `${d.file}:${d.line} ${d.rule}`)).toEqual(['templates/partials/booklet-cover.hbs:13 template']);
  });

  it('introduction paths outside the content folder are refused', async () => {
    for (const path of ['../README.md', '/etc/passwd', 'file:///etc/passwd', 'https://example.org/x.md']) {
      const project = realProject();
      project.set('content/forum.yaml', String(project.get('content/forum.yaml')).replace('introduction: introduction.md', `introduction: "${path}"`));
      const result = await build({ ...projectSources(project), checkOnly: true });
      expect(result.diagnostics.map((d) => d.rule), path).toEqual(['missing-file']);
    }
  });
});

describe('images in abstracts', () => {
  it('a PNG and a JPEG from inside the content folder are placed; paths outside are never read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'forumpress-img-'));
    execFileSync('convert', ['-size', '300x150', 'gradient:#0b5d4b-#e8f1ee', join(dir, 'fig.png')]);
    execFileSync('convert', [join(dir, 'fig.png'), join(dir, 'fig.jpg')]);
    const project = realProject();
    project.set('content/abstracts/fig.png', readFileSync(join(dir, 'fig.png')));
    project.set('content/images/fig.jpg', readFileSync(join(dir, 'fig.jpg')));
    const file = 'content/abstracts/zou-wenxuan.md';
    project.set(file, String(project.get(file)).replace('kind: talk\n---\n', 'kind: talk\n---\n![一](fig.png)\n\n![二](../images/fig.jpg)\n\n![三](../../content/abstracts/fig.png)\n\n'));
    const result = await build({ ...projectSources(project), outputs: ['program.pdf'] });
    expect(result.diagnostics.filter((d) => d.rule.startsWith('image')).map((d) => `${d.line} ${d.rule}`)).toEqual(['12 image-outside']);
    writeFileSync(join(dir, 'out.pdf'), result.outputs.get('program.pdf')!);
    const list = execFileSync('pdfimages', ['-list', join(dir, 'out.pdf')], { encoding: 'utf8' });
    expect(list.trim().split('\n').slice(2).map((l) => l.trim().split(/\s+/).slice(3, 6).join(' '))).toEqual(['300 150 rgb', '300 150 rgb']);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('bounds', () => {
  it('a 10 MB abstract is refused with a positioned error, and the rest is still checked', async () => {
    const project = realProject();
    project.set('content/abstracts/huge.md', '---\ntitle: x\nspeakers: [{ name: x }]\n---\n' + '很长的摘要。'.repeat(600_000));
    project.set('content/schedule.yaml', String(project.get('content/schedule.yaml')).replace('chair: 张文昊', 'chiar: 张文昊'));
    const result = await build({ ...projectSources(project), checkOnly: true });
    expect(result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.rule}`)).toEqual([
      'content/abstracts/huge.md:1:1 file-too-large',
      'content/schedule.yaml:12:9 unknown-field',
    ]);
  });

  it('a 5 MB abstract (within the file limit) is refused before it is laid out', async () => {
    const project = realProject();
    const para = '这是一个很长的段落，用来检验界限。'.repeat(50) + '\n\n';
    project.set('content/abstracts/zou-wenxuan.md', String(project.get('content/abstracts/zou-wenxuan.md')) + '\n\n' + para.repeat(2000));
    const result = await build({ ...projectSources(project), checkOnly: true });
    expect(result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.rule}`)).toEqual(['content/abstracts/zou-wenxuan.md:1:1 too-large']);
  });

  it('a schedule of 100,000 rows is refused, not parsed for minutes', async () => {
    const project = realProject();
    const rows = Array.from({ length: 100_000 }, (_, i) => `      - { time: 08:00-08:01, kind: other, title: x${i} }\n`);
    project.set('content/schedule.yaml', 'days:\n  - date: 2022-12-31\n    program:\n' + rows.join(''));
    const result = await build({ ...projectSources(project), checkOnly: true });
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line} ${d.rule}`)).toEqual(['content/schedule.yaml:1 too-large']);
  });

  it('a schedule over the slot limit but under the size limit is an error at days:', async () => {
    const project = realProject();
    const rows = Array.from({ length: 3500 }, (_, i) => `    - {time: '${String(8 + Math.floor(i / 60) % 16).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}-23:59', kind: other, title: x, room: r${i}}\n`);
    project.set('content/schedule.yaml', '# many\ndays:\n- date: 2022-12-31\n  program:\n' + rows.join(''));
    const result = await build({ ...projectSources(project), checkOnly: true });
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line}:${d.column} ${d.rule}`)).toEqual(['content/schedule.yaml:3:1 too-large']);
  });
});

describe('fonts', () => {
  it('names from many countries, Greek, maths and CJK Extension B print without missing glyphs', async () => {
    const project = realProject();
    const file = 'content/abstracts/zou-wenxuan.md';
    const names = 'Przemysław Łukasiewicz, Erdős Pál, Şişli İnce, Čapek Dvořák Žižek, Nguyễn Thị Hồng, Ağaoğlu';
    project.set(file, String(project.get(file)).replace('灾难性遗忘目前', `${names}. α β Σ ≤ ∑ ∫ ∞ 𝔼; 𠮷野家 𩸽。灾难性遗忘目前`));
    const result = await build({ ...projectSources(project), outputs: ['program.pdf'] });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const text = (await pageTexts(result.outputs.get('program.pdf')!)).join('\n').replace(/\s+/g, ' ');
    for (const word of names.split(/[ ,.]+/)) expect(text).toContain(word);
    for (const ch of ['α', 'Σ', '∑', '∫', '𝔼', '𠮷', '𩸽']) expect(text).toContain(ch);
  });
});
