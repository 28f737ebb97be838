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
  /** Only these outputs (file names such as program.pdf); all when absent. */
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
  const outputs = new Map<string, Uint8Array>();
  if (!program || diags.hasErrors) return { outputs, diagnostics: diags.sorted(), ok: false };

  const documents = composeAll(program, settings, templates, diags, options.only);
  if (diags.hasErrors || options.checkOnly) return { outputs, diagnostics: diags.sorted(), ok: !diags.hasErrors };

  const meta = metadata(program);
  for (const [name, doc] of documents) outputs.set(name, await renderPdf(doc, meta));
  return { outputs, diagnostics: diags.sorted(), ok: true };
}

function composeAll(program: Program, settings: SettingsFile, templates: TemplateSet, diags: Diagnostics, only?: string[]) {
  const documents = new Map<string, Record<string, unknown>>();
  for (const { output, template, view } of outputJobs(program, settings)) {
    if (only && !only.includes(output)) continue;
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
