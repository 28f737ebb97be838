import { describe, expect, it } from 'vitest';
import { dateFormats } from '../../src/layout/dates.js';
import { DEFAULT_LOCALE } from '../../src/layout/default-locale.js';
import { loadLocale } from '../../src/layout/locale.js';
import { scriptContexts } from '../../src/fonts/script-context.js';
import { Diagnostics } from '../../src/diagnostics.js';
import { realSources } from '../helpers/build.js';

const at = { language: { file: 'content/forum.yaml', line: 1, column: 1 }, second: { file: 'content/forum.yaml', line: 2, column: 1 } };
const locale = (tag: string, second?: string) => loadLocale(realSources().templates, tag, second, at, new Diagnostics())!;

describe('dates in the program\'s language (Intl.DateTimeFormat)', () => {
  it('writes Chinese dates as before', () => {
    const d = dateFormats(locale('zh-CN'));
    expect([d.full('2022-12-31'), d.short('2022-12-31'), d.range('2022-12-31', '2023-01-01'), d.range('2023-03-01', '2023-03-03'), d.dayNumber(2)])
      .toEqual(['2022年12月31日 星期六', '12月31日 星期六', '2022年12月31日—2023年1月1日', '2023年3月1日—3日', '第二天']);
    expect(dateFormats(DEFAULT_LOCALE).full('2022-12-31')).toBe('2022年12月31日 星期六');
  });

  it('writes French and English dates', () => {
    const fr = dateFormats(locale('fr'));
    expect([fr.full('2019-11-15'), fr.range('2019-11-14', '2019-11-15'), fr.dayNumber(1)]).toEqual(['vendredi 15 novembre 2019', '14–15 novembre 2019', 'Jour 1']);
    const en = dateFormats(locale('en'));
    expect([en.full('2024-06-13'), en.range('2024-06-13', '2024-06-14'), en.short('2024-06-13')]).toEqual(['Thursday, June 13, 2024', 'June 13\u2009–\u200914, 2024', 'Thursday, June 13']);
  });

  it('finds a region\'s locale by its language (fr-CA -> fr) and pairs two languages word by word', () => {
    const both = locale('fr-CA', 'en');
    expect(both.words.schedule).toEqual(['Programme', 'Program']);
    expect(both.words.online).toEqual(['En ligne', 'Online']);
    expect(both.punctuation.colon).toBe('\u202F: ');
  });
});

describe('the context that decides a character\'s face (fonts/README.md)', () => {
  const ctx = (s: string, fallback: 'c' | 'l' = 'c') => scriptContexts([...s], fallback).join('');
  it('sets an apostrophe between letters, and quotes around Latin text, with the Latin text', () => {
    expect(ctx('C’est')).toBe('lllll');
    expect(ctx('“Hi”')).toBe('llll');
  });
  it('keeps quotes around Chinese text, and … · — next to Chinese, with the Chinese text', () => {
    expect(ctx('“你好”')).toBe('cccc');
    expect(ctx('好……')).toBe('ccc');
    expect(ctx('ab—中')).toBe('llcc');
    expect(ctx('a — b')).toBe('lllll');
  });
  it('gives digits and spaces the context before them, else after them, else the document\'s', () => {
    expect(ctx('2022年')).toBe('ccccc');
    expect(ctx('Session 1')).toBe('lllllllll');
    expect(ctx('09:00', 'l')).toBe('lllll');
    expect(ctx('09:00', 'c')).toBe('ccccc');
    expect(ctx('d\u202F: x')).toBe('lllll');
  });
});
