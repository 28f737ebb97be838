import { describe, expect, it } from 'vitest';
import { seatOrder } from '../../src/layout/seating.js';

/** Ranks (1 = most senior) from the audience's left to its right. */
const seen = (n: number, seating: Parameters<typeof seatOrder>[1]) => seatOrder(n, seating).map((r) => r + 1);

describe('seatOrder', () => {
  it('seats by 以左为上: #1 in the centre, #2 on its left hand (the audience\'s right), alternating', () => {
    expect(seen(1, 'zh')).toEqual([1]);
    expect(seen(3, 'zh')).toEqual([3, 1, 2]);
    expect(seen(5, 'zh')).toEqual([5, 3, 1, 2, 4]);
    expect(seen(7, 'zh')).toEqual([7, 5, 3, 1, 2, 4, 6]);
  });

  it('gives an even table two centre seats, #1 centre-left as the audience sees it', () => {
    expect(seen(2, 'zh')).toEqual([1, 2]);
    expect(seen(4, 'zh')).toEqual([3, 1, 2, 4]);
    expect(seen(6, 'zh')).toEqual([5, 3, 1, 2, 4, 6]);
  });

  it('mirrors it under the international rule, and keeps the list as it is when listed', () => {
    expect(seen(5, 'international')).toEqual([4, 2, 1, 3, 5]);
    expect(seen(4, 'international')).toEqual([4, 2, 1, 3]);
    expect(seen(4, 'listed')).toEqual([1, 2, 3, 4]);
  });
});
