import { describe, expect, it } from 'vitest';
import { nameSortKey, sortByName } from '../../src/layout/sort-names.js';

const names = (list: string[]) => sortByName(list, (name) => ({ name }));

describe('sortByName', () => {
  it('reads a surname with several readings as a surname', () => {
    // Common readings would file these under C, D, C, J, D, C, P, Q.
    const cases: [string, string][] = [['曾文轩', 'zeng'], ['单雄信', 'shan'], ['仇晓', 'qiu'], ['解缙', 'xie'],
      ['翟天临', 'zhai'], ['查良镛', 'zha'], ['朴树', 'piao'], ['区健', 'ou']];
    for (const [name, surname] of cases) expect(nameSortKey({ name }).letters.split(' ')[0], name).toBe(surname);
    // Only the head of the name is read as a surname: 曾乐's 乐 stays lè.
    expect(nameSortKey({ name: '曾乐' }).letters).toBe('zeng le');
  });

  it('files 曾 under Z (after 杨, before 张), not under C', () => {
    expect(names(['周海军', '曾文轩', '陈国璋', '张文昊', '杨冬平'])).toEqual(['陈国璋', '杨冬平', '曾文轩', '张文昊', '周海军']);
  });

  it('compares syllable by syllable, then by tone', () => {
    expect(names(['先', '西安'])).toEqual(['西安', '先']);
    expect(names(['李娜', '黎勃', '雷泽'])).toEqual(['雷泽', '黎勃', '李娜']);
  });

  it('sorts Latin names by surname (the last word, or a word in capitals) in one alphabet with pinyin', () => {
    expect(names(['Ada Lovelace', '雷娜', '路子童', 'Alan Turing', 'HOPPER Grace'])).toEqual(['HOPPER Grace', '雷娜', 'Ada Lovelace', '路子童', 'Alan Turing']);
  });

  it('puts a Chinese name before a Latin one of the same letters, and other scripts last', () => {
    expect(names(['Wei Xian', 'Xian Wei', '魏宪', '김민준'])).toEqual(['魏宪', 'Xian Wei', 'Wei Xian', '김민준']);
  });

  it('takes sort_as over the computed reading, in pinyin or in characters', () => {
    const people = [{ name: '单田芳', sortAs: 'Dan Tianfang' }, { name: '陈国璋' }, { name: '曾文轩', sortAs: '层' }];
    expect(sortByName(people, (p) => p).map((p) => p.name)).toEqual(['曾文轩', '陈国璋', '单田芳']);
  });

  it('keeps equal names in their order', () => {
    const people = [{ name: '张伟', n: 1 }, { name: '张伟', n: 2 }];
    expect(sortByName(people, (p) => p).map((p) => p.n)).toEqual([1, 2]);
  });
});
