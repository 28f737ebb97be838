import Handlebars from 'handlebars';
import type { FieldPos } from '../model/types.js';
import type { TextAt } from './view-at.js';

/** The processing instruction that opens a stretch printed from a field (its number follows), and the one that closes it. */
export const FIELD_PI = 'fp';

/** A stretch of a helper's output found to print a field: offsets in the output. */
interface Found {
  from: number;
  to: number;
  at: FieldPos;
}

/** Where the fields a template printed are written, by number, for the marks in its markup. */
export class FieldMarks {
  readonly fields: FieldPos[] = [];

  /**
   * `output` as Handlebars would print it (escaped, or a helper's markup as it is), with the
   * stretches that print each source's parts marked: each source's parts are looked for in
   * order, outside tags; stretches that would overlap one already found are left unmarked.
   */
  mark(output: unknown, sources: TextAt[][]): string {
    const safe = output instanceof Handlebars.SafeString;
    const html = safe ? output.toHTML() : Handlebars.escapeExpression(output as string);
    if (!html || (!safe && typeof output !== 'string')) return html;
    const text = outsideTags(html);
    const found: Found[] = [];
    for (const parts of sources) {
      let done = 0;
      for (const part of parts) {
        const written = Handlebars.escapeExpression(part.text);
        let from = written ? text.indexOf(written, done) : -1;
        while (from >= 0 && found.some((f) => from < f.to && f.from < from + written.length)) from = text.indexOf(written, from + 1);
        if (from < 0) continue;
        found.push({ from, to: from + written.length, at: part.at });
        done = from + written.length;
      }
    }
    if (!found.length) return html;
    let out = '';
    let done = 0;
    for (const f of found.sort((a, b) => a.from - b.from)) {
      this.fields.push(f.at);
      out += `${html.slice(done, f.from)}<?${FIELD_PI} ${this.fields.length - 1}?>${html.slice(f.from, f.to)}<?${FIELD_PI}?>`;
      done = f.to;
    }
    return out + html.slice(done);
  }
}

/** The markup with every tag blanked out (same length), so that a value is found only in text. */
function outsideTags(html: string): string {
  return html.includes('<') ? html.replace(/<[^>]*>/g, (tag) => '\0'.repeat(tag.length)) : html;
}

/** The fields of a view object, by key (view-at.ts), or undefined. */
function fieldsOf(parent: unknown): Record<string, TextAt[]> | undefined {
  return parent && typeof parent === 'object' ? (parent as { fieldAt?: Record<string, TextAt[]> }).fieldAt : undefined;
}

/** Where the text at `key` of a view object comes from; for a list of people ({{join speakers}}), their names. */
function partsOf(parent: unknown, key: string, raw: unknown): TextAt[] | undefined {
  const fields = fieldsOf(parent);
  if (fields && Object.hasOwn(fields, key)) return fields[key];
  if (Array.isArray(raw)) return raw.flatMap((item) => fieldsOf(item)?.name ?? []);
  return undefined;
}

/**
 * {{fp-at value parent "key" raw ... [index=@index]}} (value-positions.ts): the value (a helper's
 * output, or a value itself) printed as before, with the fields it prints marked. Each field it
 * may print is given as the object it is read from, its key and its value; `index` picks the
 * item of a list printed by {{this}}.
 */
export function fieldHelper(value: unknown, ...rest: unknown[]): unknown {
  // Numbers, flags and empty values print no field (most of what templates print is times and ids).
  if (!value || (typeof value !== 'string' && !(value instanceof Handlebars.SafeString))) return value;
  const options = rest.pop() as Handlebars.HelperOptions;
  const marks = (options.data?.fragments as { marks?: FieldMarks } | undefined)?.marks;
  // Unmarked, the value goes back as it came: Handlebars escapes it as it always did.
  const plain = value;
  if (!marks) return plain;
  const index = options.hash?.index as number | undefined;
  const sources: TextAt[][] = [];
  for (let i = 0; i + 3 <= rest.length; i += 3) {
    let parts = partsOf(rest[i], rest[i + 1] as string, rest[i + 2]);
    if (parts && index !== undefined) {
      const item = parts[index]?.text === value ? parts[index] : parts.find((p) => p.text === value);
      parts = item ? [item] : undefined;
    }
    if (parts?.length) sources.push(parts);
  }
  return sources.length ? new Handlebars.SafeString(marks.mark(value, sources)) : plain;
}

/** {{> partial title=forum.name fieldAt=(fp-hash-at this "title" forum "name")}}: the context's fields, with the handed values'. */
export function hashFieldsHelper(base: unknown, ...rest: unknown[]): Record<string, TextAt[]> {
  rest.pop();
  const out: Record<string, TextAt[]> = { ...fieldsOf(base) };
  for (let i = 0; i + 3 <= rest.length; i += 3) {
    const [key, parent, from] = rest.slice(i, i + 3) as [string, unknown, string];
    const parts = fieldsOf(parent)?.[from];
    if (parts) out[key] = parts;
    else delete out[key];
  }
  return out;
}
