// Draws PDF pages as PNG images with MuPDF's WebAssembly build, in a worker thread: mupdf is an
// ES module with top-level await, which the CommonJS bundle of the CLI cannot load itself, and its
// memory goes when the worker ends. workerData: { pdf: Uint8Array, pages: number[] (1-based), dpi }.
import { parentPort, workerData } from 'node:worker_threads';

const { pdf, pages, dpi } = workerData as { pdf: Uint8Array; pages: number[]; dpi: number };
try {
  const mupdf = await import('mupdf');
  const doc = mupdf.Document.openDocument(pdf, 'application/pdf');
  const count = doc.countPages();
  const images: Array<{ page: number; png: Uint8Array; width: number; height: number }> = [];
  for (const n of pages.length ? pages : Array.from({ length: count }, (_, i) => i + 1)) {
    if (n < 1 || n > count) throw new RangeError(`page ${n} does not exist: the document has ${count} page(s)`);
    const page = doc.loadPage(n - 1);
    const pixmap = page.toPixmap(mupdf.Matrix.scale(dpi / 72, dpi / 72), mupdf.ColorSpace.DeviceRGB, false, true);
    images.push({ page: n, png: pixmap.asPNG().slice(), width: pixmap.getWidth(), height: pixmap.getHeight() });
    pixmap.destroy();
    page.destroy();
  }
  parentPort!.postMessage({ ok: true, count, images });
} catch (err) {
  parentPort!.postMessage({ ok: false, message: (err as Error).message, range: err instanceof RangeError });
}
