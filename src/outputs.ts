import type { Program } from './model/types.js';
import type { SettingsFile } from './check/schemas.js';
import { programView } from './layout/view.js';
import { roomSigns, signsView } from './layout/signs.js';
import { gridColumns } from './layout/grid.js';
import { sheetLayout, stockLayout, type SheetLayout } from './layout/imposition.js';
import { STOCK_PRESETS } from './model/stock.js';
import type { AttendeeList } from './model/attendees.js';
import { roomDocumentJobs } from './room-documents.js';
import { paperSize } from './layout/document.js';
import { phoneView } from './share/web.js';
import type { DerivedOutput } from './finish/derive.js';

/** One PDF to produce: the template that lays it out and the data it gets. */
export interface OutputJob {
  /** File name inside out/, e.g. program.pdf */
  output: string;
  /** Template path inside templates/, e.g. booklet/booklet.hbs */
  template: string;
  view: object;
  /** Pages the document must have (one per sign); more means something spilled over. */
  expectPages?: { count: number; what: string };
}

/**
 * Every document a build produces, from the checked program and the settings.
 * New kinds of output (signs, badges...) add their jobs here.
 */
export function outputJobs(program: Program, settings: SettingsFile, attendees?: AttendeeList): OutputJob[] {
  const view = programView(program, { gridColumns: gridColumns(settings.booklet.paper) });
  return [
    { output: 'program.pdf', template: 'booklet/booklet.hbs', view: { ...view, paper: settings.booklet.paper, page: paperSize(settings.booklet.paper), talkPerPage: settings.booklet.talks === 'page' } },
    // With parallel rooms a long sign runs onto further pages by design, its heading repeated.
    { output: 'signs.pdf', template: 'signs/signs.hbs', view: signsView(program), expectPages: roomSigns(program).length ? undefined : signPages(program) },
    // Phone-width pages, one per day: the source of `forumpress preview`'s schedule-dayN.png.
    { output: 'schedule-phone.pdf', template: 'phone/schedule.hbs', view: phoneView(program),
      expectPages: { count: program.days.length, what: `one page per day (${program.days.length})` } },
    ...roomDocumentJobs(program, settings, attendees),
  ];
}

function signPages(program: Program): { count: number; what: string } {
  const sessions = program.days.flatMap((d) => d.items.filter((i) => i.type === 'session')).length;
  return { count: sessions + program.days.length, what: `one page per session (${sessions}) and per day (${program.days.length})` };
}

/** One badge PDF to produce: its file name and its sheet layout. */
export interface BadgeJob {
  output: string;
  layout: SheetLayout;
}

/**
 * The badge files, one per layout of settings.yaml: the first is badges.pdf, others
 * badges-<layout>.pdf. A reprint (--only) writes badges-reprint*.pdf instead.
 */
export function badgeJobs(settings: SettingsFile, reprint: boolean): BadgeJob[] {
  const { layouts, printer_size: printerSize, stock } = settings.badges;
  return [...new Set(layouts)].map((name, i) => ({
    output: `badges${reprint ? '-reprint' : ''}${i ? `-${name}` : ''}.pdf`,
    layout: name === 'card' || name === 'a6' || name === 'printer' ? sheetLayout(name, printerSize)
      : stockLayout(name, name === 'stock' ? stock! : STOCK_PRESETS[name]),
  }));
}

export type { DerivedOutput };

/**
 * Files derived from other outputs, by the output they come from: the booklet's PDF/A
 * copy and its pages imposed for printing. The booklet is rendered once for all three.
 */
export function derivedOutputs(settings: SettingsFile): Record<string, DerivedOutput[]> {
  return {
    'program.pdf': [
      { output: 'program-archival.pdf', kind: 'pdfa', part: settings.archival.pdfa === '3b' ? 3 : 1 },
      { output: 'program-print.pdf', kind: 'imposed', marks: settings.print.crop_marks },
    ],
  };
}
