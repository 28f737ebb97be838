import { PDFDocument } from 'pdf-lib';
import type { Diagnostics } from './diagnostics.js';
import type { BuildOptions } from './build.js';
import type { SettingsFile } from './check/schemas.js';
import type { Program } from './model/types.js';
import type { AttendeeList, AttendeePhoto } from './model/attendees.js';
import { photoDataUrl } from './check/photos.js';
import type { TemplateSet } from './layout/templates.js';
import { badgeForumView, badgeItems } from './layout/badges.js';
import { programView } from './layout/view.js';
import { bothWords, DEFAULT_LOCALE } from './layout/default-locale.js';
import { badgeJobs, type OutputJob } from './outputs.js';
import { renderBadges } from './badge-render/badges.js';
import type { PdfMeta } from './pdfmake/pdf.js';
import type { FontSet } from './fonts/fonts.js';
import type { MissingGlyphs } from './fonts/fallback.js';

/* The build steps signs and badges add to build.ts, kept here so build.ts stays a short list of stages. */

/** Warns when a document that has a page per item (a sign per session) has more pages; each output is its PDF, or (check) its laid-out page count. */
export async function checkPageCounts(jobs: OutputJob[], outputs: Map<string, Uint8Array | number>, diags: Diagnostics, label = 'templates'): Promise<void> {
  for (const { output, template, expectPages } of jobs) {
    const made = outputs.get(output);
    if (!expectPages || made === undefined) continue;
    const pages = typeof made === 'number' ? made : (await PDFDocument.load(made, { updateMetadata: false })).getPageCount();
    if (pages > expectPages.count) {
      diags.warn('page-overflow', { file: `${label}/${template}`, line: 1, column: 1 },
        `${output} has ${pages} pages instead of ${expectPages.count} (${expectPages.what}): something runs onto an extra page`,
        `shorten the longest titles, or lower the sizes in templates/${template}`);
    }
  }
}

/** Badge files, one per layout; in check mode they are laid out but not rendered. `mainDone`: see BadgeRun. */
export async function buildBadges(program: Program, settings: SettingsFile, templates: TemplateSet, attendees: AttendeeList,
  options: BuildOptions, diags: Diagnostics, outputs: Map<string, Uint8Array>, meta: PdfMeta | undefined,
  fonts: FontSet, missing: MissingGlyphs, mainDone?: Promise<void>): Promise<void> {
  const known = diags.list.length;
  const items = badgeItems(attendees, settings.badges.spares, options.only, diags);
  // Only the badges' own errors stop them: a document's missing glyph must not hide the badges' (one run names all).
  if (diags.list.slice(known).some((d) => d.severity === 'error')) return;
  if (!items.length) {
    diags.warn('no-attendees', { file: attendees.file, line: 1, column: 1 }, 'attendees.csv lists nobody, so no badges are made', 'add a row per attendee under the first row');
    return;
  }
  const forum = badgeForumView(programView(program));
  const warned = new Set<string>();
  const badgeMeta = meta && { ...meta, subject: `${program.forum.name} ${bothWords(program.locale ?? DEFAULT_LOCALE, 'subject_badges')}` };
  for (const job of badgeJobs(settings, !!options.only)) {
    const photoData = (photo: AttendeePhoto) => photoDataUrl(options.content, photo);
    const bytes = await renderBadges({ templates, templateSource: options.templates, layout: job.layout, items, forum, back: settings.badges.back, diags, warned, fonts, missing, photoData, mainDone }, badgeMeta);
    if (bytes) outputs.set(job.output, bytes);
  }
}
