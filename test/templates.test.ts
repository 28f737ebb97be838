import { describe, expect, it } from 'vitest';
import { buildFrom, realContentFiles, realTemplateFiles } from './helpers/build.js';
import { extractPages, fillColors, squash } from './helpers/pdf.js';

const brief = (d: { file: string; line: number; column: number; rule: string }) => `${d.file}:${d.line}:${d.rule}`;

describe('templates', () => {
  it('print a title holding quotes, braces, backslashes and angle brackets as plain text', async () => {
    const files = realContentFiles();
    const nasty = 'A "quoted" }} {{forum.name}} \\ <b>not bold</b> & <p style="h1">x</p>';
    files['abstracts/lei-na.md'] = files['abstracts/lei-na.md'].replace(/^title: .*$/m, `title: ${JSON.stringify(nasty)}`);
    const result = await buildFrom(files);
    expect(result.ok).toBe(true);
    const text = (await extractPages(result.outputs.get('program.pdf')!)).map((p) => p.text).join('\n');
    expect(squash(text)).toContain(squash(nasty));
  });

  it('change the booklet without code: wording, a colour and the fields of a talk', async () => {
    const templates = realTemplateFiles();
    templates['locales/zh-CN.yaml'] = templates['locales/zh-CN.yaml'].replace('abstracts: 报告摘要', 'abstracts: Abstracts 摘要');
    templates['partials/talk-entry.hbs'] = templates['partials/talk-entry.hbs'].replace(/\{\{#if affiliation\}\}<p style="talk-affiliation">.*\n/, '');
    templates['theme.yaml'] = templates['theme.yaml'].replace('accent: "#0b5d4b"', 'accent: "#aa0000"');
    const result = await buildFrom(realContentFiles(), templates, ['program.pdf']);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const pdf = result.outputs.get('program.pdf')!;
    const pages = await extractPages(pdf);
    const talkPage = pages.find((p) => p.lines.includes('Representational Learning and Grid Cells') && p.text.includes('吴英年'))!;
    expect(talkPage.text).not.toContain('UCLA');
    expect(pages.some((p) => p.lines[0] === 'Abstracts 摘要')).toBe(true);
    expect(await fillColors(pdf, talkPage.number)).toContain('#aa0000');
  });

  it('report an unknown variable at its line in the partial', async () => {
    const templates = realTemplateFiles();
    templates['partials/talk-entry.hbs'] = templates['partials/talk-entry.hbs'].replace('{{titleSecondary}}', '{{titleSecondry}}');
    const result = await buildFrom(realContentFiles(), templates);
    expect(result.ok).toBe(false);
    expect(result.outputs.size).toBe(0);
    const d = result.diagnostics[0];
    expect(brief(d)).toBe('templates/partials/talk-entry.hbs:7:template');
    expect(d.message).toContain('titleSecondry');
  });

  it('report a Handlebars syntax error and an unknown element at their lines', async () => {
    const templates = realTemplateFiles();
    templates['partials/schedule-slot.hbs'] = templates['partials/schedule-slot.hbs'].replace('{{time}}', '{{time}');
    let result = await buildFrom(realContentFiles(), templates);
    expect(result.diagnostics.map(brief)).toContain('templates/partials/schedule-slot.hbs:3:template-syntax');

    const t2 = realTemplateFiles();
    t2['booklet/booklet.hbs'] = t2['booklet/booklet.hbs'].replace('{{> booklet-contents}}', '<tco title="Contents"/>');
    result = await buildFrom(realContentFiles(), t2);
    expect(result.diagnostics.map((d) => `${brief(d)} ${d.message}`)).toEqual([
      expect.stringMatching(/^templates\/booklet\/booklet.hbs:\d+:template unknown element <tco>/),
    ]);
  });

  it('build an A4 booklet when settings.yaml asks for it', async () => {
    const files = { ...realContentFiles(), 'settings.yaml': 'booklet:\n  paper: A4\n' };
    const result = await buildFrom(files, undefined, ['program.pdf']);
    const pages = await extractPages(result.outputs.get('program.pdf')!);
    expect([Math.round(pages[0].width), Math.round(pages[0].height)]).toEqual([595, 842]);
  });
});
