import { describe, expect, it } from 'vitest';
import { withFlowGroups } from '../../src/layout/day-flow.js';

const session = (talks: number) => ({ isSession: true, session: { slots: Array(talks).fill({}), long: talks >= 12 } });
const slot = { isSession: false, session: null };
const marks = (items: ReturnType<typeof withFlowGroups>) => items.map((i) => `${i.groupStart ? '[' : ''}x${i.groupEnd ? ']' : ''}`).join(' ');

describe('a day\'s blocks kept together on a page', () => {
  it('a short last block (a slot, or one or two talks) goes with the one before it; a longer one stands alone', () => {
    expect(marks(withFlowGroups([session(3), session(3), session(1)], false))).toBe('x [x x]');
    expect(marks(withFlowGroups([session(3), session(3), slot], false))).toBe('x [x x]');
    expect(marks(withFlowGroups([session(3), session(3), session(3)], false))).toBe('x x x');
    // A long session before it breaks over pages anyway: nothing to keep.
    expect(marks(withFlowGroups([session(3), session(14), session(1)], false))).toBe('x x x');
  });

  it('under a grid, the first block goes with the heading; groups that meet become one', () => {
    expect(marks(withFlowGroups([session(3), session(3), session(3)], true))).toBe('[x] x x');
    expect(marks(withFlowGroups([session(3), session(1)], true))).toBe('[x x]');
    expect(marks(withFlowGroups([session(1)], true))).toBe('[x]');
    expect(marks(withFlowGroups([], true))).toBe('');
  });
});
