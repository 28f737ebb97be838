import { resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { build } from './build.js';
import { diskSource, packageVersion, writeOutputsAtomically, rewriteContentFile, OutputLocked, WriteFailed, FONT_MAX_BYTES, type FileSource } from './io.js';
import { parseCommandLine } from './cli-args.js';
import { escapeControls } from './diagnostics.js';
import { applyFixes } from './fix.js';
import type { Diagnostic } from './diagnostics.js';
import { formatDiagnostic } from './diagnostics.js';
import { watchBuild } from './watch.js';
import { runImport } from './import/cli.js';
import { saveShapingCaches } from './fonts/shaping-store.js';
import { preview } from './preview.js';

const USAGE = `usage: forumpress <build|check|preview> [--content DIR] [--templates DIR] [--out DIR] [--fonts DIR] [--strict] [--only ID,ID] [--output NAME] [--watch] [--fix] [--version]
       forumpress import FILE [--content DIR] [--session-gap MINUTES]

  build   check the content, then write every PDF into the output folder
  check   check the content and templates only; write nothing
  preview draw PDF pages as PNG: each day's phone schedule (out/schedule-day1.png ...), or
          with --output NAME [--pages 1-3] [--dpi N] the pages of that PDF (out/preview/)
  import  write (or update) the content folder from a pretalx/frab schedule.json or schedule.xml

  --content DIR    the conference's content folder (default: content)
  --templates DIR  the templates folder (default: templates)
  --out DIR        where PDFs are written (default: out)
  --fonts DIR      font files theme.yaml names (default: fonts)
  --strict         treat warnings as errors
  --only ID,ID     reprint the badges of these attendees only (out/badges-reprint.pdf)
  --output NAME    build only this output (e.g. program.pdf); may be repeated
  --watch          build, then rebuild what changed whenever content or templates change
  --fix            with check: write the typography corrections it suggests into content/
  --session-gap M  import: a pause of more than M minutes starts a new session (default 15)
  --version        print the version of forumpress`;

/** Runs the command line; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const parsed = parseCommandLine(argv);
  if ('error' in parsed) {
    console.error(`forumpress: ${escapeControls(parsed.error)}\n\n${USAGE}`);
    return 2;
  }
  const { args } = parsed;
  if (args.values.version) {
    console.log(`forumpress ${packageVersion()}`);
    return 0;
  }
  const command = args.positionals[0];
  if (args.values.help || !command) {
    console.log(USAGE);
    return command || args.values.help ? 0 : 2;
  }
  if (command === 'import') return runImport(args.positionals.slice(1), args.values.content, args.values['session-gap']);
  if (command !== 'build' && command !== 'check' && command !== 'preview') {
    console.error(`forumpress: unknown command "${escapeControls(command)}"\n\n${USAGE}`);
    return 2;
  }
  for (const dir of [args.values.content, args.values.templates]) {
    if (!existsSync(resolve(dir))) {
      console.error(`forumpress: folder "${escapeControls(dir)}" does not exist (run from the project folder, or give --content / --templates)`);
      return 2;
    }
  }
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && !/^\d+$/.test(epoch)) {
    console.error(`forumpress: SOURCE_DATE_EPOCH must be whole seconds since 1970, not "${epoch}"`);
    return 2;
  }
  const outputs = args.values.output?.flatMap((o) => o.split(',')).map((o) => o.trim()).filter(Boolean);
  const fonts = existsSync(resolve(args.values.fonts)) ? diskSource(args.values.fonts, 'fonts', FONT_MAX_BYTES, { hardLinks: true }) : undefined;
  const sourceDate = epoch === undefined ? undefined : new Date(Number(epoch) * 1000);
  const notReprint = args.values.only ? (outputs ?? []).filter((name) => !/^badges-reprint(-[\w-]+)?\.pdf$/.test(name)) : [];
  if (notReprint.length) {
    console.error(`forumpress: --only reprints badges, into badges-reprint.pdf; it cannot build ${notReprint.map(escapeControls).join(', ')}. Build those without --only, in a build of their own.`);
    return 2;
  }
  if (args.values.watch && args.values.only) {
    console.error('forumpress: --watch rebuilds whole documents; reprint badges with --only in a build of its own');
    return 2;
  }
  if (command === 'preview') {
    if ((outputs?.length ?? 0) > 1) return (console.error('forumpress: preview draws one PDF at a time (one --output)'), 2);
    const { content, templates, out, pages, dpi } = args.values;
    return preview({ content, templates, out, fonts, sourceDate, output: outputs?.[0], pages, dpi });
  }
  if (command === 'build' && args.values.watch) {
    const { content, templates, out, strict } = args.values;
    return watchBuild({ content, templates, out, strict, outputs, fonts, sourceDate });
  }
  if (args.values.fix && command !== 'check') {
    console.error('forumpress: --fix goes with check: forumpress check --fix');
    return 2;
  }
  const started = performance.now();
  const content = diskSource(args.values.content, args.values.content.replace(/\/$/, ''));
  const result = await build({
    content,
    templates: diskSource(args.values.templates, 'templates'),
    // check lays the documents out too (page-length warnings need it) but renders no copy or badge.
    checkOnly: command === 'check',
    layout: true,
    sourceDate,
    fonts,
    only: args.values.only?.split(',').map((id) => id.trim()).filter(Boolean),
    outputs,
  });
  saveShapingCaches();
  const color = process.stderr.isTTY && !process.env.NO_COLOR;
  if (args.values.fix) result.diagnostics = writeFixes(result.diagnostics, content, args.values.content);
  for (const d of result.diagnostics) console.error(formatDiagnostic(d, color));
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = result.diagnostics.length - errors;
  const failed = !result.ok || (args.values.strict && warnings > 0);
  if (failed) {
    console.error(`\nforumpress: ${errors} error(s), ${warnings} warning(s); nothing was written.`);
    return 1;
  }
  const unknown = command === 'build' ? (outputs ?? []).filter((name) => !result.outputs.has(name)) : [];
  if (unknown.length) {
    console.error(`forumpress: no output named ${unknown.map(escapeControls).join(', ')} (--output takes file names such as program.pdf); nothing was written.`);
    return 2;
  }
  if (command === 'build') {
    let written: string[];
    try {
      written = writeOutputsAtomically(resolve(args.values.out), result.outputs);
    } catch (err) {
      // The folder is read-only, a file, the disk is full, or another build holds it: the message says what is in it now.
      console.error(`forumpress: cannot write into "${args.values.out}": ${(err as Error).message}${err instanceof OutputLocked ? ''
        : `${err instanceof WriteFailed ? '' : '\nNothing was changed in it.'}\nCheck that the folder can be written to and the disk has room.`}`);
      return 1;
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    console.log(`forumpress: wrote ${written.join(', ')} in ${seconds} s${warnings ? ` (${warnings} warning(s))` : ''}`);
  } else {
    console.log(`forumpress: content checked, ${warnings} warning(s).`);
  }
  return 0;
}

/** Writes the corrections `check --fix` found, listing each; returns the diagnostics left. */
function writeFixes(diagnostics: Diagnostic[], content: FileSource, dir: string): Diagnostic[] {
  const done = new Set<Diagnostic>();
  // A file that could not be decoded whole would be written back with U+FFFD for its unreadable bytes: never fixed.
  const unreadable = new Set(diagnostics.filter((d) => d.rule === 'encoding' && d.severity === 'error').map((d) => d.file));
  for (const file of applyFixes(diagnostics.filter((d) => !unreadable.has(d.file)), content)) {
    try {
      rewriteContentFile(dir, file.path, file.text);
    } catch (err) {
      console.error(`forumpress: could not correct ${content.label}/${escapeControls(file.path)}: ${escapeControls((err as Error).message)}; it is unchanged`);
      continue;
    }
    for (const d of file.applied) {
      done.add(d);
      const what = d.message.replace(/: ".*"$/s, '');
      console.log(escapeControls(`${d.file}:${d.line}:${d.column}: fixed[${d.rule}]: ${what} -> ${d.fix!.text ? `"${d.fix!.text}"` : 'removed'}`));
    }
  }
  if (done.size) console.log(`forumpress: ${done.size} correction(s) written; check the changes (e.g. git diff) before printing.`);
  return diagnostics.filter((d) => !done.has(d));
}
