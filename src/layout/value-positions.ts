/**
 * Values a template prints carry where content wrote them: each `{{path}}` (or `{{helper path}}`)
 * in text becomes `{{fp-at <value> <parent> "key"}}`, which prints the value as before and marks
 * the stretches of it that come from a content field (the parent's `fieldAt.key`, view-at.ts) with
 * processing instructions that parseMarkup turns into spans. Values inside a tag (attributes)
 * are left alone.
 */

/** The helper the rewritten mustaches call. */
export const FIELD_HELPER = 'fp-at';
/** The helper that tells a partial where the values it is handed (`{{> band title=forum.name}}`) are written. */
export const HASH_HELPER = 'fp-hash-at';

interface Loc { start: { line: number; column: number }; end: { line: number; column: number } }
interface Path { type: 'PathExpression'; data: boolean; depth: number; parts: string[]; original: string; loc?: Loc; strict?: boolean }
interface AstNode {
  type: string;
  value?: string;
  path?: Path | AstNode;
  params?: AstNode[];
  hash?: { type: 'Hash'; pairs: Array<{ type: 'HashPair'; key: string; value: AstNode | Path; loc?: Loc }>; loc?: Loc };
  name?: Path;
  escaped?: boolean;
  strip?: unknown;
  loc?: Loc;
  body?: AstNode[];
  program?: AstNode;
  inverse?: AstNode;
}

/** Whether the literal text so far leaves us inside a tag, and inside an attribute's quotes. */
interface State { inTag: boolean; quote: string }

/** Rewrites, in place, the mustaches of a parsed markup template that print values in text. */
export function markValuePositions<T>(ast: T, helpers: ReadonlySet<string>): T {
  visit(ast as AstNode, { inTag: false, quote: '' }, [], helpers);
  return ast;
}

function visit(node: AstNode | undefined, state: State, eachPaths: Array<Path | undefined>, helpers: ReadonlySet<string>): State {
  if (!node) return state;
  if (node.type === 'Program') {
    const body = node.body ?? [];
    for (let i = 0; i < body.length; i++) {
      const child = body[i];
      if (child.type === 'ContentStatement') state = scan(child.value ?? '', state);
      else if (child.type === 'PartialStatement' && !state.inTag) markPartialHash(child);
      else if (child.type === 'MustacheStatement') {
        if (!state.inTag && (child.params?.length || !helpers.has(helperName(child) ?? ''))) body[i] = rewrite(child, eachPaths[eachPaths.length - 1]);
      }
      else if (child.type === 'BlockStatement' || child.type === 'DecoratorBlock') {
        const inner = [...eachPaths, ...(changesContext(child) ? [eachPathOf(child)] : [])];
        const after = visit(child.program, { ...state }, inner, helpers);
        visit(child.inverse, { ...state }, eachPaths, helpers);
        state = after;
      }
    }
  }
  return state;
}

function scan(text: string, state: State): State {
  let { inTag, quote } = state;
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = '';
    } else if (inTag) {
      if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '>') inTag = false;
    } else if (ch === '<') inTag = true;
  }
  return { inTag, quote };
}

function helperName(node: AstNode): string | undefined {
  const path = node.path as Path | undefined;
  return path?.type === 'PathExpression' ? path.original : undefined;
}

/** #each and #with give their block another `this`; #if and #unless do not. */
function changesContext(block: AstNode): boolean {
  const name = helperName(block);
  return name !== 'if' && name !== 'unless';
}

/** The list an {{#each list}} goes through, for `{{this}}` inside it. */
function eachPathOf(block: AstNode): Path | undefined {
  const param = block.params?.[0] as Path | undefined;
  return helperName(block) === 'each' && param?.type === 'PathExpression' && !param.data && param.parts.length ? param : undefined;
}

function rewrite(node: AstNode, each: Path | undefined): AstNode {
  if (!node.escaped) return node;
  const path = node.path as Path;
  const simple = !node.params?.length && !node.hash;
  if (simple) {
    if (path.type !== 'PathExpression' || path.data) return node;
    const value = { ...path, strict: true };
    if (!path.parts.length) return each ? call(node, value, [[parentOf(each, 1), lastPart(each), value]], true) : node;
    return call(node, value, [[parentOf(path, 0), lastPart(path), value]], false);
  }
  // A helper's output: the values it is given (arguments and hash values) are looked for in it.
  const given = [...node.params ?? [], ...(node.hash?.pairs ?? []).map((p) => p.value)]
    .filter((p): p is Path => p.type === 'PathExpression' && !(p as Path).data && (p as Path).parts.length > 0);
  if (!given.length) return node;
  const value: AstNode = { type: 'SubExpression', path: node.path, params: node.params, hash: node.hash, loc: node.loc };
  return call(node, value, given.map((p) => [parentOf(p, 0), lastPart(p), { ...p, strict: true }]), false);
}

/** `{{fp-at value parent "key" raw ...}}`: the value, and for each field it may print, the object it is read from, its key and its value. */
function call(node: AstNode, value: AstNode | Path, fields: Array<[Path, string, Path]>, item: boolean): AstNode {
  const loc = node.loc;
  const params = fields.flatMap(([parent, key, raw]) => [parent as AstNode, literal(key, loc), raw as AstNode]);
  return {
    ...node,
    path: helperPath(FIELD_HELPER, loc),
    params: [value as AstNode, ...params],
    hash: item ? { type: 'Hash', pairs: [pair('index', { type: 'PathExpression', data: true, depth: 0, parts: ['index'], original: '@index', loc }, loc)], loc } : undefined,
  };
}

/**
 * `{{> band title=forum.name}}`: the partial's context gets `fieldAt` with where `title` is
 * written (the rest of the context's fieldAt kept), so `{{title}}` inside it is marked too.
 */
function markPartialHash(node: AstNode): void {
  const pairs = node.hash?.pairs ?? [];
  const args: Array<AstNode | Path> = [];
  for (const p of pairs) {
    const value = p.value as Path;
    if (p.key === 'fieldAt' || value.type !== 'PathExpression' || value.data || !value.parts.length) continue;
    args.push(literal(p.key, p.loc), parentOf(value, 0), literal(lastPart(value), p.loc));
  }
  if (!args.length) return;
  const loc = node.loc;
  const base = node.params?.[0] ?? { type: 'PathExpression', data: false, depth: 0, parts: [], original: 'this', loc };
  const value: AstNode = { type: 'SubExpression', path: helperPath(HASH_HELPER, loc), params: [base, ...args] as AstNode[], loc };
  node.hash = { type: 'Hash', pairs: [...pairs, pair('fieldAt', value, loc)], loc };
}

function helperPath(name: string, loc: Loc | undefined): Path {
  return { type: 'PathExpression', data: false, depth: 0, parts: [name], original: name, loc };
}

function literal(value: string, loc: Loc | undefined): AstNode {
  return { type: 'StringLiteral', value, original: value, loc } as AstNode;
}

function pair(key: string, value: AstNode | Path, loc: Loc | undefined) {
  return { type: 'HashPair' as const, key, value, loc };
}

/** The object a path's last part is read from; `up` more levels out (inside the block a list is walked by). */
function parentOf(path: Path, up: number): Path {
  const parts = path.parts.slice(0, -1);
  const depth = path.depth + up;
  const original = [...Array(depth).fill('..'), ...parts].join('/') || 'this';
  return { type: 'PathExpression', data: false, depth, parts, original, loc: path.loc };
}

function lastPart(path: Path): string {
  return path.parts[path.parts.length - 1];
}
