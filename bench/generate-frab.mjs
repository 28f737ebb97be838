// A conference shaped like a large frab export (the 943-talk, 40-room one of issue 10):
// a few main halls busy all day with sessions of 10 to 14 talks, seminar rooms with a lunch
// pause, workshop rooms with a few long slots; talks of 15 to 120 minutes; 1 to 4 speakers;
// abstracts that were HTML (paragraphs, lists, links) as markdown.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generator, hm, q, writeCommon } from './generate.mjs';

/** How a room is used through a day: when it opens, talk lengths, changeover, pauses. */
const PROFILES = {
  // One session from morning to evening: the session too tall for one booklet page.
  hall: { open: 9 * 60 + 45, lengths: [[30, 6], [45, 3], [60, 1]], gap: 5, pauses: [], perDay: 17 },
  seminar: { open: 10 * 60 + 30, lengths: [[30, 5], [60, 3], [15, 2]], gap: 15, pauses: [[13 * 60, 60], [16 * 60 + 30, 30]], perDay: 8 },
  workshop: { open: 11 * 60, lengths: [[90, 2], [120, 2], [60, 1]], gap: 30, pauses: [[13 * 60 + 30, 60]], perDay: 4 },
};

/** The profile of room `i` of `n`: a tenth of the rooms are halls, a third seminar rooms. */
function profileOf(i, n) {
  if (i < Math.max(1, Math.round(n / 10))) return PROFILES.hall;
  if (i < Math.max(3, Math.round(n / 2.5))) return PROFILES.seminar;
  return PROFILES.workshop;
}

function roomName(i) {
  return i < 26 ? `报告厅 ${String.fromCharCode(65 + i)}` : `研讨室 ${i - 25}`;
}

const weighted = (g, pairs) => {
  let x = g.r() * pairs.reduce((s, [, w]) => s + w, 0);
  for (const [v, w] of pairs) if ((x -= w) < 0) return v;
  return pairs[0][0];
};

const LINK_HOSTS = ['https://example.org/paper', 'https://arxiv.org/abs/2301.0', 'https://github.com/example/project-'];

/** An abstract that was HTML in the export: paragraphs, sometimes a list and links. */
function frabBody(g) {
  const parts = [];
  const shape = g.r();
  if (shape < 0.06) return parts; // an event without a description
  const long = shape > 0.8;
  for (let i = long ? g.int(3, 5) : g.int(1, 2); i > 0; i--) parts.push(g.r() < 0.7 ? g.enParagraph() : g.zhParagraph());
  if (g.r() < 0.35) {
    const items = [];
    for (let i = g.int(2, 6); i > 0; i--) items.push(`- ${g.titleEn()}${g.r() < 0.3 ? `: ${g.titleZh()}` : ''}`);
    parts.splice(1, 0, items.join('\n'));
  }
  if (g.r() < 0.4) parts.push(`More: [${g.titleEn()}](${g.pick(LINK_HOSTS)}${g.int(1000, 9999)}), *slides* and **code** online.`);
  return parts;
}

function talkFile(g, kind) {
  const style = g.r();
  const title = style < 0.55 ? `title: ${q(g.titleEn())}` : style < 0.8
    ? `title:\n  zh: ${q(g.titleZh())}\n  en: ${q(g.titleEn())}` : `title: ${q(g.titleZh())}`;
  const speakers = [];
  for (let i = weighted(g, [[1, 70], [2, 20], [3, 7], [4, 3]]); i > 0; i--) speakers.push(g.person());
  const lines = ['---', title, 'speakers:'];
  for (const p of speakers) lines.push(`  - name: ${q(p.name)}`, ...(g.r() < 0.4 ? [`    name_en: ${q(p.name_en)}`] : []), ...(g.r() < 0.8 ? [`    affiliation: ${q(p.affiliation)}`] : []));
  lines.push(`kind: ${kind}`, '---', ...frabBody(g).flatMap((p) => [p, '']));
  return { text: lines.join('\n').trimEnd() + '\n', speakers };
}

/** The talks of one room on one day, as sessions: consecutive talks, split at a pause. */
function roomDay(g, profile, budget) {
  const sessions = [];
  let current = [];
  let t = profile.open;
  const count = Math.min(budget, Math.max(1, profile.perDay + g.int(-2, 1)));
  for (let k = 0; k < count; k++) {
    const pause = profile.pauses.find(([at]) => t >= at && t < at + 90 && !current.pausedAt?.includes(at));
    if (pause && current.length) {
      sessions.push(current);
      current = [];
      t = Math.max(t, pause[0] + pause[1]);
      (current.pausedAt ??= []).push(...profile.pauses.filter(([at]) => at <= pause[0]).map(([at]) => at));
    }
    const length = weighted(g, profile.lengths);
    if (t + length > 23 * 60) break;
    current.push({ start: t, end: t + length });
    t += length + profile.gap;
  }
  if (current.length) sessions.push(current);
  return sessions;
}

/** Writes a frab-shaped conference of `talks` talks in `rooms` parallel rooms into `dir`. */
export function frabConference(dir, { talks, attendees, seed, rooms }) {
  const g = generator(seed);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'abstracts'), { recursive: true });
  const chairs = [];
  const speakers = [];
  const sched = ['days:'];
  let talk = 0;
  let session = 0;
  let days = 0;
  let written = 0;
  while (talk < talks) {
    const date = new Date(Date.UTC(2025, 10, 20 + days)).toISOString().slice(0, 10);
    sched.push(`  - date: ${date}`, '    program:');
    if (days === 0) sched.push('      - { time: 09:00-09:45, kind: opening, title: 开幕式 }');
    days++;
    const planned = [];
    for (let room = 0; room < rooms && talk < talks; room++) {
      const profile = profileOf(room, rooms);
      for (const slots of roomDay(g, profile, talks - talk)) {
        const kept = slots.slice(0, talks - talk);
        if (!kept.length) break;
        planned.push({ room, profile, slots: kept });
        talk += kept.length;
      }
    }
    // Sessions in the order of the day (start, then room), as an organizer writes them.
    planned.sort((a, b) => a.slots[0].start - b.slots[0].start || a.room - b.room);
    for (const p of planned) {
      session++;
      const chair = g.r() < 0.6 ? g.person() : null;
      if (chair) chairs.push(chair);
      const kind = p.profile === PROFILES.workshop ? 'workshop' : null;
      sched.push(`      - session: S${session}`, `        title: ${q(`${roomName(p.room)} · ${kind ? 'Workshops' : g.titleEn().split(':')[0]}`)}`);
      if (chair) sched.push(`        chair: ${q(chair.name)}`);
      sched.push(`        room: ${q(roomName(p.room))}`, '        slots:');
      for (const slot of p.slots) {
        const tid = `t${String(++written).padStart(4, '0')}`;
        const file = talkFile(g, kind ?? weighted(g, [['talk', 12], ['keynote', 1], ['invited', 1], ['panel', 1]]));
        speakers.push(...file.speakers);
        writeFileSync(join(dir, 'abstracts', `${tid}.md`), file.text);
        sched.push(`          - { time: ${hm(slot.start)}-${hm(slot.end)}, talk: ${tid} }`);
      }
    }
  }
  writeFileSync(join(dir, 'schedule.yaml'), sched.join('\n') + '\n');
  writeCommon(dir, g, { talks, attendees, days, chairs: chairs.length ? chairs : [g.person()], speakers });
  return { talks, sessions: session, rooms, days };
}
