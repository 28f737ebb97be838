/** Text helpers for Chinese and mixed-script layout. */

const CJK = /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u{20000}-\u{3FFFF}]/u;

/** True when the character is Chinese (Han, CJK punctuation, full-width forms). */
export function isCjk(ch: string | undefined): boolean {
  return !!ch && CJK.test(ch);
}

/**
 * Collapses template whitespace as HTML does, except that a line break between two
 * Chinese characters disappears instead of becoming a space. The ideographic space
 * (U+3000) and no-break space are content, never collapsed.
 */
export function normalizeSpace(text: string): string {
  return text.replace(/[ \t\r\n]+/g, (run, offset: number, whole: string) => {
    if (!run.includes('\n')) return ' ';
    const before = [...whole.slice(0, offset)].pop();
    const after = [...whole.slice(offset + run.length)][0];
    return isCjk(before) || isCjk(after) ? '' : ' ';
  });
}

/** Characters that must not start a line (closing punctuation), per W3C clreq. */
export const NO_LINE_START = '，。、；：？！）》」』〕】〉’”…‥·〗〙〛︰%,.;:?!)]}';
/** Characters that must not end a line (opening punctuation). */
export const NO_LINE_END = '（《「『〔【〈‘“〖〘〚([{';
