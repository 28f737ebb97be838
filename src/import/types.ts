import { lineOfOffset, lineStarts, type Position } from '../diagnostics.js';

/** One event of a schedule export, as the export states it (local times, as written). */
export interface ExportEvent {
  /** The export's stable identity: guid, else id, else slug. */
  key: string;
  id: string;
  slug: string;
  title: string;
  subtitle: string;
  track: string;
  type: string;
  language: string;
  /** Raw abstract and description (HTML or markdown-ish text). */
  abstract: string;
  description: string;
  /** Speakers' names, in the export's order. */
  persons: string[];
  room: string;
  /** Calendar date of the start, YYYY-MM-DD (local). */
  date: string;
  /** Minutes after midnight of `date`. */
  start: number;
  /** Minutes; undefined when the export gives none. */
  duration: number | undefined;
  /** The conference day the export lists it under. */
  day: { index: number; date: string; start?: string; end?: string };
  /** Where the event is in the export file. */
  at: Position;
}

/** A schedule export read into plain data, whatever its format. */
export interface ExportSchedule {
  format: 'frab-json' | 'frab-xml' | 'pretalx-api';
  title: string;
  acronym: string;
  /** YYYY-MM-DD, or '' when missing. */
  start: string;
  end: string;
  events: ExportEvent[];
  /** The conference's own language field, when the export has one (as written: "de", "German"). */
  language?: string;
  /** Where that field is. */
  languageAt?: Position;
  /** Rooms in the export's order (pretalx: room position, then name); else by name. */
  roomOrder?: string[];
}

/** Turns "HH:MM" / "H:MM:SS" / "D:HH:MM" durations into minutes; undefined when unreadable or empty. */
export function parseDuration(text: string | undefined | null): number | undefined {
  const t = (text ?? '').trim();
  if (!t) return undefined;
  const parts = t.split(':').map((p) => Number(p));
  if (parts.some((n) => !Number.isFinite(n) || n < 0)) return undefined;
  if (parts.length === 2) return parts[0] * 60 + parts[1];
  if (parts.length === 3) {
    // frab writes hours:minutes:seconds; a first part of a few units with a 24h+ middle is days.
    return parts[1] >= 60 ? undefined : parts[0] * 60 + parts[1] + Math.round(parts[2] / 60);
  }
  return undefined;
}

/** Reads the local date and time from "2019-12-27T11:00:00+01:00" (offsets are ignored: times stay as written). */
export function localDateTime(text: string | undefined | null): { date: string; minutes: number } | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{1,2}):(\d{2}))?/.exec((text ?? '').trim());
  if (!m) return undefined;
  return { date: m[1], minutes: m[2] === undefined ? 0 : Number(m[2]) * 60 + Number(m[3]) };
}

/** Minutes from "HH:MM". */
export function clockMinutes(text: string | undefined | null): number | undefined {
  const m = /^(\d{1,2}):(\d{2})/.exec((text ?? '').trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

/** 1-based line and column of a character offset. */
export function positionOf(text: string, offset: number, file: string): Position {
  return lineIndex(text, file)(offset);
}

/** A position finder for one text: the line starts are found once, then each lookup is a binary search. */
export function lineIndex(text: string, file: string): (offset: number) => Position {
  const starts = lineStarts(text);
  return (offset) => {
    const lo = lineOfOffset(starts, offset);
    return { file, line: lo + 1, column: offset - starts[lo] + 1 };
  };
}

/** "09:05" from minutes after midnight. */
export function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
