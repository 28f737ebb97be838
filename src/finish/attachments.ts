import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString, type PDFRef } from 'pdf-lib';

/** A content file to carry inside the PDF: its path inside content/ and its bytes. */
export interface SourceFile {
  path: string;
  bytes: Uint8Array;
}

const MIME: Record<string, string> = { yaml: 'application/yaml', yml: 'application/yaml', md: 'text/markdown', csv: 'text/csv' };

/** The MIME type of a source file, from its extension; undefined for files we do not attach. */
export function sourceMime(path: string): string | undefined {
  return MIME[path.split('.').pop()?.toLowerCase() ?? ''];
}

/**
 * Attaches files the PDF/A-3 way: each an embedded file stream with its MIME type and
 * date, a file specification with /AFRelationship /Source, listed both in the
 * EmbeddedFiles name tree (so viewers show them) and in the catalog's /AF array.
 */
export function attachSources(doc: PDFDocument, files: SourceFile[], date: Date): void {
  const { context } = doc;
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const specs: Array<[string, PDFRef]> = sorted.map((file) => {
    // pdf-lib compresses with pako, plain zlib in JavaScript: the same bytes on every machine.
    const stream = context.flateStream(file.bytes, {
      Type: 'EmbeddedFile',
      Subtype: sourceMime(file.path) ?? 'application/octet-stream',
      Params: { Size: file.bytes.length, ModDate: PDFString.fromDate(date), CreationDate: PDFString.fromDate(date) },
    });
    const spec = context.obj({
      Type: 'Filespec',
      F: PDFString.of(asciiName(file.path)),
      UF: PDFHexString.fromText(file.path),
      Desc: PDFHexString.fromText(`content/${file.path}`),
      EF: { F: context.register(stream), UF: context.register(stream) },
      AFRelationship: 'Source',
    });
    return [file.path, context.register(spec)];
  });
  if (specs.length === 0) return;
  const names = PDFArray.withContext(context);
  for (const [path, ref] of specs) {
    names.push(PDFHexString.fromText(path));
    names.push(ref);
  }
  let catalogNames = doc.catalog.lookupMaybe(PDFName.of('Names'), PDFDict);
  if (!catalogNames) {
    catalogNames = context.obj({});
    doc.catalog.set(PDFName.of('Names'), context.register(catalogNames));
  }
  catalogNames.set(PDFName.of('EmbeddedFiles'), context.register(context.obj({ Names: names })));
  doc.catalog.set(PDFName.of('AF'), context.obj(specs.map(([, ref]) => ref)));
}

/** A file name in plain ASCII for old readers (/F); /UF holds the real one. */
function asciiName(path: string): string {
  return path.replace(/[^\x20-\x7e]/g, '_');
}
