import { hyphenationLanguage } from './hyphenate.js';

/** Typography settings of one document: theme.yaml's `typography`, and the program's languages. */
export interface Typography {
  /** The gap between Chinese and Latin letters or digits, in em (0: none). */
  cjkLatinSpace: number;
  /** The language Latin paragraphs are hyphenated in (en, fr, de); none: no hyphenation. */
  language?: string;
}

/** A ¼-em gap and English hyphenation. */
export const DEFAULT_TYPOGRAPHY: Typography = { cjkLatinSpace: 0.25, language: 'en' };

/** The key of a pdfmake document's defaultStyle that carries its Typography to the line builder (pdfmake ignores it). */
export const TYPOGRAPHY_KEY = 'forumpressTypography';

/**
 * The language Latin text is hyphenated in: the program's when it is a Latin language (en, fr,
 * de), else its second language's, else English (a Chinese program's English abstracts).
 */
export function latinLanguage(language: string | undefined, second: string | undefined): string {
  return hyphenationLanguage(language) ?? hyphenationLanguage(second) ?? 'en';
}

/** The settings from theme.yaml's `typography: { cjk_latin_space, hyphenate }` and the program's languages. */
export function typographyOf(theme: { cjk_latin_space?: number; hyphenate?: boolean } | undefined, language?: string, second?: string): Typography {
  return {
    cjkLatinSpace: theme?.cjk_latin_space ?? DEFAULT_TYPOGRAPHY.cjkLatinSpace,
    language: theme?.hyphenate === false ? undefined : latinLanguage(language, second),
  };
}
