import { LEADER_NUMBER, LEADER_TEXT } from '../layout/toc-entry.js';

type Inline = Record<string, any>;
interface Line { x: number; y: number; inlines: Inline[]; getAscenderHeight(): number }
interface Page { items: { type: string; item: any }[] }

/** Distance between the centres of two leader dots, in points: the same for every entry, so that dots line up. */
const DOT_PITCH = 4.5;
/** Space left free before the first dot and after the last one, in ems. */
const GAP_BEFORE = 0.35;
const GAP_AFTER = 0.4;

/**
 * Finishes contents entries (<toc-entry>, src/layout/toc-entry.ts) once pdfmake has laid the
 * document out, so every line break and page number is known: each entry's page number moves
 * down to the baseline of the entry's last line, and dotted leaders run from the end of that
 * line to the number. The dots sit on one grid for the whole page, so they line up in columns
 * from entry to entry, whatever the length of the text or of the number. A pass after layout
 * (layout-document.ts).
 */
export function addPageLeaders(pages: Page[]): void {
  for (const page of pages) addLeaders(page);
}

/** The entries of one page: the lines of each entry's text, and its number's line. */
function entriesOf(page: Page): Map<string, { text: Line[]; number?: Line }> {
  const entries = new Map<string, { text: Line[]; number?: Line }>();
  const entry = (key: string) => entries.get(key) ?? entries.set(key, { text: [] }).get(key)!;
  for (const { type, item } of page.items) {
    if (type !== 'line') continue;
    for (const inline of item.inlines as Inline[]) {
      if (inline[LEADER_NUMBER]) entry(inline[LEADER_NUMBER]).number = item;
      else if (inline[LEADER_TEXT]) entry(inline[LEADER_TEXT]).text.push(item);
      else continue;
      break;
    }
  }
  return entries;
}

function addLeaders(page: Page): void {
  for (const { text, number } of entriesOf(page).values()) {
    if (!number || !text.length) continue;
    const last = text.reduce((a, b) => (b.y >= a.y ? b : a));
    const digits = number.inlines.find((i) => i[LEADER_NUMBER])!;
    number.y = last.y + last.getAscenderHeight() - number.getAscenderHeight();
    const dots = leaderDots(last, number, digits);
    if (dots) number.inlines.push(dots);
  }
}

/** The page number as it will be printed (pdfmake writes it into the inline while drawing). */
function printedNumber(digits: Inline): string {
  const at = digits._pageNodeRef?.positions?.[0] ?? digits._pageRef?._nodeRef?.positions?.[0];
  return at ? String(at.pageNumber) : String(digits.text);
}

/** One inline of dots from the end of `last` to just before the number, or undefined when there is no room. */
function leaderDots(last: Line, number: Line, digits: Inline): Inline | undefined {
  const end = last.inlines[last.inlines.length - 1];
  const textEnd = last.x + end.x + end.width - (end.trailingCut ?? 0);
  const size = digits.fontSize as number;
  const width = (s: string) => digits.font.widthOfString(s, size, digits.fontFeatures);
  // Right-aligned: the printed number's left edge, once pdfmake has put the real number in.
  const numberLeft = number.x + digits.x + digits.width - width(printedNumber(digits));
  const pitch = DOT_PITCH;
  const dot = width('.');
  // Dot centres on multiples of the pitch from the page's left edge: the same columns on every line.
  const lastCentre = Math.floor((numberLeft - GAP_AFTER * size - dot / 2) / pitch) * pitch;
  const firstCentre = Math.ceil((textEnd + GAP_BEFORE * size + dot / 2) / pitch) * pitch;
  const count = Math.round((lastCentre - firstCentre) / pitch) + 1;
  if (count < 1) return undefined;
  const { _pageRef, _pageNodeRef, pageReference, [LEADER_NUMBER]: _key, ...style } = digits;
  return {
    ...style,
    text: '.'.repeat(count),
    x: firstCentre - dot / 2 - number.x,
    // pdfkit advances each dot by its width plus the character spacing (one pitch) and is
    // given the natural width (as merge-runs.ts explains): the last dot ends the run.
    width: count * dot,
    characterSpacing: pitch - dot,
    leadingCut: 0,
    trailingCut: 0,
    alignment: 'left',
  };
}
