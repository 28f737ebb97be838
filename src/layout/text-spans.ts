import type { MarkupElement } from './markup-tree.js';
import type { TextSpan } from './tree.js';
import { nonSpaceCount } from '../load/field-pos.js';

/** The spans of an element's `child`th text (counting texts only), or undefined for none. */
export function spansOf(el: MarkupElement, child: number): TextSpan[] | undefined {
  const own = el.spans?.filter((s) => s.child === child).map(({ start, end, at }) => ({ start, end, at }));
  return own?.length ? own : undefined;
}

/** Spans of texts joined into one, each text's moved on by the characters before it. */
export function joinedSpans(texts: Array<{ text: string; spans?: TextSpan[] }>): TextSpan[] | undefined {
  const out: TextSpan[] = [];
  let before = 0;
  for (const t of texts) {
    for (const s of t.spans ?? []) out.push({ start: s.start + before, end: s.end + before, at: s.at });
    if (texts.length > 1) before += nonSpaceCount(t.text);
  }
  return out.length ? out : undefined;
}

/** `{ spans }` when there are any, for spreading into a node. */
export function withSpans(spans: TextSpan[] | undefined): { spans?: TextSpan[] } {
  return spans ? { spans } : {};
}
