import type { Diagnostics, Position } from '../diagnostics.js';
import type { FileSource } from '../io.js';
import type { GlyphPlace, MissingGlyphs } from '../fonts/fallback.js';
import { SourceText, lowerBound } from './source-text.js';
import { fieldCharAt, nonSpaceCount } from '../load/field-pos.js';

/** Most places reported for one missing character; the rest are summed up. */
const MAX_PLACES = 10;

/**
 * Reports each character no font has where it is written: one printed from a content field (a
 * title in schedule.yaml, a name in attendees.csv) at its own line and column there, as the
 * layout tree's spans say; one in a talk's paragraph at that character of the markdown; one a
 * template writes at the template's element. Only a character printed by text that carries no
 * position (a word of templates/locales, a list item a template prints with {{this}} outside
 * {{#each}} of a list with places, text made by code) is still looked for in the content and
 * template files, at every place it is written there.
 */
export function reportMissingGlyphs(missing: MissingGlyphs, sources: FileSource[], diags: Diagnostics): void {
  if (!missing.size) return;
  const read = reader(sources);
  for (const [ch, { family, places: laidOut, unplaced }] of missing) {
    const name = codePointName(ch);
    const forms = writtenForms(ch);
    const occurrences = new Map<SourceText, number[]>();
    const offsets = (file: SourceText) => {
      let found = occurrences.get(file);
      if (!found) occurrences.set(file, (found = file.offsetsOf(forms)));
      return found;
    };
    const places = new Map<string, Position>();
    const add = (at: Position) => places.set(`${at.file}:${at.line}:${at.column}`, at);
    let search = unplaced > 0;
    for (const place of laidOut) {
      const at = placeInField(place, ch) ?? placeInSource(place, read, offsets);
      if (at) add(at);
      else search = true;
    }
    if (search) {
      for (const file of sourceTexts(sources, read)) for (const offset of offsets(file)) add(file.positionAt(offset));
    }
    const sorted = [...places.values()].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
    const message = /\p{Cc}/u.test(ch)
      ? `${name} is a control character and cannot be printed`
      : `${name} is in no font (family "${family}" and its fallbacks); it would print as an empty box`;
    const hint = 'replace or remove the character, or add a font that has it (fonts/README.md)';
    if (!sorted.length) diags.error('missing-glyph', { file: `${sources[0]?.label ?? 'content'}/`, line: 1, column: 1 }, message, hint);
    // A place another document's report named already (an attendee's name on the badges and the sign-in sheets) is named once.
    const named = new Set(diags.list.filter((d) => d.rule === 'missing-glyph').map((d) => `${d.file}:${d.line}:${d.column}:${d.message}`));
    for (const at of sorted.slice(0, MAX_PLACES)) if (!named.has(`${at.file}:${at.line}:${at.column}:${message}`)) diags.error('missing-glyph', at, message, hint);
    if (sorted.length > MAX_PLACES) {
      diags.error('missing-glyph', sorted[MAX_PLACES], `${name} occurs ${sorted.length - MAX_PLACES} more time(s) after this`, hint);
    }
  }
}

/** Reads a file named as diagnostics name it (label/path) from the source it belongs to. */
function reader(sources: FileSource[]): (file: string) => SourceText | undefined {
  const cache = new Map<string, SourceText | undefined>();
  return (file) => {
    if (!cache.has(file)) {
      // The longest label first: templates may sit inside the content folder (content/templates).
      const source = [...sources].sort((x, y) => y.label.length - x.label.length).find((s) => file.startsWith(`${s.label}/`));
      const text = source ? safeRead(source, file.slice(source.label.length + 1)) : undefined;
      cache.set(file, text === undefined ? undefined : new SourceText(file, text));
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
function placeInSource(place: GlyphPlace, read: (file: string) => SourceText | undefined,
  offsets: (file: SourceText) => number[]): Position | undefined {
  if (!place.src) return undefined;
  const file = read(place.src.file);
  const start = file?.lineStart(place.src.line);
  if (!file || start === undefined) return undefined;
  const found = offsets(file);
  const first = lowerBound(found, start);
  if (place.src.file.endsWith('.hbs')) return first < found.length ? place.src : undefined;
  const at = found[first + place.nth];
  return at === undefined ? undefined : file.positionAt(at);
}

/** The character's place in the content field it was printed from, when its text has fields and it is in one. */
function placeInField(place: GlyphPlace, ch: string): Position | undefined {
  if (!place.spans || place.text === undefined) return undefined;
  let offset = -1;
  for (let n = 0; n <= place.nth; n++) {
    offset = place.text.indexOf(ch, offset + 1);
    if (offset < 0) return undefined;
  }
  const ordinal = nonSpaceCount(place.text.slice(0, offset));
  const span = place.spans.find((s) => s.start <= ordinal && ordinal < s.end);
  return span && fieldCharAt(span.at, ordinal - span.start);
}

/** Every content and template file a character may be written in. */
function sourceTexts(sources: FileSource[], read: (file: string) => SourceText | undefined): SourceText[] {
  return sources.flatMap((source) => sourceFiles(source).map((path) => read(`${source.label}/${path}`)))
    .filter((t): t is SourceText => t !== undefined && t.text.length > 0);
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
