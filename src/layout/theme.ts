import { z } from 'zod';
import type { Diagnostics } from '../diagnostics.js';
import type { FileSource } from '../io.js';
import { parseYaml } from '../load/yaml.js';
import { validate } from '../check/validate.js';

const styleValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.number())]);

const themeSchema = z.strictObject({
  colors: z.record(z.string(), z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour written #RRGGBB')).default({}),
  styles: z.record(z.string(), z.record(z.string(), styleValue)).default({}),
  labels: z.record(z.string(), z.string()).default({}),
});

/** Colours, named styles and wording shared by every template (templates/theme.yaml). */
export type Theme = z.infer<typeof themeSchema>;

/** Reads templates/theme.yaml; a broken theme is reported and the defaults are used. */
export function loadTheme(source: FileSource, diags: Diagnostics): Theme {
  const text = source.read('theme.yaml');
  if (text === undefined) return themeSchema.parse({});
  const yaml = parseYaml(`${source.label}/theme.yaml`, text, diags);
  return (yaml && validate(themeSchema, yaml, diags)) || themeSchema.parse({});
}
