import type { Diagnostics } from '../diagnostics.js';
import { MAX_FILE_BYTES, type FileSource } from '../io.js';
import type { YamlFile } from '../load/yaml.js';
import type { ImageBlock } from '../model/types.js';
import { resolveImagePath, sniffImage } from '../markdown/images.js';
import { DECODE_BUDGET, EMBED_BUDGET, prepareImage, type ImageBudget } from '../markdown/image-prepare.js';

const HINT_FORMAT = 'save the logo as PNG (transparent parts print on white) or JPEG; an SVG must be exported to PNG first, at least 600 pixels wide';

/**
 * The organizers' logos that forum.yaml's `logo:` names (one file or a list), read from
 * inside the content folder and readied for print as abstracts' images are (the same budgets;
 * transparency flattened onto white, where the cover prints them). A missing, unreadable or
 * outside file is an error at its line in forum.yaml: a cover should not quietly lose its logo.
 */
export function loadLogos(logo: string | string[] | undefined, forumYaml: YamlFile, source: FileSource, diags: Diagnostics, budget: ImageBudget): ImageBlock[] {
  if (logo === undefined) return [];
  const files = Array.isArray(logo) ? logo : [logo];
  const logos: ImageBlock[] = [];
  files.forEach((file, i) => {
    const at = forumYaml.locate(Array.isArray(logo) ? ['logo', i] : ['logo']);
    const path = resolveImagePath('', file);
    if (!path) {
      diags.error('logo-outside', at, `the logo "${file}" is not a file inside the content folder; it is not read`,
        'copy the logo into the content folder (e.g. content/logo.png) and write its path from there: logo: logo.png');
      return;
    }
    const data = source.readBytes(path);
    if (!data) {
      diags.error('logo-missing', at, `there is no logo file ${source.label}/${path}`, 'check the file name; the path is relative to the content folder');
      return;
    }
    const info = data.length <= MAX_FILE_BYTES ? sniffImage(data) : undefined;
    const prepared = info && prepareImage(data, info, budget);
    if (!info || !prepared || (!prepared.ok && prepared.reason === 'broken')) {
      const svg = /\.svgz?$/i.test(path) || /^\s*<(\?xml|svg)/.test(data.subarray(0, 100).toString('latin1'));
      diags.error('logo-format', at, svg ? `${source.label}/${path} is an SVG drawing; the booklet places PNG or JPEG images`
        : `${source.label}/${path} is not a readable PNG or JPEG image (or has more than 25 million pixels)`, HINT_FORMAT);
      return;
    }
    if (!prepared.ok) {
      const limit = prepared.reason === 'decode-budget' ? `${DECODE_BUDGET / 4e6} million pixels decoded` : `${EMBED_BUDGET / 2 ** 20} MB embedded`;
      diags.error('image-budget', at, `${source.label}/${path} passes what forumpress allows one build's images (${limit})`,
        'save the logo smaller: 1000 pixels wide is plenty for a cover');
      return;
    }
    logos.push({ type: 'image', path, alt: '', ...info, data: prepared.data, format: prepared.format });
  });
  return logos;
}
