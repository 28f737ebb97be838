/** A markdown file split into its YAML front matter and its body. */
export interface FrontMatterSplit {
  /** The YAML between the `---` fences, or undefined when the file has none. */
  yaml: string | undefined;
  /** 0-based line where the YAML starts (added to YAML positions). */
  yamlLineOffset: number;
  body: string;
  /** 0-based line where the body starts (added to markdown positions). */
  bodyLineOffset: number;
}

const FENCE = /^---[ \t]*$/;

/** Splits `---`-fenced front matter from a markdown body; a missing closing fence leaves yaml undefined. */
export function splitFrontMatter(text: string): FrontMatterSplit & { unclosed: boolean } {
  const src = text.replace(/^\uFEFF/, '');
  const lines = src.split(/\r?\n/);
  if (!FENCE.test(lines[0] ?? '')) {
    return { yaml: undefined, yamlLineOffset: 0, body: src, bodyLineOffset: 0, unclosed: false };
  }
  const close = lines.findIndex((l, i) => i > 0 && FENCE.test(l));
  if (close < 0) {
    return { yaml: undefined, yamlLineOffset: 1, body: '', bodyLineOffset: lines.length, unclosed: true };
  }
  return {
    yaml: lines.slice(1, close).join('\n'),
    yamlLineOffset: 1,
    body: lines.slice(close + 1).join('\n'),
    bodyLineOffset: close + 1,
    unclosed: false,
  };
}
