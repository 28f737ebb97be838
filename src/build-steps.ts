import { createHash } from 'node:crypto';
import type { Diagnostics } from './diagnostics.js';
import type { Program } from './model/types.js';
import type { SettingsFile } from './check/schemas.js';
import type { AttendeeList } from './model/attendees.js';
import { outputJobs } from './outputs.js';
import type { PdfMeta } from './pdfmake/pdf.js';
import { layOutSheets, type SpilledTurn } from './finish/sheets.js';
import type { FontSet } from './fonts/fonts.js';
import { trackPages } from './pdfmake/pages.js';
import { checkPageCounts } from './build-badges.js';
import { checkLostContent } from './check/lost-content.js';
import { checkLostText } from './check/lost-text.js';
import { checkPlacedOverlap } from './check/placed-overlap.js';
import { tracedRuns } from './layout/traced-runs.js';
import { roomSigns } from './layout/signs.js';
import { bothWords, DEFAULT_LOCALE, word } from './layout/default-locale.js';
import { ROOM_SUBJECTS } from './room-documents.js';
import type { DocumentTree } from './layout/tree.js';

/* Steps of build.ts that need a few lines each: metadata, digests, page checks. */

/** Lays every document out (pdfmake's layout only: nothing is drawn or written) for the checks that need its pages. */
export async function layOut(documents: Map<string, DocumentTree>, program: Program, settings: SettingsFile, meta: PdfMeta,
  fonts: FontSet, diags: Diagnostics, label: string, attendees?: AttendeeList): Promise<void> {
  const anchors = new Map(program.talks.map((t) => [`talk-${t.id}`, t]));
  const jobs = outputJobs(program, settings, attendees);
  const laid = new Map<string, number>();
  for (const [name, doc] of documents) {
    const tracked = trackPages(doc, new Set(anchors.keys()));
    try {
      // Folded documents (tents) go through their folding too, which warns of a face that spills over.
      laid.set(name, await layOutSheets(tracked.doc, meta, fonts, (s) => warnSpilledTurn(s, name, jobs.find((j) => j.output === name)?.template ?? '', label, diags)));
    } catch (err) {
      diags.error('render', { file: label, line: 1, column: 1 }, `${name} could not be laid out: ${(err as Error).message.split('\n')[0]}`,
        'this is a gap in forumpress\'s checks: please report it with the content that caused it');
      return;
    }
    if (settings.booklet.talks === 'page') warnLongAbstracts(tracked.spans(), anchors, name, diags);
    checkLostContent(name, tracked.laidOut(), program, diags, roomSigns(program));
    checkLostText(name, tracked.laidOut(), tracedRuns(doc.content), diags);
    checkPlacedOverlap(name, tracked.laidOut(), diags, label);
  }
  await checkPageCounts(jobs, laid, diags, label);
}

/**
 * What the derived files (archival, print) depend on besides the booklet: their settings,
 * and for PDF/A-3b the bytes of every content file, which it carries as attachments.
 */
export function derivedSalt(settings: SettingsFile, files: ReadonlyMap<string, Uint8Array>): string {
  const hash = createHash('sha256').update(JSON.stringify([settings.print, settings.archival]));
  if (settings.archival.pdfa === '3b') for (const [path, bytes] of [...files].sort(([a], [b]) => a.localeCompare(b))) hash.update(path).update(bytes);
  return hash.digest('hex');
}

/** With one talk per page (booklet: { talks: page }), a talk filling more pages runs over (a warning). */
export function warnLongAbstracts(spans: Map<string, number>, anchors: Map<string, Program['talks'][number]>, output: string, diags: Diagnostics): void {
  for (const [anchor, pages] of spans) {
    const talk = anchors.get(anchor);
    if (talk && pages > 1) {
      diags.warn('abstract-too-long', { file: talk.file, line: talk.bodyLine ?? 1, column: 1 }, `the talk fills ${pages} pages in ${output}, not one`,
        'shorten the abstract, or accept that it continues on the next page');
    }
  }
}

/** A folded sheet (a table tent) whose faces ran past their half sheets: warned, naming the tent. */
export function warnSpilledTurn(s: SpilledTurn, output: string, template: string, label: string, diags: Diagnostics): void {
  diags.warn('page-overflow', { file: `${label}/${template}`, line: 1, column: 1 },
    `${output}: tent ${s.index} fills ${s.pages} half sheets instead of 2, so it and the tents after it are misfolded`,
    `lower the sizes in templates/partials/tent-face.hbs, or give that person a shorter name or affiliation in content/tents.yaml`);
}

/** The subject of a document other than the booklet, e.g. the signs. */
export function subjectOf(output: string, program: Program): string {
  if (Object.hasOwn(ROOM_SUBJECTS, output)) return `${program.forum.name} ${ROOM_SUBJECTS[output]}`;
  return output === 'signs.pdf' ? `${program.forum.name} ${bothWords(program.locale ?? DEFAULT_LOCALE, 'subject_signs')}` : metadata(program).subject;
}

/** PDF metadata from the forum: dates come from the content, so rebuilds are identical. */
export function metadata(program: Program, sourceDate?: Date): PdfMeta {
  const { forum } = program;
  const locale = program.locale ?? DEFAULT_LOCALE;
  const people = [...new Set([...forum.organizingCommittee])];
  return {
    title: forum.name,
    author: people.length ? people.join(', ') : forum.hosts.join(', '),
    subject: `${forum.name} ${bothWords(locale, 'subject_booklet')}`,
    keywords: [forum.name, ...forum.hosts, forum.venue].join('; '),
    language: forum.language,
    printTitle: `${forum.name}${locale.punctuation.open}${word(locale, 'print_copy')}${locale.punctuation.close}`,
    date: sourceDate ?? new Date(`${forum.dates.start}T00:00:00Z`),
  };
}
