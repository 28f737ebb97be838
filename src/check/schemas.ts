import { z } from 'zod';
import { CONTROL } from '../load/control.js';
import { BADGE_LAYOUTS, stockSchema } from './stock-schema.js';
import { isTimeZone } from './timezone.js';

/** Schemas of every content file, declared once; README.md documents the same fields. */

const text = z.string().trim().min(1, 'must not be empty')
  .refine((s) => !CONTROL.test(s), 'holds a control character (often pasted from a word processor); retype the text around it');
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date written YYYY-MM-DD', abort: true })
  .refine(isCalendarDate, 'is not a day of the calendar (check the month and the day)');

/** True for a real day: 2023-02-28 is, 2023-02-31 is not. */
function isCalendarDate(iso: string): boolean {
  const [y, m, d] = iso.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return y >= 1900 && y <= 2999 && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}
const names = z.array(text);
/** A name that YAML may read as a number (room 201): kept as text. */
const label = z.union([text, z.number().transform(String)]);

/** content/forum.yaml */
/** True when `tag` is a well-formed BCP 47 language tag (zh-CN, fr, en-GB). */
function isLanguageTag(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}
const languageTag = z.string().refine(isLanguageTag, 'must be a BCP 47 language tag such as zh-CN, en or fr');

export const forumSchema = z.strictObject({
  name: text,
  /** The language every word forumpress adds is printed in (templates/locales/<tag>.yaml). */
  language: languageTag.default('zh-CN'),
  /** A second language printed beside the first: bilingual headings, titles and names. */
  second_language: languageTag.optional(),
  name_en: text.optional(),
  edition: z.number().int().positive().optional(),
  dates: z.strictObject({ start: date, end: date }),
  venue: text,
  online: z.boolean().default(false),
  livestream: z.strictObject({ platform: text, note: text.optional(), url: text.optional() }).optional(),
  contact: text.optional(),
  hosts: names.default([]),
  co_hosts: names.default([]),
  organizing_committee: names.default([]),
  academic_committee: names.default([]),
  funding: text.optional(),
  introduction: text.optional(),
  /** The organizers' logo on the cover (an image in content/), or a list of them, one per host. */
  logo: z.union([text, z.array(text).min(1).max(4)]).optional(),
  /** The forum's time zone (IANA name): schedule times are its wall-clock times (program.ics). */
  timezone: z.string().refine(isTimeZone, 'is not a time zone name; write it as in the IANA list, e.g. Asia/Shanghai, Asia/Hong_Kong, Europe/Berlin').default('Asia/Shanghai'),
});

/** A title in one language, or in two: { zh: ..., en: ... } (at least one of them). */
const titles = z.union([text, z.strictObject({ zh: text.optional(), en: text.optional() })
  .refine((t) => t.zh !== undefined || t.en !== undefined, 'give the title in zh:, en: or both')]);

const time = z.string().regex(/^\d{1,2}:\d{2}\s*-\s*\d{1,2}:\d{2}$/, 'must be a time range written HH:MM-HH:MM');
const slotKind = z.enum(['opening', 'closing', 'discussion', 'break', 'meal', 'announcement', 'other']);

const slot = z.union([
  z.strictObject({ time, talk: text, room: label.optional() }),
  z.strictObject({ time, kind: slotKind, title: titles, room: label.optional() }),
]);

const chair = z.union([text, z.array(text).min(1)]);

const session = z.strictObject({
  session: text,
  title: titles,
  chair: chair.optional(),
  room: label.optional(),
  /** Optional: when given, every slot must lie inside it. */
  time: time.optional(),
  slots: z.array(slot).min(1, 'a session needs at least one slot'),
});

/** content/schedule.yaml */
export const scheduleSchema = z.strictObject({
  days: z
    .array(z.strictObject({ date, program: z.array(z.union([session, slot])).min(1) }))
    .min(1, 'the schedule needs at least one day'),
});

/** `sort_as`: the reading a list of people files the person under (pinyin or Latin letters), when the computed one is wrong. */
const person = z.strictObject({ name: text, name_en: text.optional(), affiliation: text.optional(), sort_as: text.optional() });

/** Front matter of content/abstracts/*.md */
export const abstractSchema = z.strictObject({
  title: z.union([text, z.strictObject({ zh: text.optional(), en: text.optional() })]),
  /** May be empty (`speakers: []`) for an event without a speaker; a missing list is an error. */
  speakers: z.array(person),
  kind: z.string().regex(/^[a-z][a-z-]*$/, 'must be a lower-case word such as talk, plenary, panel, poster').default('talk'),
  /** Written by `forumpress import` (frab/pretalx fields); kept for templates, not required. */
  subtitle: text.optional(),
  track: text.optional(),
  language: text.optional(),
});

/** A person at a head table: a name, or a name with its details. */
const seated = z.union([text, z.strictObject({ name: text, name_en: text.optional(), affiliation: text.optional() })]);

/**
 * content/tents.yaml (optional): the head tables, each a session of schedule.yaml (its chairs,
 * then its speakers, unless `people` is given) or any other table with a title. People most senior first.
 */
export const tentsSchema = z.strictObject({
  tables: z.array(z.strictObject({
    session: text.optional(),
    title: text.optional(),
    date: date.optional(),
    time: time.optional(),
    people: z.array(seated).min(1, 'list at least one person').optional(),
  })).min(1, 'list at least one table'),
});

/** content/settings.yaml (optional) */
export const settingsSchema = z.strictObject({
  booklet: z.strictObject({
    paper: z.enum(['A5', 'A4']).default('A5'),
    // flow: abstracts follow one another; page: each talk starts a page (and a longer one warns).
    talks: z.enum(['flow', 'page']).default('flow'),
  }).prefault({}),
  /**
   * program-archival.pdf: PDF/A-1b, or PDF/A-3b carrying the content files it was built from;
   * the attendee list (personal data) only when `attach_attendees` says so.
   */
  archival: z.strictObject({ pdfa: z.enum(['1b', '3b']).default('1b'), attach_attendees: z.boolean().default(false) }).prefault({}),
  /** program-print.pdf: crop_marks adds 3 mm bleed, crop marks, TrimBox and BleedBox for a print shop. */
  print: z.strictObject({ crop_marks: z.boolean().default(false) }).prefault({}),
  /** signin.pdf: one sheet per day or per session, `rows` attendees a page. */
  signin: z.strictObject({ per: z.enum(['day', 'session']).default('day'), rows: z.number().int().min(5).max(40).default(20) }).prefault({}),
  /** certificates.pdf: a page per attendee (参会证明) or per speaker and talk (报告证明). */
  certificates: z.strictObject({ for: z.enum(['attendees', 'speakers']).default('attendees') }).prefault({}),
  /** tents.pdf: seating by precedence (zh: 以左为上, international: right is senior) or as listed. */
  tents: z.strictObject({ seating: z.enum(['zh', 'international', 'listed']).default('zh') }).prefault({}),
  badges: z.strictObject({
    layouts: z.array(z.enum(BADGE_LAYOUTS)).min(1).default(['card']),
    printer_size: z.enum(['card', 'a6']).default('card'),
    back: z.boolean().default(false),
    spares: z.number().int().min(0).max(500).default(0),
    /** The sheet of the `stock` layout: any grid of labels, in millimetres. */
    stock: stockSchema.optional(),
  }).prefault({}).superRefine((badges, ctx) => {
    const i = badges.layouts.indexOf('stock');
    if (i >= 0 && !badges.stock) ctx.addIssue({ code: 'custom', path: ['layouts', i], message: 'the stock layout needs a "stock:" entry under badges (rows, columns, width, height, top, left, h_pitch, v_pitch)' });
  }),
});

/** content/roles.yaml: the roles badges show, most senior first. */
export const rolesSchema = z.strictObject({
  roles: z.array(z.strictObject({
    key: z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be a lower-case word such as speaker, chair, staff'),
    label: text,
    label_en: text.optional(),
    color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour written #RRGGBB'),
  })).min(1, 'list at least one role'),
});

export type ForumFile = z.infer<typeof forumSchema>;
export type ScheduleFile = z.infer<typeof scheduleSchema>;
export type AbstractFile = z.infer<typeof abstractSchema>;
export type SettingsFile = z.infer<typeof settingsSchema>;
export type RolesFile = z.infer<typeof rolesSchema>;
export type TentsFile = z.infer<typeof tentsSchema>;
export type SlotEntry = z.infer<typeof slot>;
export type SessionEntry = z.infer<typeof session>;
