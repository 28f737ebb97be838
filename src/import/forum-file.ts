import { parseDocument } from 'yaml';
import type { Diagnostics, Position } from '../diagnostics.js';
import { parse } from 'yaml';
import { UNNAMED, type Plan } from './plan.js';
import { languageName, type ProgramLanguage } from './language.js';

/** The forum fields the import owns. */
export type ForumFields = Plan['forum'];

/** A new forum.yaml: the conference's name, dates and language, and a venue to fill in. */
export function newForumFile(f: ForumFields, languageNote = ''): string {
  return `# Written by "forumpress import". Importing again updates name, dates and language (unless you
# changed them) and keeps everything else. README.md ("Content format") lists every field.
name: ${JSON.stringify(f.name)}${f.name === UNNAMED ? ' # the export names no conference: write its name here' : ''}
dates:
  start: ${f.start}
  end: ${f.end}
${f.language ? `language: ${f.language}${languageNote && ` # ${languageNote}`}\n` : ''}# The export names no place: write the venue here.
venue: "?"
`;
}

/** Updates forum.yaml three ways (name, dates, language); every other line and comment is kept. */
export function updateForumFile(text: string, base: ForumFields, next: ForumFields, at: Position, diags: Diagnostics): string {
  const doc = parseDocument(text);
  if (doc.errors.length) {
    diags.warn('import-conflict', at, 'forum.yaml has a YAML error; it is left as it is', 'fix it and import again');
    return text;
  }
  const fields: Array<[keyof ForumFields, string[]]> = [['name', ['name']], ['start', ['dates', 'start']], ['end', ['dates', 'end']], ['language', ['language']]];
  let changed = false;
  for (const [key, path] of fields) {
    // An import made before the language was written has none in imported.json, nor in forum.yaml.
    if ((next[key] ?? '') === (base[key] ?? '')) continue;
    const cur = String(doc.getIn(path) ?? '');
    if (cur !== (base[key] ?? '')) {
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

/** The comment the import writes beside a language it had to choose (README "Languages" says more). */
export function languageNote(p: ProgramLanguage): string {
  if (p.unsupported) return `the export is in ${languageName(p.unsupported)} (${p.unsupported}); forumpress has no wording in it, see README "Languages"`;
  return p.guessed ? 'the export names no language; told from its titles: change it if the program is in another' : '';
}

/**
 * When this import set forum.yaml's language to one the export did not say (a language forumpress
 * has no wording for, or none at all): a warning, once, saying what prints and how to change it.
 */
export function warnLanguage(before: string | undefined, after: string, p: ProgramLanguage, exportFile: string, forumFile: string, diags: Diagnostics): void {
  if (!p.unsupported && !p.guessed) return;
  const language = (text: string | undefined): unknown => {
    try {
      return text === undefined ? undefined : (parse(text) as { language?: unknown } | null)?.language;
    } catch {
      return undefined;
    }
  };
  if (language(after) !== p.language || language(before) === p.language) return;
  const line = after.split('\n').findIndex((l) => l.startsWith('language:')) + 1;
  const at: Position = p.guessed ? { file: forumFile, line: Math.max(line, 1), column: 1 } : p.at;
  const name = languageName(p.language);
  if (p.unsupported) {
    diags.warn('import-language', at, `the export is in ${languageName(p.unsupported)} (${p.unsupported}), but forumpress has no ${languageName(p.unsupported)} wording, so its own words (dates, headings, kinds of talk) print in ${name}: language: ${p.language} in forum.yaml`,
      `to print them in ${languageName(p.unsupported)}, copy templates/locales/en.yaml to templates/locales/${p.unsupported.split('-')[0]}.yaml, translate its values and write language: ${p.unsupported.split('-')[0]} in forum.yaml; importing again keeps it`);
  } else {
    diags.warn('import-no-language', at, `${exportFile} gives no language for the conference or its events; its titles are in ${p.language === 'en' ? 'Latin script' : 'Chinese characters'}, so forumpress prints its own words (dates, headings) in ${name}: language: ${p.language}`,
      'if the program is in another language, write it in forum.yaml (language: fr); importing again keeps it');
  }
}
