import { parseDocument } from 'yaml';
import type { Diagnostics, Position } from '../diagnostics.js';
import { parse } from 'yaml';
import { UNNAMED, type Plan } from './plan.js';

/** The forum fields the import owns. */
export type ForumFields = Plan['forum'];

/** A new forum.yaml: the conference's name and dates, and a venue to fill in. */
export function newForumFile(f: ForumFields): string {
  return `# Written by "forumpress import". Importing again updates name and dates (unless you changed
# them) and keeps everything else. README.md ("Content format") lists every field.
name: ${JSON.stringify(f.name)}${f.name === UNNAMED ? ' # the export names no conference: write its name here' : ''}
dates:
  start: ${f.start}
  end: ${f.end}
${f.language ? `language: ${f.language}\n` : ''}# The export names no place: write the venue here.
venue: "?"
`;
}

/** Updates forum.yaml three ways (name, dates); every other line and comment is kept. */
export function updateForumFile(text: string, base: ForumFields, next: ForumFields, at: Position, diags: Diagnostics): string {
  const doc = parseDocument(text);
  if (doc.errors.length) {
    diags.warn('import-conflict', at, 'forum.yaml has a YAML error; it is left as it is', 'fix it and import again');
    return text;
  }
  const fields: Array<[keyof ForumFields, string[]]> = [['name', ['name']], ['start', ['dates', 'start']], ['end', ['dates', 'end']]];
  let changed = false;
  for (const [key, path] of fields) {
    if (next[key] === base[key]) continue;
    const cur = String(doc.getIn(path) ?? '');
    if (cur !== base[key]) {
      diags.warn('import-conflict', at, `the export changed the forum's ${path.join('.')} to "${next[key]}", but you had set "${cur}"; yours is kept`);
      continue;
    }
    doc.setIn(path, next[key]);
    changed = true;
  }
  return changed ? doc.toString({ lineWidth: 0 }) : text;
}

/**
 * The export named no conference (a pretalx submissions list has no event), so forum.yaml says
 * "Conference": a warning, until the organizer writes the name (which importing again keeps).
 */
export function warnUnnamed(forumText: string, plan: ForumFields, exportFile: string, at: Position, diags: Diagnostics): void {
  if (plan.name !== UNNAMED) return;
  let name: unknown;
  try {
    name = (parse(forumText) as { name?: unknown } | null)?.name;
  } catch {
    return;
  }
  if (name !== UNNAMED) return;
  diags.warn('import-no-name', at, `${exportFile} names no conference (no title or acronym), so the forum is called "${UNNAMED}" on the cover and in every document`,
    'write the conference\'s name in forum.yaml (name: PyConFR 2025); importing again keeps it');
}
