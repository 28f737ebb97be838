import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../src/build.js';
import { Diagnostics, formatDiagnostic } from '../src/diagnostics.js';
import { memorySource } from '../src/io.js';
import { importSchedule, readExport } from '../src/import/index.js';
import { splitFrontMatter } from '../src/load/frontmatter.js';
import { parse } from 'yaml';
import { realSources } from './helpers/build.js';
import { extractPages, squash } from './helpers/pdf.js';
import { countNotdef } from './helpers/notdef.js';

const FIXTURES = join(import.meta.dirname, 'fixtures/import');
const read = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

/** Imports `text` over `files` (the content folder as it is); returns the folder afterwards and the report. */
function runImport(text: string, name: string, files: Record<string, string> = {}) {
  const diags = new Diagnostics();
  const result = importSchedule(text, name, memorySource(files, 'content'), diags);
  const after = { ...files, ...Object.fromEntries(result?.files ?? []) };
  return { result, after, diags, report: diags.sorted().map((d) => formatDiagnostic(d)).join('\n') };
}

const front = (file: string) => parse(splitFrontMatter(file).yaml!) as Record<string, any>;
const talksOf = (files: Record<string, string>) => Object.keys(files).filter((p) => p.startsWith('abstracts/')).sort();

describe('forumpress import: committed exports', () => {
  it('pretalx schedule.json: every event is a talk file, grouped by room into sessions', () => {
    const text = read('pretalx-democon/schedule.json');
    const events = readExport(text, 'schedule.json', new Diagnostics())!.events;
    const { after, report, diags } = runImport(text, 'schedule.json');
    expect(diags.hasErrors).toBe(false);
    expect(talksOf(after)).toHaveLength(events.length);
    const both = front(after['abstracts/democon-14-up-sized-optimal-hardware.md']);
    expect(both.speakers).toEqual([{ name: 'Brandy Mcclain' }, { name: 'Christine Green' }]);
    expect(both).toMatchObject({ kind: 'talk', track: 'Organic', language: 'en' });
    expect(front(after['abstracts/democon-2-visionary-mission-critical-toolset.md']).kind).toBe('workshop');
    const schedule = parse(after['schedule.yaml']);
    // 14:00 Mandatory, then 14:30 and 15:00 Multi-lateral: the track change starts a session.
    const session = schedule.days[0].program.find((e: any) => e.session === 'pale-golden-rod-room-0906-1430');
    expect(session).toMatchObject({ title: 'Multi-lateral', room: 'Pale Golden Rod Room', slots: [{ time: '14:30-15:00' }, { time: '15:00-15:30' }] });
    // The export itself has an overlap in one room (11:30-12:35, then 12:00): the later talks get a lane.
    expect(report).toMatch(/schedule\.json:\d+:\d+: warning\[import-overlap\]: "Managed reciprocal moratorium" .* listed in room "Pale Golden Rod Room \(2\)"/);
    expect(report).toMatch(/warning\[import-outside-day\]: "Persevering cohesive concept" \(2022-09-06 01:50\)/);
    // Every event says "en": the program is in English (pretalx's schedule.json has no conference language).
    expect(parse(after['forum.yaml']).language).toBe('en');
    expect(report).not.toContain('language]');
  });

  it('frab-style schedule.xml: HTML bodies become markdown, shared breaks one slot, comma-separated speakers split', () => {
    const text = read('lswt2019/schedule.xml');
    const events = readExport(text, 'schedule.xml', new Diagnostics())!.events;
    const { after, report } = runImport(text, 'schedule.xml');
    const schedule = parse(after['schedule.yaml']);
    const program = schedule.days[0].program;
    const breaks = program.filter((e: any) => e.kind === 'break' || e.kind === 'meal');
    // 6 break events (3 breaks held in two rooms each) and 17 talks: every event is somewhere.
    expect(events).toHaveLength(23);
    expect(breaks.map((b: any) => `${b.time} ${b.kind}`)).toEqual(['11:00-11:20 break', '12:40-13:45 meal', '15:30-16:00 break']);
    expect(breaks.every((b: any) => b.room === undefined)).toBe(true);
    expect(talksOf(after)).toHaveLength(17);
    expect(front(after['abstracts/begruessung.md']).speakers).toEqual([{ name: 'Dr. Sebastian Tramp' }, { name: 'Andreas Heinecke' }]);
    const morning = program.find((e: any) => e.session === 'main-track-0522-0900');
    expect(morning.slots.map((s: any) => s.talk)).toEqual(['begruessung', 'talkauer', 'talkkoenigries', 'talkseiji', 'studentprogramteaching', 'studentprogrampitches']);
    const jekyll = after['abstracts/jekyllrdf.md'];
    expect(jekyll).toContain('[Jekyll](https://jekyllrb.com/) ist ein Werkzeug');
    expect(jekyll).toContain('#### Was lernt Ihr im Tutorial');
    expect(jekyll).toContain('- ruby >= 2.1 mit bundler oder docker');
    expect(jekyll).not.toMatch(/<\/?p>/);
    expect(front(after['abstracts/studentprogrampitches.md']).speakers).toEqual([]);
    expect(report).toContain('schedule.xml:74:1: warning[import-no-speaker]: "1 Minute Pitches der Studenten" has no speaker in the export');
    expect(report).toContain('warning[import-no-duration]: "Thinktank & Hackathon');
  });

  it('frab schedule.xml: <persons><person id>, subtitle, language, track, entities; gap-free talks of one track are one session', () => {
    const { after, diags } = runImport(read('31c3-saal1/schedule.xml'), 'schedule.xml');
    expect(diags.list).toEqual([]);
    expect(talksOf(after)).toHaveLength(5);
    const opening = front(after['abstracts/31c3-6561-en-saal-1-201412271100-31c3-opening-event.md']);
    expect(opening.speakers).toEqual([{ name: 'erdgeist' }, { name: 'Geraldine de Bastion' }]);
    const maha = front(after['abstracts/31c3-6264-de-saal-1-201412271245-wir-beteiligen-uns-aktiv.md']);
    expect(maha).toMatchObject({ language: 'de', track: 'Ethics, Society & Politics', subtitle: expect.stringMatching(/^Die digitale „Agenda“/) });
    const program = parse(after['schedule.yaml']).days[0].program;
    expect(program.map((s: any) => `${s.session} ${s.slots.length}`)).toEqual(['saal-1-1227-1100 2', 'saal-1-1227-1245 1', 'saal-1-1227-1400 1', 'saal-1-1227-1600 1']);
    // Four events in English, one in German: the program is in English.
    expect(parse(after['forum.yaml'])).toMatchObject({ name: '31. Chaos Communication Congress', dates: { start: '2014-12-27', end: '2014-12-31' }, language: 'en' });
  });

  it('builds what it imported, every talk in the booklet and on the signs, in English, the room printed once', async () => {
    const { after, report } = runImport(read('lswt2019/schedule.xml'), 'schedule.xml');
    // The export gives no language anywhere; its titles are in Latin script: English, and the import says so where to change it.
    expect(report).toContain('content/forum.yaml:7:1: warning[import-no-language]: schedule.xml gives no language for the conference or its events; its titles are in Latin script, so forumpress prints its own words (dates, headings) in English: language: en');
    expect(after['forum.yaml'].split('\n')[6]).toMatch(/^language: en # /);
    // The track is named like the room ("Main Track"): the session is called by the part of the day, not by its room again.
    expect(parse(after['schedule.yaml']).days[0].program.filter((e: any) => e.session).map((e: any) => e.title)).not.toContain('Main Track');
    after['forum.yaml'] += 'hosts: [Universität Leipzig]\n';
    const result = await build({ content: memorySource(after, 'content'), templates: realSources().templates, outputs: ['program.pdf', 'signs.pdf'] });
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => formatDiagnostic(d))).toEqual([]);
    const pages = await extractPages(result.outputs.get('program.pdf')!);
    const booklet = squash(pages.map((p) => p.text).join(''));
    // No introduction in the export: the organizers start the page after the cover, and the contents list no introduction.
    expect(pages[1].text.trim().split('\n').slice(0, 2)).toEqual(['Organizers', 'Hosts Universität Leipzig']);
    expect(booklet).not.toContain('Introduction');
    // Items in the order they were laid out: a title's lines stay together, where p.text puts a time between them.
    const signs = squash((await extractPages(result.outputs.get('signs.pdf')!)).flatMap((p) => p.items.map((it) => it.str)).join(''));
    for (const path of talksOf(after)) {
      const title = squash(front(after[path]).title);
      expect(booklet, path).toContain(title.slice(0, 20));
      expect(signs, path).toContain(title.slice(0, 12));
    }
    expect(booklet).toContain(squash('Day 1 · Wednesday, May 22, 2019'));
    expect(booklet).toContain(squash('Wednesday, May 22 · 09:00–09:10 · Morning · Talk'));
    expect(booklet).toContain(squash('(No abstract.)'));
    expect(booklet + signs).not.toMatch(/\p{Script=Han}/u);
  }, 120_000);
});

describe('forumpress import: pretalx API submissions (PyConFR 2025)', () => {
  const text = read('pyconfr-2025/schedule.json');
  const subs = () => Object.values(JSON.parse(text).schedule['2025-11-01']).flatMap((room: any) => Object.values(room)) as any[];

  it('imports the day -> minute -> room map, the submissions list and a results page alike', () => {
    const { after, diags } = runImport(text, 'schedule.json');
    // A submissions list names no event: the forum is "Conference" until the organizer names it, which importing again keeps.
    const codeTitle = 'schedule.json:606:6: warning[import-code-title]: the title "`QuerySet.explain()`: Make it Make Sense" marks code with backticks; it is imported as "QuerySet.explain(): Make it Make Sense"\n' +
      '  hint: a title is plain text in every document (the booklet, the signs, the web page, the calendar): the backticks would be printed as they are';
    expect(diags.list.map((d) => formatDiagnostic(d))).toEqual([
      codeTitle,
      'content/forum.yaml:1:1: warning[import-no-name]: schedule.json names no conference (no title or acronym), so the forum is called "Conference" on the cover and in every document\n' +
      '  hint: write the conference\'s name in forum.yaml (name: PyConFR 2025); importing again keeps it',
    ]);
    expect(front(after['abstracts/gva9gu-queryset-explain-make-it-make-sense.md']).title).toBe('QuerySet.explain(): Make it Make Sense');
    expect(after['forum.yaml']).toContain('name: "Conference" # the export names no conference: write its name here');
    const named = { ...after, 'forum.yaml': after['forum.yaml'].replace('name: "Conference"', 'name: PyConFR 2025') };
    const again = runImport(text, 'schedule.json', named);
    expect(again.diags.list.map((d) => formatDiagnostic(d))).toEqual([codeTitle]);
    expect(parse(again.after['forum.yaml']).name).toBe('PyConFR 2025');
    expect(talksOf(after)).toHaveLength(13);
    expect(parse(after['forum.yaml'])).toMatchObject({ language: 'fr', dates: { start: '2025-11-01', end: '2025-11-01' } });
    const opening = front(after['abstracts/38lrhe-accueil-welcome.md']);
    // "Pléniaire courte" (the export's French type name, misspelt as published) is a plenary.
    expect(opening).toMatchObject({ title: 'Accueil / Welcome', kind: 'plenary', language: 'fr', speakers: [{ name: 'Lucie Anglade' }] });
    expect(front(after['abstracts/838xxg-doc-busters.md']).speakers).toHaveLength(2);
    const body = after['abstracts/vhs897-etre-un-e-allie-e-du-numerique-pour-toustes-en.md'];
    expect(body).not.toContain('\r');
    expect(body).toMatch(/ces derniers mois\s:\n\nSuppression/);
    const program = parse(after['schedule.yaml']).days[0].program;
    // Rooms in pretalx's order (position), sessions per room split at the lunch pause.
    expect(program.map((s: any) => `${s.room} ${s.slots.map((x: any) => x.time.slice(0, 5)).join(',')}`)).toEqual([
      'B003 08:50,09:40,10:30,11:00,12:00', 'B316 10:30,11:00', 'B421 10:30,11:00,12:00', 'C436 10:30,11:00', 'B316 15:00']);

    const list = subs();
    list[0].state = 'withdrawn';
    list[1].slots = [...list[1].slots, { ...list[1].slots[0], start: '2025-11-01T17:00:00+01:00', end: '2025-11-01T17:45:00+01:00' }];
    // Older pretalx (PyConFR 2024's file): one `slot`, its room an {en, fr} name beside room_id, positions in a rooms list.
    const older = {
      rooms: [{ id: 15, position: 0 }, { id: 14, position: 1 }, { id: 13, position: 2 }, { id: 12, position: 3 }],
      results: list.map(({ slots, ...sub }) => ({ ...sub, slot: slots.length === 1 ? { room_id: slots[0].room.id, room: slots[0].room.name, start: slots[0].start, end: slots[0].end } : undefined, ...(slots.length > 1 && { slots }) })),
    };
    for (const shape of [list, { count: list.length, next: null, results: list }, older]) {
      const again = runImport(JSON.stringify(shape, null, 1), 'submissions.json');
      expect(again.diags.hasErrors).toBe(false);
      // One withdrawn (left out, reported), one given twice (two talks).
      expect(talksOf(again.after)).toHaveLength(13);
      expect(again.report).toMatch(/^submissions\.json:1:1: warning\[import-not-confirmed\]: 1 submission\(s\) in state "withdrawn" left out: 38LRHE/m);
      expect(again.report).toMatch(/warning\[import-repeated\]: "Être un\.e allié\.e/);
      expect(parse(again.after['schedule.yaml']).days[0].program.at(-1)).toMatchObject({ room: 'B003', slots: [{ time: '17:00-17:45' }] });
      if (shape === older) expect(parse(again.after['schedule.yaml']).days[0].program.map((e: any) => e.room).slice(0, 4)).toEqual(['B003', 'C436', 'B421', 'B316']);
    }
  });

  it('builds: every talk in the booklet, its room on the grid and its room\'s sign, French labels, no missing glyph', async () => {
    const { after } = runImport(text, 'schedule.json');
    after['forum.yaml'] = after['forum.yaml'].replace('venue: "?"', 'venue: Lyon');
    const result = await build({ content: memorySource(after, 'content'), templates: realSources().templates, outputs: ['program.pdf', 'signs.pdf', 'program.html'] });
    expect(result.diagnostics.filter((d) => d.severity === 'error' || d.rule === 'lost-content').map((d) => formatDiagnostic(d))).toEqual([]);
    // The title pretalx gave with backticks reads the same in the booklet, on the signs and on the web page, without them.
    const plain = 'QuerySet.explain(): Make it Make Sense';
    const html = Buffer.from(result.outputs.get('program.html')!).toString('utf8');
    expect(html).toContain(plain);
    expect(html).not.toContain('`QuerySet');
    const pages = await extractPages(result.outputs.get('program.pdf')!);
    const booklet = squash(pages.map((p) => p.text).join(''));
    // Nothing to introduce and no organizers: no introduction page, the contents follow the cover.
    expect(pages[1].text.trim()).toMatch(/^Sommaire\nProgramme \. \. /);
    expect(booklet).not.toContain('Présentation');
    const grid = pages.find((p) => p.text.includes('coup d’œil'))!;
    // Under the grid, the "Sessions" heading goes with the first session (it stood alone at the grid page's foot);
    // the day's short last session (B316, one talk) takes the one before it along (it stood alone on a page).
    expect(pages.find((p) => p.text.includes('· Sessions'))!.text).toMatch(/· Sessions\nMatin · 08:50–12:25 · Salle : B003\n/);
    expect(pages.find((p) => p.text.includes('15:00–15:55 · Salle : B316'))!.text).toContain('10:30–11:55 · Salle : C436');
    const header = grid.items.map((it) => it.str.trim()).filter((s) => /^[BC]\d{3}$/.test(s));
    expect(header.slice(0, 4)).toEqual(['B003', 'B316', 'B421', 'C436']);
    expect(booklet).toContain(squash('Conférence plénière'));
    expect(booklet).toContain('Exposé');
    expect(booklet).toContain('samedi1novembre');
    // A session without a track is called by the part of the day: its room is printed once.
    expect(booklet).toContain(squash('Matin · 08:50–12:25 · Salle : B003'));
    expect(booklet).not.toContain(squash('B003 · 08:50–12:25 · Salle : B003'));
    expect(booklet).not.toMatch(/\p{Script=Han}/u);
    const signs = (await extractPages(result.outputs.get('signs.pdf')!)).map((p) => squash(p.items.map((it) => it.str).join('')));
    const schedule = parse(after['schedule.yaml']).days[0].program;
    for (const path of talksOf(after)) {
      const id = path.slice('abstracts/'.length, -3);
      const title = squash(front(after[path]).title);
      const room = schedule.find((s: any) => s.slots.some((x: any) => x.talk === id)).room;
      expect(booklet, path).toContain(title.slice(0, 20));
      expect(squash(grid.items.map((it) => it.str).join('')), path).toContain(title.slice(0, 10));
      expect(signs.some((s) => s.includes(room) && s.includes(title.slice(0, 12))), path).toBe(true);
    }
    expect(booklet).toContain(squash(plain));
    expect(signs.some((p) => p.includes(squash(plain)))).toBe(true);
    expect([booklet, ...signs].some((t) => t.includes('`'))).toBe(false);
    for (const name of ['program.pdf', 'signs.pdf']) expect((await countNotdef(result.outputs.get(name)!)).notdef, name).toEqual([]);
  }, 120_000);

  it('a submission without a slot, or with a start that is no time: positioned errors, nothing imported', () => {
    const list = subs();
    list[2].slots = [];
    list[3].slots[0].start = '10h30';
    const bad = JSON.stringify({ results: list }, null, 1);
    const { result, report } = runImport(bad, 'submissions.json');
    expect(result).toBeUndefined();
    const line = (code: string) => bad.slice(0, bad.indexOf(`"code": "${code}"`)).split('\n').length;
    expect(report).toContain(`submissions.json:${line(list[2].code)}:4: error[import-no-slot]: "${list[2].title}" (${list[2].code}) has no slot`);
    expect(report).toContain(`submissions.json:${line(list[3].code)}:4: error[import-bad-time]: "${list[3].title}" (${list[3].code}), slot 1: the start "10h30" is not a date and time`);
    expect(report).not.toMatch(/\n\s+at /);
  });
});

describe('forumpress import: importing again', () => {
  const original = read('pretalx-democon/schedule.json');
  const edited = (files: Record<string, string>) => {
    const f = { ...files };
    const talk = 'abstracts/democon-8-ergonomic-object-oriented-hub.md';
    f[talk] = f[talk].replace('  - name: Kimberly Smith\n', '  - name: Kimberly Smith\n    affiliation: Example University # added by hand\n')
      .replace('Architect cross-platform infrastructures!', 'Our own shorter abstract.');
    f['schedule.yaml'] = f['schedule.yaml']
      .replace('title: Multi-lateral\n        room: Pale Golden Rod Room\n        slots:\n          - { time: 10:00-10:50', 'title: Multi-lateral\n        chair: Ada Lovelace\n        room: Pale Golden Rod Room\n        slots:\n          - { time: 10:00-10:50')
      .replace('days:\n', 'days:\n  # our own note on the days\n')
      .replace('session: dark-red-room-0906-1130\n        title: Multi-lateral', 'session: dark-red-room-0906-1130\n        title: Tools workshop');
    const day2 = f['schedule.yaml'].indexOf('  - date: 2022-09-08');
    f['schedule.yaml'] = f['schedule.yaml'].slice(0, day2) + '      - { time: 17:00-17:30, kind: closing, title: Goodbye } # ours\n' + f['schedule.yaml'].slice(day2);
    f['forum.yaml'] = f['forum.yaml'].replace('venue: "?"', 'venue: Berlin');
    const renamed = 'abstracts/democon-6-re-contextualized-asynchronous-success.md';
    f[renamed] = f[renamed].replace('  - name: Cameron Barnett\n', '  - name: Cameron Barnett\n    affiliation: Somewhere # ours\n');
    f['abstracts/own-talk.md'] = '---\ntitle: Our own talk\nspeakers: [{ name: Us }]\n---\n';
    return f;
  };
  const changedExport = original
    .replace('"title": "Visionary mission-critical toolset"', '"title": "Visionary toolset, renamed"')
    .replace('"abstract": "Architect cross-platform infrastructures!"', '"abstract": "A new abstract from the export."')
    .replace('"public_name": "Kimberly Smith"', '"public_name": "Kimberly Smith", "x": 1')
    .replace('"public_name": "Cameron Barnett"', '"public_name": "Cameron Barnett-Jones"');

  it('updates what came from the export and keeps every edit, reporting each conflict', () => {
    const first = runImport(original, 'schedule.json');
    const mine = edited(first.after);
    // Drop one event from the export.
    const doc = JSON.parse(changedExport);
    const rooms = doc.schedule.conference.days[1].rooms['Dark Red Room'];
    doc.schedule.conference.days[1].rooms['Dark Red Room'] = rooms.filter((e: any) => e.id !== 47);
    doc.schedule.conference.days[0].rooms['Dark Red Room'].find((e: any) => e.id === 2).track = 'Organic';
    const second = runImport(JSON.stringify(doc, null, 1), 'schedule.json', mine);
    expect(second.diags.hasErrors).toBe(false);
    const f = second.after;
    expect(front(f['abstracts/democon-2-visionary-mission-critical-toolset.md']).title).toBe('Visionary toolset, renamed');
    const hub = f['abstracts/democon-8-ergonomic-object-oriented-hub.md'];
    expect(hub).toContain('affiliation: Example University # added by hand');
    expect(hub).toContain('Our own shorter abstract.');
    expect(second.report).toMatch(/democon-8-ergonomic-object-oriented-hub\.md:1:1: warning\[import-conflict\]: the export changed the abstract, but you had edited it; yours is kept/);
    expect(f['abstracts/own-talk.md']).toBe(mine['abstracts/own-talk.md']);
    expect(f['forum.yaml']).toContain('venue: Berlin');
    const schedule = parse(f['schedule.yaml']);
    expect(schedule.days[0].program.at(-1)).toEqual({ time: '17:00-17:30', kind: 'closing', title: 'Goodbye' });
    expect(f['schedule.yaml']).toContain('title: Goodbye } # ours');
    expect(schedule.days[0].program.find((e: any) => e.chair)).toMatchObject({ chair: 'Ada Lovelace', slots: [{ talk: 'democon-8-ergonomic-object-oriented-hub' }] });
    expect(f['schedule.yaml']).toContain('# our own note on the days');
    // A session title both sides changed: the organizer's stays, the conflict is reported.
    expect(schedule.days[0].program.find((e: any) => e.session === 'dark-red-room-0906-1130').title).toBe('Tools workshop');
    expect(second.report).toContain('content/schedule.yaml:1:1: warning[import-conflict]: session dark-red-room-0906-1130: you changed its title to "Tools workshop"; the export now says "Organic" (was "Multi-lateral"); yours is kept');
    // The event that left the export: its file stays, it is off the schedule, and the report says so.
    expect(f['abstracts/democon-47-advanced-3rdgeneration-graphic-interface.md']).toBeDefined();
    expect(f['schedule.yaml']).not.toContain('democon-47-');
    // A speaker renamed in the export: the new name is taken, and what was added to the old one goes with it, reported.
    expect(front(f['abstracts/democon-6-re-contextualized-asynchronous-success.md']).speakers).toEqual([{ name: 'Cameron Barnett-Jones', affiliation: 'Somewhere' }]);
    expect(f['abstracts/democon-6-re-contextualized-asynchronous-success.md']).toContain('affiliation: Somewhere # ours');
    expect(second.report).toContain('warning[import-conflict]: the export renamed speaker "Cameron Barnett" to "Cameron Barnett-Jones"; what you added (affiliation) now goes with "Cameron Barnett-Jones"');
    expect(second.report).toContain('warning[import-gone]: "Advanced 3rdgeneration Graphic Interface" is no longer in the export; its file is kept and it is taken off the schedule');
  });

  it('changes nothing when imported again unchanged', () => {
    const first = runImport(original, 'schedule.json');
    const mine = edited(first.after);
    const again = runImport(original, 'schedule.json', mine);
    for (const [path, text] of again.result!.files) expect(text, path).toBe(mine[path]);
    expect(again.result!.files.size).toBe(0);
  });

  it('refuses to import over a program it did not write', () => {
    const { result, report } = runImport(original, 'schedule.json', { 'forum.yaml': 'name: x\n', 'schedule.yaml': 'days: []\n' });
    expect(result).toBeUndefined();
    expect(report).toContain('content/forum.yaml:1:1: error[import-not-imported]');
  });
});

describe('forumpress import: the program\'s language', () => {
  const xml = (conference: string, events: Array<[string, string]>) => `<schedule><conference><title>C</title>${conference}</conference>
<day index="1" date="2024-05-01"><room name="Hall">
${events.map(([title, lang], i) => `<event guid="g${i}"><title>${title}</title><start>${10 + i}:00</start><duration>00:30</duration>${lang && `<language>${lang}</language>`}<persons><person>P</person></persons></event>`).join('\n')}
</room></day></schedule>`;
  const language = (files: Record<string, string>) => parse(files['forum.yaml']).language;

  it('the conference\'s own field, else most events\' language, codes and names alike; German prints English and says how to get German', () => {
    const german = runImport(xml('<language>de</language>', [['Eröffnung', 'en'], ['Vortrag', 'en']]), 'schedule.xml');
    expect(language(german.after)).toBe('en');
    expect(german.report).toContain('schedule.xml:1:1: warning[import-language]: the export is in German (de), but forumpress has no German wording, so its own words (dates, headings, kinds of talk) print in English: language: en in forum.yaml\n' +
      '  hint: to print them in German, copy templates/locales/en.yaml to templates/locales/de.yaml, translate its values and write language: de in forum.yaml; importing again keeps it');
    expect(german.after['forum.yaml']).toContain('language: en # the export is in German (de); forumpress has no wording in it, see README "Languages"');
    for (const [events, want] of [
      [[['A', 'fr_FR'], ['B', 'French'], ['C', 'en']], 'fr-FR'],
      [[['A', 'en-us'], ['B', 'fr'], ['C', 'English']], 'en-US'],
      [[['A', 'zh'], ['B', 'Chinese']], 'zh-CN'],
      [[['A', 'français'], ['B', 'Deutsch'], ['C', 'en']], 'fr'],
    ] as Array<[Array<[string, string]>, string]>) {
      const { after, report } = runImport(xml('', events), 'schedule.xml');
      expect(language(after), JSON.stringify(events)).toBe(want);
      expect(report).not.toContain('language]');
    }
    // In the c3voc JSON: the conference's field, positioned.
    const json = read('pretalx-democon/schedule.json').replace('"acronym": "democon",', '"acronym": "democon",\n   "language": "de-DE",');
    const { after, report } = runImport(json, 'schedule.json');
    expect(language(after)).toBe('en');
    expect(report).toMatch(/^schedule\.json:7:16: warning\[import-language\]: the export is in German \(de-DE\)/m);
  });

  it('no language anywhere: told from the titles\' script, with a warning at forum.yaml\'s line', () => {
    const zh = runImport(xml('', [['负反馈帮助加速吸引子网络的采样', ''], ['开幕式', ''], ['Keynote', '']]), 'schedule.xml');
    expect(language(zh.after)).toBe('zh-CN');
    expect(zh.report).toContain('content/forum.yaml:7:1: warning[import-no-language]: schedule.xml gives no language for the conference or its events; its titles are in Chinese characters');
    const session = parse(zh.after['schedule.yaml']).days[0].program[0];
    expect(session).toMatchObject({ title: '上午', room: 'Hall' });
  });

  it('importing again keeps the organizer\'s language, and adds one to an import made before languages were written', () => {
    const text = xml('<language>de</language>', [['Eröffnung', 'de']]);
    const first = runImport(text, 'schedule.xml');
    const mine = { ...first.after, 'forum.yaml': first.after['forum.yaml'].replace(/^language: en.*$/m, 'language: de') };
    const again = runImport(text, 'schedule.xml', mine);
    expect(again.diags.list).toEqual([]);
    expect(again.result!.files.has('forum.yaml')).toBe(false);
    // An older import: neither imported.json nor forum.yaml has a language; the next import writes it, once.
    const state = JSON.parse(first.after['imported.json']);
    delete state.forum.language;
    const older = { ...first.after, 'imported.json': JSON.stringify(state), 'forum.yaml': first.after['forum.yaml'].replace(/^language: .*\n/m, '') };
    const upgraded = runImport(text, 'schedule.xml', older);
    expect(language(upgraded.after)).toBe('en');
    expect(upgraded.report).toContain('warning[import-language]: the export is in German (de)');
    expect(runImport(text, 'schedule.xml', upgraded.after).diags.list).toEqual([]);
  });
});

describe('forumpress import: bad exports', () => {
  it('malformed JSON: the place of the mistake', () => {
    const { report } = runImport('{"schedule": {"conference": {\n  "title": "X",\n  "days": [}\n}}', 'schedule.json');
    expect(report).toMatch(/^schedule\.json:3:12: error\[import-syntax\]: the file is not valid JSON/);
  });

  it('JSON of another shape: the place of the field', () => {
    const { report } = runImport('{"schedule": {"conference": {\n  "title": "X",\n  "days": [{"index": 1, "date": "27.12.2019", "rooms": {}}]}}}', 'schedule.json');
    expect(report).toContain('schedule.json:3:33: error[import-shape]: schedule.conference.days.0.date: must be a date written YYYY-MM-DD');
  });

  it('malformed XML: the place of the mistake', () => {
    const { report } = runImport('<schedule>\n  <conference><title>X</title></conference>\n  <day index="1" date="2019-12-27">\n  </room>\n</schedule>', 'schedule.xml');
    expect(report).toMatch(/^schedule\.xml:4:\d+: error\[import-syntax\]: the file is not well-formed XML/);
  });

  it('HTML entities are read; an external entity is never resolved', () => {
    const one = (title: string, doctype = '') => `<?xml version="1.0"?>${doctype}<schedule><conference><title>${title}</title></conference><day index="1" date="2020-01-01"><room name="A"><event guid="g"><title>t</title><start>10:00</start><duration>00:10</duration><persons><person>P</person></persons></event></room></day></schedule>`;
    expect(parse(runImport(one('Caf&eacute;&nbsp;Conf'), 'schedule.xml').after['forum.yaml']).name).toBe('Café Conf');
    const { result, report } = runImport(one('&e;', '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'), 'schedule.xml');
    expect(result).toBeUndefined();
    expect(report).toMatch(/^schedule\.xml:1:\d+: error\[import-syntax\]: the file is not well-formed XML: undefined entity/);
  });

  it('neither format', () => {
    expect(runImport('BEGIN:VCALENDAR\n', 'schedule.ics').report).toContain('schedule.ics:1:1: error[import-format]');
  });

  it('no speaker, unknown type, emoji, repeated event, past midnight: reported, imported, and the content checks', async () => {
    const event = (id: number, extra: string) => `<event guid="g${id}" id="${id}"><date>2024-05-01T10:00:00+02:00</date><start>${extra.includes('<start>') ? '' : ''}</start>${extra}</event>`;
    const xml = `<schedule><conference><title>Test 🎉 Conf</title><start>2024-05-01</start><end>2024-05-01</end></conference>
<day index="1" date="2024-05-01" start="2024-05-01T09:00:00+02:00" end="2024-05-02T02:00:00+02:00"><room name="Hall">
${event(1, '<start>10:00</start><duration>00:30</duration><title>Rocket 🚀 science</title><type>djset</type><persons><person id="1">Ann</person></persons>')}
${event(2, '<start>10:30</start><duration>00:30</duration><title>Nobody talks</title><type>lecture</type><persons/>')}
${event(3, '<start>23:30</start><duration>01:00</duration><title>Night owls</title><type>lecture</type><persons><person id="2">Bo</person></persons>')}
${event(4, '<start>23:59</start><duration>00:30</duration><title>Last minute</title><type>lecture</type><persons><person id="3">Cy</person></persons>')}
</room></day>
<day index="2" date="2024-05-02"><room name="Hall">
${event(1, '<start>10:00</start><duration>00:30</duration><title>Rocket 🚀 science</title><type>djset</type><persons><person id="1">Ann</person></persons>')}
</room></day></schedule>`.replace(/<date>2024-05-01T10:00:00\+02:00<\/date><start><\/start>/g, '');
    const { after, report, diags } = runImport(xml, 'schedule.xml');
    expect(diags.hasErrors).toBe(false);
    expect(report).toContain('warning[import-unknown-type]: event type "djset" (2 events) is not a kind forumpress knows; imported as "talk"');
    expect(report).toContain('warning[import-no-speaker]: "Nobody talks" has no speaker');
    expect(report).toContain('warning[import-emoji]: removed 1 emoji from the title "Rocket 🚀 science"');
    expect(report).toContain('warning[import-repeated]: "Rocket 🚀 science" is in the export again');
    expect(report).toContain('warning[import-several-days]: "Night owls" runs past midnight');
    expect(talksOf(after)).toHaveLength(5);
    expect(after['schedule.yaml']).toContain('{ time: 23:58-23:59, talk: last-minute }');
    expect(front(after['abstracts/rocket-science.md']).title).toBe('Rocket science');
    // Both late talks continue after midnight; the two continuations overlap, so one gets a lane.
    expect(after['schedule.yaml']).toMatch(/\{ time: 00:00-00:30, kind: other, title: Night owls \(continued\), room: Hall( \(2\))? \}/);
    const checked = await build({ content: memorySource({ ...after, 'forum.yaml': after['forum.yaml'].replace('"?"', 'Hall') }, 'content'), templates: realSources().templates, checkOnly: true });
    expect(checked.diagnostics.filter((d) => d.severity === 'error').map((d) => formatDiagnostic(d))).toEqual([]);
  });
});

describe('forumpress import: the command', () => {
  const cli = (...args: string[]) => spawnSync(process.execPath, [join(import.meta.dirname, '../bin/forumpress.js'), ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

  it('writes the folder, says what it did; a broken export writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'forumpress-import-'));
    const ok = cli('import', join(FIXTURES, 'lswt2019/schedule.xml'), '--content', join(dir, 'content'));
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/imported 23 events \(17 talks\) into .*: 10 sessions over 1 days in 4 rooms; 20 file\(s\) new/);
    expect(ok.stderr).toContain('warning[import-no-speaker]');
    expect(readdirSync(join(dir, 'content/abstracts'))).toHaveLength(17);
    writeFileSync(join(dir, 'bad.json'), '{"schedule": ');
    const bad = cli('import', join(dir, 'bad.json'), '--content', join(dir, 'other'));
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^bad\.json:1:13: error\[import-syntax\]: the file is not valid JSON: the file ends in the middle of a value/);
    expect(existsSync(join(dir, 'other'))).toBe(false);
  });
});
