import { describe, expect, it } from 'vitest';
import { isValidTime, parseTimeRange } from '../../src/check/times.js';
import { zhDate, zhDateRange, zhNumber, zhWeekday } from '../../src/layout/dates.js';
import { isCjk, normalizeSpace } from '../../src/layout/text.js';

describe('times', () => {
  it('pads and validates clock times', () => {
    expect(parseTimeRange('9:00 - 10:30')).toEqual({ start: '09:00', end: '10:30' });
    expect(isValidTime('23:59')).toBe(true);
    expect(isValidTime('24:00')).toBe(false);
    expect(isValidTime('10:60')).toBe(false);
  });
});

describe('Chinese dates', () => {
  it('formats dates, weekdays and ranges', () => {
    expect(zhDate('2023-01-01')).toBe('2023年1月1日');
    expect(zhWeekday('2022-12-31')).toBe('星期六');
    expect(zhDateRange('2022-12-31', '2023-01-01')).toBe('2022年12月31日—2023年1月1日');
    expect(zhDateRange('2023-05-01', '2023-05-03')).toBe('2023年5月1日—3日');
    expect(zhDateRange('2023-05-30', '2023-06-01')).toBe('2023年5月30日—6月1日');
  });

  it('writes Chinese numerals', () => {
    expect([1, 2, 10, 12, 20, 21].map(zhNumber)).toEqual(['一', '二', '十', '十二', '二十', '二十一']);
  });
});

describe('text', () => {
  it('drops template line breaks between Chinese characters and keeps spaces between words', () => {
    expect(normalizeSpace('中文\n  排版 and\n  English')).toBe('中文排版 and English');
    expect(normalizeSpace('雷\u3000娜  x')).toBe('雷\u3000娜 x');
    expect(isCjk('，')).toBe(true);
    expect(isCjk('𠮷')).toBe(true);
    expect(isCjk('a')).toBe(false);
  });
});

