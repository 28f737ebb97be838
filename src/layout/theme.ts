import { z } from 'zod';
import type { Diagnostics } from '../diagnostics.js';
import type { FileSource } from '../io.js';
import { parseYaml, type YamlFile } from '../load/yaml.js';
import { AttributeError, STYLE_ATTRIBUTES } from './style-attrs.js';
import { validate } from '../check/validate.js';

const styleValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.number())]);

/** A font file in the fonts/ folder; a face of a collection (.ttc) is chosen by its PostScript name. */
const fontFile = z.union([z.string().min(1), z.strictObject({ file: z.string().min(1), postscript: z.string().min(1) })]);
const fontFaces = z.strictObject({ normal: fontFile, bold: fontFile.optional(), italics: fontFile.optional(), bolditalics: fontFile.optional() });

const themeSchema = z.strictObject({
  colors: z.record(z.string(), z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour written #RRGGBB')).default({}),
  styles: z.record(z.string(), z.record(z.string(), styleValue)).default({}),
  labels: z.record(z.string(), z.string()).default({}),
  fonts: z.partialRecord(z.enum(['serif', 'sans', 'mono']), fontFaces).default({}),
  /** The paragraph setter's switches (src/typeset/config.ts). */
  typography: z.strictObject({ cjk_latin_space: z.number().min(0).max(1).optional(), hyphenate: z.boolean().optional() }).default({}),
});

/** Colours, named styles and wording shared by every template (templates/theme.yaml). */
export type Theme = z.infer<typeof themeSchema>;

/** Reads templates/theme.yaml; a broken theme is reported and the defaults are used. */
export function loadTheme(source: FileSource, diags: Diagnostics): Theme {
  const text = source.read('theme.yaml');
  if (text === undefined) return themeSchema.parse({});
  const yaml = parseYaml(`${source.label}/theme.yaml`, text, diags);
  const theme = (yaml && validate(themeSchema, yaml, diags)) || themeSchema.parse({});
  if (yaml) checkStyles(theme, yaml, diags);
  return theme;
}

/** Each style value is checked here, at its line, and a bad one is dropped so the templates still render. */
function checkStyles(theme: Theme, yaml: YamlFile, diags: Diagnostics): void {
  for (const [name, style] of Object.entries(theme.styles)) {
    for (const [key, value] of Object.entries(style)) {
      const spec = Object.hasOwn(STYLE_ATTRIBUTES, key) ? STYLE_ATTRIBUTES[key] : undefined;
      try {
        if (!spec) throw new AttributeError(`unknown property "${key}"`);
        spec[1](value, theme);
      } catch (err) {
        if (!(err instanceof AttributeError)) throw err;
        diags.error('theme-style', spec ? yaml.locate(['styles', name, key]) : yaml.locateKey(['styles', name], key),
          `style "${name}", ${key}: ${err.message}`, 'README.md ("Templates") lists the style attributes and their values');
        delete style[key];
      }
    }
  }
}
