import { LineCounter, parseDocument, visit, isPair, isScalar, Scalar } from 'yaml';
import { decodeText } from '../load/encoding.js';
import type { Diagnostics, Fix } from '../diagnostics.js';
import type { FileSource } from '../io.js';
import { splitFrontMatter } from '../load/frontmatter.js';
import { takeParsedYaml } from '../load/yaml.js';
import { lintRun } from './typography-rules.js';
import { mixesScripts } from './script-mix.js';

/** YAML keys whose values are ids, times, colours or paths, never text a reader sees. */
const NOT_TEXT = new Set(['talk', 'session', 'time', 'date', 'start', 'end', 'kind', 'url', 'introduction', 'paper', 'pdfa',
  'key', 'color', 'colour', 'layouts', 'printer_size', 'id', 'language', 'second_language', 'timezone', 'sort_as', 'logo']);
/** Keys whose values name a person, a place or a talk: each in one script, simplified or traditional. */
const NAMED = new Set(['name', 'chair', 'title', 'zh', 'affiliation', 'venue', 'hosts', 'co_hosts', 'organizing_committee', 'academic_committee']);

const HINTS: Record<string, string> = {
  'halfwidth-punctuation': 'Chinese text takes full-width punctuation; `forumpress check --fix` writes it',
  'straight-quote': 'Chinese text takes “ ” (and ‘ ’); `forumpress check --fix` writes them',
  'dash-spacing': 'clreq sets —— and …… with no space around them; `forumpress check --fix` removes it',
};

/** A run of text a reader sees, at its offset in the file; `named` for names and titles. */
interface Run { text: string; offset: number; named: boolean }

/**
 * The copy-editor's checks on every text file of the content: warnings at their place, each
 * with the fix `check --fix` writes. Only files read as UTF-8 get fixes (a fix writes UTF-8).
 */
export function lintTypography(source: FileSource, files: string[], diags: Diagnostics): void {
  for (const path of files) {
    const bytes = source.readBytes(path);
    if (!bytes) continue;
    // Read as the build reads it (GBK, UTF-16...), so a warning shows the real text; only UTF-8 files get fixes.
    const text = decodeText(bytes).text;
    const fixable = Buffer.from(text, 'utf8').equals(bytes) && !text.includes('\r');
    const runs = path.endsWith('.md') ? markdownRuns(text) : yamlRuns(text, 0);
    const lines = new LineCounter();
    lines.addNewLine(0);
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines.addNewLine(i + 1);
    const at = (offset: number) => {
      const p = lines.linePos(offset);
      return { file: `${source.label}/${path}`, line: p.line, column: p.col };
    };
    for (const run of runs) {
      for (const f of lintRun(run.text)) {
        const offset = run.offset + f.at;
        const fix: Fix | undefined = fixable ? { path, offset, length: f.length, text: f.text } : undefined;
        const shown = text.slice(Math.max(run.offset, offset - 6), Math.min(run.offset + run.text.length, offset + f.length + 6));
        diags.warn(f.rule, at(offset), `${f.message}: "${shown}"`, HINTS[f.rule], fix);
      }
      const mix = run.named ? mixesScripts(run.text) : undefined;
      if (mix) {
        diags.warn('mixed-script', at(run.offset), `"${run.text}" mixes simplified and traditional forms`,
          `write it in one form: "${mix.simplified}" (simplified) or "${mix.traditional}" (traditional)`);
      }
    }
  }
}

/** A markdown file's front matter values and body text, with code, URLs and HTML left out. */
function markdownRuns(text: string): Run[] {
  const split = splitFrontMatter(text);
  if (split.yaml === undefined) return bodyRuns(text, 0);
  const yamlStart = text.indexOf('\n') + 1;
  const bodyStart = lineStart(text, split.bodyLineOffset);
  return [...yamlRuns(split.yaml, yamlStart), ...bodyRuns(text.slice(bodyStart), bodyStart)];
}

/** Offset where 0-based line `n` starts. */
function lineStart(text: string, n: number): number {
  let offset = 0;
  for (let i = 0; i < n && offset >= 0; i++) offset = text.indexOf('\n', offset) + 1 || text.length;
  return offset;
}

/** Markdown body lines, with fenced code, inline code, link targets, URLs and tags blanked out. */
function bodyRuns(body: string, base: number): Run[] {
  const runs: Run[] = [];
  let fence: string | undefined;
  let offset = 0;
  for (const line of body.split('\n')) {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
    } else if (marker) {
      fence = marker;
    } else {
      const blank = (m: string) => '\0'.repeat(m.length);
      const shown = line.replace(/(`+).*?\1/g, blank).replace(/\]\([^)]*\)/g, blank).replace(/<[^>\n]*>/g, blank)
        .replace(/https?:\/\/\S+/g, blank);
      runs.push({ text: shown, offset: base + offset, named: false });
    }
    offset += line.length + 1;
  }
  return runs;
}

/** The text values of a YAML file (keys, ids and times left out), at their offsets plus `base`. */
function yamlRuns(yamlText: string, base: number): Run[] {
  const doc = takeParsedYaml(yamlText) ?? parseDocument(yamlText);
  if (doc.errors.length) return [];
  const runs: Run[] = [];
  visit(doc, {
    Scalar(key, node, path) {
      if (key === 'key' || typeof node.value !== 'string' || !node.range) return;
      const pair = [...path].reverse().find(isPair);
      const name = pair && isScalar(pair.key) ? String(pair.key.value) : '';
      if (NOT_TEXT.has(name)) return;
      const inner = scalarText(yamlText, node);
      if (inner) runs.push({ text: inner.text, offset: base + inner.offset, named: NAMED.has(name) });
    },
  });
  return runs;
}

/** A scalar's value where its source is the value itself (plain, or quoted without escapes). */
function scalarText(yamlText: string, node: Scalar): { text: string; offset: number } | undefined {
  const [start, end] = node.range!;
  const raw = yamlText.slice(start, end);
  const value = node.value as string;
  if (node.type === Scalar.PLAIN && raw === value) return { text: value, offset: start };
  if ((node.type === Scalar.QUOTE_SINGLE || node.type === Scalar.QUOTE_DOUBLE) && raw.slice(1, -1) === value) {
    return { text: value, offset: start + 1 };
  }
  return undefined;
}

/** The content files a reader's text comes from: top-level YAML and markdown, and the abstracts. */
export function textFiles(source: FileSource): string[] {
  const top = source.list('').filter((f) => /\.(md|ya?ml)$/.test(f) && f !== 'settings.yaml');
  return [...top, ...source.list('abstracts').filter((f) => f.endsWith('.md')).map((f) => `abstracts/${f}`)];
}
