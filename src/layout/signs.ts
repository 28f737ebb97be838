import type { Program } from '../model/types.js';
import { programView } from './view.js';

/**
 * The data of templates/signs/signs.hbs: the program view, plus every session with the
 * day it belongs to, for one door sign per session. `talkCount` lets the template set
 * a busy session (many talks) more compactly.
 */
export function signsView(program: Program) {
  const view = programView(program);
  const sessions = view.days.flatMap((day) =>
    day.items.flatMap((item) => (item.session ? [{
      ...item.session,
      day: { number: day.number, numberZh: day.numberZh, label: day.label, weekday: day.weekday, full: day.full },
      talkCount: item.session.slots.filter((s) => s.isTalk).length,
      dense: item.session.slots.length > 3,
    }] : [])));
  // Signs show no abstracts: leaving them out of the view lets --watch skip the signs
  // when only an abstract's text changed (see input-hash.ts).
  const talks = view.talks.map((talk) => ({ ...talk, body: [] }));
  return { ...view, forum: { ...view.forum, introduction: [] }, talks, sessions };
}

/** The room signs signs.hbs makes (none yet). */
export function roomSigns(_program: Program): import('../check/lost-content.js').RoomSign[] {
  return [];
}
