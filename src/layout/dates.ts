/** Chinese date formatting, from ISO dates, independent of the machine's time zone. */

const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

function parts(iso: string): [number, number, number] {
  const [y, m, d] = iso.split('-').map(Number);
  return [y, m, d];
}

/** "2022年12月31日" */
export function zhDate(iso: string): string {
  const [y, m, d] = parts(iso);
  return `${y}年${m}月${d}日`;
}

/** "12月31日" */
export function zhMonthDay(iso: string): string {
  const [, m, d] = parts(iso);
  return `${m}月${d}日`;
}

/** "星期六" */
export function zhWeekday(iso: string): string {
  const [y, m, d] = parts(iso);
  return WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
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
