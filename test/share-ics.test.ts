import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { parse } from 'yaml';
import { build } from '../src/build.js';
import { memorySource } from '../src/io.js';
import { realContentFiles, realSources } from './helpers/build.js';
import { zonedToUtc } from '../src/share/timezone.js';

/** Builds only the calendar from in-memory content. */
async function calendar(files = realContentFiles(), sourceDate?: Date) {
  const result = await build({ content: memorySource(files), templates: realSources().templates, outputs: ['program.ics'], sourceDate });
  return { result, text: result.outputs.get('program.ics') ? Buffer.from(result.outputs.get('program.ics')!).toString('utf8') : '' };
}

/** Every VEVENT as ical.js (an independent parser) reads it. */
function events(text: string) {
  const root = new ICAL.Component(ICAL.parse(text));
  return root.getAllSubcomponents('vevent').map((v) => {
    const e = new ICAL.Event(v);
    return { uid: e.uid, summary: e.summary, location: e.location, description: e.description, start: e.startDate.toJSDate().toISOString(), end: e.endDate.toJSDate().toISOString(), stamp: v.getFirstPropertyValue('dtstamp')!.toString() };
  });
}

/** Talks and sessions as schedule.yaml states them, read here with the yaml package alone. */
function scheduled(files: Record<string, string>) {
  const days = parse(files['schedule.yaml']).days as Array<{ date: string; program: Array<Record<string, any>> }>;
  const talks: Array<{ id: string; date: string; time: string }> = [];
  const sessions: Array<{ id: string; date: string; first: string; last: string }> = [];
  for (const day of days) {
    for (const e of day.program) {
      const slots = e.slots ?? [e];
      for (const s of slots) if (s.talk) talks.push({ id: s.talk, date: day.date, time: s.time });
      if (e.session) sessions.push({ id: e.session, date: day.date, first: slots[0].time, last: slots[slots.length - 1].time });
    }
  }
  return { talks, sessions };
}

/** Wall-clock time in a fixed UTC+8 zone (China has no daylight saving) as an ISO instant. */
const utc8 = (date: string, hhmm: string) => {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = hhmm.trim().split(':').map(Number);
  return new Date(Date.UTC(y, m - 1, d, hh - 8, mm)).toISOString();
};

describe('out/program.ics', () => {
  it('has every talk and session at its time (UTC), with speakers, room and stable ids', async () => {
    const files = realContentFiles();
    const { result, text } = await calendar(files);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const all = events(text);
    const { talks, sessions } = scheduled(files);
    expect(talks).toHaveLength(18);
    for (const t of talks) {
      const [start, end] = t.time.split('-');
      const e = all.filter((x) => x.uid.startsWith(`talk-${t.id}@`));
      expect(e, t.id).toHaveLength(1);
      expect([e[0].start, e[0].end], t.id).toEqual([utc8(t.date, start), utc8(t.date, end)]);
    }
    for (const s of sessions) {
      const e = all.find((x) => x.uid.startsWith(`session-${s.id}@`))!;
      expect([e.start, e.end]).toEqual([utc8(s.date, s.first.split('-')[0]), utc8(s.date, s.last.split('-')[1])]);
    }
    const lei = all.find((x) => x.uid.startsWith('talk-lei-na@'))!;
    expect(lei.summary).toBe('An Optimal Transport View of Deep Learning（雷娜）');
    expect(lei.description).toMatch(/^报告人 Speaker: 雷娜（大连理工大学）\n\nSession 5（主持 魏宪）\n\nAbstract: In this talk/);
    expect(lei.location).toBe('线上（寇享直播），中山大学，广州');
    // Opening ceremony yes, lunch no.
    expect(all.map((x) => x.summary)).toContain('开幕式');
    expect(all.map((x) => x.summary)).not.toContain('中午休息');
    expect(new Set(all.map((x) => x.uid)).size).toBe(all.length);
  });

  it('is folded at 75 octets with CRLF, and gives the same bytes twice; DTSTAMP is the forum\'s first day or SOURCE_DATE_EPOCH', async () => {
    const { text } = await calendar();
    const lines = text.split('\r\n');
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of lines) expect(Buffer.byteLength(line), line).toBeLessThanOrEqual(75);
    expect(lines.some((l) => l.startsWith(' '))).toBe(true);
    expect((await calendar()).text).toBe(text);
    expect(new Set(events(text).map((e) => e.stamp))).toEqual(new Set(['2022-12-31T00:00:00Z']));
    const later = await calendar(realContentFiles(), new Date(1672531200 * 1000));
    expect(new Set(events(later.text).map((e) => e.stamp))).toEqual(new Set(['2023-01-01T00:00:00Z']));
  });

  it('escapes commas, semicolons and backslashes (RFC 5545) so a parser reads the title back unchanged', async () => {
    const files = realContentFiles();
    files['abstracts/lei-na.md'] = files['abstracts/lei-na.md'].replace(/^title: .*$/m, 'title: "A, B; C\\\\D \\"E\\" 雷"');
    const { text } = await calendar(files);
    expect(text).toContain('SUMMARY:A\\, B\\; C\\\\D "E" 雷（雷娜）');
    expect(events(text).find((e) => e.uid.startsWith('talk-lei-na@'))!.summary).toBe('A, B; C\\D "E" 雷（雷娜）');
  });

  it('takes times in the forum\'s time zone: Europe/Berlin moves every event by its offset', async () => {
    const files = realContentFiles();
    files['forum.yaml'] = files['forum.yaml'].replace(/^online: true$/m, 'online: true\ntimezone: Europe/Berlin');
    const wu = events((await calendar(files)).text).find((e) => e.uid.startsWith('talk-wu-yingnian@'))!;
    expect([wu.start, wu.end]).toEqual(['2022-12-31T08:00:00.000Z', '2022-12-31T09:00:00.000Z']);
    // Without the field the forum is in China.
    files['forum.yaml'] = files['forum.yaml'].replace(/^timezone: .*\n/m, '');
    const again = events((await calendar(files)).text).find((e) => e.uid.startsWith('talk-wu-yingnian@'))!;
    expect(again.start).toBe('2022-12-31T01:00:00.000Z');
  });

  it('rejects a time zone Intl does not know, or an offset, at its place in forum.yaml', async () => {
    for (const zone of ['Asia/Shangai', '+08:00', 'CST8']) {
      const files = realContentFiles();
      files['forum.yaml'] = files['forum.yaml'].replace(/^online: true$/m, `online: true\ntimezone: "${zone}"`);
      const { result } = await calendar(files);
      expect(result.ok).toBe(false);
      expect(result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.rule} ${d.message}`)).toEqual([
        expect.stringMatching(/^content\/forum\.yaml:9:11 schema timezone: is not a time zone name; .*Asia\/Shanghai/),
      ]);
    }
  });
});

describe('zonedToUtc across daylight-saving changes', () => {
  it('converts wall-clock times before, after and inside a change', () => {
    expect(zonedToUtc('2023-03-12', '01:30', 'America/New_York').toISOString()).toBe('2023-03-12T06:30:00.000Z');
    expect(zonedToUtc('2023-03-12', '03:30', 'America/New_York').toISOString()).toBe('2023-03-12T07:30:00.000Z');
    // 02:30 does not exist that night: read with the offset before the change.
    expect(zonedToUtc('2023-03-12', '02:30', 'America/New_York').toISOString()).toBe('2023-03-12T07:30:00.000Z');
    // 01:30 comes twice in November: the first (still daylight time).
    expect(zonedToUtc('2023-11-05', '01:30', 'America/New_York').toISOString()).toBe('2023-11-05T05:30:00.000Z');
    expect(zonedToUtc('2023-07-01', '09:00', 'Europe/Berlin').toISOString()).toBe('2023-07-01T07:00:00.000Z');
    expect(zonedToUtc('2023-01-01', '09:00', 'Asia/Kolkata').toISOString()).toBe('2023-01-01T03:30:00.000Z');
  });
});
