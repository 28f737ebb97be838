import { createRequire } from 'node:module';
import stCharacters from 'opencc-js/dict/STCharacters';
import tsCharacters from 'opencc-js/dict/TSCharacters';

const require = createRequire(import.meta.url);

/** Characters that have another form in the other script (OpenCC's one-character tables). */
function keysOf(dict: string): Set<string> {
  const keys = new Set<string>();
  for (const entry of dict.split('|')) {
    const [from, to] = entry.split(' ');
    if (from && to && from !== to) keys.add(from);
  }
  return keys;
}

let simplifiedForms: Set<string> | undefined;
let traditionalForms: Set<string> | undefined;
let converters: { toTraditional: (s: string) => string; toSimplified: (s: string) => string } | undefined;

/**
 * True when `text` mixes simplified and traditional forms (学 beside 習), as in a name typed
 * half on one keyboard setting. The one-character tables (60 KB) rule out nearly every text
 * at once; the rest is confirmed with OpenCC's phrase tables, which know that 皇后 is
 * traditional too (building them takes about half a second, so only then).
 */
export function mixesScripts(text: string): { simplified: string; traditional: string } | undefined {
  simplifiedForms ??= keysOf(stCharacters);
  traditionalForms ??= keysOf(tsCharacters);
  const chars = [...text];
  if (!chars.some((c) => simplifiedForms!.has(c)) || !chars.some((c) => traditionalForms!.has(c))) return undefined;
  if (!converters) {
    const OpenCC = require('opencc-js') as typeof import('opencc-js');
    converters = { toTraditional: OpenCC.Converter({ from: 'cn', to: 't' }), toSimplified: OpenCC.Converter({ from: 't', to: 'cn' }) };
  }
  const simplified = converters.toSimplified(text);
  const traditional = converters.toTraditional(text);
  return simplified !== text && traditional !== text ? { simplified, traditional } : undefined;
}
