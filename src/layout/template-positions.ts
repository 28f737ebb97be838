import type { Position } from '../diagnostics.js';

/**
 * The attribute that carries a markup element's place in its template through rendering:
 * added to every tag a template writes, taken off again by parseMarkup.
 */
export const AT_ATTRIBUTE = 'data-fp-at';

interface AstNode {
  type: string;
  value?: string;
  original?: string;
  loc?: { start: { line: number; column: number } };
  body?: AstNode[];
  program?: AstNode;
  inverse?: AstNode;
}

const TAG = /<([A-Za-z][\w-]*)/g;

/**
 * Writes the template position (file:line:column) into each tag of a parsed template's
 * literal text, so that the element parsed from the rendered markup knows where it was
 * written. Tags made by helpers (a markdown fragment) carry none. Changes the AST in place.
 */
export function markTagPositions<T>(ast: T, file: string): T {
  visit(ast as AstNode, xmlAttr(file));
  return ast;
}

function visit(node: AstNode | undefined, file: string): void {
  if (!node) return;
  if (node.type === 'ContentStatement' && node.value && node.loc) mark(node, file);
  for (const child of node.body ?? []) visit(child, file);
  visit(node.program, file);
  visit(node.inverse, file);
}

function mark(node: AstNode, file: string): void {
  const value = node.value!;
  const original = node.original ?? value;
  // Whitespace control strips the ends of the literal text: the value is a part of the original.
  const lead = Math.max(0, original.indexOf(value));
  const { line, column } = node.loc!.start;
  let out = '';
  let done = 0;
  for (const m of value.matchAll(TAG)) {
    const end = m.index + m[0].length;
    const at = positionIn(original, lead + m.index, line, column + 1);
    out += `${value.slice(done, end)} ${AT_ATTRIBUTE}="${file}:${at.line}:${at.column}"`;
    done = end;
  }
  node.value = out + value.slice(done);
}

/** Line and column (from 1) of an offset into text that starts at line:column. */
function positionIn(text: string, offset: number, line: number, column: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lines = before.split('\n');
  if (lines.length === 1) return { line, column: column + [...before].length };
  return { line: line + lines.length - 1, column: [...lines[lines.length - 1]].length + 1 };
}

/** Reads an element's template position back from its attribute value. */
export function parseTagPosition(value: string | undefined): Position | undefined {
  const m = value === undefined ? null : /^(.*):(\d+):(\d+)$/s.exec(value);
  return m ? { file: m[1], line: Number(m[2]), column: Number(m[3]) } : undefined;
}

function xmlAttr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}
