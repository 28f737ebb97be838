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
        resolved = {};
        for (const [key, fallback] of PROPERTIES) resolved[key] = StyleContextStack.getStyleProperty(item, styles, key, fallback);
        resolved.font = this.pdfDocument.provideFont(resolved.font, resolved.bold, resolved.italics);
        if (resolved.sup || resolved.sub) resolved.fontSize *= 0.58;
      }
      sameAsPrevious = sameAsNext;
      applyMeasure(this, item, resolved);
    }
    return array;
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
