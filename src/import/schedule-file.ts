import type { Plan, PlannedSlot } from './plan.js';
import { clock } from './types.js';

/** A slot as schedule.yaml writes it. */
export interface YSlot {
  time: string;
  talk?: string;
  kind?: string;
  title?: string;
  room?: string;
}

/** A session as schedule.yaml writes it. */
export interface YSession {
  session: string;
  title: string;
  chair?: string | string[];
  room?: string;
  time?: string;
  slots: YSlot[];
}

/** One day of schedule.yaml. */
export interface YDay {
  date: string;
  program: Array<YSession | YSlot>;
}

/** schedule.yaml as plain data. */
export interface YSchedule {
  days: YDay[];
}

/** The schedule.yaml a plan makes, before merging. */
export function scheduleOfPlan(plan: Plan): YSchedule {
  const slot = (s: PlannedSlot): YSlot => (s.talk
    ? { time: range(s), talk: s.talk }
    : { time: range(s), kind: s.kind, title: s.title, ...(s.room && { room: s.room }) });
  return {
    days: plan.days.map((d) => ({
      date: d.date,
      program: d.items.map((item) => ('session' in item
        ? { session: item.session.id, title: item.session.title, room: item.session.room, slots: item.session.slots.map(slot) }
        : slot(item.slot))),
    })),
  };
}

function range(s: { start: number; end: number }): string {
  return `${clock(s.start)}-${clock(s.end)}`;
}

/** True for a session entry. */
export function isSession(e: YSession | YSlot): e is YSession {
  return typeof (e as YSession).session === 'string' && Array.isArray((e as YSession).slots);
}

/** A slot's identity across imports: its talk, or its time, kind, title and room. */
export function slotKey(s: YSlot): string {
  return s.talk !== undefined ? `t:${s.talk}` : `k:${s.time}|${s.kind}|${s.title}|${s.room ?? ''}`;
}

/** Start minute of "HH:MM-HH:MM", for ordering. */
export function startOf(e: YSession | YSlot): number {
  const t = isSession(e) ? (e.time ?? e.slots[0]?.time ?? '') : e.time;
  const m = /^(\d{1,2}):(\d{2})/.exec(String(t));
  return m ? Number(m[1]) * 60 + Number(m[2]) : 0;
}
