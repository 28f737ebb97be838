import Handlebars from 'handlebars';
import type { Locale } from '../model/types.js';
import { DEFAULT_LOCALE } from './default-locale.js';
import { fill } from './dates.js';
import type { Theme } from './theme.js';

/** A word a template asks for that no locale file has; templates.ts positions it. */
export class UnknownWordError extends Error {
  constructor(readonly key: string, readonly helper: string) {
    super(`unknown word "${key}"`);
  }
}

/** The style of the second language's part of a bilingual word, unless the template names another. */
export const SECOND_STYLE = 'lang-2';

function localeOf(options: Handlebars.HelperOptions): Locale {
  return (options?.data?.root?.locale as Locale | undefined) ?? DEFAULT_LOCALE;
}

const escape = (s: string) => Handlebars.escapeExpression(s);

/**
 * {{t "key"}}: a word of the program's language from templates/locales/<tag>.yaml; in a
 * bilingual program followed by the second language in a lighter span (style lang-2, or
 * style="...", on its own line with newline=true). {{t "key" plain=true}} gives text without markup, for an attribute.
 * Placeholders such as {funding} take the helper's values: {{t "funded_by" funding=forum.funding}}.
 */
function t(key: unknown, options: Handlebars.HelperOptions): Handlebars.SafeString | string {
  const locale = localeOf(options);
  const name = String(key);
  if (!Object.hasOwn(locale.words, name)) throw new UnknownWordError(name, 't');
  return bilingual(locale.words[name], options);
}

function bilingual(forms: [string] | [string, string], options: Handlebars.HelperOptions): Handlebars.SafeString | string {
  const hash = (options.hash ?? {}) as Record<string, unknown>;
  const values = Object.fromEntries(Object.entries(hash).filter(([, v]) => typeof v === 'string' || typeof v === 'number').map(([k, v]) => [k, String(v)]));
  const [first, second0] = forms.map((f) => fill(f, values));
  // A word already written in both languages (会 议 手 册　P R O G R A M) is not doubled.
  const second = second0 && !first.includes(second0) ? second0 : undefined;
  // one=true: the program's language alone (a sentence is not doubled in a bilingual program).
  if (hash.one) return first;
  if (hash.plain) return second ? `${first} ${second}` : first;
  if (!second) return new Handlebars.SafeString(escape(first));
  const style = typeof hash.style === 'string' ? hash.style : SECOND_STYLE;
  // newline=true: the second language on a line of its own (narrow table cells, sentences).
  const between = hash.newline ? '<br/>' : '\u2002';
  return new Handlebars.SafeString(`${escape(first)}${between}<span style="${escape(style)}">${escape(second)}</span>`);
}

/** Registers t, label, join and paren on a Handlebars instance. */
export function registerLocaleHelpers(hb: typeof Handlebars, theme: Theme): void {
  hb.registerHelper('t', t);
  // A kind's wording: the locale's, else theme.yaml's labels (older templates), else the kind itself.
  hb.registerHelper('label', (key: unknown, options: Handlebars.HelperOptions) => {
    const locale = localeOf(options);
    const name = String(key);
    if (Object.hasOwn(theme.labels, name)) return theme.labels[name];
    return Object.hasOwn(locale.kinds, name) ? bilingual(locale.kinds[name], options) : name;
  });
  // {{join list}} joins with the language's list separator (、 in Chinese, ", " in English); {{join list ", "}} with another.
  hb.registerHelper('join', (list: unknown, ...rest: unknown[]) => {
    const options = rest.pop() as Handlebars.HelperOptions;
    const sep = typeof rest[0] === 'string' ? rest[0] : localeOf(options).punctuation.list;
    return Array.isArray(list) ? list.map((x) => (typeof x === 'object' && x && 'name' in x ? (x as { name: string }).name : String(x))).join(sep) : '';
  });
  // {{paren note}}: （note） in Chinese, " (note)" in English and French.
  hb.registerHelper('paren', (value: unknown, options: Handlebars.HelperOptions) => {
    const { open, close } = localeOf(options).punctuation;
    return `${open}${String(value ?? '')}${close}`;
  });
  // {{p "colon"}}: the language's punctuation (list, speakers, colon, open, close, gap).
  hb.registerHelper('p', (key: unknown, options: Handlebars.HelperOptions) => {
    const punctuation = localeOf(options).punctuation as Record<string, string>;
    if (!Object.hasOwn(punctuation, String(key))) throw new UnknownWordError(String(key), 'p');
    return punctuation[String(key)];
  });
}
