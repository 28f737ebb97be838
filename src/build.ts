import { Diagnostics, type Diagnostic } from './diagnostics.js';
import type { FileSource } from './io.js';
import { loadProgram } from './check/program.js';
import { loadTheme } from './layout/theme.js';
import { loadTemplates, TemplateError, type TemplateSet } from './layout/templates.js';
import { composeDocument } from './layout/document.js';
import { outputJobs } from './outputs.js';
import { renderPdf, type PdfMeta } from './render/pdf.js';
import type { Program } from './model/types.js';
import type { SettingsFile } from './check/schemas.js';
import { loadAttendees } from './check/attendees.js';
import { buildBadges, checkPageCounts } from './build-badges.js';

/** What a build produced: output files by name, and every diagnostic. */
export interface BuildResult {
  outputs: Map<string, Uint8Array>;
  diagnostics: Diagnostic[];
  ok: boolean;
}

/** Options of one build. */
export interface BuildOptions {
  content: FileSource;
  templates: FileSource;
  /** Only check; render nothing. */
  checkOnly?: boolean;
  /** Reprint only the badges of these attendee ids (and build nothing else). */
  only?: string[];
}

/**
 * The one place that runs the stages in order: load and check content, load
 * templates, compose each document, render it. Never writes files; the CLI does.
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const diags = new Diagnostics();
  const { program, settings } = loadProgram(options.content, diags);
  const theme = loadTheme(options.templates, diags);
  const templates = loadTemplates(options.templates, theme, diags);
  const attendees = loadAttendees(options.content, diags);
  const outputs = new Map<string, Uint8Array>();
  if (options.only && !attendees && !diags.hasErrors) {
    diags.error('missing-file', { file: `${options.content.label}/attendees.csv`, line: 1, column: 1 }, '--only reprints badges, but there is no attendees.csv', 'create content/attendees.csv; README.md ("Signs and badges") describes it');
  }
  if (!program || diags.hasErrors) return { outputs, diagnostics: diags.sorted(), ok: false };

  const documents = options.only ? new Map() : composeAll(program, settings, templates, diags);
  if (diags.hasErrors) return { outputs, diagnostics: diags.sorted(), ok: false };

  const meta = options.checkOnly ? undefined : metadata(program);
  if (meta) for (const [name, doc] of documents) outputs.set(name, await renderPdf(doc, meta));
  if (meta) await checkPageCounts(outputJobs(program, settings), outputs, diags);
  if (attendees) await buildBadges(program, settings, templates, attendees, options, diags, outputs, meta);
  if (diags.hasErrors) return { outputs: new Map(), diagnostics: diags.sorted(), ok: false };
  return { outputs, diagnostics: diags.sorted(), ok: true };
}

function composeAll(program: Program, settings: SettingsFile, templates: TemplateSet, diags: Diagnostics) {
  const documents = new Map<string, Record<string, unknown>>();
  for (const { output, template, view } of outputJobs(program, settings)) {
    try {
      documents.set(output, composeDocument(templates, template, view));
    } catch (err) {
      if (!(err instanceof TemplateError)) throw err;
      diags.error('template', err.at, err.message, err.hint);
    }
  }
  return documents;
}

/** PDF metadata from the forum: dates come from the content, so rebuilds are identical. */
function metadata(program: Program): PdfMeta {
  const { forum } = program;
  const people = [...new Set([...forum.organizingCommittee])];
  return {
    title: forum.name,
    author: people.length ? people.join(', ') : forum.hosts.join(', '),
    subject: `${forum.name} 会议手册 / program`,
    keywords: [forum.name, ...forum.hosts, forum.venue].join('; '),
    language: 'zh-CN',
    date: new Date(`${forum.dates.start}T00:00:00Z`),
  };
}
