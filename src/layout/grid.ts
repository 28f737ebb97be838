import type { Day, FieldPos, Slot } from '../model/types.js';
import { from, viewAt } from './view-at.js';

/** A slot placed in the grid: in one room (or across all of them), from one time to another. */
interface Placed {
  slot: Slot;
  room: string | null;
  start: string;
  end: string;
}

/** How many room columns fit a page of the booklet, by paper: readable titles at 7.5 pt. */
export function gridColumns(paper: string): number {
  return ({ A6: 2, A5: 4, A4: 6, A3: 9 } as Record<string, number>)[paper] ?? 4;
}

/** The rooms a day's sessions use, in the order they first appear, and where each is first written. */
function roomsOf(day: Day): { rooms: string[]; at: Map<string, FieldPos> } {
  const rooms: string[] = [];
  const at = new Map<string, FieldPos>();
  for (const item of day.items) {
    if (item.type !== 'session') continue;
    for (const slot of item.session.slots) {
      const room = slot.room ?? item.session.room;
      if (room !== undefined && !rooms.includes(room)) rooms.push(room);
      const pos = slot.fieldAt?.room ?? item.session.fieldAt?.room;
      if (room !== undefined && pos && !at.has(room)) at.set(room, pos);
    }
  }
  return { rooms, at };
}

/** Whether two rooms are used at the same time on this day: the grid is for parallel rooms only. */
function parallel(placed: Placed[]): boolean {
  return placed.some((a) => a.room && placed.some((b) => b.room && b.room !== a.room && a.start < b.end && b.start < a.end));
}

function placeAll(day: Day): Placed[] {
  return day.items.flatMap((item) => item.type === 'slot'
    ? [{ slot: item.slot, room: item.slot.room ?? null, start: item.slot.start, end: item.slot.end }]
    : item.session.slots.map((slot) => ({ slot, room: slot.room ?? item.session.room ?? null, start: slot.start, end: slot.end })));
}

/**
 * A cell of the grid as templates see it: a slot where it starts (`slot`), the rows it
 * continues over (`covered`, drawn without a line between them), an empty cell, or the
 * cell a colspan takes (`spanned`, written as an empty <td>). `continues`: the next row
 * is still this slot.
 */
export interface GridCell {
  slot: unknown;
  covered: boolean;
  continues: boolean;
  spanned: boolean;
  empty: boolean;
  colspan: number;
}

type SlotView = (slot: Slot) => unknown;

const cell = (over: Partial<GridCell> = {}): GridCell => ({ slot: null, covered: false, continues: false, spanned: false, empty: true, colspan: 1, ...over });

/**
 * The day at a glance: rooms as columns, time running down, in pages of `columns` rooms.
 * A row per time a slot starts; a slot fills its room's cells from its start until its end
 * (no rowspan: pdfmake draws a spanning cell past the foot of the page when its rows
 * break across pages). A slot outside any room (opening, lunch) spans every room of its
 * rows when no room of the page is busy then. Null for a day without parallel rooms.
 */
export function dayGrid(day: Day, columns: number, slotView: SlotView) {
  const placed = placeAll(day);
  const { rooms, at } = roomsOf(day);
  if (rooms.length < 2 || !parallel(placed)) return null;
  const pages = [];
  for (let i = 0; i < rooms.length; i += columns) {
    const group = rooms.slice(i, i + columns);
    const inGroup = placed.filter((p) => p.room !== null && group.includes(p.room));
    const shared = placed.filter((p) => p.room === null && !inGroup.some((q) => q.start < p.end && p.start < q.end));
    const last = Math.min(i + columns, rooms.length);
    // `share`: each room's part of the width in per cent, after the time column's 8 %. Fixed
    // shares: a long word (a German compound, a URL) cannot widen its column past the page.
    const share = Math.floor((92 / group.length) * 1000) / 1000;
    pages.push({ rooms: group, first: i === 0, from: i + 1, to: last, share, rows: gridRows([...inGroup, ...shared], group, slotView),
      ...viewAt({ rooms: group.flatMap((room) => from(room, at.get(room)) ?? []) }) });
  }
  return { pages, rooms: rooms.length, split: pages.length > 1 };
}

/** The rows of one page of the grid: a start time and one cell per room. */
function gridRows(placed: Placed[], rooms: string[], slotView: SlotView) {
  const times = [...new Set(placed.map((p) => p.start))].sort();
  const rows = times.map((time) => ({ time, cells: rooms.map(() => cell()) }));
  for (const p of [...placed].sort((a, b) => a.start.localeCompare(b.start))) {
    const first = times.indexOf(p.start);
    let last = first;
    while (last + 1 < times.length && times[last + 1] < p.end) last++;
    const [from, to] = p.room === null ? [0, rooms.length - 1] : [rooms.indexOf(p.room), rooms.indexOf(p.room)];
    // Two slots of one room at once (posters side by side): the first keeps the cells.
    if (rows.slice(first, last + 1).some((row) => row.cells.slice(from, to + 1).some((c) => !c.empty))) continue;
    for (let r = first; r <= last; r++) {
      const continues = r < last;
      rows[r].cells[from] = r === first
        ? cell({ slot: slotView(p.slot), empty: false, continues, colspan: to - from + 1 })
        : cell({ covered: true, empty: false, continues, colspan: to - from + 1 });
      for (let c = from + 1; c <= to; c++) rows[r].cells[c] = cell({ spanned: true, empty: false });
    }
  }
  return rows;
}
