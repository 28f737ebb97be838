import type { Diagnostics } from '../diagnostics.js';
import { plainLine } from './body.js';
import { clock, type ExportEvent } from './types.js';

/** One event (or the part of it on one day) placed in a room at a time. */
export interface Piece {
  event: ExportEvent;
  date: string;
  start: number;
  end: number;
  room: string;
  talk?: string;
  kind?: 'break' | 'meal' | 'other';
  title: string;
  track: string;
}

/** An event running past midnight becomes its slot up to 23:59 and a "(continued)" slot on each later day. */
export function splitAtMidnight(event: ExportEvent, duration: number, title: string, talk: string | undefined,
  kind: Piece['kind'], diags: Diagnostics): Piece[] {
  const base = { event, room: plainLine(event.room) || 'Room', title, track: plainLine(event.track) };
  const pieces: Piece[] = [];
  let date = event.date;
  let start = event.start;
  let left = duration;
  for (let part = 0; left > 0 && part < 31; part++) {
    // A slot is at least a minute and ends by 23:59 (24:00 is not a time of day in schedule.yaml).
    const from = Math.min(start, 1438);
    const end = Math.max(Math.min(start + left, 1439), from + 1);
    pieces.push({ ...base, date, start: from, end, ...(part === 0 ? { talk, kind } : { kind: 'other', title: `${title} (continued)` }) });
    left -= 1440 - start;
    start = 0;
    date = new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  }
  if (pieces.length > 1) {
    diags.warn('import-several-days', event.at, `"${title}" runs past midnight (${clock(event.start)} for ${Math.floor(duration / 60)} h ${duration % 60} min); it is cut at 23:59 and continued on ${pieces.length - 1} later day(s)`,
      'check the event in the export if it should not span days');
  }
  return pieces;
}

/** A break held at the same time in several rooms (one coffee break for all) is one slot without a room. */
export function mergeSharedBreaks(pieces: Piece[]): Piece[] {
  const groups = new Map<string, Piece[]>();
  for (const p of pieces) {
    if (p.kind !== 'break' && p.kind !== 'meal') continue;
    const k = `${p.date} ${p.start} ${p.end} ${p.title}`;
    groups.set(k, [...(groups.get(k) ?? []), p]);
  }
  const drop = new Set<Piece>();
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    group.slice(1).forEach((p) => drop.add(p));
    group[0].room = '';
  }
  return pieces.filter((p) => !drop.has(p));
}

/** Events that overlap in one room go to a parallel "Room (2)" lane, so no room holds two at once. */
export function assignLanes(pieces: Piece[], diags: Diagnostics): Piece[] {
  const byRoom = new Map<string, Piece[]>();
  for (const p of pieces) if (p.room) byRoom.set(`${p.date}\u0000${p.room}`, [...(byRoom.get(`${p.date}\u0000${p.room}`) ?? []), p]);
  for (const list of byRoom.values()) {
    list.sort((a, b) => a.start - b.start || a.end - b.end);
    const lanes: Array<{ end: number; last: Piece }> = [];
    const room = list[0].room;
    for (const p of list) {
      let lane = lanes.findIndex((l) => l.end <= p.start);
      if (lane < 0) {
        lane = lanes.length;
        lanes.push({ end: 0, last: p });
      }
      if (lane > 0) {
        const other = lanes[0].last;
        p.room = `${room} (${lane + 1})`;
        diags.warn('import-overlap', p.event.at, `"${p.title}" (${clock(p.start)}-${clock(p.end)}) overlaps "${other.title}" (${clock(other.start)}-${clock(other.end)}) in room ${room}; it is listed in room "${p.room}"`,
          'fix the times in the export, or rename the room in schedule.yaml');
      }
      lanes[lane] = { end: p.end, last: p };
    }
  }
  return pieces;
}

