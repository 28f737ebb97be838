/** A copy-editor's finding in one run of text: where (offsets in the run), what, and the fix. */
export interface TypoFinding {
  rule: 'halfwidth-punctuation' | 'straight-quote' | 'dash-spacing';
  /** Offset of the first character to replace, inside the run. */
  at: number;
  /** How many characters the fix replaces. */
  length: number;
  /** The replacement text. */
  text: string;
  message: string;
}

const HAN = /\p{Script=Han}/u;
/** Chinese characters and the full-width punctuation set between them. */
const CJK = /[\p{Script=Han}\u3000-\u303f\uff01-\uff60\u2014\u2026\u201c\u201d\u2018\u2019]/u;
const FULL: Record<string, string> = { ',': '，', ';': '；', ':': '：', '?': '？', '!': '！' };

const isHan = (c: string | undefined) => !!c && HAN.test(c);
const isCjk = (c: string | undefined) => !!c && CJK.test(c);

/** Index of the first character after `i` that is not a space or tab (stays on the line). */
function skipSpaces(s: string, i: number): number {
  while (s[i] === ' ' || s[i] === '\t') i++;
  return i;
}

/** Index of the last non-space character before `i`, or -1. */
function skipSpacesBack(s: string, i: number): number {
  while (i >= 0 && (s[i] === ' ' || s[i] === '\t')) i--;
  return i;
}

/**
 * The span a pair of full-width marks at `open` and `close` replaces: spaces typed between them
 * and Chinese text outside go too, since full-width marks carry their own space.
 */
function besideChinese(s: string, open: number, close: number): { from: number; to: number } {
  const before = skipSpacesBack(s, open - 1);
  const after = skipSpaces(s, close + 1);
  return { from: isCjk(s[before]) ? before + 1 : open, to: isCjk(s[after]) ? after : close + 1 };
}

/**
 * clreq's copy-editing rules a Chinese proof-reader applies, on one run of text:
 * half-width , ; : ? ! after a Chinese character (and before Chinese text or the run's end),
 * ( ) and straight quotes around Chinese text, and spaces around —— and …….
 * Each finding carries its fix; the caller maps offsets to file positions.
 */
export function lintRun(s: string): TypoFinding[] {
  const found: TypoFinding[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c in FULL && isHan(s[i - 1])) {
      const next = skipSpaces(s, i + 1);
      if (next >= s.length || s[next] === '\n' || isCjk(s[next])) {
        found.push({ rule: 'halfwidth-punctuation', at: i, length: next - i, text: FULL[c],
          message: `half-width "${c}" in Chinese text` });
      }
    } else if (c === '(') {
      const close = s.indexOf(')', i + 1);
      const inner = close < 0 ? '' : s.slice(i + 1, close);
      // Brackets in Chinese text are full width, also around Latin words (GB/T 15834): 网络（NN）。
      const chinese = HAN.test(inner) || isHan(s[skipSpacesBack(s, i - 1)]) || isHan(s[skipSpaces(s, close + 1)]);
      if (close > 0 && !inner.includes('(') && !inner.includes('\n') && chinese) {
        const { from, to } = besideChinese(s, i, close);
        found.push({ rule: 'halfwidth-punctuation', at: from, length: i + 1 - from, text: '（', message: 'half-width "(" around Chinese text' });
        found.push({ rule: 'halfwidth-punctuation', at: close, length: to - close, text: '）', message: 'half-width ")" around Chinese text' });
        i = close;
      }
    } else if (c === '"' || c === "'") {
      const close = s.indexOf(c, i + 1);
      const inner = close < 0 ? '' : s.slice(i + 1, close);
      if (close > 0 && !inner.includes('\n') && HAN.test(inner)) {
        const [open, shut] = c === '"' ? ['“', '”'] : ['‘', '’'];
        const { from, to } = besideChinese(s, i, close);
        found.push({ rule: 'straight-quote', at: from, length: i + 1 - from, text: open, message: `straight quotes ${c}…${c} around Chinese text` });
        found.push({ rule: 'straight-quote', at: close, length: to - close, text: shut, message: `straight quotes ${c}…${c} around Chinese text` });
        i = close;
      }
    } else if ((c === '—' || c === '…') && s[i + 1] === c) {
      const before = skipSpacesBack(s, i - 1);
      const after = skipSpaces(s, i + 2);
      const chinese = isCjk(s[before]) || isCjk(s[after]);
      if (chinese && before < i - 1 && before >= 0) {
        found.push({ rule: 'dash-spacing', at: before + 1, length: i - before - 1, text: '', message: `a space before "${c}${c}"` });
      }
      if (chinese && after > i + 2 && after < s.length && s[after] !== '\n') {
        found.push({ rule: 'dash-spacing', at: i + 2, length: after - i - 2, text: '', message: `a space after "${c}${c}"` });
      }
      i += 1;
    }
  }
  return found;
}
