import { Document, isMap, isSeq, parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';
import { isSession, slotKey, type YSchedule, type YSession, type YSlot } from './schedule-file.js';

const HEADER = ` Written by "forumpress import" from the schedule export. Importing again updates what
 came from the export and keeps your edits: chairs, titles, slots and sessions you add, move or
 remove, and these comments (README.md: "Importing from pretalx or frab").`;

type Comments = { before?: string; after?: string };

/**
 * schedule.yaml text for a schedule; the comments of the previous file (its header and those
 * on days, sessions and slots) are carried over to the same entries. Slots are written on one line each.
 */
export function renderSchedule(schedule: YSchedule, previous?: string): string {
  const old = previous === undefined ? undefined : parseDocument(previous);
  const comments = old && !old.errors.length ? collectComments(old) : new Map<string, Comments>();
  const doc = new Document(ordered(schedule));
  doc.commentBefore = old && !old.errors.length ? old.commentBefore : HEADER;
  const days = doc.get('days', true) as unknown as YAMLSeq | undefined;
  if (old && !old.errors.length) doc.comment = old.comment;
  if (days) apply(days as unknown as YAMLMap, comments.get('days'));
  days?.items.forEach((dayNode, d) => {
    const day = schedule.days[d];
    apply(dayNode as YAMLMap, comments.get(`day:${day.date}`));
    const program = (dayNode as YAMLMap).get('program', true) as unknown as YAMLSeq;
    program.items.forEach((itemNode, i) => {
      const entry = day.program[i];
      const node = itemNode as YAMLMap;
      if (isSession(entry)) {
        apply(node, comments.get(`session:${entry.session}`));
        const slots = node.get('slots', true) as unknown as YAMLSeq;
        slots.items.forEach((slotNode, s) => {
          (slotNode as YAMLMap).flow = true;
          apply(slotNode as YAMLMap, comments.get(`slot:${slotKey(entry.slots[s])}`));
        });
      } else {
        node.flow = true;
        apply(node, comments.get(`slot:${slotKey(entry as YSlot)}`));
      }
    });
  });
  return doc.toString({ lineWidth: 0, flowCollectionPadding: true });
}

/** Keys in the order README.md shows them, whatever order the merge left them in. */
function ordered(schedule: YSchedule): YSchedule {
  const slot = (s: YSlot): YSlot => pick(s, ['time', 'talk', 'kind', 'title', 'room']) as unknown as YSlot;
  return {
    days: schedule.days.map((d) => ({
      date: d.date,
      program: d.program.map((e) => (isSession(e)
        ? { ...(pick(e, ['session', 'title', 'chair', 'room', 'time']) as unknown as YSession), slots: e.slots.map(slot) }
        : slot(e))),
    })),
  };
}

function pick(o: object, keys: string[]): Record<string, unknown> {
  const src = o as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of keys) if (src[k] !== undefined) out[k] = src[k];
  for (const k of Object.keys(src)) if (!(k in out) && src[k] !== undefined && k !== 'slots') out[k] = src[k];
  return out;
}

function apply(node: YAMLMap, c: Comments | undefined): void {
  if (!c) return;
  if (c.before) node.commentBefore = c.before;
  if (c.after) node.comment = c.after;
}

function collectComments(doc: Document): Map<string, Comments> {
  const map = new Map<string, Comments>();
  const keep = (key: string, node: { commentBefore?: string | null; comment?: string | null }) => {
    if (node.commentBefore || node.comment) map.set(key, { before: node.commentBefore ?? undefined, after: node.comment ?? undefined });
  };
  const days = doc.get('days', true);
  if (!isSeq(days)) return map;
  keep('days', days);
  for (const dayNode of days.items) {
    if (!isMap(dayNode)) continue;
    keep(`day:${String(dayNode.get('date'))}`, dayNode);
    const program = dayNode.get('program', true);
    if (!isSeq(program)) continue;
    for (const item of program.items) {
      if (!isMap(item)) continue;
      const plain = item.toJSON() as YSession | YSlot;
      if (isSession(plain)) {
        keep(`session:${plain.session}`, item);
        const slots = item.get('slots', true);
        if (isSeq(slots)) for (const s of slots.items) if (isMap(s)) keep(`slot:${slotKey(s.toJSON() as YSlot)}`, s);
      } else {
        keep(`slot:${slotKey(plain)}`, item);
      }
    }
  }
  return map;
}
