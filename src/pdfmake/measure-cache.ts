import { createRequire } from 'node:module';
import { pdfmakeHooks } from './hooks.js';

const require = createRequire(import.meta.url);
const StyleContextStack = require('pdfmake/js/StyleContextStack.js').default;

/** Style properties pdfmake resolves for every inline, with its defaults (TextInlines.measure). */
const PROPERTIES: Array<[string, unknown]> = [
  ['font', 'Roboto'], ['bold', false], ['italics', false], ['alignment', 'left'], ['fontSize', 12],
  ['fontFeatures', null], ['characterSpacing', 0], ['color', 'black'], ['decoration', null],
  ['decorationColor', null], ['decorationStyle', null], ['decorationThickness', null], ['background', null],
  ['link', null], ['linkToPage', null], ['linkToDestination', null], ['noWrap', null], ['opacity', 1],
  ['sup', false], ['sub', false], ['lineHeight', 1], ['preserveLeadingSpaces', false], ['preserveTrailingSpaces', false],
];
/** Keys of an inline that are not style: two inlines differing only in these resolve alike. */
const NOT_STYLE = new Set(['text', 'lineEnd', 'noNewLine', 'leadingCut', 'leadingIndent', 'trailingCut']);
const LEADING = /^(\s)+/;
const TRAILING = /(\s)+$/;

type Item = Record<string, any>;

/** True when `a` and `b` carry the same style keys with the same values. */
function sameStyle(a: Item, b: Item): boolean {
  let n = 0;
  for (const key in a) {
    if (NOT_STYLE.has(key)) continue;
    if (a[key] !== b[key]) return false;
    n++;
  }
  for (const key in b) if (!NOT_STYLE.has(key)) n--;
  return n === 0;
}

/**
 * pdfmake splits text at every line-break opportunity, so each Chinese character becomes
 * an inline of its own, and `measure` then resolved 23 style properties through the style
 * stack for each of them (a third of the layout time of a large booklet). Neighbouring
 * inlines cut from one piece of text carry the same style keys, so this resolves them once
 * per run and copies; everything else is pdfmake's own code, in the same order. Through
 * pdfmake's `measure` hook (patches/pdfmake+0.3.11.patch), called as TextInlines.measure.
 */
export function installMeasureCache(): void {
  pdfmakeHooks().measure = function measure(this: any, array: Item[], styles: unknown) {
    if (array.length) {
      const leadingIndent = StyleContextStack.getStyleProperty(array[0], styles, 'leadingIndent', 0);
      if (leadingIndent) {
        array[0].leadingCut = -leadingIndent;
        array[0].leadingIndent = leadingIndent;
      }
    }
    let resolved: Item = {};
    let sameAsPrevious = false;
    for (let i = 0; i < array.length; i++) {
      const item = array[i];
      // Compared before `item` is measured (which adds keys to it); the next is untouched.
      const sameAsNext = i + 1 < array.length && sameStyle(item, array[i + 1]);
      if (!sameAsPrevious) {
        resolved = resolveStyle(item, styles);
        resolved.font = this.pdfDocument.provideFont(resolved.font, resolved.bold, resolved.italics);
        if (resolved.sup || resolved.sub) resolved.fontSize *= 0.58;
      }
      sameAsPrevious = sameAsNext;
      applyMeasure(this, item, resolved);
    }
    return array;
  };
}

/** pdfmake's style stack (StyleContextStack): named styles, the overrides pushed so far, the default style. */
interface StyleStack {
  styleDictionary: Record<string, Item | undefined>;
  styleOverrides: Array<string | Item>;
  defaultStyle?: Item;
}

const isValue = (v: unknown): boolean => v !== undefined && v !== null;

/** Named styles' resolved properties, per style dictionary: a style's value never changes during a layout. */
const namedValues = new WeakMap<object, Map<string, Map<string, unknown>>>();

/** StyleContextStack's lookup of `property` in the named style `name` (its own value, else its `extends`, last first). */
function fromNamed(dictionary: Record<string, Item | undefined>, name: string, property: string, visited: string[]): unknown {
  if (visited.includes(name)) return undefined;
  visited.push(name);
  const style = dictionary[name];
  if (!style) return undefined;
  if (isValue(style[property])) return style[property];
  if (style.extends) {
    const parents: string[] = Array.isArray(style.extends) ? style.extends : [style.extends];
    for (let i = parents.length - 1; i >= 0; i--) {
      const value = fromNamed(dictionary, parents[i], property, visited);
      if (isValue(value)) return value;
    }
  }
  return undefined;
}

/** fromNamed, remembered per dictionary, style and property. */
function namedValue(dictionary: Record<string, Item | undefined>, name: string, property: string): unknown {
  let byName = namedValues.get(dictionary);
  if (!byName) namedValues.set(dictionary, (byName = new Map()));
  let byProperty = byName.get(name);
  if (!byProperty) byName.set(name, (byProperty = new Map()));
  if (byProperty.has(property)) return byProperty.get(property);
  const value = fromNamed(dictionary, name, property, []);
  byProperty.set(property, value);
  return value;
}

/**
 * Every property of PROPERTIES as StyleContextStack.getStyleProperty(item, styles, key, default)
 * gives it, in one walk: the item's own value, else its styles and the stack's overrides from
 * the top, else the default style, else pdfmake's default. pdfmake builds closures, arrays and a
 * Set for each of the 23 lookups (0.9 GB of garbage in the 40-room conference's build).
 */
function resolveStyle(item: Item, styles: unknown): Item {
  const stack = styles as StyleStack | undefined;
  // pdfmake pushes a section's item without its styles; rare, and left to pdfmake.
  if (stack && item.section !== undefined) {
    const out: Item = {};
    for (const [key, fallback] of PROPERTIES) out[key] = StyleContextStack.getStyleProperty(item, styles, key, fallback);
    return out;
  }
  // The overrides as pdfmake reads them, from the top: the item's own styles (last first), then the stack's.
  const names: unknown[] = !item.style ? [] : Array.isArray(item.style) ? item.style : [item.style];
  const chain: Array<string | Item> = [];
  for (let i = names.length - 1; i >= 0; i--) chain.push(names[i] as string | Item);
  if (stack) for (let i = stack.styleOverrides.length - 1; i >= 0; i--) chain.push(stack.styleOverrides[i]);
  const lookup = (property: string, fallback: unknown): unknown => {
    if (isValue(item[property])) return item[property];
    if (!stack) return fallback;
    for (const entry of chain) {
      const value = typeof entry === 'string' ? namedValue(stack.styleDictionary, entry, property) : entry[property];
      if (isValue(value)) return value;
    }
    const value = stack.defaultStyle && stack.defaultStyle[property];
    return isValue(value) ? value : fallback;
  };
  // One literal: the object keeps a fixed shape (23 keys stored one by one made it a dictionary).
  return {
    font: lookup('font', 'Roboto'), bold: lookup('bold', false), italics: lookup('italics', false), alignment: lookup('alignment', 'left'),
    fontSize: lookup('fontSize', 12), fontFeatures: lookup('fontFeatures', null), characterSpacing: lookup('characterSpacing', 0),
    color: lookup('color', 'black'), decoration: lookup('decoration', null), decorationColor: lookup('decorationColor', null),
    decorationStyle: lookup('decorationStyle', null), decorationThickness: lookup('decorationThickness', null),
    background: lookup('background', null), link: lookup('link', null), linkToPage: lookup('linkToPage', null),
    linkToDestination: lookup('linkToDestination', null), noWrap: lookup('noWrap', null), opacity: lookup('opacity', 1),
    sup: lookup('sup', false), sub: lookup('sub', false), lineHeight: lookup('lineHeight', 1),
    preserveLeadingSpaces: lookup('preserveLeadingSpaces', false), preserveTrailingSpaces: lookup('preserveTrailingSpaces', false),
  };
}

function applyMeasure(measurer: { widthOfText(text: string, inline: Item): number }, item: Item, r: Item): void {
  item.font = r.font;
  item.alignment = r.alignment;
  item.fontSize = r.fontSize;
  item.fontFeatures = r.fontFeatures;
  item.characterSpacing = r.characterSpacing;
  item.color = r.color;
  item.decoration = r.decoration;
  item.decorationColor = r.decorationColor;
  item.decorationStyle = r.decorationStyle;
  item.decorationThickness = r.decorationThickness;
  item.background = r.background;
  item.link = r.link;
  item.linkToPage = r.linkToPage;
  item.linkToDestination = r.linkToDestination;
  item.noWrap = r.noWrap;
  item.opacity = r.opacity;
  item.sup = r.sup;
  item.sub = r.sub;
  item.width = measurer.widthOfText(item.text, item);
  item.height = r.font.lineHeight(r.fontSize) * r.lineHeight;
  if (!item.leadingCut) item.leadingCut = 0;
  if (!r.preserveLeadingSpaces) {
    const lead = LEADING.exec(item.text);
    if (lead) item.leadingCut += measurer.widthOfText(lead[0], item);
  }
  item.trailingCut = 0;
  if (!r.preserveTrailingSpaces) {
    const trail = TRAILING.exec(item.text);
    if (trail) item.trailingCut = measurer.widthOfText(trail[0], item);
  }
}
