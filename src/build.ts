import { Diagnostics, type Diagnostic } from './diagnostics.js';
import { recordingSource, type FileSource } from './io.js';
import { loadProgram } from './check/program.js';
import { loadTheme } from './layout/theme.js';
import { loadTemplates, TemplateError, type TemplateSet } from './layout/templates.js';
import { composeDocument } from './layout/document.js';
import { derivedOutputs, outputJobs } from './outputs.js';
import { renderPdf, type PdfMeta } from './render/pdf.js';
import { renderWithDerived } from './render/derive.js';
import { sourceMime } from './render/attachments.js';
import type { Program } from './model/types.js';
import type { SettingsFile } from './check/schemas.js';

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
  /** Date written into the PDFs instead of the forum's first day (SOURCE_DATE_EPOCH). */
  sourceDate?: Date;
}

/**
 * The one place that runs the stages in order: load and check content, load
 * templates, compose each document, render it. Never writes files; the CLI does.
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const diags = new Diagnostics();
  // Remembers what the program was read from, for PDF/A-3 to carry it.
  const content = recordingSource(options.content);
  const { program, settings } = loadProgram(content, diags);
  const theme = loadTheme(options.templates, diags);
  const templates = loadTemplates(options.templates, theme, diags);
  const outputs = new Map<string, Uint8Array>();
  if (!program || diags.hasErrors) return { outputs, diagnostics: diags.sorted(), ok: false };

  const { documents, templateOf } = composeAll(program, settings, templates, diags);
  if (diags.hasErrors || options.checkOnly) return { outputs, diagnostics: diags.sorted(), ok: !diags.hasErrors };

  const meta = metadata(program, options.sourceDate);
  const derived = derivedOutputs(settings);
  const sources = () => [...content.files].filter(([path]) => sourceMime(path)).map(([path, bytes]) => ({ path, bytes }));
  for (const [name, doc] of documents) {
    if (!derived[name]) {
      outputs.set(name, await renderPdf(doc, meta));
      continue;
    }
    const rendered = await renderWithDerived(name, doc, derived[name], meta, sources);
    for (const [file, bytes] of rendered.files) outputs.set(file, bytes);
    if (rendered.madeOpaque) {
      diags.warn('pdfa-transparency', { file: `templates/${templateOf.get(name)}`, line: 1, column: 1 },
        `${name}: ${rendered.madeOpaque} semi-transparent element(s) are printed opaque, as PDF/A-1 requires`,
        'PDF/A-1 (the archival copy) forbids transparency; use a lighter colour instead of opacity');
    }
  }
  return { outputs, diagnostics: diags.sorted(), ok: true };
}

function composeAll(program: Program, settings: SettingsFile, templates: TemplateSet, diags: Diagnostics) {
  const documents = new Map<string, Record<string, unknown>>();
  const templateOf = new Map<string, string>();
  for (const { output, template, view } of outputJobs(program, settings)) {
    try {
      documents.set(output, composeDocument(templates, template, view));
      templateOf.set(output, template);
    } catch (err) {
      if (!(err instanceof TemplateError)) throw err;
      diags.error('template', err.at, err.message, err.hint);
    }
  }
  return { documents, templateOf };
}

/** PDF metadata from the forum: dates come from the content, so rebuilds are identical. */
function metadata(program: Program, sourceDate?: Date): PdfMeta {
  const { forum } = program;
  const people = [...new Set([...forum.organizingCommittee])];
  return {
    title: forum.name,
    author: people.length ? people.join(', ') : forum.hosts.join(', '),
    subject: `${forum.name} 会议手册 / program`,
    keywords: [forum.name, ...forum.hosts, forum.venue].join('; '),
    language: 'zh-CN',
    date: sourceDate ?? new Date(`${forum.dates.start}T00:00:00Z`),
  };
}
