import { describe, expect, it } from 'vitest';
import { loadProgram } from '../../src/check/program.js';
import { Diagnostics } from '../../src/diagnostics.js';
import { memorySource } from '../../src/io.js';
import { realContentFiles } from '../helpers/build.js';

function load(files: Record<string, string>) {
  const diags = new Diagnostics();
  const result = loadProgram(memorySource(files), diags);
  return { ...result, diags: diags.sorted() };
}

const brief = (d: { file: string; line: number; column: number; rule: string }) => `${d.file}:${d.line}:${d.column} ${d.rule}`;

describe('loadProgram on the real content', () => {
  it('builds the model with 2 days, 8 sessions, 18 talks and no diagnostics', () => {
    const { program, diags } = load(realContentFiles());
    expect(diags).toEqual([]);
    expect(program!.days.map((d) => d.date)).toEqual(['2022-12-31', '2023-01-01']);
    const sessions = program!.days.flatMap((d) => d.items.filter((i) => i.type === 'session'));
    expect(sessions).toHaveLength(8);
    expect(program!.talks).toHaveLength(18);
    expect(program!.talks[0]).toMatchObject({ id: 'wu-yingnian', kind: 'plenary', speakers: [{ name: '吴英年', affiliation: 'UCLA' }] });
    expect(program!.talks.find((t) => t.id === 'dong-xingsi')!.title).toMatchObject({ primary: '负反馈帮助加速吸引子网络的采样', secondary: expect.stringMatching(/^Adaptation/) });
  });
});

describe('loadProgram diagnostics', () => {
  it('points at an unknown field and a missing one in front matter', () => {
    const files = realContentFiles();
    files['abstracts/lei-na.md'] = files['abstracts/lei-na.md'].replace('kind: talk', 'kind: talk\nsummary: x').replace(/^title: .*\n/m, '');
    expect(load(files).diags.map(brief)).toEqual([
      'content/abstracts/lei-na.md:2:1 missing-field',
      'content/abstracts/lei-na.md:6:1 unknown-field',
    ]);
  });

  it('tells a value of the wrong type from a missing one', () => {
    const files = realContentFiles();
    files['forum.yaml'] = files['forum.yaml'].replace('edition: 2', 'edition: two').replace('online: true', 'online: yes please');
    const { diags } = load(files);
    expect(diags.map(brief)).toEqual(['content/forum.yaml:3:10 schema', 'content/forum.yaml:8:9 schema']);
    expect(diags[0].message).toMatch(/^edition: .*number/);
  });

  it('finds overlapping, backwards and unparsable times, unknown and repeated talks', () => {
    const files = realContentFiles();
    files['schedule.yaml'] = files['schedule.yaml']
      .replace('{ time: 10:00-10:40, talk: zhou-haijun }', '{ time: 09:50-10:40, talk: zhou-haijun }')
      .replace('{ time: 11:30-12:00, talk: lu-zitong }', '{ time: 12:00-11:30, talk: lu-zitong }')
      .replace('{ time: 14:40-15:20, talk: feng-zhicong }', '{ time: 14:40-15:20, talk: fengzhicong }')
      .replace('{ time: 15:20-16:00, talk: wei-yina }', '{ time: 15:20-16:00, talk: bi-hongjie }')
      .replace('{ time: 16:20-16:50, talk: ding-jianhao }', '{ time: 16:20-16:70, talk: ding-jianhao }');
    const rules = load(files).diags.map((d) => `${d.line} ${d.rule}`);
    expect(rules).toEqual(expect.arrayContaining(['15 time-overlap', '22 time-backwards', '32 unknown-talk', '33 duplicate-talk', '39 bad-time']));
    expect(load(files).diags.filter((d) => d.rule === 'unused-abstract').map((d) => d.file).sort())
      .toEqual(['content/abstracts/feng-zhicong.md', 'content/abstracts/wei-yina.md']);
  });

  it('lets sessions in different rooms run in parallel', () => {
    const files = realContentFiles();
    files['schedule.yaml'] = files['schedule.yaml']
      .replace('        title: Session 2\n', '        title: Session 2\n        room: B\n')
      .replace('{ time: 11:00-11:30, talk: xie-yu }', '{ time: 10:00-10:30, talk: xie-yu }');
    expect(load(files).diags).toEqual([]);
  });

  it('reports a duplicate session id and a missing file', () => {
    const files = realContentFiles();
    files['schedule.yaml'] = files['schedule.yaml'].replace('session: S2', 'session: S1');
    delete files['forum.yaml'];
    expect(load(files).diags.map(brief)).toEqual(['content/forum.yaml:1:1 missing-file', 'content/schedule.yaml:17:18 duplicate-id']);
  });
});

describe('a larger conference fits the content model', () => {
  it('takes parallel sessions in rooms, several speakers, several chairs and a poster session', () => {
    const files = realContentFiles();
    files['abstracts/p1.md'] = '---\ntitle: Poster one\nspeakers:\n  - { name: A, affiliation: X }\n  - { name: B }\nkind: poster\n---\n';
    files['abstracts/p2.md'] = '---\ntitle: 墙报二\nspeakers: [{ name: 丙 }]\nkind: poster\n---\n';
    files['abstracts/w1.md'] = '---\ntitle: Workshop\nspeakers: [{ name: D }, { name: E }]\nkind: workshop\n---\nHands-on.\n';
    files['forum.yaml'] = files['forum.yaml'].replace('end: 2023-01-01', 'end: 2023-01-02');
    files['schedule.yaml'] += [
      '  - date: 2023-01-02',
      '    program:',
      '      - { session: P, title: 墙报, room: 大厅, chair: [甲, 乙], slots: [{ time: 09:00-11:00, talk: p1 }, { time: 09:00-11:00, talk: p2 }] }',
      '      - { session: W, title: 研讨会, room: 201, slots: [{ time: 09:00-11:00, talk: w1 }] }',
      '',
    ].join('\n');
    const { program, diags } = load(files);
    expect(diags).toEqual([]);
    const day3 = program!.days[2].items.map((i) => (i.type === 'session' ? i.session : undefined))!;
    expect(day3.map((s) => [s!.room, s!.chairs.length, s!.slots.length])).toEqual([['大厅', 2, 2], ['201', 0, 1]]);
    expect(program!.talks.slice(-3).map((t) => [t.kind, t.speakers.length])).toEqual([['poster', 2], ['poster', 1], ['workshop', 2]]);
  });
});
