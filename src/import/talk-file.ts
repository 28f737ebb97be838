import { Document, parseDocument } from 'yaml';
import { splitFrontMatter } from '../load/frontmatter.js';
import type { Diagnostics, Position } from '../diagnostics.js';
import type { TalkFields } from './plan.js';

/** Front matter keys the import owns; anything else in a talk file is the organizer's. */
const OWNED = ['title', 'subtitle', 'speakers', 'kind', 'track', 'language'] as const;

type Speaker = { name: string } & Record<string, unknown>;

/** A new abstracts/ID.md from imported fields. */
export function newTalkFile(fields: TalkFields): string {
  return render(new Document(frontMatter(fields, [])), fields.body);
}

/**
 * Updates an existing talk file three ways: each imported field (and the body) takes the
 * export's new value where the file still holds what the last import wrote; where the
 * organizer changed it, their value is kept, and a conflict with a changed export is reported.
 * Speakers are matched by name, so affiliations and English names added by hand stay.
 */
export function updateTalkFile(text: string, base: TalkFields, next: TalkFields, file: string, diags: Diagnostics): string {
  const split = splitFrontMatter(text);
  const at: Position = { file, line: 1, column: 1 };
  if (split.yaml === undefined) {
    diags.warn('import-conflict', at, 'this file has no front matter any more; it is left as it is', 'restore the --- lines, or delete the file to import it again');
    return text;
  }
  const doc = parseDocument(split.yaml);
  if (doc.errors.length) {
    diags.warn('import-conflict', at, 'this file has a YAML error; it is left as it is (the export\'s changes to it are not applied)', 'fix the error and import again');
    return text;
  }
  const cur = (doc.toJS() ?? {}) as Record<string, unknown>;
  const curSpeakers = Array.isArray(cur.speakers) ? (cur.speakers as Speaker[]) : [];
  const names = (list: Speaker[]) => JSON.stringify(list.map((s) => s?.name));
  for (const key of OWNED) {
    const b = key === 'speakers' ? JSON.stringify(base.speakers) : JSON.stringify(base[key]);
    const n = key === 'speakers' ? JSON.stringify(next.speakers) : JSON.stringify(next[key]);
    const c = key === 'speakers' ? names(curSpeakers) : JSON.stringify(cur[key]);
    if (n === b) continue; // the export did not change it: whatever the file says stays
    if (c !== b) {
      diags.warn('import-conflict', at, `the export changed the ${key} (now ${n ?? 'none'}), but you had edited it (${c ?? 'none'}); yours is kept`,
        `copy the export's value into the file if you want it`);
      continue;
    }
    if (key === 'speakers') reportRenamedSpeakers(curSpeakers, next.speakers, at, diags);
    const value = key === 'speakers' ? speakersWithExtras(next.speakers, curSpeakers) : next[key];
    if (key === 'speakers' && sameButNames(value as Speaker[], curSpeakers)) {
      // Only names changed: rename in place, so comments on the speakers' lines stay.
      (value as Speaker[]).forEach((s, i) => doc.setIn(['speakers', i, 'name'], s.name));
    } else if (value === undefined) doc.delete(key);
    else doc.set(key, value);
  }
  let body = split.body.replace(/^\n+/, '').replace(/\s+$/, '');
  if (next.body !== base.body) {
    if (body === base.body.trim()) body = next.body;
    else diags.warn('import-conflict', at, 'the export changed the abstract, but you had edited it; yours is kept', 'compare with the export and copy what you want');
  }
  return render(doc, body);
}

function frontMatter(f: TalkFields, extras: Speaker[]): Record<string, unknown> {
  return {
    title: f.title,
    ...(f.subtitle && { subtitle: f.subtitle }),
    speakers: speakersWithExtras(f.speakers, extras),
    kind: f.kind,
    ...(f.track && { track: f.track }),
    ...(f.language && { language: f.language }),
  };
}

/**
 * The export's speaker names with what the organizer added to each (affiliation, name_en):
 * matched by name, else (a renamed speaker) by position, when that speaker's old name is gone.
 */
function speakersWithExtras(names: string[], current: Speaker[]): Speaker[] {
  return names.map((name, i) => {
    const same = current.find((s) => s?.name === name);
    if (same) return same;
    const old = current[i];
    return old && !names.includes(old.name) ? { ...old, name } : { name };
  });
}

function sameButNames(next: Speaker[], current: Speaker[]): boolean {
  const rest = ({ name: _name, ...extras }: Speaker) => JSON.stringify(extras);
  return next.length === current.length && next.every((s, i) => current[i] && typeof current[i] === 'object' && rest(s) === rest(current[i]));
}

function reportRenamedSpeakers(current: Speaker[], names: string[], at: Position, diags: Diagnostics): void {
  current.forEach((s, i) => {
    const extras = Object.keys(s ?? {}).filter((k) => k !== 'name');
    if (!extras.length || names.includes(s.name)) return;
    const heir = names[i] !== undefined && !current.some((c) => c?.name === names[i]) ? names[i] : undefined;
    diags.warn('import-conflict', at, heir
      ? `the export renamed speaker "${s.name}" to "${heir}"; what you added (${extras.join(', ')}) now goes with "${heir}"`
      : `the export no longer lists speaker "${s.name}"; what you added for them (${extras.map((k) => `${k}: ${JSON.stringify(s[k])}`).join(', ')}) is dropped with them`,
    'check the speakers in this file');
  });
}

function render(doc: Document, body: string): string {
  return `---\n${doc.toString({ lineWidth: 0 })}---\n${body ? `\n${body}\n` : ''}`;
}
