import type { Theme } from './theme.js';
import type { NamedStyle } from './tree.js';

/** How a markup attribute (or theme style key) maps to a pdfmake property. */
type Converter = (value: string | number | boolean | number[], theme: Theme) => unknown;

const num: Converter = (v) => {
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isFinite(n)) throw new AttributeError(`"${String(v)}" is not a number`);
  return n;
};
const bool: Converter = (v) => v === true || v === 'true' || v === '' || v === 'yes';
const color: Converter = (v, theme) => {
  const c = (Object.hasOwn(theme.colors, String(v)) ? theme.colors[String(v)] : undefined) ?? String(v);
  if (!/^#[0-9a-fA-F]{6}$/.test(c)) throw new AttributeError(`"${String(v)}" is neither #RRGGBB nor a colour of theme.yaml`);
  return c;
};
const margin: Converter = (v) => {
  const parts = Array.isArray(v) ? v : String(v).split(/[ ,]+/).map(Number);
  if (![1, 2, 4].includes(parts.length) || parts.some((n) => !Number.isFinite(n))) {
    throw new AttributeError(`"${String(v)}" is not a margin: give 1, 2 or 4 numbers (left, top, right, bottom)`);
  }
  return parts.length === 1 ? parts[0] : parts;
};
const oneOf = (...allowed: string[]): Converter => (v) => {
  if (!allowed.includes(String(v))) throw new AttributeError(`"${String(v)}" is not one of ${allowed.join(', ')}`);
  return String(v);
};
const font = oneOf('serif', 'sans', 'mono');

/** Style attributes shared by every element, with their pdfmake names. */
export const STYLE_ATTRIBUTES: Record<string, [string, Converter]> = {
  font: ['font', font],
  size: ['fontSize', num],
  bold: ['bold', bool],
  italic: ['italics', bool],
  color: ['color', color],
  background: ['background', color],
  fill: ['fillColor', color],
  align: ['alignment', oneOf('left', 'center', 'right', 'justify')],
  'line-height': ['lineHeight', num],
  margin: ['margin', margin],
  'character-spacing': ['characterSpacing', num],
  'leading-indent': ['leadingIndent', num],
  decoration: ['decoration', oneOf('underline', 'lineThrough', 'overline')],
  'no-wrap': ['noWrap', bool],
  // Display lines (titles): balanced, broken only between words (src/typeset/).
  balance: ['balance', bool],
  // People's names: broken between names and their parts, never inside one nor hyphenated (src/typeset/).
  names: ['names', bool],
};

/** A bad attribute value; the message says why. */
export class AttributeError extends Error {}

/** Converts style attributes to pdfmake properties; `style="a b"` names theme styles. */
export function styleProps(attrs: Record<string, string | number | boolean | number[]>, theme: Theme): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(attrs)) {
    if (key === 'style') {
      const names = String(value).split(/\s+/).filter(Boolean);
      for (const n of names) if (!Object.hasOwn(theme.styles, n)) throw new AttributeError(`style "${n}" is not defined in theme.yaml`);
      out.style = names;
      continue;
    }
    const spec = Object.hasOwn(STYLE_ATTRIBUTES, key) ? STYLE_ATTRIBUTES[key] : undefined;
    if (spec) out[spec[0]] = spec[1](value, theme);
  }
  return out;
}

/** The theme's named styles as pdfmake styles. */
export function pdfmakeStyles(theme: Theme): Record<string, NamedStyle> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [name, attrs] of Object.entries(theme.styles)) {
    out[name] = {};
    for (const [key, value] of Object.entries(attrs)) {
      const spec = Object.hasOwn(STYLE_ATTRIBUTES, key) ? STYLE_ATTRIBUTES[key] : undefined;
      if (!spec) throw new AttributeError(`style "${name}": unknown property "${key}"`);
      out[name][spec[0]] = spec[1](value, theme);
    }
  }
  return out as Record<string, NamedStyle>;
}
