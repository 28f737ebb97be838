/** Dates formatted with Intl.DateTimeFormat in the program's language, from ISO dates, independent of the machine's time zone. */
import type { DateParts, Locale } from '../model/types.js';

const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

function parts(iso: string): [number, number, number] {
  const [y, m, d] = iso.split('-').map(Number);
  return [y, m, d];
}

function utc(iso: string): Date {
  const [y, m, d] = parts(iso);
  return new Date(Date.UTC(y, m - 1, d));
}

const formats = new Map<string, Intl.DateTimeFormat>();

function format(language: string, options: DateParts): Intl.DateTimeFormat {
  const key = `${language}\0${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.DateTimeFormat(language, { ...options, timeZone: 'UTC' })));
  return f;
}

/** Fills "{name}" placeholders of a locale's pattern. */
export function fill(pattern: string, values: Record<string, string>): string {
  return pattern.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(values, name) ? values[name] : whole));
}

/** The date formats of one locale: the day, the day with its weekday, ranges, the nth day. */
export function dateFormats(locale: Locale) {
  const { language, dates } = locale;
  const date = (iso: string) => format(language, dates.date).format(utc(iso));
  const monthDay = (iso: string) => format(language, dates.monthDay).format(utc(iso));
  const weekday = (iso: string) => format(language, { weekday: dates.weekday }).format(utc(iso));
  return {
    date,
    weekday,
    monthDay,
    /** "2022年12月31日 星期六", "samedi 31 décembre 2022" */
    full: (iso: string) => fill(dates.full, { date: date(iso), weekday: weekday(iso), month_day: monthDay(iso) }),
    /** A talk's day: "12月31日 星期六", "samedi 31 décembre" */
    short: (iso: string) => fill(dates.short, { date: date(iso), weekday: weekday(iso), month_day: monthDay(iso) }),
    range: (start: string, end: string) => dateRange(language, dates, start, end),
    dayNumber: (n: number) => fill(dates.dayNumber, { n: String(n), cn: zhNumber(n) }),
  };
}

function dateRange(language: string, dates: Locale['dates'], start: string, end: string): string {
  const f = format(language, dates.date);
  if (start === end) return f.format(utc(start));
  if (dates.rangeSeparator === undefined) return f.formatRange(utc(start), utc(end));
  // The end leaves out what it shares with the start: 2022年12月31日—2023年1月1日, 2022年12月1日—3日.
  const [y1, m1] = parts(start);
  const [y2, m2] = parts(end);
  const drop = new Set(y1 === y2 ? (m1 === m2 ? ['year', 'month'] : ['year']) : []);
  let skip = false;
  const tail = f.formatToParts(utc(end)).filter((p) => {
    if (drop.has(p.type)) return !(skip = true);
    if (p.type === 'literal' && skip) return (skip = false);
    skip = false;
    return true;
  });
  return `${f.format(utc(start))}${dates.rangeSeparator}${tail.map((p) => p.value).join('').trim()}`;
}

/** "2022年12月31日" */
export function zhDate(iso: string): string {
  const [y, m, d] = parts(iso);
  return `${y}年${m}月${d}日`;
}

/** "星期六" */
export function zhWeekday(iso: string): string {
  return WEEKDAYS[utc(iso).getUTCDay()];
}

/** "2022年12月31日—2023年1月1日", shortened when both dates share the year or month. */
export function zhDateRange(start: string, end: string): string {
  if (start === end) return zhDate(start);
  const [y1, m1] = parts(start);
  const [y2, m2, d2] = parts(end);
  if (y1 !== y2) return `${zhDate(start)}—${zhDate(end)}`;
  if (m1 !== m2) return `${zhDate(start)}—${m2}月${d2}日`;
  return `${zhDate(start)}—${d2}日`;
}

const DIGITS = '〇一二三四五六七八九';

/** Chinese numeral for 1..99: 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一. */
export function zhNumber(n: number): string {
  if (n < 10) return DIGITS[n];
  if (n >= 100) return String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens > 1 ? DIGITS[tens] : ''}十${ones ? DIGITS[ones] : ''}`;
}
