import { Worker } from 'node:worker_threads';

/** A page drawn as a PNG image. */
export interface PageImage {
  page: number;
  png: Uint8Array;
  width: number;
  height: number;
}

/** What rasterizing gives: the document's page count and the images, or why not. */
export type RasterResult = { ok: true; count: number; images: PageImage[] } | { ok: false; message: string; range: boolean };

// Beside this module in dist/share/, and beside the bundle in dist/bundle/ (scripts/bundle.mjs copies it).
const WORKER = new URL('./raster-worker.mjs', import.meta.url);

/** Draws `pages` (1-based; all when empty) of a PDF at `dpi` as PNG images, with MuPDF in a worker thread. */
export function rasterize(pdf: Uint8Array, pages: number[], dpi: number): Promise<RasterResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: { pdf, pages, dpi } });
    worker.once('message', (result: RasterResult) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}
