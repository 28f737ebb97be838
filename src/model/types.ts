/** The program as plain data: what every layout (booklet, signs, badges) is built from. */

/** A span of inline text with its emphasis. */
export interface Inline {
  text: string;
  bold?: boolean;
  italic?: boolean;
  code?: boolean;
  /** A link target shown as a PDF link (never fetched). */
  href?: string;
  /** Line break after this span. */
  break?: boolean;
  /** Where the text's characters stand in the markdown file (see TextOrigin), when known. */
  origins?: TextOrigin[];
}

/**
 * From character `at` of a text on, its characters stand one a column from `line`:`column`
 * of the file, up to the next origin's `at` (a new line of the file, an escape skipped).
 */
export interface TextOrigin {
  at: number;
  line: number;
  column: number;
}

/** Where a block starts in its markdown file (line and column in the file, from 1). */
export interface SourceAt {
  file: string;
  line: number;
  column: number;
}

/**
 * Where a field's value is written: the value's start (a quoted value's quote, a block value's
 * | or >), and where its characters are when they do not simply follow from there.
 */
export interface FieldPos extends SourceAt {
  /**
   * The value's characters other than spaces, in runs written side by side on one line:
   * [ordinal, line, column] triples; line 0 means unknown from that character on.
   */
  runs?: number[];
}

/** Where the text fields of a model object are written, by field name (lists: one per item). */
export type FieldsAt<K extends string> = { [F in K]?: FieldPos };

/** A block of rich text, produced from markdown, with where it starts when known. */
export type Block = BlockKind & { at?: SourceAt };

/** The kinds of block. */
export type BlockKind =
  | { type: 'paragraph'; inlines: Inline[] }
  | { type: 'heading'; depth: number; inlines: Inline[] }
  | { type: 'list'; ordered: boolean; start: number; items: Block[][] }
  | { type: 'quote'; blocks: Block[] }
  | { type: 'code'; text: string; origins?: TextOrigin[] }
  | { type: 'rule' }
  /** A PNG or JPEG from inside the content folder, on its own line in the markdown. */
  // width, height: the image's pixels as read (they set its printed size); data may be a scaled-down copy.
  | { type: 'image'; path: string; alt: string; format: 'png' | 'jpeg'; width: number; height: number; data: Uint8Array };

/** An image placed in a document: an abstract's figure, a logo. */
export type ImageBlock = Extract<Block, { type: 'image' }>;

/** A title in one or two languages; `primary` is what a short listing shows. */
export interface Title {
  zh?: string;
  en?: string;
  primary: string;
  /** The other language, when both are given. */
  secondary?: string;
  /** Where zh, en and primary are written. */
  fieldAt?: FieldsAt<'zh' | 'en' | 'primary'>;
}

/** A person as named in the program. */
export interface Person {
  name: string;
  nameEn?: string;
  affiliation?: string;
  /** How lists of people file this name (content's `sort_as`), when the computed reading is wrong. */
  sortAs?: string;
  fieldAt?: FieldsAt<'name' | 'nameEn' | 'affiliation'>;
}

/** A talk, poster or panel, from one file under content/abstracts/. */
export interface Talk {
  id: string;
  /** Where it came from, e.g. content/abstracts/lei-na.md */
  file: string;
  title: Title;
  speakers: Person[];
  /** talk, plenary, keynote, invited, panel, poster, workshop, ... */
  kind: string;
  /** From an imported schedule: the talk's subtitle, track and language, when it had them. */
  subtitle?: string;
  track?: string;
  language?: string;
  body: Block[];
  /** 1-based line where the abstract's text starts in `file` (for diagnostics about it). */
  bodyLine?: number;
  fieldAt?: FieldsAt<'subtitle' | 'track'>;
  /** Where schedule.yaml schedules it (file, line, column of its `talk:`). */
  scheduledAt?: { file: string; line: number; column: number };
}

/** One line of the schedule. */
export interface Slot {
  start: string;
  end: string;
  /** talk kinds, or opening, discussion, break, meal, announcement, other */
  kind: string;
  /** Set for non-talk slots; talk slots take the title from their talk. */
  title?: string;
  /** The title in both languages, when schedule.yaml gives { zh, en }. */
  titles?: Title;
  talk?: Talk;
  room?: string;
  fieldAt?: FieldsAt<'title' | 'room'>;
}

/** A session: slots under one chair, in one room. */
export interface Session {
  id: string;
  title: string;
  /** The title in both languages, when schedule.yaml gives { zh, en }. */
  titles?: Title;
  chairs: Person[];
  room?: string;
  date: string;
  start: string;
  end: string;
  slots: Slot[];
  fieldAt?: FieldsAt<'title' | 'room'>;
}

/** An entry of a day's program, in time order. */
export type DayItem = { type: 'slot'; slot: Slot } | { type: 'session'; session: Session };

/** One day of the forum. */
export interface Day {
  /** ISO date, YYYY-MM-DD */
  date: string;
  items: DayItem[];
}

/** The forum: names, dates, place and people. */
export interface Forum {
  name: string;
  /** BCP 47 tag of the language the documents are printed in (zh-CN by default). */
  language: string;
  /** A second language printed beside the first (bilingual programs). */
  secondLanguage?: string;
  nameEn?: string;
  edition?: number;
  dates: { start: string; end: string };
  venue: string;
  online: boolean;
  livestream?: { platform: string; note?: string; url?: string };
  /** How to reach the organizers (e-mail, phone), printed on the back cover. */
  contact?: string;
  hosts: string[];
  coHosts: string[];
  organizingCommittee: string[];
  academicCommittee: string[];
  funding?: string;
  introduction: Block[];
  /** The organizers' logos (forum.yaml's logo:), readied for print. */
  logos?: ImageBlock[];
  /** IANA time zone of the schedule's times, e.g. Asia/Shanghai. */
  timezone: string;
  fieldAt?: FieldsAt<'name' | 'nameEn' | 'venue' | 'contact' | 'funding' | 'livestreamPlatform' | 'livestreamNote'>;
  /** Where each item of hosts, coHosts and the committees is written. */
  listsAt?: { [L in 'hosts' | 'coHosts' | 'organizingCommittee' | 'academicCommittee']?: Array<FieldPos | undefined> };
}

/** Intl.DateTimeFormat options a locale file may give. */
export interface DateParts {
  year?: 'numeric' | '2-digit';
  month?: 'numeric' | '2-digit' | 'long' | 'short' | 'narrow';
  day?: 'numeric' | '2-digit';
  weekday?: 'long' | 'short' | 'narrow';
}

/** The wording of the program's language (templates/locales/<tag>.yaml); a word has a second language's form in a bilingual program. */
export interface Locale {
  language: string;
  second?: string;
  words: Record<string, [string] | [string, string]>;
  kinds: Record<string, [string] | [string, string]>;
  punctuation: { list: string; speakers: string; colon: string; open: string; close: string; gap: string; separator: string };
  dates: { date: DateParts; monthDay: DateParts; weekday: 'long' | 'short' | 'narrow'; full: string; short: string; rangeSeparator?: string; dayNumber: string };
  collation: string;
}

/** A head table (content/tents.yaml): who sits there, most senior first, for table tents. */
export interface HeadTable {
  title: string;
  /** ISO date and HH:MM–HH:MM, when known (a session's). */
  date?: string;
  time?: string;
  people: Person[];
  fieldAt?: FieldsAt<'title'>;
}

/** Everything the layouts need. */
export interface Program {
  forum: Forum;
  /** The wording of the program's language; the built-in Chinese when absent (set by build.ts from the templates). */
  locale?: Locale;
  days: Day[];
  /** Talks in schedule order. */
  talks: Talk[];
  /** Head tables of content/tents.yaml, in its order (none without the file). */
  headTables?: HeadTable[];
}
