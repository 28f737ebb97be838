import type { z } from 'zod';
import type { Diagnostics } from '../diagnostics.js';
import type { YamlFile } from '../load/yaml.js';

/**
 * Validates a parsed YAML file against a schema. Each problem is reported at the
 * exact key or value it concerns; returns the parsed data, or undefined on error.
 */
export function validate<S extends z.ZodType>(schema: S, yaml: YamlFile, diags: Diagnostics): z.infer<S> | undefined {
  const result = schema.safeParse(yaml.value ?? {});
  if (result.success) return result.data;
  for (const issue of flatten(result.error.issues)) {
    const path = issue.path as PropertyKey[];
    const where = path.length ? path.map(String).join('.') : 'the file';
    if (issue.code === 'unrecognized_keys') {
      for (const key of (issue as { keys: string[] }).keys) {
        diags.error('unknown-field', yaml.locateKey(path, key), `unknown field "${key}" in ${where}`,
          'check the spelling; README.md lists the fields each file accepts');
      }
    } else if (issue.code === 'invalid_type' && path.length > 0 && isAbsent(yaml.value, path)) {
      diags.error('missing-field', yaml.locate(path), `missing field "${String(path[path.length - 1])}"`,
        `add "${String(path[path.length - 1])}:" here; README.md describes it`);
    } else {
      diags.error('schema', yaml.locate(path), `${where}: ${issue.message}`, hintFor(issue));
    }
  }
  return undefined;
}

type Issue = z.core.$ZodIssue;

/** True when the last key of `path` is not in its (existing) parent: a missing field, not a wrong value. */
function isAbsent(root: unknown, path: PropertyKey[]): boolean {
  let parent: unknown = root;
  for (const key of path.slice(0, -1)) {
    if (!parent || typeof parent !== 'object') return false;
    parent = (parent as Record<PropertyKey, unknown>)[key];
  }
  const last = path[path.length - 1];
  return !!parent && typeof parent === 'object' && !Array.isArray(parent) && (parent as Record<PropertyKey, unknown>)[last] == null;
}

/** A union failure is reported by its closest branch, not as "invalid input". */
function flatten(issues: readonly Issue[]): Issue[] {
  return issues.flatMap((issue) => {
    if (issue.code !== 'invalid_union' || !issue.errors?.length) return [issue];
    const best = [...issue.errors].sort((a, b) => score(a) - score(b))[0];
    return flatten(best.map((i) => ({ ...i, path: [...issue.path, ...i.path] }) as Issue));
  });
}

/** Fewer and deeper issues mean the branch matched better. */
function score(branch: readonly Issue[]): number {
  const typeMismatchAtRoot = branch.some((i) => i.code === 'invalid_type' && i.path.length === 0) ? 100 : 0;
  return typeMismatchAtRoot + branch.length;
}

function hintFor(issue: Issue): string | undefined {
  if (issue.code === 'invalid_type') return `expected ${(issue as { expected: string }).expected} here`;
  if (issue.code === 'invalid_value') return 'use one of the values listed in README.md';
  return undefined;
}
