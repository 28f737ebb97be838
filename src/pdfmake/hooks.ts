import { createRequire } from 'node:module';
import { FONTKIT_HOOK_NAMES, type FontkitHooks } from '../fonts/fontkit-hooks.js';

const require = createRequire(import.meta.url);

type Any = any; // pdfmake's and pdfkit's objects are untyped JavaScript

/** pdfmake's extension points, added by patches/pdfmake+0.3.11.patch (node_modules/pdfmake/js/hooks.js). */
export interface PdfmakeHooks {
  layoutDocument: ((builder: Any, ...args: Any[]) => Any[]) | null;
  /** One of layoutDocument's layouts: `tryLayout()` lays the document out once. */
  tryLayoutDocument: ((builder: Any, tryLayout: () => Any) => Any) | null;
  /** An unbreakable block in the flow (opened by `owner`: an unbreakable node or a table) took more than one page. */
  blockTooTall: ((writer: Any, owner: Any) => void) | null;
  /** Called as pdfmake's LayoutBuilder.buildNextLine (`this` the builder). */
  buildNextLine: ((this: Any, textNode: Any) => Any) | null;
  /** Called as pdfmake's TextInlines.measure (`this` the TextInlines). */
  measure: ((this: Any, inlines: Any[], styles: unknown) => Any[]) | null;
  /** A text's widest line; `node` is the text node (undefined for a list marker), `styles` pdfmake's style stack. */
  maxWidth: ((inlines: Any[], maxWidth: number, node?: Any, styles?: Any) => number) | null;
  fontOpened: ((pdfDocument: Any, font: Any) => Any) | null;
  lineToDraw: ((line: Any) => Any) | null;
  drawText: ((pdfDocument: Any, inline: Any, x: number, y: number, options: Any, line: Any) => void) | null;
  vectorTypes: Record<string, { offset(vector: Any, x: number, y: number): void; render(pdfDocument: Any, vector: Any): void }>;
}

/** pdfkit's extension points, added by patches/pdfkit+0.19.1.patch (node_modules/pdfkit/js/hooks.js). */
export interface PdfkitHooks {
  layoutCached: ((font: Any, text: string) => Any) | null;
  layout: ((font: Any, text: string, features: unknown, onlyWidth: boolean) => Any) | null;
  glyphUnicode: ((font: Any, glyph: Any, text: string, index: number, glyphCount: number) => number[]) | null;
}

/**
 * The hook names each patch must add: the start-up check (engine-versions.ts) asks for every
 * one. fontkit's (src/fonts/fontkit-hooks.ts) are filled in by the fonts stage's shaping cache,
 * which the layout stage measures with before this adapter is set up.
 */
export const HOOK_NAMES = {
  pdfmake: ['layoutDocument', 'tryLayoutDocument', 'blockTooTall', 'buildNextLine', 'measure', 'maxWidth', 'fontOpened', 'lineToDraw', 'drawText', 'vectorTypes'],
  pdfkit: ['layoutCached', 'layout', 'glyphUnicode'],
  fontkit: FONTKIT_HOOK_NAMES,
} as const satisfies { pdfmake: ReadonlyArray<keyof PdfmakeHooks>; pdfkit: ReadonlyArray<keyof PdfkitHooks>; fontkit: ReadonlyArray<keyof FontkitHooks> };

/** Where each patched package keeps its hooks. */
export const HOOK_MODULES = { pdfmake: 'pdfmake/js/hooks.js', pdfkit: 'pdfkit/js/hooks.js' } as const;

/** A package's hook object as installed, or undefined when its patch is not applied. */
export function loadHooks(name: keyof typeof HOOK_MODULES): Record<string, unknown> | undefined {
  try {
    // Spelled out, so that the bundle (scripts/bundle.mjs) holds both.
    const loaded = name === 'pdfmake' ? require('pdfmake/js/hooks.js') : require('pdfkit/js/hooks.js');
    return (loaded?.default ?? loaded) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** pdfmake's hooks, for the adapter to fill in. */
export const pdfmakeHooks = (): PdfmakeHooks => loadHooks('pdfmake') as unknown as PdfmakeHooks;
/** pdfkit's hooks, for the adapter to fill in. */
export const pdfkitHooks = (): PdfkitHooks => loadHooks('pdfkit') as unknown as PdfkitHooks;
