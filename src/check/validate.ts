import type { z } from 'zod';
import type { Diagnostics } from '../diagnostics.js';
import type { YamlFile } from '../load/yaml.js';
import { branchesAt, closest, fieldsAt } from './schema-keys.js';

/**
 * Validates a parsed YAML file against a schema. Each problem is reported at the
 * exact key or value it concerns; returns the parsed data, or undefined on error.
 */
export function validate<S extends z.ZodType>(schema: S, yaml: YamlFile, diags: Diagnostics): z.infer<S> | undefined {
  const result = schema.safeParse(yaml.value ?? {}, { reportInput: true });
  if (result.success) return result.data;
  for (const issue of flatten(result.error.issues)) {
    const path = issue.path as PropertyKey[];
    // The position shows where; the message names just the field (days.0.program.3.kind -> kind).
    const where = [...path].reverse().find((k) => typeof k === 'string') ?? 'the file';
    if (issue.code === 'unrecognized_keys') {
      const fields = fieldsAt(schema, path);
      for (const key of (issue as { keys: string[] }).keys) {
        if (fields.includes(key)) {
          // Known, but not in this kind of entry: a slot is a talk or a titled item, not both.
          const kinds = branchesAt(schema, path).map((b) => `{ ${b.join(', ')} }`).join(' or ');
          diags.error('unknown-field', yaml.locateKey(path, key), `field "${key}" does not go with the other fields of this entry`,
            `an entry here has the fields ${kinds}`);
          continue;
        }
        const guess = closest(key, fields);
        diags.error('unknown-field', yaml.locateKey(path, key), `unknown field "${key}"${guess ? `; did you mean "${guess}"?` : ''}`,
          fields.length ? `the fields here are: ${fields.join(', ')}` : 'check the spelling; README.md lists the fields each file accepts');
      }
    } else if (issue.code === 'invalid_type' && path.length > 0 && isAbsent(yaml.value, path)) {
      diags.error('missing-field', yaml.locate(path), `missing field "${String(path[path.length - 1])}"`,
        `add "${String(path[path.length - 1])}:" here; README.md describes it`);
    } else {
      diags.error('schema', yaml.locate(path), `${where}: ${describe(issue, yaml.value, path)}`, hintFor(issue));
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

const KINDS: Record<string, string> = { array: 'a list', object: 'a mapping (field: value lines)', string: 'text', number: 'a number', boolean: 'true or false' };

/** zod's wording for a wrong type ("Invalid input: expected array, received string") in the organizer's terms. */
function describe(issue: Issue, root: unknown, path: PropertyKey[]): string {
  let value: unknown = root;
  for (const key of path) value = value && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  if (issue.code === 'invalid_value') return `"${String(value)}" is not one of: ${(issue as { values: unknown[] }).values.join(', ')}`;
  if (issue.code !== 'invalid_type') return issue.message;
  const got = Array.isArray(value) ? 'a list' : value === null ? 'nothing' : typeof value === 'object' ? 'a mapping' : typeof value === 'string' ? `the text "${value.slice(0, 40)}"` : String(value);
  const expected = (issue as { expected: string }).expected;
  return `expected ${KINDS[expected] ?? expected}, found ${got}`;
}

function hintFor(issue: Issue): string | undefined {
  if (issue.code === 'invalid_type') {
    const expected = (issue as { expected: string }).expected;
    if (expected === 'array') return 'write a list as [a, b] or as lines starting with "- "';
    if (expected === 'number') return 'write the number without quotes or words';
    if (expected === 'string') return 'put the value in quotes if it looks like a number, date or true/false';
    return undefined;
  }
  if (issue.code === 'invalid_value') return 'use one of the values listed in README.md';
  return undefined;
}
