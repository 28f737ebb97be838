import { SaxesParser, type SaxesTag } from 'saxes';
import { characterEntities } from 'character-entities';
import type { Diagnostics, Position } from '../diagnostics.js';
import { clockMinutes, localDateTime, parseDuration, type ExportEvent, type ExportSchedule } from './types.js';

/** Elements of an <event> whose text the import keeps. */
const FIELDS = new Set(['date', 'start', 'duration', 'room', 'slug', 'title', 'subtitle', 'track', 'type', 'language', 'abstract', 'description']);

interface Draft {
  attrs: Record<string, string>;
  fields: Record<string, string>;
  persons: string[];
  at: Position;
}

/** Reads a frab / pentabarf schedule.xml; a syntax error is reported at its line and column. */
export function readFrabXml(text: string, file: string, diags: Diagnostics): ExportSchedule | undefined {
  const parser = new SaxesParser({ position: true });
  // Some generators write HTML's named entities (&nbsp;, &eacute;) into the XML; no DTD is ever read.
  parser.ENTITIES = { ...characterEntities };
  const stack: string[] = [];
  const conference: Record<string, string> = {};
  let day: ExportEvent['day'] | undefined;
  let room = '';
  let draft: Draft | undefined;
  let buffer = '';
  let failed = false;
  const events: ExportEvent[] = [];
  let sawSchedule = false;
  let languageAt: Position | undefined;

  parser.on('error', (err) => {
    if (failed) return;
    failed = true;
    const m = /^(\d+):(\d+): (.*)$/s.exec(err.message);
    const at = m ? { file, line: Number(m[1]), column: Number(m[2]) } : { file, line: parser.line, column: parser.column + 1 };
    diags.error('import-syntax', at, `the file is not well-formed XML: ${m ? m[3] : err.message}`,
      'export the schedule again (the file may be cut short), or fix the markup at this place');
  });
  parser.on('opentag', (tag: SaxesTag) => {
    const parent = stack[stack.length - 1];
    stack.push(tag.name);
    buffer = '';
    const a = tag.attributes as unknown as Record<string, string>;
    if (tag.name === 'schedule' && stack.length === 1) sawSchedule = true;
    if (tag.name === 'day' && parent === 'schedule') {
      day = { index: Number(a.index) || 0, date: a.date ?? '', start: a.start, end: a.end };
    } else if (tag.name === 'room' && parent === 'day') {
      room = a.name ?? '';
    } else if (tag.name === 'event' && parent === 'room') {
      draft = { attrs: a, fields: {}, persons: [], at: { file, line: parser.line, column: 1 } };
    }
  });
  const onText = (t: string) => { buffer += t; };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', (tag) => {
    stack.pop();
    const parent = stack[stack.length - 1];
    if (draft && parent === 'event' && FIELDS.has(tag.name)) draft.fields[tag.name] = buffer;
    else if (draft && tag.name === 'person' && parent === 'persons') draft.persons.push(buffer.trim());
    // Some generators write <person>A, B</person> directly in the event.
    else if (draft && tag.name === 'person' && parent === 'event') draft.persons.push(...buffer.split(/\s*[,;]\s*/));
    else if (parent === 'conference') {
      conference[tag.name] = buffer.trim();
      if (tag.name === 'language') languageAt = { file, line: parser.line, column: 1 };
    }
    else if (tag.name === 'event' && draft && day) {
      events.push(toEvent(draft, day, room, events.length));
      draft = undefined;
    }
    buffer = '';
  });
  try {
    parser.write(text).close();
  } catch {
    // reported by the error handler
  }
  if (failed) return undefined;
  if (!sawSchedule) {
    diags.error('import-shape', { file, line: 1, column: 1 }, 'the XML file has no <schedule> root element',
      'this is not a frab/pentabarf schedule.xml; export the schedule as "XML (frab compatible)"');
    return undefined;
  }
  return {
    format: 'frab-xml', title: conference.title ?? '', acronym: conference.acronym ?? '',
    start: (conference.start ?? '').slice(0, 10), end: (conference.end ?? '').slice(0, 10), events,
    ...(conference.language && { language: conference.language, languageAt }),
  };
}

function toEvent(d: Draft, day: ExportEvent['day'], room: string, index: number): ExportEvent {
  const f = d.fields;
  const when = localDateTime(f.date);
  const start = clockMinutes(f.start) ?? when?.minutes ?? 0;
  const key = d.attrs.guid || d.attrs.id || (f.slug ?? '').trim() || `event-${index + 1}`;
  return {
    key, id: d.attrs.id ?? '', slug: (f.slug ?? '').trim(), title: (f.title ?? '').trim(), subtitle: (f.subtitle ?? '').trim(),
    track: (f.track ?? '').trim(), type: (f.type ?? '').trim(), language: (f.language ?? '').trim(),
    abstract: f.abstract ?? '', description: f.description ?? '',
    persons: d.persons.map((p) => p.trim()).filter(Boolean),
    room: (f.room ?? '').trim() || room, date: when?.date ?? day.date, start, duration: parseDuration(f.duration), day, at: d.at,
  };
}
