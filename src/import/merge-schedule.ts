import type { Diagnostics, Position } from '../diagnostics.js';
import { isSession, slotKey, startOf, type YDay, type YSchedule, type YSession, type YSlot } from './schedule-file.js';

/** Session fields an organizer may edit; the import writes title and room, never chair or time. */
const SESSION_FIELDS = ['title', 'chair', 'room', 'time'] as const;

interface Place {
  container: string;
  slot: YSlot;
}

/**
 * Three-way merge of schedule.yaml: `base` is what the last import wrote, `current` what the
 * file holds now, `next` what the export gives. The export's changes are taken where the
 * organizer left things as imported; the organizer's edits (chairs, titles, moved or added
 * slots and sessions, removed items) are kept, and each conflict is reported.
 */
export function mergeSchedule(base: YSchedule, current: YSchedule, next: YSchedule, at: Position, diags: Diagnostics): YSchedule {
  const basePlaces = places(base);
  const curPlaces = places(current);
  const baseKeys = new Set(basePlaces.keys());
  const curKeys = new Set(curPlaces.keys());
  // What the organizer moved (or retimed) stays where they put it; what they removed stays removed.
  const keptByOrganizer = new Set<string>();
  for (const [key, place] of curPlaces) {
    const was = basePlaces.get(key);
    if (!was || was.container !== place.container || was.slot.time !== place.slot.time) keptByOrganizer.add(key);
  }
  const removed = [...baseKeys].filter((k) => !curKeys.has(k));
  const nextKeys = new Set(places(next).keys());
  for (const key of removed) {
    if (nextKeys.has(key)) diags.warn('import-kept-removal', at, `you removed ${describe(key)} from schedule.yaml; the export still has it, and it stays removed`, 'add it back by hand if that was a mistake');
  }
  const drop = new Set([...keptByOrganizer, ...removed]);

  const baseSessions = sessionsById(base);
  const curSessions = sessionsById(current);
  const result: YSchedule = {
    days: next.days.map((d) => ({
      date: d.date,
      program: d.program.flatMap((e): Array<YSession | YSlot> => {
        if (!isSession(e)) return drop.has(slotKey(e)) ? [] : [e];
        const session = { ...e, slots: e.slots.filter((s) => !drop.has(slotKey(s))) };
        mergeSessionFields(session, baseSessions.get(e.session), curSessions.get(e.session), at, diags);
        return session.slots.length || curSessions.has(e.session) ? [session] : [];
      }),
    })),
  };
  const resultSessions = sessionsById(result);
  carryOverGoneSessions(baseSessions, curSessions, resultSessions, at, diags);

  // Put back everything the organizer added or moved, in its day and time order.
  current.days.forEach((day) => day.program.forEach((e) => {
    if (!isSession(e)) {
      if (keptByOrganizer.has(slotKey(e))) insert(result, day.date, e);
      return;
    }
    const target = resultSessions.get(e.session);
    const own = e.slots.filter((s) => keptByOrganizer.has(slotKey(s)));
    if (!baseSessions.has(e.session)) {
      if (!target) insert(result, day.date, e);
      return;
    }
    if (target) {
      for (const s of own) target.slots.push(s);
      target.slots.sort((a, b) => startOf(a) - startOf(b));
    } else if (own.length) {
      insert(result, day.date, { ...e, slots: own });
    }
  }));
  for (const day of result.days) day.program = day.program.filter((e) => !isSession(e) || e.slots.length);
  result.days = result.days.filter((d) => d.program.length).sort((a, b) => a.date.localeCompare(b.date));
  return result;
}

function mergeSessionFields(session: YSession, base: YSession | undefined, cur: YSession | undefined, at: Position, diags: Diagnostics): void {
  if (!base || !cur) return;
  for (const field of SESSION_FIELDS) {
    const b = JSON.stringify(base[field]);
    const c = JSON.stringify(cur[field]);
    const n = JSON.stringify(session[field]);
    if (c === b) continue;
    if (n !== b && n !== c) {
      diags.warn('import-conflict', at, `session ${session.session}: you changed its ${field} to ${c ?? 'nothing'}; the export now says ${n ?? 'nothing'} (was ${b ?? 'nothing'}); yours is kept`,
        `take the export's value by editing schedule.yaml`);
    }
    if (cur[field] === undefined) delete session[field];
    else (session as unknown as Record<string, unknown>)[field] = cur[field];
  }
}

/** A session the export regrouped: its chair and edited title go to the new session holding most of its talks. */
function carryOverGoneSessions(base: Map<string, YSession>, cur: Map<string, YSession>, result: Map<string, YSession>, at: Position, diags: Diagnostics): void {
  for (const [id, was] of base) {
    const now = cur.get(id);
    if (!now || result.has(id)) continue;
    const edited = SESSION_FIELDS.filter((f) => JSON.stringify(now[f]) !== JSON.stringify(was[f]));
    if (!edited.length) continue;
    const talks = new Set(now.slots.map((s) => s.talk).filter(Boolean));
    let best: YSession | undefined;
    let bestCount = 0;
    for (const s of result.values()) {
      const count = s.slots.filter((x) => x.talk && talks.has(x.talk)).length;
      if (count > bestCount) [best, bestCount] = [s, count];
    }
    if (best) {
      for (const f of edited) (best as unknown as Record<string, unknown>)[f] = now[f];
      diags.warn('import-session-moved', at, `session ${id} is regrouped in the export; your ${edited.join(', ')} now belong${edited.length > 1 ? '' : 's'} to session ${best.session}, which holds its talks`,
        'check that session in schedule.yaml');
    } else {
      diags.warn('import-session-gone', at, `session ${id} is no longer in the export; your ${edited.map((f) => `${f} (${JSON.stringify(now[f])})`).join(', ')} are not used any more`,
        'add them to another session if they still apply');
    }
  }
}

function insert(schedule: YSchedule, date: string, entry: YSession | YSlot): void {
  let day = schedule.days.find((d) => d.date === date);
  if (!day) {
    day = { date, program: [] };
    schedule.days.push(day);
  }
  const at = startOf(entry);
  const index = day.program.findIndex((e) => startOf(e) > at);
  day.program.splice(index < 0 ? day.program.length : index, 0, entry);
}

function places(schedule: YSchedule | undefined): Map<string, Place> {
  const map = new Map<string, Place>();
  for (const day of schedule?.days ?? []) {
    for (const e of day.program ?? []) {
      if (isSession(e)) for (const s of e.slots) map.set(slotKey(s), { container: `s:${e.session}`, slot: s });
      else map.set(slotKey(e), { container: `d:${day.date}`, slot: e });
    }
  }
  return map;
}

function sessionsById(schedule: YSchedule | undefined): Map<string, YSession> {
  const map = new Map<string, YSession>();
  for (const day of schedule?.days ?? []) for (const e of day.program ?? []) if (isSession(e)) map.set(e.session, e);
  return map;
}

function describe(key: string): string {
  return key.startsWith('t:') ? `talk "${key.slice(2)}"` : `the slot ${key.slice(2).split('|').filter(Boolean).join(' ')}`;
}

export type { YDay };
