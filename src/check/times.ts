import type { Diagnostics } from '../diagnostics.js';
import type { YamlFile } from '../load/yaml.js';
import type { Day } from '../model/types.js';

/** Splits "9:00-10:30" into zero-padded "09:00" and "10:30". */
export function parseTimeRange(range: string): { start: string; end: string } {
  const [start, end] = range.split('-').map((t) => t.trim().padStart(5, '0'));
  return { start, end };
}

/** True when "HH:MM" is a real time of day. */
export function isValidTime(t: string): boolean {
  const m = /^(\d{2}):(\d{2})$/.exec(t);
  return !!m && Number(m[1]) < 24 && Number(m[2]) < 60;
}

/**
 * Checks every slot's time: valid clock times, end after start, and no overlap with the
 * previous slot in the same room (slots in different rooms may run in parallel).
 */
export function checkTimes(days: Day[], yaml: YamlFile, diags: Diagnostics): void {
  days.forEach((day, d) => {
    const lastEndByRoom = new Map<string, { end: string; line: number; kind: string }>();
    day.items.forEach((item, i) => {
      const slots = item.type === 'session' ? item.session.slots : [item.slot];
      slots.forEach((slot, s) => {
        const path = item.type === 'session' ? ['days', d, 'program', i, 'slots', s, 'time'] : ['days', d, 'program', i, 'time'];
        const at = yaml.locate(path);
        if (!isValidTime(slot.start) || !isValidTime(slot.end)) {
          diags.error('bad-time', at, `"${slot.start}-${slot.end}" is not a time of day`, 'write 24-hour times, e.g. 14:00-14:40');
          return;
        }
        if (slot.end <= slot.start) {
          diags.error('time-backwards', at, `the slot ends (${slot.end}) before it starts (${slot.start})`,
            'check the order of the two times');
        }
        const room = slot.room ?? '';
        const prev = lastEndByRoom.get(room);
        // Posters of one poster session hang side by side for the same hours.
        const posters = slot.kind === 'poster' && prev?.kind === 'poster';
        if (prev && slot.start < prev.end && !posters) {
          diags.error('time-overlap', at, `the slot starts at ${slot.start}, before the slot at line ${prev.line} ends (${prev.end})`,
            'slots in one room must not overlap; give parallel sessions a room each');
        }
        lastEndByRoom.set(room, { end: slot.end > (prev?.end ?? '') ? slot.end : prev!.end, line: at.line, kind: slot.kind });
      });
    });
  });
}

/**
 * The forum's dates run forwards, and every day of the schedule lies within them, once:
 * a day typed wrong would otherwise print under a date the forum does not have.
 */
export function checkDays(days: Day[], dates: { start: string; end: string }, forum: YamlFile, schedule: YamlFile, diags: Diagnostics): void {
  if (dates.end < dates.start) {
    diags.error('dates-backwards', forum.locate(['dates', 'end']), `the forum ends (${dates.end}) before it starts (${dates.start})`,
      'check the two dates in forum.yaml');
    return;
  }
  const seen = new Map<string, number>();
  days.forEach((day, d) => {
    const at = schedule.locate(['days', d, 'date']);
    if (day.date < dates.start || day.date > dates.end) {
      diags.error('day-outside-forum', at, `${day.date} is not a day of the forum (${dates.start} to ${dates.end})`,
        'fix the date here, or the dates in forum.yaml');
    }
    if (seen.has(day.date)) {
      diags.error('duplicate-day', at, `${day.date} is already a day of the schedule (line ${seen.get(day.date)})`,
        'put all of a day\'s program under one date');
    } else seen.set(day.date, at.line);
  });
}
