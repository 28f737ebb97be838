import type { Image, Paragraph } from 'mdast';
import type { Block } from '../model/types.js';
import { MAX_FILE_BYTES } from '../io.js';
import type { MarkdownState } from './handlers.js';
import { resolveImagePath, sniffImage } from './images.js';
import { DECODE_BUDGET, EMBED_BUDGET, imageBudget, prepareImage } from './image-prepare.js';

/** True for a paragraph that is one image and nothing else (whitespace aside). */
export function isLoneImage(node: Paragraph): boolean {
  const parts = node.children.filter((c) => !(c.type === 'text' && !c.value.trim()));
  return parts.length === 1 && parts[0].type === 'image';
}

/**
 * An image on its own line becomes an image block, read from inside the content folder
 * only. A URL, an absolute path or a path leaving the folder is never read: the alt
 * text is printed instead, with a warning, as for a missing or unknown file.
 */
export function imageBlock(node: Paragraph, state: MarkdownState): Block[] {
  const image = node.children.find((c): c is Image => c.type === 'image')!;
  const fallback = (rule: string, message: string, hint: string): Block[] => {
    const p = image.position?.start;
    state.diags.warn(rule, { file: state.file, line: (p?.line ?? 1) + state.lineOffset, column: p?.column ?? 1 }, message, hint);
    return image.alt ? [{ type: 'paragraph', inlines: [{ text: image.alt }] }] : [];
  };
  const { files, dir } = state.images!;
  const path = resolveImagePath(dir, image.url);
  if (!path) {
    return fallback('image-outside', `the image "${image.url}" is not a file inside the content folder; it is not read`,
      'copy the image into the content folder (e.g. content/abstracts/figure.png) and give its path relative to this file');
  }
  const data = files.readBytes(path);
  if (!data) return fallback('image-missing', `there is no image file ${files.label}/${path}`, 'check the file name; paths are relative to this markdown file');
  const info = data.length <= MAX_FILE_BYTES ? sniffImage(data) : undefined;
  if (!info) return fallback('image-format', `${files.label}/${path} is not a readable PNG or JPEG image (or has more than 25 million pixels)`, 'save the figure again as PNG or JPEG, at most 5000 × 5000 pixels');
  const prepared = prepareImage(data, info, (state.images!.budget ??= imageBudget()));
  if (!prepared.ok) {
    if (prepared.reason === 'broken') return fallback('image-format', `${files.label}/${path} is not a readable PNG image`, 'save the figure again as PNG or JPEG');
    const [what, limit] = prepared.reason === 'decode-budget' ? ['decoded', `${DECODE_BUDGET / 4e6} million pixels`] : ['embedded', `${EMBED_BUDGET / 2 ** 20} MB`];
    return fallback('image-budget', `${files.label}/${path} is not placed: the booklet's images would pass the ${limit} forumpress ${what} for one build`,
      'save large figures smaller (at most 1333 × 1000 pixels is enough for print), as JPEG for photos; the alt text is printed instead');
  }
  if (prepared.flattened) {
    const p = image.position?.start;
    state.diags.warn('pdfa-transparency', { file: state.file, line: (p?.line ?? 1) + state.lineOffset, column: p?.column ?? 1 },
      `${files.label}/${path} has transparent parts; it is printed on white, as PDF/A-1 requires`,
      'save the figure without transparency (on a white background) to silence this');
  }
  return [{ type: 'image', path, alt: image.alt ?? '', ...info, data: prepared.data, format: prepared.format }];
}
