import { beforeAll, describe, expect, it } from 'vitest';
import type { BuildResult } from '../src/build.js';
import { buildRealForum } from './helpers/build.js';
import { buildForumWith, expectNoBoxes, inspectOutputs } from './helpers/languages.js';
import { extractPages, squash } from './helpers/pdf.js';

let zh: BuildResult;
let zhEn: BuildResult;
let zhOut: Awaited<ReturnType<typeof inspectOutputs>>;
let zhEnOut: Awaited<ReturnType<typeof inspectOutputs>>;

beforeAll(async () => {
  [zh, zhEn] = await Promise.all([buildRealForum(), buildForumWith('zh-en')]);
  [zhOut, zhEnOut] = await Promise.all([inspectOutputs(zh), inspectOutputs(zhEn)]);
});

describe('the forum in Chinese (content/) and bilingual (test/fixtures/lang-zh-en)', () => {
  it('build every output without an error', () => {
    expect(zh.ok).toBe(true);
    expect(zhEn.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect([...zhEn.outputs.keys()].sort()).toEqual([...zh.outputs.keys()].sort());
    // The second language fits: no sign runs onto an extra page.
    expect(zhEn.diagnostics.filter((d) => d.rule === 'page-overflow')).toEqual([]);
  });

  it('draw no empty box in any output: no glyph id 0 in the content streams', () => {
    for (const out of [zhOut, zhEnOut]) expectNoBoxes(out, 500);
  });

  it('print no English label in the Chinese-only forum', () => {
    const text = zhOut.get('program.pdf')!.text;
    for (const word of ['Introduction', 'Contents', 'Program book', 'Chair', 'Plenary']) expect(text).not.toContain(word);
    expect(text).toContain('会议日程');
  });

  it('print labels in both languages, the second after the first and lighter', async () => {
    const pages = await extractPages(zhEn.outputs.get('program.pdf')!);
    expect(pages.flatMap((p) => p.lines).some((l) => /^会议日程\s*Program$/.test(l))).toBe(true);
    const items = pages.flatMap((p) => p.items);
    const zhItem = items.filter((i) => i.str.startsWith('会议日程')).sort((a, b) => b.height - a.height)[0];
    const enItem = items.find((i) => i.str.trim() === 'Program' && Math.abs(i.y - zhItem.y) < 3)!;
    expect(enItem.height).toBeLessThan(zhItem.height);
    const text = squash(pages.map((p) => p.text).join('\n'));
    for (const s of ['目录Contents', '报告摘要Abstracts', '主持Chair', '大会报告Plenarytalk', '吴英年WuYingnian']) expect(text).toContain(s);
  });

  it('print titles and names in both languages where content gives both, on signs and badges too', () => {
    const signs = squash(zhEnOut.get('signs.pdf')!.text);
    expect(signs).toContain('XieYu');
    expect(signs).toContain(squash('Next-generation neural mass models: research and applications'));
    expect(signs).toContain('主持Chair');
    const badges = squash(zhEnOut.get('badges.pdf')!.text);
    expect(badges).toContain('OrganizingCommittee');
    expect(badges).toContain('WuYingnian');
    expect(squash(zhOut.get('signs.pdf')!.text)).not.toContain('XieYu');
    // Session and slot titles given in both languages in schedule.yaml.
    expect(signs).toContain('第一场');
    expect(signs).toContain('Session1');
    expect(squash(zhEnOut.get('program.pdf')!.text)).toContain('中午休息Lunchbreak');
  });
});
