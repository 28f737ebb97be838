import type { MarkupElement } from './markup-tree.js';
import type { Theme } from './theme.js';
import type { FontSet } from '../fonts/fonts.js';
import type { FitCap, Unfitted } from './markup-fit.js';
import { SAFETY, measurer, wrapLines } from './measure.js';
import { pdfmakeStyles } from './style-attrs.js';
import type { Margin, NamedStyle, Node, StyleProps } from './tree.js';

/** What fitting a <place height> needs: how to convert its children with given caps on their fits. */
export interface HeightRoom {
  /** The block's height in points (badge lengths already resolved). */
  room: number;
  width: number;
  theme: Theme;
  fonts?: FontSet;
  /** The block's own top margin, which uses room too. */
  top: number;
  /** Converts the children with these caps on their <fit>s; hands back the nodes and the texts that overflowed. */
  convert(caps: Map<MarkupElement, FitCap>): { nodes: Node[]; unfitted: Unfitted[]; fitted: Map<MarkupElement, { size: number; lines: number }> };
}

const STEP = 0.25;

/**
 * The children of a <place height>, their <fit>s made small enough for the block to fit its
 * height: the fit set largest gives way first, down to its min-size, then the next. Where even
 * the smallest sizes are too tall, fits lose lines from the last one up (cut, ending in "…"),
 * and what still does not fit is left out: all reported, never drawn over what lies below.
 */
export function fitToHeight(el: MarkupElement, box: HeightRoom): { nodes: Node[]; unfitted: Unfitted[] } {
  const caps = new Map<MarkupElement, FitCap>();
  const styles = stylesOf(box.theme);
  const tryCaps = () => {
    const t = box.convert(caps);
    return { ...t, height: box.top + t.nodes.reduce((sum, n) => sum + nodeHeight(n, box.width, styles, box.fonts), 0) };
  };
  let trial = tryCaps();
  if (trial.height <= box.room) return trial;
  const fits = el.children.filter((c): c is MarkupElement => typeof c !== 'string' && c.name === 'fit' && !c.attrs.group);
  const bySize = [...fits].sort((a, b) => (trial.fitted.get(b)?.size ?? 0) - (trial.fitted.get(a)?.size ?? 0));
  for (const fit of bySize) {
    const start = trial.fitted.get(fit)?.size;
    const min = Number(fit.attrs['min-size'] ?? 8);
    if (start === undefined || !(start > min)) continue;
    caps.set(fit, { size: min });
    if (tryCaps().height > box.room) continue;
    let lo = min;
    let hi = start;
    while (hi - lo > STEP) {
      const mid = Math.floor((lo + hi) / 2 / STEP) * STEP;
      if (mid <= lo) break;
      caps.set(fit, { size: mid });
      if (tryCaps().height <= box.room) lo = mid;
      else hi = mid;
    }
    caps.set(fit, { size: lo });
    return tryCaps();
  }
  trial = tryCaps();
  for (const fit of [...fits].reverse()) {
    for (let lines = (trial.fitted.get(fit)?.lines ?? 1) - 1; lines >= 1 && trial.height > box.room; lines--) {
      caps.set(fit, { ...caps.get(fit), lines });
      trial = tryCaps();
    }
    if (trial.height <= box.room) return { nodes: trial.nodes, unfitted: trial.unfitted.map((u) => (u.cut ? { ...u, room: box.room } : u)) };
  }
  return dropOverflow(trial, box, styles);
}

const converted = new WeakMap<Theme, Record<string, NamedStyle>>();
/** The theme's styles as pdfmake reads them, once per theme (every badge face asks). */
function stylesOf(theme: Theme): Record<string, NamedStyle> {
  let styles = converted.get(theme);
  if (!styles) converted.set(theme, (styles = pdfmakeStyles(theme)));
  return styles;
}

/** Keeps the leading blocks that fit the room; those left out are reported. */
function dropOverflow(trial: { nodes: Node[]; unfitted: Unfitted[] }, box: HeightRoom, styles: Record<string, NamedStyle>): { nodes: Node[]; unfitted: Unfitted[] } {
  const kept: Node[] = [];
  const unfitted = trial.unfitted.map((u) => ({ ...u, room: box.room }));
  let used = box.top;
  for (const node of trial.nodes) {
    const h = nodeHeight(node, box.width, styles, box.fonts);
    if (used + h <= box.room || kept.length === 0) {
      kept.push(node);
      used += h;
      continue;
    }
    const text = plainText(node);
    if (text) unfitted.push({ text, size: Number(styleOf(node, styles).fontSize ?? 12), lines: 1, cut: true, room: box.room, left: true });
  }
  return { nodes: kept, unfitted };
}

/** A node's properties with its theme styles under them (the last style named wins, as in pdfmake). */
function styleOf(node: Node, styles: Record<string, NamedStyle>): StyleProps {
  const own = node as StyleProps;
  const names = typeof own.style === 'string' ? [own.style] : own.style ?? [];
  const out: StyleProps = {};
  for (const name of names) Object.assign(out, styles[name]);
  for (const [k, v] of Object.entries(own)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

function verticalMargin(margin: Margin | undefined): number {
  if (margin === undefined) return 0;
  if (typeof margin === 'number') return 2 * margin;
  if (margin.length === 2) return 2 * margin[1];
  return margin[1] + margin[3];
}

function plainText(node: Node): string {
  const n = node as { text?: unknown; stack?: Node[] };
  if (typeof n.text === 'string') return n.text;
  if (Array.isArray(n.text)) return n.text.map((r) => (typeof r === 'string' ? r : (r as { text?: string }).text ?? '')).join('');
  if (Array.isArray(n.stack)) return n.stack.map(plainText).filter(Boolean).join(' ');
  return '';
}

/**
 * The height pdfmake gives a block of a placed column: a text's lines, each as tall as its
 * tallest font's ascent − descent at its size, times its line-height, plus margins; a stack's
 * blocks; a canvas's or image's own height. Other blocks count 0.
 */
export function nodeHeight(node: Node, width: number, styles: Record<string, NamedStyle>, fonts?: FontSet): number {
  const s = styleOf(node, styles);
  const n = node as { text?: unknown; stack?: Node[]; canvas?: Array<{ y?: number; h?: number }>; image?: unknown; height?: number };
  let inner = 0;
  if (n.text !== undefined) {
    const size = s.fontSize ?? 12;
    const measure = measurer({ font: s.font ?? 'sans', bold: s.bold === true }, fonts);
    const lh = s.lineHeight ?? 1;
    for (const para of plainText(node).split('\n')) {
      // A fit's lines, already broken to the width, are measured, not set again.
      const lines = !para.trim() || measure(para) * size <= width * SAFETY ? [para] : wrapLines(para, width, size, measure);
      for (const line of lines) inner += (measure.lineHeight?.(line) ?? 1.2) * size * lh;
    }
  } else if (Array.isArray(n.stack)) {
    inner = n.stack.reduce((sum, child) => sum + nodeHeight(child, width, styles, fonts), 0);
  } else if (Array.isArray(n.canvas)) {
    inner = Math.max(0, ...n.canvas.map((c) => (c.y ?? 0) + (c.h ?? 0)));
  } else if (n.image !== undefined) {
    inner = n.height ?? 0;
  }
  return inner + verticalMargin(s.margin);
}
