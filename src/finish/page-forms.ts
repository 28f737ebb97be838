import {
  PDFArray, PDFDict, PDFName, PDFObjectCopier, PDFRawStream, PDFDocument, PDFPage,
  concatTransformationMatrix, drawObject, popGraphicsState, pushGraphicsState, type PDFRef,
} from 'pdf-lib';

/** A page of another PDF, turned into a form XObject of the target document. */
export interface PageForm {
  ref: PDFRef;
  width: number;
  height: number;
}

/**
 * Turns every page of `source` into a form XObject of `target`, reusing each page's
 * compressed content stream as it is. pdf-lib's embedPages decodes and re-compresses
 * every page instead, which made imposing the booklet four times slower.
 */
export function pagesAsForms(target: PDFDocument, source: PDFDocument): PageForm[] {
  const copier = PDFObjectCopier.for(source.context, target.context);
  return source.getPages().map((page) => {
    // Read without pdf-lib's normalize(), which would wrap the content in extra streams.
    const Contents = page.node.Contents();
    const Resources = page.node.Resources();
    const stream = Contents instanceof PDFArray && Contents.size() === 1 ? Contents.lookup(0) : Contents;
    if (!(stream instanceof PDFRawStream)) throw new Error('page-forms: expected one content stream per page (as pdfkit writes)');
    const dict = copier.copy(stream.dict) as PDFDict;
    dict.set(PDFName.of('Type'), PDFName.of('XObject'));
    dict.set(PDFName.of('Subtype'), PDFName.of('Form'));
    dict.set(PDFName.of('BBox'), copier.copy(page.node.MediaBox()));
    dict.set(PDFName.of('Resources'), copier.copy(Resources ?? target.context.obj({})));
    const ref = target.context.register(PDFRawStream.of(dict, stream.contents));
    const { width, height } = page.getSize();
    return { ref, width, height };
  });
}

/** Draws a page form with its lower left corner at (x, y). */
export function drawPageForm(page: PDFPage, form: PageForm, x: number, y: number): void {
  const name = page.node.newXObject('Page', form.ref);
  page.pushOperators(pushGraphicsState(), concatTransformationMatrix(1, 0, 0, 1, x, y), drawObject(name), popGraphicsState());
}
