/**
 * Which of a day's schedule blocks the booklet keeps together on one page (an unbreakable
 * group in partials/schedule-day.hbs): a day with a grid keeps its "by session" heading with
 * its first block, so the heading never stands alone at the grid page's foot; and a short last
 * block (a slot, or a session of one or two talks) takes the block before it along rather than
 * stand alone on a page of its own.
 */

/** A day's block as the view gives it: a session or a single slot. */
interface DayItem {
  isSession: boolean;
  session: { slots: unknown[]; long: boolean } | null;
}

/** Talks a session may hold and still count as a short last block. */
const SHORT = 2;

/** The items, each marked where a group it belongs to opens (`groupStart`) and closes (`groupEnd`). */
export function withFlowGroups<T extends DayItem>(items: T[], hasGrid: boolean): Array<T & { groupStart: boolean; groupEnd: boolean }> {
  const groups: Array<[number, number]> = [];
  if (hasGrid && items.length) groups.push([0, 0]);
  const last = items.at(-1);
  const before = items.at(-2);
  if (last && before && isShort(last) && !before.session?.long) groups.push([items.length - 2, items.length - 1]);
  // Overlapping groups (a day of two blocks) become one.
  const merged = groups.reduce<Array<[number, number]>>((acc, g) => {
    const prev = acc.at(-1);
    if (prev && g[0] <= prev[1]) prev[1] = Math.max(prev[1], g[1]);
    else acc.push([...g]);
    return acc;
  }, []);
  return items.map((item, i) => ({
    ...item,
    groupStart: merged.some(([a]) => a === i),
    groupEnd: merged.some(([, b]) => b === i),
  }));
}

function isShort(item: DayItem): boolean {
  return !item.isSession || (item.session?.slots.length ?? 0) <= SHORT;
}
