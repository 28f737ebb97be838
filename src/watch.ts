import { readdirSync, readFileSync } from 'node:fs';
import { watch } from 'chokidar';
import { createHash } from 'node:crypto';
import { join, relative, resolve, sep } from 'node:path';
import { build } from './build.js';
import { saveShapingCaches } from './fonts/shaping-store.js';
import { diskSource, writeOutputsAtomically, type FileSource } from './io.js';
import { formatDiagnostic } from './diagnostics.js';

/** What `forumpress build --watch` needs from the command line. */
export interface WatchOptions {
  content: string;
  templates: string;
  out: string;
  strict: boolean;
  /** Only these outputs (file names). */
  outputs?: string[];
  /** Organizer-supplied font files (--fonts). */
  fonts?: FileSource;
  /** SOURCE_DATE_EPOCH, when set. */
  sourceDate?: Date;
  /** Stops watching (tests); the CLI stops on Ctrl-C. */
  signal?: AbortSignal;
  /** Where progress lines and diagnostics go; the console by default. */
  log?: (line: string) => void;
  error?: (line: string) => void;
}

/** Changes arriving closer together than this are one edit (editors write files in steps). */
const DEBOUNCE_MS = 60;

/**
 * `forumpress build --watch`: builds, then rebuilds whenever a file in the content or
 * templates folder changes. The process stays up, so fonts stay parsed and shaped text
 * stays cached; outputs whose inputs did not change (their input digest, see
 * input-hash.ts) are neither rendered nor written. Resolves with the exit code on SIGINT.
 */
export function watchBuild(options: WatchOptions): Promise<number> {
  const log = options.log ?? ((line: string) => console.log(line));
  const error = options.error ?? ((line: string) => console.error(line));
  let previous = new Map<string, string>();
  let salt = folderDigest(options.templates);
  let running = false;
  let pending = false;
  let templatesChanged = false;
  let timer: NodeJS.Timeout | undefined;

  const rebuild = async (): Promise<void> => {
    if (running) {
      pending = true;
      return;
    }
    running = true;
    if (templatesChanged) salt = folderDigest(options.templates);
    templatesChanged = false;
    try {
      previous = await buildOnce(options, previous, salt, log, error);
    } catch (err) {
      error(`forumpress: internal error: ${(err as Error).message}; still watching.`);
    }
    running = false;
    if (pending) {
      pending = false;
      void rebuild();
    }
  };
  const schedule = (inTemplates: boolean) => {
    templatesChanged ||= inTemplates;
    clearTimeout(timer);
    timer = setTimeout(() => void rebuild(), DEBOUNCE_MS);
  };

  // chokidar watches each file and folder and watches a file again after an editor replaced
  // it (renamed a new file over it, or deleted and created it): fs.watch loses such a file.
  const folders = [resolve(options.content), resolve(options.templates)];
  const watcher = watch(folders, { ignoreInitial: true, atomic: true });
  watcher.on('all', (_event, path) => schedule(resolve(path) === folders[1] || resolve(path).startsWith(folders[1] + sep)));
  watcher.on('error', (err) => error(`forumpress: watching stopped seeing a file: ${(err as Error).message}; still watching the rest.`));
  const ready = new Promise<void>((done) => watcher.once('ready', () => done()));
  void Promise.all([rebuild(), ready]).then(() => log(`forumpress: watching ${options.content} and ${options.templates} (Ctrl-C to stop)`));
  return new Promise((done) => {
    const stop = () => {
      clearTimeout(timer);
      void watcher.close().then(() => done(0));
    };
    if (options.signal) options.signal.addEventListener('abort', stop, { once: true });
    else {
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    }
  });
}

/** One build of the watch loop; returns the input digests to compare the next build with. */
async function buildOnce(options: WatchOptions, previous: Map<string, string>, salt: string,
  log: (line: string) => void, error: (line: string) => void): Promise<Map<string, string>> {
  const started = performance.now();
  const result = await build({
    content: diskSource(options.content, options.content.replace(/\/$/, '')),
    templates: diskSource(options.templates, 'templates'),
    outputs: options.outputs,
    fonts: options.fonts,
    sourceDate: options.sourceDate,
    previous,
    salt,
  });
  saveShapingCaches();
  const color = process.stderr.isTTY && !process.env.NO_COLOR;
  for (const d of result.diagnostics) error(formatDiagnostic(d, color));
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = result.diagnostics.length - errors;
  if (!result.ok || (options.strict && warnings > 0)) {
    error(`forumpress: ${errors} error(s), ${warnings} warning(s); nothing was written. Waiting for changes.`);
    return previous;
  }
  let written: string[] = [];
  try {
    if (result.outputs.size) written = writeOutputsAtomically(resolve(options.out), result.outputs);
  } catch (err) {
    error(`forumpress: cannot write into "${options.out}": ${(err as Error).message}\nWaiting for changes.`);
    return previous;
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const kept = result.unchanged?.length ? ` (unchanged: ${result.unchanged.join(', ')})` : '';
  log(written.length ? `forumpress: wrote ${written.join(', ')} in ${seconds} s${kept}` : `forumpress: no output changed${kept}`);
  return result.inputHashes ?? previous;
}

/** A digest of every file under a folder (names and bytes), so a template edit rebuilds everything. */
function folderDigest(root: string): string {
  const hash = createHash('sha256');
  const files = (readdirSync(root, { recursive: true, withFileTypes: true }) as Array<{ isFile(): boolean; name: string; parentPath?: string; path?: string }>)
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath ?? e.path ?? root, e.name))
    .sort();
  for (const file of files) hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}
