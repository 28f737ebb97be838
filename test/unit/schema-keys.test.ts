import { describe, expect, it } from 'vitest';
import { branchesAt, closest, fieldsAt } from '../../src/check/schema-keys.js';
import { forumSchema, scheduleSchema } from '../../src/check/schemas.js';

// schema-keys.ts reads zod's `_zod.def` tree (zod is pinned exactly for it): another zod that
// shaped it differently would silently drop the "did you mean" and "the fields here are" hints.
describe('the fields a schema accepts, read from zod (schema-keys.ts)', () => {
  it('lists a mapping\'s fields through defaults, optionals, arrays and unions', () => {
    expect(fieldsAt(forumSchema, [])).toEqual(expect.arrayContaining(['name', 'language', 'dates', 'livestream', 'timezone']));
    expect(fieldsAt(forumSchema, ['livestream'])).toEqual(['platform', 'note', 'url']);
    expect(fieldsAt(scheduleSchema, ['days', 0])).toEqual(['date', 'program']);
    expect(branchesAt(scheduleSchema, ['days', 0, 'program', 2, 'slots', 0])).toEqual([['time', 'talk', 'room'], ['time', 'kind', 'title', 'room']]);
    expect(closest('venu', fieldsAt(forumSchema, []))).toBe('venue');
  });
});
