import type { Diagnostics, Position } from '../diagnostics.js';
import type { FileSource } from '../io.js';
import type { GlyphPlace, MissingGlyphs } from '../fonts/fallback.js';

/** Most places reported for one missing character; the rest are summed up. */
const MAX_PLACES = 10;

/**
 * Reports each character no font has where it is written: a character in text laid out with
 * its source position (a talk's paragraph) at that character in the file; one in text without
 * a position (a title, a template's words) at every place it is written in the content and
 * templates, found by searching the source files.
 */
export function reportMissingGlyphs(missing: MissingGlyphs, sources: FileSource[], diags: Diagnostics): void {
  if (!missing.size) return;
  const read = reader(sources);
  for (const [ch, { family, places: laidOut, unplaced }] of missing) {
    const name = codePointName(ch);
    const seen = new Set<string>();
    let places: Position[] = [];
    const add = (at: Position) => {
      const key = `${at.file}:${at.line}:${at.column}`;
      if (!seen.has(key)) places.push(at), seen.add(key);
    };
    let search = unplaced > 0;
    for (const place of laidOut) {
      const at = placeInSource(ch, place, read);
      if (at) add(at);
      else search = true;
    }
    if (search) for (const at of searchSources(ch, sources)) add(at);
    places = places.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
    const message = /\p{Cc}/u.test(ch)
      ? `${name} is a control character and cannot be printed`
      : `${name} is in no font (family "${family}" and its fallbacks); it would print as an empty box`;
    const hint = 'replace or remove the character, or add a font that has it (fonts/README.md)';
    if (!places.length) diags.error('missing-glyph', { file: `${sources[0]?.label ?? 'content'}/`, line: 1, column: 1 }, message, hint);
    for (const at of places.slice(0, MAX_PLACES)) diags.error('missing-glyph', at, message, hint);
    if (places.length > MAX_PLACES) {
      diags.error('missing-glyph', places[MAX_PLACES], `${name} occurs ${places.length - MAX_PLACES} more time(s) after this`, hint);
    }
  }
}

/** Reads a file named as diagnostics name it (label/path) from the source it belongs to. */
function reader(sources: FileSource[]): (file: string) => string | undefined {
  const cache = new Map<string, string | undefined>();
  return (file) => {
    if (!cache.has(file)) {
      const source = sources.find((s) => file.startsWith(`${s.label}/`));
      cache.set(file, source ? safeRead(source, file.slice(source.label.length + 1)) : undefined);
    }
    return cache.get(file);
  };
}

/**
 * The character's own position in markdown: its nth written form from the line its paragraph
 * starts on. In a template, the element's own position (its literal text may be cut by
 * conditions, so the nth is not the one printed). None when the file does not show the
 * character there (a template's paragraph that prints a title from YAML).
 */
function placeInSource(ch: string, place: GlyphPlace, read: (file: string) => string | undefined): Position | undefined {
  const text = read(place.src.file);
  if (text === undefined) return undefined;
  let start = 0;
  for (let line = 1; line < place.src.line; line++) {
    const end = text.indexOf('\n', start);
    if (end < 0) return undefined;
    start = end + 1;
  }
  const found = writtenForms(ch).flatMap((form) => offsetsOf(text, form, start)).sort((a, b) => a - b);
  if (place.src.file.endsWith('.hbs')) return found.length ? place.src : undefined;
  const at = found[place.nth];
  return at === undefined ? undefined : positionAt(text, at, place.src.file);
}

/** Every place the character is written in the content and template files. */
function searchSources(ch: string, sources: FileSource[]): Position[] {
  const places: Position[] = [];
  for (const source of sources) {
    for (const path of sourceFiles(source)) {
      const text = safeRead(source, path);
      if (text) for (const form of writtenForms(ch)) places.push(...positionsOf(text, form, `${source.label}/${path}`));
    }
  }
  return places;
}

/** "U+20BB7 𠮷", or "U+0007" for a control character. */
export function codePointName(ch: string): string {
  const cp = ch.codePointAt(0)!;
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return /\p{C}/u.test(ch) ? `character ${hex}` : `character ${hex} "${ch}"`;
}

/** The ways a character can be written in YAML or markdown: itself, escapes, HTML entities. */
function writtenForms(ch: string): string[] {
  const cp = ch.codePointAt(0)!;
  const hex = cp.toString(16);
  const forms = [ch, `&#x${hex};`, `&#X${hex.toUpperCase()};`, `&#x${hex.toUpperCase()};`, `&#${cp};`];
  if (cp <= 0xff) forms.push(`\\x${hex.padStart(2, '0')}`, `\\x${hex.padStart(2, '0').toUpperCase()}`);
  if (cp <= 0xffff) forms.push(`\\u${hex.padStart(4, '0')}`, `\\u${hex.padStart(4, '0').toUpperCase()}`);
  else forms.push(`\\U${hex.padStart(8, '0')}`, `\\U${hex.padStart(8, '0').toUpperCase()}`);
  return [...new Set(forms)];
}

function sourceFiles(source: FileSource): string[] {
  const dirs = ['', 'abstracts', 'partials', 'booklet', 'signs', 'badges', 'locales'];
  return dirs.flatMap((dir) => source.list(dir).filter((f) => /\.(ya?ml|md|hbs|csv)$/.test(f)).map((f) => (dir ? `${dir}/${f}` : f)));
}

function safeRead(source: FileSource, path: string): string | undefined {
  try {
    return source.read(path);
  } catch {
    return undefined;
  }
}

function offsetsOf(text: string, form: string, from: number): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(form, from); i >= 0; i = text.indexOf(form, i + form.length)) out.push(i);
  return out;
}

function positionAt(text: string, offset: number, file: string): Position {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const line = text.slice(0, lineStart).split('\n').length;
  return { file, line, column: [...text.slice(lineStart, offset)].length + 1 };
}

function positionsOf(text: string, ch: string, file: string): Position[] {
  const out: Position[] = [];
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf(ch), scanned = 0; i >= 0; i = text.indexOf(ch, i + ch.length)) {
    for (; scanned < i; scanned++) if (text.charCodeAt(scanned) === 10) { line++; lineStart = scanned + 1; }
    out.push({ file, line, column: [...text.slice(lineStart, i)].length + 1 });
  }
  return out;
}
