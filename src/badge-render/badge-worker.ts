import { parentPort, workerData } from 'node:worker_threads';
import { Diagnostics } from '../diagnostics.js';
import { memorySource } from '../io.js';
import { loadTheme } from '../layout/theme.js';
import { loadTemplates, TemplateError, type TemplateSet } from '../layout/templates.js';
import type { BadgeChunk, ChunkUnfitted } from './badge-chunk.js';
import type { PdfMeta } from '../pdfmake/pdf.js';
import { renderChunk } from './badges.js';
import { fontSetWith } from '../fonts/fonts.js';
import { setShapingProjectDigest, takeNewRuns, type NewRuns } from '../fonts/shaping-store.js';
import type { MissingGlyph } from '../fonts/fallback.js';

/** A chunk to render, with the template files (already checked by the main thread). */
export interface WorkerRequest {
  files: Record<string, string>;
  chunk: BadgeChunk;
  meta: PdfMeta;
}

/** A rendered chunk, or the template error that stopped it. */
export interface WorkerResponse {
  bytes?: Uint8Array;
  unfitted: ChunkUnfitted[];
  /** Characters no font has, with where they are printed from. */
  missing?: Array<[string, MissingGlyph]>;
  error?: { at: TemplateError['at']; message: string; hint: string };
  /** Text this worker shaped, for the main thread's shaping cache. */
  shaped?: NewRuns;
}

let templates: TemplateSet | undefined;
// The organizer's own fonts come from the main thread once; the built-in ones load here.
setShapingProjectDigest(workerData?.shapingProject);
const fonts = fontSetWith(workerData?.faces ?? [], { latinChains: workerData?.latinChains, script: workerData?.script });

// Requests queue up (the main thread hands out several chunks ahead) and are rendered one after another.
let queue = Promise.resolve();
parentPort?.on('message', (request: WorkerRequest) => {
  queue = queue.then(() => answer(request));
});

async function answer(request: WorkerRequest): Promise<void> {
  if (!templates) {
    const source = memorySource(request.files, 'templates');
    const diags = new Diagnostics();
    templates = loadTemplates(source, loadTheme(source, diags), diags);
    templates.fonts = fonts;
  }
  let response: WorkerResponse;
  try {
    response = await renderChunk(templates, request.chunk, request.meta, fonts);
  } catch (err) {
    if (!(err instanceof TemplateError)) throw err;
    response = { unfitted: [], error: { at: err.at, message: err.message, hint: err.hint } };
  }
  response.shaped = takeNewRuns();
  parentPort!.postMessage(response, response.bytes ? [response.bytes.buffer as ArrayBuffer] : []);
}
