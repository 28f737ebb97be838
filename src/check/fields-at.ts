import type { YamlFile } from '../load/yaml.js';
import type { FieldPos, FieldsAt } from '../model/types.js';

/**
 * Where the string fields of the mapping at `path` are written, by the model's names for them
 * (`{ nameEn: 'name_en' }`; a path for a nested one); `{}` when the mapping has none of them.
 */
export function fieldsAt<K extends string>(yaml: YamlFile, path: ReadonlyArray<PropertyKey>,
  keys: Record<K, string | ReadonlyArray<PropertyKey>>): { fieldAt?: FieldsAt<K> } {
  const out: FieldsAt<K> = {};
  let found = false;
  for (const name of Object.keys(keys) as K[]) {
    const key = keys[name];
    const pos = yaml.fieldAt([...path, ...(typeof key === 'string' ? [key] : key)]);
    if (pos) {
      out[name] = pos;
      found = true;
    }
  }
  return found ? { fieldAt: out } : {};
}

/** Where each item of the list at `path` is written (undefined for an item that is no string). */
export function itemsAt(yaml: YamlFile, path: ReadonlyArray<PropertyKey>, length: number): Array<FieldPos | undefined> {
  return Array.from({ length }, (_, i) => yaml.fieldAt([...path, i]));
}
