import { Diagnostics, type Diagnostic } from './diagnostics.js';
import type { FileSource } from './io.js';
import { loadProgram } from './check/program.js';
import { loadTheme } from './layout/theme.js';
import { loadTemplates, TemplateError, type TemplateSet } from './layout/templates.js';
import { composeDocument } from './layout/document.js';
import { outputJobs } from './outputs.js';
import { inputHash } from './input-hash.js';
import { renderPdf, type PdfMeta } from './render/pdf.js';
import type { Program } from './model/types.js';
import type { SettingsFile } from './check/schemas.js';

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
  /** Only check; render nothing. */
  checkOnly?: boolean;
  /** Only these outputs (file names such as program.pdf); all when absent. */
  only?: string[];
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
  const { program, settings } = loadProgram(options.content, diags);
  const theme = loadTheme(options.templates, diags);
  const templates = loadTemplates(options.templates, theme, diags);
  const outputs = new Map<string, Uint8Array>();
  if (!program || diags.hasErrors) return { outputs, diagnostics: diags.sorted(), ok: false };

  const { documents, inputHashes, unchanged } = composeAll(program, settings, templates, diags, options);
  if (diags.hasErrors || options.checkOnly) return { outputs, diagnostics: diags.sorted(), ok: !diags.hasErrors };

  const meta = metadata(program);
  for (const [name, doc] of documents) outputs.set(name, await renderPdf(doc, meta));
  return { outputs, diagnostics: diags.sorted(), ok: true, inputHashes, unchanged };
}

function composeAll(program: Program, settings: SettingsFile, templates: TemplateSet, diags: Diagnostics, options: BuildOptions) {
  const documents = new Map<string, Record<string, unknown>>();
  const inputHashes = new Map<string, string>();
  const unchanged: string[] = [];
  for (const job of outputJobs(program, settings)) {
    const { output, template, view } = job;
    if (options.only && !options.only.includes(output)) continue;
    // The PDF metadata comes from the forum, which a view need not show (badges): part of the digest.
    const hash = inputHash(job, `${options.salt ?? ''}\0${JSON.stringify(metadata(program))}`);
    inputHashes.set(output, hash);
    if (options.previous?.get(output) === hash) {
      unchanged.push(output);
      continue;
    }
    try {
      documents.set(output, composeDocument(templates, template, view));
    } catch (err) {
      if (!(err instanceof TemplateError)) throw err;
      diags.error('template', err.at, err.message, err.hint);
    }
  }
  return { documents, inputHashes, unchanged };
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
