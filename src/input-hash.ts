import { createHash } from 'node:crypto';
import type { OutputJob } from './outputs.js';
import type { AttendeeList } from './model/attendees.js';
import type { SettingsFile } from './check/schemas.js';

/**
 * A digest of everything one output is made from: its template, the data the template
 * sees, and a salt standing for the templates folder and the PDF metadata. Equal digests
 * give equal PDFs, so `--watch` renders only outputs whose digest changed: an edited
 * abstract changes the booklet's data, not a badge's.
 */
export function inputHash(job: OutputJob, salt = ''): string {
  return createHash('sha256').update(salt).update('\0').update(job.template).update('\0').update(JSON.stringify(job.view, plain)).digest('hex');
}

/** Keys that hold where content is written: moving a line alone changes no output. */
const POSITIONS = new Set(['fieldAt', 'listsAt']);

/** A JSON replacer that leaves out where content is written (fieldAt). */
export function withoutPositions(key: string, value: unknown): unknown {
  return POSITIONS.has(key) ? undefined : value;
}

/**
 * JSON drops what is inside Maps and Sets and writes functions as nothing: spell them out.
 * Bytes (an abstract's image) stand as their digest: JSON writes each byte as a key of its own,
 * and an 8 MB JPEG took the booklet's digest to some 500 MB of memory.
 */
function plain(this: unknown, key: string, value: unknown): unknown {
  if (POSITIONS.has(key)) return undefined;
  const raw = (this as Record<string, unknown>)[key];
  if (raw instanceof Uint8Array) return { bytes: createHash('sha256').update(raw).digest('hex') };
  if (value instanceof Map) return { Map: [...value] };
  if (value instanceof Set) return { Set: [...value] };
  if (typeof value === 'function') return `function ${value.toString()}`;
  return value;
}

/**
 * A digest of everything the badges are made from: the attendees with their roles (positions
 * left out: moving a row's line alone changes no badge), the badge settings, the reprint
 * list and the salt. The badge view of the forum (name, dates) is in the salt's metadata.
 */
export function badgeDigest(list: AttendeeList, settings: SettingsFile, only: string[] | undefined, salt = ''): string {
  const people = list.attendees.map(({ at: _at, ...person }) => person);
  return createHash('sha256').update(salt).update('\0badges\0')
    .update(JSON.stringify({ people, roles: list.roles, settings: settings.badges, only: only ?? null }, withoutPositions)).digest('hex');
}
