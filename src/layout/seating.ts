/** How a head table is seated: zh 以左为上 (the usual Chinese rule), international (right is senior), or as listed. */
export type Seating = 'zh' | 'international' | 'listed';

/**
 * The seats of a head table from the audience's left to its right, each holding the rank
 * (0 = most senior) of the person who sits there. By precedence, the most senior sits in
 * the centre and the others alternate around them. Under the Chinese rule (以左为上, left
 * and right as the people on the stage see them), #2 sits on #1's left hand and #3 on the
 * right hand; with an even number, #1 and #2 share the two centre seats, #2 again on #1's
 * left. Seen from the audience: 5 people → 5 3 1 2 4, 4 people → 3 1 2 4 (#1 centre-left).
 * The international rule mirrors it: 4 2 1 3 5 and 4 2 1 3 (#1 centre-right).
 */
export function seatOrder(count: number, seating: Seating): number[] {
  const ranks = Array.from({ length: count }, (_, i) => i);
  if (seating === 'listed' || count < 2) return ranks;
  // Built as the seated see it (their left first), then turned to the audience's view.
  const seated: number[] = [0];
  for (let rank = 1; rank < count; rank++) {
    const onLeftHand = (rank % 2 === 1) === (seating === 'zh');
    if (onLeftHand) seated.unshift(rank);
    else seated.push(rank);
  }
  return seated.reverse();
}
