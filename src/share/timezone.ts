/** Time zones by IANA name (Asia/Shanghai), through the Intl data Node carries: no table of our own. */

const formats = new Map<string, Intl.DateTimeFormat>();

/** Milliseconds the zone's clock is ahead of UTC at `instant`. */
function offsetAt(zone: string, instant: number): number {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formats.set(zone, format);
  }
  const part = Object.fromEntries(format.formatToParts(new Date(instant)).map((p) => [p.type, Number(p.value)]));
  return Date.UTC(part.year, part.month - 1, part.day, part.hour, part.minute, part.second) - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant at which the wall clock of `zone` shows `date` (YYYY-MM-DD) `time` (HH:MM).
 * A time a daylight-saving change skips, or shows twice, is read with the offset before the change.
 */
export function zonedToUtc(date: string, time: string, zone: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  const DAY = 86_400_000;
  const before = wall - offsetAt(zone, wall - DAY);
  const after = wall - offsetAt(zone, wall + DAY);
  // Off a change both are the same; on one, take the reading whose offset holds at that instant.
  if (before === after || wall - offsetAt(zone, before) === before) return new Date(before);
  return new Date(wall - offsetAt(zone, after) === after ? after : before);
}
