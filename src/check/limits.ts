import type { Diagnostics, Position } from '../diagnostics.js';

/**
 * Sizes past any real conference, so that a runaway file gives a clear error instead of
 * a build that takes minutes and gigabytes (YAML and layout time grow with the input).
 */
export const LIMITS = {
  /** A schedule.yaml of a large congress is ~100 KB. */
  yamlBytes: 1024 * 1024,
  /** An abstract is a few thousand characters; this is ~40 booklet pages. */
  markdownChars: 100_000,
  /** Slots and sessions in the whole schedule. */
  scheduleEntries: 3000,
  /** Files in content/abstracts/. */
  abstractFiles: 3000,
};

/** Reports `what` over its limit at `at`; returns true when it is within. */
export function withinLimit(count: number, limit: number, at: Position, what: string, diags: Diagnostics): boolean {
  if (count <= limit) return true;
  diags.error('too-large', at, `${what}: ${count.toLocaleString('en')}, more than the ${limit.toLocaleString('en')} forumpress takes`,
    'check that this is the right file; split a very large program into several forums');
  return false;
}
