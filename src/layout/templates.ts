import Handlebars from 'handlebars';
import type { Diagnostics, Position } from '../diagnostics.js';
import type { FileSource } from '../io.js';
import type { Block } from '../model/types.js';
import type { Theme } from './theme.js';
import type { FontSet } from '../fonts/fonts.js';
import { registerLocaleHelpers, UnknownWordError } from './locale-helpers.js';
import { markTagPositions } from './template-positions.js';
import { FIELD_HELPER, HASH_HELPER, markValuePositions } from './value-positions.js';
import { FieldMarks, fieldHelper, hashFieldsHelper } from './field-marks.js';

/** Markdown blocks and other prepared content that a template places by reference. */
export class FragmentStore {
  readonly items: Block[][] = [];
  /** Where the fields the template printed are written (field-marks.ts). */
  readonly marks = new FieldMarks();
  /** Stores blocks and returns the markup that places them. */
  add(blocks: Block[]): Handlebars.SafeString {
    this.items.push(blocks);
    return new Handlebars.SafeString(`<fragment ref="${this.items.length - 1}"/>`);
  }
  /** Stores an image (a logo) and returns the <image> element that places it in a box of the given size. */
  image(block: unknown, box: Record<string, unknown>): Handlebars.SafeString {
    const image = block && typeof block === 'object' && (block as Block).type === 'image' ? [block as Block] : [];
    this.items.push(image);
    const size = ['width', 'height'].filter((k) => box[k] !== undefined).map((k) => ` ${k}="${Handlebars.escapeExpression(String(box[k]))}"`).join('');
    return new Handlebars.SafeString(`<image ref="${this.items.length - 1}"${size}/>`);
  }
}

/** A template error with the template file and position. */
export class TemplateError extends Error {
  constructor(readonly at: Position, message: string, readonly hint: string) {
    super(message);
  }
}

/** The organizer's templates, compiled once, with our helpers and partials. */
export interface TemplateSet {
  /** Renders `templates/<name>` to markup; throws TemplateError with the template's position. */
  render(name: string, data: object, fragments: FragmentStore): string;
  /** Source text of a template (for locating markup errors). */
  source(name: string): string | undefined;
  theme: Theme;
  /** How the templates folder is named in diagnostics (e.g. templates). */
  label: string;
  /** The fonts the documents will be drawn with, for measuring (<fit>); set once they are loaded. */
  fonts?: FontSet;
}

const PARTIAL_DIR = 'partials';

/** Loads templates from a folder; reports syntax errors of every template at once. */
export function loadTemplates(source: FileSource, theme: Theme, diags: Diagnostics): TemplateSet {
  const hb = Handlebars.create();
  const sources = new Map<string, string>();
  const compiled = new Map<string, HandlebarsTemplateDelegate>();
  const fileOf = (name: string) => `${source.label}/${name}`;

  for (const dir of [PARTIAL_DIR, 'booklet', 'signs', 'badges', 'web', 'phone', 'tents', 'signin', 'certificates']) {
    for (const file of source.list(dir).filter((f) => f.endsWith('.hbs'))) {
      const name = `${dir}/${file}`;
      const text = source.read(name) ?? '';
      sources.set(name, text);
      let ast: hbs.AST.Program;
      try {
        ast = hb.parse(text);
      } catch (err) {
        const e = syntaxPosition(err as Error);
        diags.error('template-syntax', { file: fileOf(name), ...e.at }, `template syntax: ${e.reason}`,
          'check that every {{#if}} / {{#each}} has its {{/if}} / {{/each}} and every {{ has its }}');
        continue;
      }
      // Markup templates (not the web page's HTML) tell each element where it was written.
      const fn = hb.compile(dir === 'web' ? text : markValuePositions(markTagPositions(ast, fileOf(name)), HELPERS), { strict: true, noEscape: false });
      compiled.set(name, fn);
      if (dir === PARTIAL_DIR) hb.registerPartial(file.replace(/\.hbs$/, ''), fn);
    }
  }
  registerHelpers(hb, theme);

  return {
    theme,
    label: source.label,
    source: (name) => sources.get(name),
    render(name, data, fragments) {
      const fn = compiled.get(name);
      if (!fn) {
        throw new TemplateError({ file: fileOf(name), line: 1, column: 1 }, `template ${name} is missing or broken`,
          `restore templates/${name} from the forumpress repository`);
      }
      try {
        return fn(data, { data: { fragments }, allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
      } catch (err) {
        throw runtimeError(err as Error & { lineNumber?: number; column?: number }, name, fileOf, sources);
      }
    },
  };
}

/** Helpers a mustache without arguments may name (value-positions.ts leaves those alone). */
const HELPERS = new Set(['markdown', 'image', 'eq', 'or', 'not', 'times', 'minus', 'divide', 't', 'label', 'p', 'join', 'paren']);

function registerHelpers(hb: typeof Handlebars, theme: Theme): void {
  hb.registerHelper(FIELD_HELPER, fieldHelper);
  hb.registerHelper(HASH_HELPER, hashFieldsHelper);
  hb.registerHelper('markdown', (blocks: Block[] | undefined, options: Handlebars.HelperOptions) =>
    (options.data.fragments as FragmentStore).add(Array.isArray(blocks) ? blocks : []));
  // {{image logo height=36 width=120}}: a logo of forum.yaml, as large as fits the box (points).
  hb.registerHelper('image', (block: unknown, options: Handlebars.HelperOptions) =>
    (options.data.fragments as FragmentStore).image(block, options.hash ?? {}));
  registerLocaleHelpers(hb, theme);
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
  hb.registerHelper('not', (a: unknown) => !a);
  // Page geometry in templates (a cover band 45 % of the page): numbers in, a rounded number out.
  hb.registerHelper('times', (a: unknown, b: unknown) => round(Number(a) * Number(b)));
  hb.registerHelper('minus', (a: unknown, b: unknown) => round(Number(a) - Number(b)));
  hb.registerHelper('divide', (a: unknown, b: unknown) => round(Number(a) / Number(b)));
}

function syntaxPosition(err: Error): { at: { line: number; column: number }; reason: string } {
  const e = err as Error & { lineNumber?: number; column?: number };
  if (e.lineNumber) return { at: { line: e.lineNumber, column: (e.column ?? 0) + 1 }, reason: e.message.replace(/ - \d+:\d+$/, '') };
  const m = /^Parse error on line (\d+):\n.*\n(-*)\^\n(.*)$/s.exec(err.message);
  if (m) return { at: { line: Number(m[1]), column: m[2].length + 1 }, reason: m[3].replace(/^Expecting .*, got '(.*)'$/, "unexpected $1") };
  return { at: { line: 1, column: 1 }, reason: err.message.split('\n')[0] };
}

function runtimeError(err: Error & { lineNumber?: number; column?: number }, name: string,
  fileOf: (n: string) => string, sources: Map<string, string>): TemplateError {
  if (err instanceof UnknownWordError) {
    const needle = new RegExp(`\\{\\{~?\\s*${err.helper}\\s+["']${err.key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']`);
    const file = [name, ...[...sources.keys()].filter((k) => k.startsWith(`${PARTIAL_DIR}/`))].find((n) => needle.test(sources.get(n) ?? '')) ?? name;
    const at = locateRegExp(sources.get(file) ?? '', needle) ?? { line: 1, column: 1 };
    return new TemplateError({ file: fileOf(file), ...at }, `unknown word "${err.key}": no locale file of this program has it`,
      err.helper === 't' ? 'check the spelling, or add the word under words: in every file of templates/locales/' : 'punctuation is one of list, speakers, colon, open, close, gap');
  }
  const missing = /^"(.+)" not defined in/.exec(err.message);
  if (missing) {
    // Strict mode knows the line but not which partial; find the partial that mentions the name.
    const file = err.lineNumber ? findTemplateWith(missing[1], name, sources, err.lineNumber) : name;
    const text = sources.get(file)?.split('\n')[(err.lineNumber ?? 1) - 1] ?? '';
    if (text.includes(`extra.${missing[1]}`) || text.includes(`extra.[${missing[1]}]`)) {
      return new TemplateError({ file: fileOf(file), line: err.lineNumber ?? 1, column: (err.column ?? 0) + 1 },
        `attendees.csv has no column "${missing[1]}", which the template prints (attendee.extra.${missing[1]})`,
        `add a "${missing[1]}" column to attendees.csv (its first row names the columns), or remove it from the template`);
    }
    return new TemplateError({ file: fileOf(file), line: err.lineNumber ?? 1, column: (err.column ?? 0) + 1 },
      `unknown variable "${missing[1]}"`, 'check the spelling; README.md lists the variables each template gets');
  }
  const partial = /^The partial (.+) could not be found/.exec(err.message);
  if (partial) {
    return new TemplateError({ file: fileOf(name), ...(locate(sources.get(name) ?? '', `{{> ${partial[1]}`) ?? { line: 1, column: 1 }) },
      `unknown partial "${partial[1]}"`, `create templates/partials/${partial[1]}.hbs or fix the name`);
  }
  return new TemplateError({ file: fileOf(name), line: err.lineNumber ?? 1, column: (err.column ?? 0) + 1 },
    `template error: ${err.message.split('\n')[0]}`, 'check the template near this line');
}

function findTemplateWith(word: string, main: string, sources: Map<string, string>, line: number): string {
  const candidates = [main, ...[...sources.keys()].filter((k) => k.startsWith(`${PARTIAL_DIR}/`))];
  return candidates.find((n) => (sources.get(n) ?? '').split('\n')[line - 1]?.includes(word)) ?? main;
}

function locateRegExp(text: string, re: RegExp): { line: number; column: number } | undefined {
  const m = re.exec(text);
  return m ? locate(text, m[0]) : undefined;
}

/** Line and column (1-based) of the first occurrence of `needle` in `text`. */
export function locate(text: string, needle: string): { line: number; column: number } | undefined {
  const i = text.indexOf(needle);
  if (i < 0) return undefined;
  const before = text.slice(0, i).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

function round(n: number): number {
  return Number.isFinite(n) ? Math.round(n * 100) / 100 : 0;
}
