import { Diagnostics, type Diagnostic } from './diagnostics.js';
import { recordingSource, type FileSource } from './io.js';
import { loadProgram } from './check/program.js';
import { loadTheme } from './layout/theme.js';
import { loadTemplates, TemplateError, type TemplateSet } from './layout/templates.js';
import { composeDocument } from './layout/document.js';
import type { DocumentTree } from './layout/tree.js';
import { badgeJobs, derivedOutputs, outputJobs, type OutputJob } from './outputs.js';
import { badgeDigest, inputHash, withoutPositions } from './input-hash.js';
import type { PdfMeta } from './pdfmake/pdf.js';
import { renderSheets } from './finish/sheets.js';
import { renderWithDerived } from './finish/derive.js';
import { sourceMime } from './finish/attachments.js';
import type { Program } from './model/types.js';
import type { SettingsFile } from './check/schemas.js';
import type { AttendeeList } from './model/attendees.js';
import { loadFontSet } from './fonts/custom-fonts.js';
import { prefetchChineseFonts } from './fonts/fonts.js';
import { applyFontFallback, mergeMissing, type MissingGlyphs } from './fonts/fallback.js';
import { fillPages } from './pdfmake/fill-page.js';
import { markPlaced } from './layout/placed-marks.js';
import { trackPages } from './pdfmake/pages.js';
import { guardedSource } from './check/guard.js';
import { reportMissingGlyphs } from './check/glyphs.js';
import { loadAttendees } from './check/attendees.js';
import { lintTypography, textFiles } from './check/typography.js';
import { engineVersionProblems } from './pdfmake/engine-versions.js';
import { buildBadges, checkPageCounts } from './build-badges.js';
import { derivedSalt, layOut, metadata, subjectOf, warnLongAbstracts, warnSpilledTurn } from './build-steps.js';
import { badgeForumView } from './layout/badges.js';
import { programView } from './layout/view.js';
import { checkLostContent } from './check/lost-content.js';
import { checkLostText } from './check/lost-text.js';
import { checkPlacedOverlap } from './check/placed-overlap.js';
import { tracedRuns } from './layout/traced-runs.js';
import { roomSigns } from './layout/signs.js';
import { programLocale } from './layout/locale.js';
import { shareOutputs } from './share/index.js';

/** What a build produced: output files by name, and every diagnostic. */
export interface BuildResult {
  outputs: Map<string, Uint8Array>;
  diagnostics: Diagnostic[];
  ok: boolean;
  /** Digest of each output's inputs (see input-hash.ts), for the next build's `previous`. */
  inputHashes?: Map<string, string>;
  /** Outputs not rendered because their inputs did not change since `previous`. */
  unchanged?: string[];
}

/** Options of one build. */
export interface BuildOptions {
  content: FileSource;
  templates: FileSource;
  /** Only check; return no output. */
  checkOnly?: boolean;
  /** With checkOnly: also lay the documents out, for the checks that need pages (no derived files, no badges drawn). */
  layout?: boolean;
  /** Date written into the PDFs instead of the forum's first day (SOURCE_DATE_EPOCH). */
  sourceDate?: Date;
  /** Font files theme.yaml may name (the project's fonts/ folder). */
  fonts?: FileSource;
  /** Reprint only the badges of these attendee ids (and build nothing else). */
  only?: string[];
  /** Only these outputs (file names such as program.pdf); all when absent. */
  outputs?: string[];
  /** Input digests of the last build (`--watch`): outputs whose digest is unchanged are skipped. */
  previous?: ReadonlyMap<string, string>;
  /** Digest of the templates folder, part of every input digest. */
  salt?: string;
}

/**
 * The one place that runs the stages in order: load and check content, load
 * templates, compose each document, render it. Never writes files; the CLI does.
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const diags = new Diagnostics();
  for (const problem of engineVersionProblems()) {
    diags.error('dependency-version', { file: 'package.json', line: 1, column: 1 }, problem,
      'run `npm ci` in the forumpress folder to install the versions its package-lock.json names');
  }
  if (diags.hasErrors) return { outputs: new Map(), diagnostics: diags.sorted(), ok: false };
  // Remembers what the program was read from, for PDF/A-3 to carry it.
  const content = recordingSource(guardedSource(options.content, diags));
  options = { ...options, content, templates: guardedSource(options.templates, diags) };
  const theme = loadTheme(options.templates, diags);
  // The built-in Chinese faces the theme keeps are read in the background while the content is.
  const fontsArriving = prefetchChineseFonts(Object.keys(theme.fonts ?? {}));
  const { program, settings } = loadProgram(content, diags);
  if (program) program.locale = programLocale(options.templates, content, program.forum, diags);
  if (program) lintTypography(content, textFiles(content), diags);
  const templates = loadTemplates(options.templates, theme, diags);
  const attendees = loadAttendees(options.content, diags);
  const outputs = new Map<string, Uint8Array>();
  if (options.only && !attendees && !diags.hasErrors) {
    diags.error('missing-file', { file: `${options.content.label}/attendees.csv`, line: 1, column: 1 }, '--only reprints badges, but there is no attendees.csv', 'create content/attendees.csv; README.md ("Signs and badges") describes it');
  }
  if (!program || diags.hasErrors) return { outputs, diagnostics: diags.sorted(), ok: false };
  await fontsArriving;

  const fonts = loadFontSet(theme, options.templates, options.fonts, diags);
  // Digits and punctuation between no letters take the document's language: Chinese faces in a Chinese program.
  fonts.script = /^(zh|ja|ko)(-|$)/i.test(program.forum.language) ? 'c' : 'l';
  templates.fonts = fonts;
  const inputHashes = new Map<string, string>();
  const unchanged: string[] = [];
  /** The badge files, made beside the documents and listed after them. */
  const badgeOutputs = new Map<string, Uint8Array>();
  /** Badges: rendered with metadata, only laid out and checked without; skipped when unchanged. */
  const badges = async (meta: PdfMeta | undefined, into: Diagnostics, mainDone?: Promise<void>) => {
    const names = badgeJobs(settings, !!options.only).map((j) => j.output);
    if (options.outputs && !names.some((n) => options.outputs!.includes(n))) return;
    // The badges show the forum as badgeForumView sees it (name, dates, place): all of it is hashed.
    const forumSeen = JSON.stringify([metadata(program), badgeForumView(programView(program))], withoutPositions);
    const digest = badgeDigest(attendees!, settings, options.only, `${options.salt ?? ''}\0${forumSeen}`);
    names.forEach((n) => inputHashes.set(n, digest));
    if (meta && names.every((n) => options.previous?.get(n) === digest)) return void unchanged.push(...names);
    const badgeMissing: MissingGlyphs = new Map();
    await buildBadges(program, settings, templates, attendees!, options, into, badgeOutputs, meta, fonts, badgeMissing, mainDone);
    reportMissingGlyphs(badgeMissing, [options.content, options.templates], into);
  };
  const derived = derivedOutputs(settings);
  const jobs = options.only ? [] : pendingJobs(program, settings, attendees, options, derived, inputHashes, unchanged, derivedSalt(settings, content.files));
  const templateOf = new Map(jobs.map((j) => [j.output, j.template]));
  const missing: MissingGlyphs = new Map();
  /** A document composed, its signs fitted to their pages and its text split into runs per font; undefined after a template error. */
  const prepared = (job: OutputJob): DocumentTree | undefined => {
    const doc = composeJob(templates, job, diags);
    if (!doc) return undefined;
    const split = applyFontFallback(fillPages(doc, fonts), fonts);
    mergeMissing(missing, split.missing);
    return markPlaced(split.doc);
  };
  const meta = metadata(program, options.sourceDate);
  if (options.checkOnly) {
    const documents = new Map<string, DocumentTree>();
    for (const job of jobs) {
      const doc = prepared(job);
      if (doc) documents.set(job.output, doc);
    }
    const before = diags.hasErrors;
    reportMissingGlyphs(missing, [options.content, options.templates], diags);
    if (diags.hasErrors) {
      // Only missing glyphs: the badges are checked too, so one run names every one of them.
      if (!before && attendees) await badges(undefined, diags);
      return { outputs, diagnostics: diags.sorted(), ok: false };
    }
    shareOutputs(program, templates, meta.date, diags, options.outputs, options.previous);
    if (diags.hasErrors) return { outputs, diagnostics: diags.sorted(), ok: false };
    // Checks without output: documents laid out only when asked (page-length checks),
    // badges composed with their names fitted but not drawn.
    if (options.layout) await layOut(documents, program, settings, meta, fonts, diags, options.templates.label, attendees);
    if (attendees) await badges(undefined, diags);
    return { outputs: new Map(), diagnostics: diags.sorted(), ok: !diags.hasErrors };
  }

  // Each document is composed, drawn and let go before the next is composed, so only one
  // document tree is alive at a time. What is found while drawing waits in `later`: a template
  // error or a missing glyph in any document stops the build with only those (as when every
  // document was composed first), so the documents after one are still composed to find them.
  const later = new Diagnostics();
  // The calendar and the web page (src/share/): made from the program alone, no rendering.
  const shared = options.only ? undefined : shareOutputs(program, templates, meta.date, later, options.outputs, options.previous);
  let drawing = !later.hasErrors;
  // An archive may be read by anyone: the attendee list (names, affiliations, often e-mail
  // addresses) goes into it only when settings.yaml asks for it.
  const attached = (path: string) => !!sourceMime(path) && (path !== 'attendees.csv' || settings.archival.attach_attendees);
  const sources = () => [...content.files].filter(([path]) => attached(path)).map(([path, bytes]) => ({ path, bytes }));
  const anchors = new Map(program.talks.map((t) => [`talk-${t.id}`, t]));
  // The badges render on worker threads while this thread renders the documents after the first
  // (the booklet, whose layout is the build's largest memory); their errors are reported after them.
  let badgesDone: Promise<Error | undefined> | undefined;
  let documentsDrawn = () => {};
  const mainDone = new Promise<void>((resolve) => { documentsDrawn = resolve; });
  const startBadges = () => (badgesDone ??= attendees ? badges(meta, later, mainDone).then(() => undefined, (err: Error) => err) : Promise.resolve(undefined));
  const signs = roomSigns(program);
  for (const job of jobs) {
    const name = job.output;
    const doc = prepared(job);
    if (!doc || diags.hasErrors || missing.size) drawing = false;
    if (!drawing) continue;
    const tracked = trackPages(doc!, new Set(anchors.keys()));
    const runs = tracedRuns(doc!.content);
    try {
      if (!derived[name]) {
        outputs.set(name, await renderSheets(tracked.doc, { ...meta, subject: subjectOf(name, program) }, fonts,
          (s) => warnSpilledTurn(s, name, templateOf.get(name) ?? '', options.templates.label, later)));
      } else {
        const rendered = await renderWithDerived(name, tracked.doc, derived[name], meta, fonts, sources, options.outputs);
        for (const [file, bytes] of rendered.files) outputs.set(file, bytes);
        if (rendered.madeOpaque) {
          later.warn('pdfa-transparency', { file: `${options.templates.label}/${templateOf.get(name)}`, line: 1, column: 1 },
            `${name}: ${rendered.madeOpaque} semi-transparent element(s) are printed opaque, as PDF/A-1 requires`,
            'PDF/A-1 (the archival copy) forbids transparency; use a lighter colour instead of opacity');
        }
      }
    } catch (err) {
      // Every input is checked before this point; if pdfmake still fails, say so plainly and write nothing.
      later.error('render', { file: `${options.templates.label}/${templateOf.get(name) ?? ''}`, line: 1, column: 1 },
        `${name} could not be rendered: ${(err as Error).message.split('\n')[0]}`,
        'this is a gap in forumpress\'s checks: please report it with the content that caused it');
      drawing = false;
      continue;
    }
    if (settings.booklet.talks === 'page') warnLongAbstracts(tracked.spans(), anchors, name, later);
    checkLostContent(name, tracked.laidOut(), program, later, signs);
    checkLostText(name, tracked.laidOut(), runs, later);
    checkPlacedOverlap(name, tracked.laidOut(), later, options.templates.label);
    startBadges();
  }
  documentsDrawn();
  const before = diags.hasErrors;
  reportMissingGlyphs(missing, [options.content, options.templates], diags);
  if (diags.hasErrors || !drawing) {
    await badgesDone;
    if (!diags.hasErrors) diags.list.push(...later.list);
    else if (!before && attendees) {
      // Only missing glyphs: the badges are checked too, so one run names every one of them
      // (laid out again here when they were already drawing beside the documents: a rare path).
      await badges(undefined, diags);
    }
    return { outputs: new Map(), diagnostics: diags.sorted(), ok: false };
  }
  await checkPageCounts(outputJobs(program, settings, attendees), outputs, later, options.templates.label);
  const badgeError = await startBadges();
  diags.list.push(...later.list);
  for (const [name, bytes] of badgeOutputs) outputs.set(name, bytes);
  if (badgeError) {
    // As for the documents above: a failure past every check is said plainly, and nothing is written.
    diags.error('render', { file: attendees!.file, line: 1, column: 1 }, `the badges could not be rendered: ${badgeError.message.split('\n')[0]}`,
      'this is a gap in forumpress\'s checks: please report it with the content that caused it');
  }
  if (diags.hasErrors) return { outputs: new Map(), diagnostics: diags.sorted(), ok: false };
  for (const [name, bytes] of shared?.files ?? []) outputs.set(name, bytes);
  for (const [name, hash] of shared?.hashes ?? []) inputHashes.set(name, hash);
  unchanged.push(...shared?.unchanged ?? []);
  if (options.outputs) for (const name of outputs.keys()) if (!options.outputs.includes(name)) outputs.delete(name);
  return { outputs, diagnostics: diags.sorted(), ok: true, inputHashes, unchanged };
}

/** The outputs to render, each with its template and view; outputs whose input digest matches the last build's are skipped. */
function pendingJobs(program: Program, settings: SettingsFile, attendees: AttendeeList | undefined, options: BuildOptions,
  derived: ReturnType<typeof derivedOutputs>, inputHashes: Map<string, string>, unchanged: string[], sourcesSalt: string): OutputJob[] {
  const jobs: OutputJob[] = [];
  for (const job of outputJobs(program, settings, attendees)) {
    const { output } = job;
    // A derived file (archival, print) is made from its source's rendering.
    // Only the files asked for (--output) are digested, made and reported unchanged.
    const files = [output, ...(derived[output] ?? []).map((d) => d.output)].filter((f) => !options.outputs || options.outputs.includes(f));
    if (!files.length) continue;
    // The PDF metadata comes from the forum, which a view need not show: part of the digest.
    const extra = derived[output] ? sourcesSalt : '';
    const hash = inputHash(job, `${options.salt ?? ''}\0${JSON.stringify(metadata(program))}\0${extra}`);
    for (const f of files) inputHashes.set(f, hash);
    if (files.every((f) => options.previous?.get(f) === hash)) {
      unchanged.push(...files);
      continue;
    }
    jobs.push(job);
  }
  return jobs;
}

/** One output's document tree; undefined (and the error reported) when its template fails. */
function composeJob(templates: TemplateSet, job: OutputJob, diags: Diagnostics): DocumentTree | undefined {
  try {
    return composeDocument(templates, job.template, job.view);
  } catch (err) {
    if (!(err instanceof TemplateError)) throw err;
    diags.error('template', err.at, err.message, err.hint);
    return undefined;
  }
}
