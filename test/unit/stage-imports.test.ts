import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

/**
 * The stages of the pipeline in the order data flows through them (README.md, "Code layout").
 * A stage may import itself and the stages before it, never a later one; markdown comes
 * before check because check, building the program, turns each body into blocks with it.
 */
const ORDER = ['load', 'markdown', 'check', 'layout', 'pdfmake', 'finish', 'badge-render', 'share'];

/**
 * What every stage may use, and what each of them may import in turn: the program's plain
 * types (model/, which imports nothing), the paragraph setter (typeset/: pure, it imports
 * nothing; layout asks it for the lines of a text it fits to a size before pagination, the
 * pdfmake adapter for every paragraph's lines, so both get the same lines), fonts (a resource
 * below layout: files, coverage, fallback) and the diagnostics and file sources.
 */
const SHARED: Record<string, string[]> = {
  model: [],
  typeset: [],
  'diagnostics.ts': [],
  'io.ts': ['diagnostics.ts', 'io-outputs.ts', 'load'],
  'io-outputs.ts': [],
  fonts: ['load', 'model', 'typeset', 'diagnostics.ts', 'io.ts'],
};

/** Known exceptions, to be removed, not added to. */
const KNOWN: string[] = [];

const SRC = join(import.meta.dirname, '..', '..', 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.m?ts$/.test(name) ? [path] : [];
  });
}

/** The part of src/ a file belongs to: its folder, or its own name for a file directly in src/. */
function partOf(path: string): string {
  const [first, ...rest] = relative(SRC, path).split(/[\\/]/);
  return rest.length ? first : first.replace(/\.js$/, '.ts');
}

/** The relative modules a file imports, static or dynamic, type-only or not. */
function importsOf(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  const specs = [...text.matchAll(/^\s*(?:import|export)\b[^'"`;]*?from\s*'([^']+)'|^\s*import\s*'([^']+)'|\bimport\(\s*'([^']+)'\s*\)/gm)]
    .map((m) => m[1] ?? m[2] ?? m[3]);
  return specs.filter((s) => s.startsWith('.')).map((s) => normalize(join(dirname(path), s)));
}

/** May a file of part `from` import one of part `to`? */
function allowed(from: string, to: string): boolean {
  if (from === to || Object.hasOwn(SHARED, to) && !Object.hasOwn(SHARED, from)) return true;
  if (Object.hasOwn(SHARED, from)) return SHARED[from].includes(to);
  const a = ORDER.indexOf(from);
  const b = ORDER.indexOf(to);
  return a >= 0 && b >= 0 && b <= a;
}

/** Every import that crosses a boundary the wrong way, as "file -> module". */
export function wrongImports(): string[] {
  const out: string[] = [];
  for (const file of files(SRC)) {
    const from = partOf(file);
    // The driver (build.ts, cli.ts, ...) and the schedule importer may use every stage.
    if (!ORDER.includes(from) && !Object.hasOwn(SHARED, from)) continue;
    for (const target of importsOf(file)) {
      const to = partOf(target);
      if (!allowed(from, to)) out.push(`${relative(SRC, file)} -> ${relative(SRC, target)}`);
    }
  }
  return out.sort();
}

describe('stage imports', () => {
  it('no stage imports a later one, nor the driver; model, fonts, diagnostics and io import only what is below them', () => {
    const wrong = wrongImports();
    expect(wrong.filter((w) => !KNOWN.includes(w))).toEqual([]);
    // A known exception that is gone comes off the list.
    expect(KNOWN.filter((k) => !wrong.includes(k))).toEqual([]);
  });

  it('finds the imports it checks, and tells a later stage from an earlier one', () => {
    const markup = importsOf(join(SRC, 'layout', 'markup-to-pdf.ts')).map((p) => relative(SRC, p));
    expect(markup).toContain(join('model', 'types.js'));
    expect(markup).toContain(join('layout', 'tree.js'));
    expect(allowed('layout', 'pdfmake')).toBe(false);
    expect(allowed('pdfmake', 'layout')).toBe(true);
    // The imports this test was written against: check used share's time zones, fonts pdfmake's font cache.
    expect(allowed('check', 'share')).toBe(false);
    expect(allowed('fonts', 'pdfmake')).toBe(false);
    expect(allowed('fonts', 'layout')).toBe(false);
    expect(allowed('finish', 'outputs.ts')).toBe(false);
  });
});

describe('the document tree is typed', () => {
  it('layout and the adapter\'s readers of the tree (fit groups, fill-page, from-tree) use no `any`', () => {
    const typed = [...files(join(SRC, 'layout')), ...['fill-page.ts', 'from-tree.ts'].map((f) => join(SRC, 'pdfmake', f))];
    expect(typed.length).toBeGreaterThan(30);
    const untyped = typed.filter((f) => /(:\s*any\b|<any\b|\bas any\b|,\s*any>|any\[\])/.test(readFileSync(f, 'utf8').replace(/\/\/.*|\/\*[\s\S]*?\*\//g, '')));
    expect(untyped.map((f) => relative(SRC, f))).toEqual([]);
  });
});

/**
 * The objects src/ may give functions to: the hook objects of forumpress's patches (patches/:
 * pdfmake's, pdfkit's and fontkit's extension points, src/pdfmake/hooks.ts and
 * src/fonts/fontkit-hooks.ts) and a function object of our own (measure.ts's measurer).
 */
const HOOK_RECEIVERS = /^(hooks|pdfmakeHooks\(\)|pdfkitHooks\(\)|measure)$/;

/** Methods pdfmake, pdfkit and fontkit were once changed through at run time (issue 12): on anything but a hook object, a replacement. */
const ENGINE_METHODS = /^(layout|layoutRun|layoutCached|getGlyph|glyphForCodePoint|_addGlyph|encode|widthOfString|provideFont|measure|buildInlines|buildNextLine|alignLine|renderLine|processNode|tryLayoutDocument|layoutDocument|beginUnbreakableBlock|commitUnbreakableBlock|moveToNextPage|pushToRepeatables|addLine|addFragment)$/;

/** Known run-time replacements, to be removed, not added to. */
const KNOWN_REPLACEMENTS = [
  // ical-generator 10's line folding: the global TextEncoder swapped while the calendar is written.
  'share/ics.ts: globalThis.TextEncoder = ...',
];

/** Where a source text changes a dependency at run time, one line each (`path: what`). */
export function runTimeReplacements(path: string, source: string): string[] {
  const text = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const out: string[] = [];
  for (const m of text.matchAll(/([\w$.]+)\.prototype\.([\w$]+)\s*=(?!=)/g)) out.push(`${path}: ${m[1]}.prototype.${m[2]} = ...`);
  for (const m of text.matchAll(/\bglobalThis\.([\w$]+)\s*=(?!=)/g)) out.push(`${path}: globalThis.${m[1]} = ...`);
  for (const m of text.matchAll(/(?<![\w$.])([\w$]+(?:\(\))?(?:\.[\w$]+)*)\.([\w$]+)\s*(=|\?\?=|\|\|=)(?!=)\s*(async\s+)?(function\b|\([^()]*\)\s*(?::[^=;]*)?=>|[\w$]+\s*=>|[\w$]+(?=\s*;))?/g)) {
    const [, receiver, name, , , fn] = m;
    if (receiver.endsWith('.prototype') || receiver === 'globalThis' || HOOK_RECEIVERS.test(receiver)) continue;
    // A function given to a property, or any value given to a method name of pdfmake's, pdfkit's or fontkit's.
    const isFunction = !!fn && !/^[\w$]+$/.test(fn);
    if (isFunction || (ENGINE_METHODS.test(name) && fn !== undefined)) out.push(`${path}: ${receiver}.${name} = ...`);
    // An underscore field of a dependency's object is the adapter's business only (src/pdfmake/).
    else if (name.startsWith('_') && !path.startsWith(`pdfmake/`)) out.push(`${path}: ${receiver}.${name} = ...`);
  }
  return out;
}

describe('no dependency is changed at run time', () => {
  it('src/ replaces no method of pdfmake, pdfkit, fontkit or any other dependency: they change through patches/ and their hooks', () => {
    const found = files(SRC).flatMap((f) => runTimeReplacements(relative(SRC, f).split(/[\\/]/).join('/'), readFileSync(f, 'utf8')));
    expect(found.filter((f) => !KNOWN_REPLACEMENTS.includes(f))).toEqual([]);
    expect(KNOWN_REPLACEMENTS.filter((k) => !found.includes(k))).toEqual([]);
  });

  it('only the adapter loads pdfmake and pdfkit; fontkit besides only the fonts stage, and it reads no underscore field there', () => {
    const loads = (f: string, name: string) => new RegExp(`require\\(\\s*'${name}(/[^']*)?'\\s*\\)|from\\s*'${name}(/[^']*)?'`).test(readFileSync(f, 'utf8'));
    const part = (f: string) => partOf(f);
    const all = files(SRC);
    expect(all.filter((f) => (loads(f, 'pdfmake') || loads(f, 'pdfkit')) && part(f) !== 'pdfmake').map((f) => relative(SRC, f))).toEqual([]);
    expect(all.filter((f) => loads(f, 'fontkit') && !['pdfmake', 'fonts'].includes(part(f))).map((f) => relative(SRC, f))).toEqual([]);
    const fonts = all.filter((f) => part(f) === 'fonts');
    expect(fonts.filter((f) => /\.(_[a-z]\w*)\b/.test(readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, ''))).map((f) => relative(SRC, f))).toEqual([]);
  });

  it('finds the replacements src/ once made, and lets hooks be filled in', () => {
    const old = [
      'LayoutBuilder.prototype.processNode = function (this: any, node: any) {',
      'PageElementWriter.prototype.beginUnbreakableBlock = function (this: any, width?: number) {',
      'font.layout = function (text: unknown, features?: unknown) {',
      '  font.getGlyph = function (id: number, codePoints?: number[]) {',
      'if (own) font.getGlyph = getGlyph;',
      's._addGlyph = function (this: TrueTypeSubset, gid: number): number {',
      'embedded.subset._addGlyph = (gid) => gid;',
    ].join('\n');
    expect(runTimeReplacements('fonts/x.ts', old)).toEqual([
      'fonts/x.ts: LayoutBuilder.prototype.processNode = ...',
      'fonts/x.ts: PageElementWriter.prototype.beginUnbreakableBlock = ...',
      'fonts/x.ts: font.layout = ...',
      'fonts/x.ts: font.getGlyph = ...',
      'fonts/x.ts: font.getGlyph = ...',
      'fonts/x.ts: s._addGlyph = ...',
      'fonts/x.ts: embedded.subset._addGlyph = ...',
    ]);
    expect(runTimeReplacements('fonts/x.ts', 'this.writer._blocks = [];')).toEqual(['fonts/x.ts: this.writer._blocks = ...']);
    expect(runTimeReplacements('pdfmake/x.ts', 'line._typesetIndex = k;')).toEqual([]);
    const hooks = [
      'hooks.maxWidth = function maxWidth(items: Inline[], summed: number): number {',
      'pdfmakeHooks().fontOpened = function fontOpened(_doc: unknown, embedded: EmbeddedFont) {',
      'hooks.layout ??= cachedLayout;',
      'measure.halt = (ch) => fontOf(ch).halt(ch);',
      'inline.width = run.width;',
      'node.unbreakable = false;',
    ].join('\n');
    expect(runTimeReplacements('pdfmake/x.ts', hooks)).toEqual([]);
  });
});
