import { SaxesParser } from 'saxes';
import type { Position } from '../diagnostics.js';
import { AT_ATTRIBUTE, parseTagPosition } from './template-positions.js';

/** An element of the layout markup that templates produce. */
export interface MarkupElement {
  name: string;
  attrs: Record<string, string>;
  children: MarkupNode[];
  /** Line in the rendered markup (for error messages). */
  line: number;
  /** Where the template wrote the element (file:line:column), when a template's text did. */
  src?: Position;
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
export function parseMarkup(xml: string): MarkupElement {
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
    stack.pop();
  });
  parser.on('text', (text) => {
    stack[stack.length - 1].children.push(text);
  });
  parser.write(xml).close();
  if (failure) throw failure;
  const top = root.children.filter((c): c is MarkupElement => typeof c !== 'string');
  if (top.length !== 1) throw new MarkupSyntaxError('the template must produce exactly one root element', 1, 1);
  return top[0];
}
