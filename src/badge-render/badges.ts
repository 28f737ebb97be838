import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Diagnostics } from '../diagnostics.js';
import type { FileSource } from '../io.js';
import { TemplateError, type TemplateSet } from '../layout/templates.js';
import type { badgeForumView, BadgeItem } from '../layout/badges.js';
import type { AttendeePhoto } from '../model/attendees.js';
import { perSheet, type SheetLayout } from '../layout/imposition.js';
import { composeChunk, type BadgeChunk, type ChunkUnfitted } from './badge-chunk.js';
import type { WorkerRequest, WorkerResponse } from './badge-worker.js';
import { renderPdf, type PdfMeta } from '../pdfmake/pdf.js';
import { PdfConcatenator } from '../finish/concat.js';
import { applyFontFallback, mergeMissing, type MissingGlyphs } from '../fonts/fallback.js';
import { suppliedFaces, type FontSet } from '../fonts/fonts.js';
import { addRuns, shapingProject } from '../fonts/shaping-store.js';

/** Sheets laid out and rendered at a time; memory stays flat however many badges there are. */
const SHEETS_PER_CHUNK = 25;
/** Chunks queued per worker: enough that a worker never waits for the main thread, few enough that photos stay few in memory. */
const AHEAD = 3;
const WORKER = new URL('./badge-worker.js', import.meta.url);

/** What printing one badge file needs. */
export interface BadgeRun {
  templates: TemplateSet;
  /** The templates folder, handed to worker threads. */
  templateSource: FileSource;
  layout: SheetLayout;
  items: BadgeItem[];
  forum: ReturnType<typeof badgeForumView>;
  back: boolean;
  diags: Diagnostics;
  /** Texts already warned about, so that several layouts warn once. */
  warned: Set<string>;
  fonts: FontSet;
  /** Characters no font has, collected for reportMissingGlyphs. */
  missing: MissingGlyphs;
  /** Reads an attendee's photo (through the content source) as a data URL. */
  photoData?: (photo: AttendeePhoto) => string | undefined;
  /** Settles when this thread has drawn its own documents: until then it keeps a processor, and the badges one fewer. */
  mainDone?: Promise<void>;
}

/**
 * Lays out every badge (front, and back when asked) and, given metadata, renders them in
 * chunks of sheets, on worker threads when there are several, joined into one PDF in order.
 * Without metadata it only checks. Returns undefined when a template error stopped it.
 */
export async function renderBadges(run: BadgeRun, meta?: PdfMeta): Promise<Uint8Array | undefined> {
  const chunks = chunksOf(run);
  if (!meta) {
    for (const chunk of chunks) if (!report(run, chunk, check(run.templates, chunk, run.fonts))) return undefined;
    return undefined;
  }
  const pool = chunks.length > 1 ? workerPool(run, meta) : undefined;
  const draw = pool?.render ?? ((chunk: BadgeChunk) => renderHere(run.templates, chunk, meta, run.fonts));
  const render = (chunk: BadgeChunk) => {
    const answer = draw(withPhotos(run, chunk));
    answer.catch(() => {}); // awaited in order below; one left waiting after a failure must not go unhandled
    return answer;
  };
  // Chunks are handed out ahead (a few per worker, queued there), so the workers keep rendering
  // while this thread is busy with a document of its own.
  const width = () => (pool ? pool.size() * AHEAD : 1);
  const pending: Array<Promise<WorkerResponse> | undefined> = chunks.slice(0, width()).map(render);
  let done = 0;
  let stopped = false;
  const handOut = () => {
    while (!stopped && pending.length < chunks.length && pending.length < done + width()) pending.push(render(chunks[pending.length]));
  };
  // A worker added when this thread is done gets its chunks at once, not only as others finish.
  void pool?.grown.then(handOut);
  const out = new PdfConcatenator();
  try {
    for (let i = 0; i < chunks.length; i++) {
      const result = await pending[i]!;
      pending[i] = undefined;
      done = i + 1;
      handOut();
      if (!report(run, chunks[i], result)) return undefined;
      await out.add(result.bytes!);
    }
  } finally {
    stopped = true;
    await pool?.close();
  }
  return out.finish(meta);
}

function chunksOf(run: BadgeRun): BadgeChunk[] {
  const size = SHEETS_PER_CHUNK * perSheet(run.layout);
  const chunks: BadgeChunk[] = [];
  for (let i = 0; i < run.items.length; i += size) {
    chunks.push({ layout: run.layout, items: run.items.slice(i, i + size), forum: run.forum, back: run.back });
  }
  return chunks;
}

/** The chunk with its attendees' photos, read only now so that at most a few chunks' photos are in memory. */
function withPhotos(run: BadgeRun, chunk: BadgeChunk): BadgeChunk {
  const photos: Record<string, string> = {};
  for (const { attendee } of chunk.items) {
    const url = attendee?.photo && run.photoData?.(attendee.photo);
    if (url) photos[attendee.id] = url;
  }
  return Object.keys(photos).length ? { ...chunk, photos } : chunk;
}

function check(templates: TemplateSet, chunk: BadgeChunk, fonts: FontSet): WorkerResponse {
  const unfitted: ChunkUnfitted[] = [];
  try {
    const { missing } = applyFontFallback(composeChunk(templates, chunk, unfitted), fonts);
    return { unfitted, missing: [...missing] };
  } catch (err) {
    return failure(err, unfitted);
  }
}

/** Composes a chunk, splits its text into runs per font (names come in every script), renders it. */
export async function renderChunk(templates: TemplateSet, chunk: BadgeChunk, meta: PdfMeta, fonts: FontSet): Promise<WorkerResponse> {
  const unfitted: ChunkUnfitted[] = [];
  const { doc, missing } = applyFontFallback(composeChunk(templates, chunk, unfitted), fonts);
  // A character no font has is an error; the chunk is not rendered with tofu.
  if (missing.size) return { unfitted, missing: [...missing] };
  return { bytes: await renderPdf(doc, meta, fonts), unfitted, missing: [] };
}

async function renderHere(templates: TemplateSet, chunk: BadgeChunk, meta: PdfMeta, fonts: FontSet): Promise<WorkerResponse> {
  try {
    return await renderChunk(templates, chunk, meta, fonts);
  } catch (err) {
    return failure(err, []);
  }
}

function failure(err: unknown, unfitted: ChunkUnfitted[]): WorkerResponse {
  if (!(err instanceof TemplateError)) throw err;
  return { unfitted, error: { at: err.at, message: err.message, hint: err.hint } };
}

/** Reports a chunk's warnings and error; false when it failed. */
function report(run: BadgeRun, chunk: BadgeChunk, result: WorkerResponse): boolean {
  for (const { item, unfitted: u, template } of result.unfitted) {
    const a = chunk.items[item].attendee;
    const key = `${a?.id}\0${u.text}`;
    if (!a || run.warned.has(key)) continue;
    run.warned.add(key);
    const quoted = u.text.length > 60 ? `${u.text.slice(0, 60)}…` : u.text;
    const name = a.name.length > 60 ? `${a.name.slice(0, 60)}…` : a.name;
    const where = u.room === undefined ? 'its badge' : `the ${Math.round(u.room * 10) / 10} pt height of its block on the badge`;
    run.diags.warn('badge-text-too-long', u.at ?? a.at, `"${quoted}" (attendee ${a.id}, ${name}) does not fit ${where} even at ${u.size} pt: ` +
      (u.left ? 'it is left out' : u.cut ? `it is cut to what fits, ending in "…"` : `it takes ${u.lines} lines`),
      `shorten it in attendees.csv (e.g. a common short form), or lower min-size of its <fit>${u.room === undefined ? '' : ' or raise the height of its <place>'} in templates/${template}`);
  }
  mergeMissing(run.missing, result.missing ?? []);
  if (result.error) run.diags.error('template', result.error.at, result.error.message, result.error.hint);
  return !result.error && !result.missing?.length;
}

/**
 * Worker threads that render chunks in parallel (one per processor, at most 4; one fewer while
 * this thread still draws documents of its own, so that it keeps a processor and the build one
 * heap fewer). Only when running compiled (dist/), where the worker script exists; tests run in this thread.
 */
function workerPool(run: BadgeRun, meta: PdfMeta) {
  const most = Math.min(4, availableParallelism(), Math.ceil(run.items.length / (SHEETS_PER_CHUNK * perSheet(run.layout))));
  if (most < 2 || !existsSync(fileURLToPath(WORKER))) return undefined;
  const files = templateFiles(run.templateSource);
  // A modest heap per worker makes V8 collect as it goes, so memory stays flat over 10,000 badges.
  const workerData = { faces: suppliedFaces(run.fonts), latinChains: run.fonts.latinChains, script: run.fonts.script, shapingProject: shapingProject() };
  const workers: Worker[] = [];
  // Each worker renders its requests in order; the answers come back in that order.
  const waiting: Array<Array<{ resolve: (r: WorkerResponse) => void; reject: (e: unknown) => void }>> = [];
  let closed = false;
  const add = () => {
    const i = workers.length;
    const worker = new Worker(WORKER, { workerData, resourceLimits: { maxOldGenerationSizeMb: 256 } });
    workers.push(worker);
    waiting.push([]);
    worker.on('message', (response: WorkerResponse) => {
      addRuns(response.shaped);
      waiting[i].shift()?.resolve(response);
    });
    worker.on('error', (err) => { for (const w of waiting[i].splice(0)) w.reject(err); });
  };
  for (let k = run.mainDone ? 1 : 0; k < most; k++) add();
  const grown = (run.mainDone ?? Promise.resolve()).then(() => {
    while (!closed && workers.length < most) add();
  });
  return {
    size: () => workers.length,
    grown,
    render: (chunk: BadgeChunk): Promise<WorkerResponse> => {
      let i = 0;
      for (let k = 1; k < workers.length; k++) if (waiting[k].length < waiting[i].length) i = k;
      return new Promise<WorkerResponse>((resolve, reject) => {
        waiting[i].push({ resolve, reject });
        workers[i].postMessage({ files, chunk, meta } satisfies WorkerRequest);
      });
    },
    close: () => {
      closed = true;
      return Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

/** The template files badges use (theme, partials, badge faces), to hand to workers. */
function templateFiles(source: FileSource): Record<string, string> {
  const files: Record<string, string> = {};
  const theme = source.read('theme.yaml');
  if (theme !== undefined) files['theme.yaml'] = theme;
  for (const dir of ['partials', 'badges']) {
    for (const name of source.list(dir)) files[`${dir}/${name}`] = source.read(`${dir}/${name}`) ?? '';
  }
  return files;
}
