import type { Diagnostics, Position } from '../diagnostics.js';
import type { FileSource } from '../io.js';
import type { MissingGlyphs } from '../fonts/fallback.js';

/** Most places reported for one missing character; the rest are summed up. */
const MAX_PLACES = 10;

/**
 * Reports each character no font has, at every place it is written in the content and
 * templates (found by searching the source files, since printed text has lost its origin).
 */
export function reportMissingGlyphs(missing: MissingGlyphs, sources: FileSource[], diags: Diagnostics): void {
  if (!missing.size) return;
  const files = sources.flatMap((source) => sourceFiles(source).map((path) => ({ source, path })));
  for (const [ch, family] of missing) {
    const name = codePointName(ch);
    let places: Position[] = [];
    for (const { source, path } of files) {
      const text = safeRead(source, path);
      if (text) for (const form of writtenForms(ch)) places.push(...positionsOf(text, form, `${source.label}/${path}`));
    }
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
