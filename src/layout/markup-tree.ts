import { SaxesParser } from 'saxes';
import type { Position } from '../diagnostics.js';
import { AT_ATTRIBUTE, parseTagPosition } from './template-positions.js';
import type { FieldPos } from '../model/types.js';
import type { TextSpan } from './tree.js';
import { FIELD_PI } from './field-marks.js';
import { nonSpaceCount } from '../load/field-pos.js';

/** An element of the layout markup that templates produce. */
export interface MarkupElement {
  name: string;
  attrs: Record<string, string>;
  children: MarkupNode[];
  /** Line in the rendered markup (for error messages). */
  line: number;
  /** Where the template wrote the element (file:line:column), when a template's text did. */
  src?: Position;
  /** Stretches of its texts printed from content fields (field-marks.ts). */
  spans?: MarkupSpan[];
}

/** A stretch of an element's text printed from a content field: which of its texts, and characters other than spaces from..to. */
export interface MarkupSpan extends TextSpan {
  /** Which text child, counting text children only. */
  child: number;
}

/** An element or a run of text. */
export type MarkupNode = MarkupElement | string;

/** A well-formedness error in rendered markup, with its line in the rendered text (and the element, when one is to blame). */
export class MarkupSyntaxError extends Error {
  constructor(message: string, readonly line: number, readonly column: number, readonly element?: MarkupElement) {
    super(message);
  }
}

/**
 * Deepest nesting of elements a template may produce. The converters and pdfmake walk the
 * tree recursively: 20,000 nested elements overflowed the stack ("Maximum call stack size
 * exceeded", exit 70). Real templates nest about 10 deep.
 */
export const MAX_MARKUP_DEPTH = 100;

/** Parses rendered template output (XML-like markup) into a tree. */
export function parseMarkup(xml: string, fields: FieldPos[] = []): MarkupElement {
  const parser = new SaxesParser({ position: true });
  const root: MarkupElement = { name: '#root', attrs: {}, children: [], line: 1 };
  const stack: MarkupElement[] = [root];
  let failure: MarkupSyntaxError | undefined;
  parser.on('error', (err) => {
    if (!failure) {
      const m = /^(\d+):(\d+): (.*)$/s.exec(err.message);
      failure = new MarkupSyntaxError(m ? m[3] : err.message, m ? Number(m[1]) : parser.line, m ? Number(m[2]) : parser.column);
    }
  });
  parser.on('opentag', (tag) => {
    join = false;
    const { [AT_ATTRIBUTE]: at, ...attrs } = tag.attributes as Record<string, string>;
    const el: MarkupElement = { name: tag.name, attrs, children: [], line: parser.line };
    const src = parseTagPosition(at);
    if (src) el.src = src;
    if (stack.length > MAX_MARKUP_DEPTH && !failure) {
      failure = new MarkupSyntaxError(`elements are nested more than ${MAX_MARKUP_DEPTH} deep (<${tag.name}> inside ${stack.length - 1} others)`, parser.line, parser.column, el);
    }
    stack[stack.length - 1].children.push(el);
    stack.push(el);
  });
  parser.on('closetag', () => {
    join = false;
    stack.pop();
  });
  /** The field whose value is being read, from where in which text; whether the last text must be joined by the next. */
  let open: { at: FieldPos; child: number; start: number } | undefined;
  let join = false;
  const textsOf = (el: MarkupElement) => el.children.reduce((n, c) => n + (typeof c === 'string' ? 1 : 0), 0);
  parser.on('processinginstruction', (pi) => {
    if (pi.target !== FIELD_PI) return;
    const el = stack[stack.length - 1];
    const last = el.children[el.children.length - 1];
    // The next text joins the last one, when that is text.
    const joined = typeof last === 'string';
    const child = joined ? textsOf(el) - 1 : textsOf(el);
    const start = joined ? nonSpaceCount(last) : 0;
    if (pi.body.trim()) {
      const at = fields[Number(pi.body)];
      open = at ? { at, child, start } : undefined;
    } else if (open) {
      if (start > open.start && open.child === child) (el.spans ??= []).push({ child, start: open.start, end: start, at: open.at });
      open = undefined;
    }
    join = true;
  });
  parser.on('text', (text) => {
    const el = stack[stack.length - 1];
    const last = el.children.length - 1;
    if (join && typeof el.children[last] === 'string') el.children[last] += text;
    else el.children.push(text);
  });
  parser.write(xml).close();
  if (failure) throw failure;
  const top = root.children.filter((c): c is MarkupElement => typeof c !== 'string');
  if (top.length !== 1) throw new MarkupSyntaxError('the template must produce exactly one root element', 1, 1);
  return top[0];
}
