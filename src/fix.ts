import type { Diagnostic, Fix } from './diagnostics.js';
import type { FileSource } from './io.js';

/** One file's corrected text and the corrections made, each with its diagnostic. */
export interface FixedFile {
  path: string;
  text: string;
  applied: Diagnostic[];
}

/**
 * Applies the fixes the diagnostics carry to the files they name, as read now from `source`.
 * Of fixes that overlap, the first is applied.
 */
export function applyFixes(diagnostics: Diagnostic[], source: FileSource): FixedFile[] {
  const byPath = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) if (d.fix) byPath.set(d.fix.path, [...(byPath.get(d.fix.path) ?? []), d]);
  const fixed: FixedFile[] = [];
  for (const [path, list] of byPath) {
    let text = source.read(path);
    if (text === undefined) continue;
    const ordered = [...list].sort((a, b) => a.fix!.offset - b.fix!.offset);
    const applied: Diagnostic[] = [];
    let end = 0;
    for (const d of ordered) if (d.fix!.offset >= end) { applied.push(d); end = d.fix!.offset + d.fix!.length; }
    // From the end backwards, so earlier offsets stay right.
    for (const d of [...applied].reverse()) text = splice(text, d.fix!);
    fixed.push({ path, text, applied });
  }
  return fixed;
}

function splice(text: string, fix: Fix): string {
  return text.slice(0, fix.offset) + fix.text + text.slice(fix.offset + fix.length);
}
