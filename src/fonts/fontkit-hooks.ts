import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

type Any = any; // fontkit's fonts and glyphs are untyped JavaScript

/** fontkit's extension points, added by patches/fontkit+2.0.4.patch (exported by its main.cjs as `forumpressHooks`). */
export interface FontkitHooks {
  /** A text shaped by a font (TTFFont.layout); `shape()` is fontkit's own shaping of it. */
  layout: ((font: Any, text: unknown, features: unknown, script: unknown, language: unknown, direction: unknown, shape: () => Any) => Any) | null;
  /** A glyph object handed out by a font (TTFFont.getGlyph), with the code points it was asked for. */
  glyphMade: ((font: Any, id: number, codePoints: number[], glyph: Any) => void) | null;
}

/** The hook names the fontkit patch must add: the start-up check (src/pdfmake/engine-versions.ts) asks for each. */
export const FONTKIT_HOOK_NAMES = ['layout', 'glyphMade'] as const satisfies ReadonlyArray<keyof FontkitHooks>;

/** fontkit's hooks as installed, or undefined when its patch is not applied. */
export function loadFontkitHooks(): FontkitHooks | undefined {
  try {
    return (require('fontkit') as { forumpressHooks?: FontkitHooks }).forumpressHooks;
  } catch {
    return undefined;
  }
}
