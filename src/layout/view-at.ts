import type { FieldPos, Person, Title } from '../model/types.js';

/**
 * A stretch of a view's text printed from a content field: the text as the view gives it (its
 * characters other than spaces are the field's, in order) and where the field is written.
 */
export interface TextAt {
  text: string;
  at: FieldPos;
}

/** Where a view object's texts come from, by key: the fields each is printed from, in order. */
export type ViewAt = Record<string, TextAt[]>;

/** A text printed from one field, or nothing when either is unknown. */
export function from(text: string | null | undefined, at: FieldPos | undefined): TextAt[] | undefined {
  return text && at ? [{ text, at }] : undefined;
}

/** `{ fieldAt }` for a view object, keeping the keys whose texts have a place; `{}` when none has. */
export function viewAt(entries: Record<string, TextAt[] | undefined>): { fieldAt?: ViewAt } {
  const out: ViewAt = {};
  for (const [key, parts] of Object.entries(entries)) if (parts?.length) out[key] = parts;
  return Object.keys(out).length ? { fieldAt: out } : {};
}

/** The parts of a list of texts (forum.yaml's hosts), one per item that has a place. */
export function listAt(items: string[], at: Array<FieldPos | undefined> | undefined): TextAt[] | undefined {
  return at && items.flatMap((text, i) => from(text, at[i]) ?? []);
}

/** Where one text of a title is written: the field it equals. */
export function titleAt(t: Title, text: string | null | undefined): FieldPos | undefined {
  if (!text || !t.fieldAt) return undefined;
  return text === t.zh ? t.fieldAt.zh : text === t.en ? t.fieldAt.en : text === t.primary ? t.fieldAt.primary : undefined;
}

/** Where a person's printed name (`name`, maybe spaced), plain name, English name and affiliation are written. */
export function personAt(p: { name: string; nameEn?: string; affiliation?: string; fieldAt?: Person['fieldAt'] }, name = p.name): { fieldAt?: ViewAt } {
  const at = p.fieldAt;
  return viewAt({ name: from(name, at?.name), plainName: from(p.name, at?.name), nameEn: from(p.nameEn, at?.nameEn), affiliation: from(p.affiliation, at?.affiliation) });
}

/** The parts of people's names joined into one text (a session's chairs). */
export function namesAt(people: Person[]): TextAt[] {
  return people.flatMap((p) => from(p.name, p.fieldAt?.name) ?? []);
}
