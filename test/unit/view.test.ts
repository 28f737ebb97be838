import { describe, expect, it } from 'vitest';
import { loadProgram } from '../../src/check/program.js';
import { Diagnostics } from '../../src/diagnostics.js';
import { memorySource } from '../../src/io.js';
import { programView } from '../../src/layout/view.js';
import { sortByName } from '../../src/layout/sort-names.js';
import { realContentFiles } from '../helpers/build.js';

function view(files: Record<string, string>) {
  const diags = new Diagnostics();
  const { program } = loadProgram(memorySource(files), diags);
  expect(diags.list.filter((d) => d.severity === 'error')).toEqual([]);
  return programView(program!);
}

describe('programView', () => {
  it('indexes speakers by pinyin, one entry per person, with all their talks', () => {
    const files = realContentFiles();
    // Two people called 李娜 at two places, and one speaker with two talks.
    files['abstracts/zheng-yajing.md'] = files['abstracts/zheng-yajing.md'].replace('name: 郑雅菁\n    affiliation: 北京大学', 'name: 李娜\n    affiliation: 北京大学');
    files['abstracts/xu-zhiqin.md'] = files['abstracts/xu-zhiqin.md'].replace('name: 许志钦\n    affiliation: 上海交大', 'name: 李娜\n    affiliation: 复旦大学');
    files['abstracts/qi-yang.md'] = files['abstracts/qi-yang.md'].replace('name: 祁阳\n    affiliation: 复旦大学', 'name: 李娜\n    affiliation: 复旦大学');
    const index = view(files).speakerIndex;
    const li = index.filter((e) => e.name === '李娜');
    expect(li.map((e) => [e.affiliation, e.talks.length])).toEqual([['北京大学', 1], ['复旦大学', 2]]);
    const names = index.map((e) => e.name);
    expect(names).toEqual(sortByName(names, (name) => ({ name })));
  });

  it("files the index by surname reading (曾 under Z), with a speaker's sort_as taking precedence", () => {
    const files = realContentFiles();
    files['abstracts/zheng-yajing.md'] = files['abstracts/zheng-yajing.md'].replace('name: 郑雅菁', 'name: 曾雅菁');
    // 单 as a surname reads Shàn; this speaker's family says Dān, which sort_as records.
    files['abstracts/qi-yang.md'] = files['abstracts/qi-yang.md'].replace('name: 祁阳', 'name: 单阳\n    sort_as: Dan Yang');
    const names = view(files).speakerIndex.map((e) => e.name);
    expect(names.slice(0, 4)).toEqual(['毕宏杰', '单阳', '丁健豪', '董行思']);
    expect(names.slice(-3)).toEqual(['曾雅菁', '周海军', '邹文轩']);
  });

  it('writes days and sessions the way the templates show them', () => {
    const v = view(realContentFiles());
    expect(v.days.map((d) => [d.numberZh, d.full])).toEqual([['第一天', '2022年12月31日 星期六'], ['第二天', '2023年1月1日 星期日']]);
    const s1 = v.days[0].items.find((i) => i.isSession)!.session!;
    expect([s1.title, s1.chairs, s1.room, s1.hasRoom, s1.time]).toEqual(['Session 1', '张文昊', '线上', false, '09:00–11:00']);
    expect(v.forum.dateRange).toBe('2022年12月31日—2023年1月1日');
  });
});
