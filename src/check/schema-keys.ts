import type { z } from 'zod';

type Def = { type: string; shape?: Record<string, z.ZodType>; options?: z.ZodType[]; element?: z.ZodType; valueType?: z.ZodType;
  innerType?: z.ZodType; in?: z.ZodType };

const defOf = (s: z.ZodType): Def | undefined => (s as unknown as { _zod?: { def: Def } })._zod?.def;

/** The object schemas a value at `path` may match (every branch of a union). */
function objectsAt(schema: z.ZodType, path: readonly PropertyKey[]): Def[] {
  const def = defOf(schema);
  if (!def) return [];
  const inner = def.innerType ?? (def.type === 'pipe' ? def.in : undefined);
  if (inner) return objectsAt(inner, path);
  if (def.type === 'union') return (def.options ?? []).flatMap((o) => objectsAt(o, path));
  if (!path.length) return def.type === 'object' ? [def] : [];
  const [head, ...rest] = path;
  if (def.type === 'object') return def.shape?.[String(head)] ? objectsAt(def.shape[String(head)], rest) : [];
  if (def.type === 'array' && def.element) return objectsAt(def.element, rest);
  if (def.type === 'record' && def.valueType) return objectsAt(def.valueType, rest);
  return [];
}

/** The field names a mapping at `path` accepts, in schema order. */
export function fieldsAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  return [...new Set(objectsAt(schema, path).flatMap((d) => Object.keys(d.shape ?? {})))];
}

/** The field sets of each kind of mapping allowed at `path` (several for a union). */
export function branchesAt(schema: z.ZodType, path: readonly PropertyKey[]): string[][] {
  return objectsAt(schema, path).map((d) => Object.keys(d.shape ?? {}));
}

/** The accepted name closest to a misspelt one (at most two edits away), if any. */
export function closest(word: string, candidates: string[]): string | undefined {
  let best: { name: string; cost: number } | undefined;
  for (const name of candidates) {
    const cost = distance(word.toLowerCase(), name.toLowerCase());
    if (cost <= Math.min(2, Math.floor(name.length / 2)) && (!best || cost < best.cost)) best = { name, cost };
  }
  return best?.name;
}

/** Optimal string alignment distance: a swap of two letters counts as one edit. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i ? (j ? 0 : i) : j)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
