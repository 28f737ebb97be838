/** What an export's event type becomes: a talk kind (known to theme.yaml's labels) or a plain slot. */
export interface KindMapping {
  kind: string;
  /** False when the type was not recognised (it is then a talk, and the report says so). */
  known: boolean;
}

/** Type names of frab, pretalx and the conferences we imported, most specific first. */
const RULES: Array<[RegExp, string]> = [
  [/keynote|keynot/i, 'keynote'],
  [/pl[ée]ni|plenary/i, 'plenary'],
  [/invited|invit[ée]/i, 'invited'],
  [/workshop|atelier|hands[-_ ]?on|tutorial|tutoriel|werkstatt/i, 'workshop'],
  [/panel|podium|round ?table|table ronde|discussion|diskussion/i, 'panel'],
  [/poster/i, 'poster'],
  [/lightning|talk|lecture|vortrag|conf[ée]rence|presentation|pr[ée]sentation|short|long|slot|session/i, 'talk'],
];

/** Maps an export's event type (free text in pretalx, a keyword in frab) to a talk kind. */
export function mapKind(type: string): KindMapping {
  const t = type.trim();
  if (!t) return { kind: 'talk', known: true };
  for (const [pattern, kind] of RULES) if (pattern.test(t)) return { kind, known: true };
  return { kind: 'talk', known: false };
}

const MEAL = /lunch|dinner|breakfast|supper|meal|mittag|abendessen|fr[üu]hst[üu]ck|d[ée]jeuner|d[îi]ner|repas|午餐|晚餐|用餐/i;
const BREAK = /\b(coffee|tea|break|pause|kaffee|caf[ée])\b|茶歇|休息/i;

/** The slot kind of an event that is a break or a meal (no speaker, and named or typed so), else undefined. */
export function breakKind(e: { type: string; track: string; title: string; persons: string[] }): 'break' | 'meal' | undefined {
  if (e.persons.length) return undefined;
  const words = `${e.type} ${e.track}`;
  const named = MEAL.test(e.title) || BREAK.test(e.title) || /^(break|pause|meal)$/i.test(e.type.trim()) || /^(pause|break|breaks)$/i.test(e.track.trim());
  if (!named && !MEAL.test(words)) return undefined;
  return MEAL.test(e.title) || MEAL.test(words) ? 'meal' : 'break';
}
