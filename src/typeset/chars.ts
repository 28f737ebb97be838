/** Character classes of the paragraph setter (W3C clreq, UAX #14 in part). */

/** Characters that must not start a line (closing punctuation), per W3C clreq. */
export const NO_LINE_START = '，。、；：？！）》」』〕】〉’”…‥·〗〙〛︰%,.;:?!)]}～»';
/** Characters that must not end a line (opening punctuation). */
export const NO_LINE_END = '（《「『〔【〈‘“〖〘〚([{«';
/** Kept with both neighbours: the middle dot of names (谢·禹) and the wave dash of ranges (10～20). */
export const NO_BREAK_AROUND = '·～〜・';

const HAN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3005\u3006\u30FC]/u;
const CJK_PUNCT = /[\u3000-\u303F\uFF00-\uFF0F\uFF1A-\uFF20\uFF3B-\uFF40\uFF5B-\uFF65\u2018\u2019\u201C\u201D\u2014\u2026\u00B7\uFE30-\uFE4F]/u;
const LATIN_ALNUM = /[\p{L}\p{N}]/u;
const LETTER = /\p{L}/u;

/** A Chinese, Japanese or Korean letter (not punctuation). */
export function isHan(ch: string): boolean {
  return HAN.test(ch);
}

/** Full-width and CJK punctuation that the setter places one by one (its blank half may go). */
export function isCjkPunct(ch: string): boolean {
  return CJK_PUNCT.test(ch) && !isHan(ch);
}

/** A letter or digit of an alphabetic script (the Latin side of the ¼-em gap). */
export function isLatinAlnum(ch: string): boolean {
  return LATIN_ALNUM.test(ch) && !isHan(ch);
}

/** Whitespace the setter turns into glue (not the ideographic space, which is content). */
export function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\u00A0' || ch === '\u2009' || ch === '\u202F' || ch === '\u2002' || ch === '\u2003';
}

/** The script of a paragraph: 'cjk' when it has more Han than Latin letters. */
export function paragraphScript(text: string): 'cjk' | 'latin' {
  let han = 0;
  let latin = 0;
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    // ASCII first: most characters of an English paragraph, without a regular expression each.
    if (c < 0x80) {
      if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) latin++;
    } else if (isHan(ch)) han++;
    else if (LETTER.test(ch)) latin++;
  }
  return han * 3 >= latin ? 'cjk' : 'latin';
}
