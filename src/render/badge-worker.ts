import { parentPort } from 'node:worker_threads';
import { Diagnostics } from '../diagnostics.js';
import { memorySource } from '../io.js';
import { loadTheme } from '../layout/theme.js';
import { loadTemplates, TemplateError, type TemplateSet } from '../layout/templates.js';
import { composeChunk, type BadgeChunk, type ChunkUnfitted } from './badge-chunk.js';
import { renderPdf, type PdfMeta } from './pdf.js';

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
  error?: { at: TemplateError['at']; message: string; hint: string };
}

let templates: TemplateSet | undefined;

parentPort?.on('message', async (request: WorkerRequest) => {
  if (!templates) {
    const source = memorySource(request.files, 'templates');
    const diags = new Diagnostics();
    templates = loadTemplates(source, loadTheme(source, diags), diags);
  }
  const unfitted: ChunkUnfitted[] = [];
  let response: WorkerResponse;
  try {
    const bytes = await renderPdf(composeChunk(templates, request.chunk, unfitted), request.meta);
    response = { bytes, unfitted };
  } catch (err) {
    if (!(err instanceof TemplateError)) throw err;
    response = { unfitted, error: { at: err.at, message: err.message, hint: err.hint } };
  }
  parentPort!.postMessage(response, response.bytes ? [response.bytes.buffer as ArrayBuffer] : []);
});
