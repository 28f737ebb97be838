/** What this module touches of a fontkit glyph. */
interface Glyph {
  id: number;
  _metrics?: { advanceWidth: number };
  _font: { _variationProcessor?: unknown; hmtx: unknown };
  _getTableMetrics(table: unknown): { advance: number };
}

let installed = false;

/**
 * fontkit computes a glyph's advance width together with its vertical metrics, and in a font
 * without a vmtx table (every font we ship) those need the outline's box: each glyph measured
 * had its outline decoded, ~80 ms of a build. The advance itself is the hmtx entry, read here
 * directly; a variable font (whose HVAR adjusts it) still goes through fontkit. Takes any
 * glyph, to reach the class every glyph of fontkit shares.
 */
export function installAdvanceShortcut(sample: object): void {
  if (installed) return;
  let proto: object | null = sample;
  while (proto && !Object.getOwnPropertyDescriptor(proto, 'advanceWidth')?.get) proto = Object.getPrototypeOf(proto);
  const original = proto && Object.getOwnPropertyDescriptor(proto, 'advanceWidth')!.get!;
  if (!proto || !original) return;
  installed = true;
  Object.defineProperty(proto, 'advanceWidth', {
    configurable: true,
    get(this: Glyph) {
      const value = this._metrics || this._font._variationProcessor ? original.call(this) as number
        : this._getTableMetrics(this._font.hmtx).advance;
      // As fontkit's own getter does: computed once per glyph.
      Object.defineProperty(this, 'advanceWidth', { value });
      return value;
    },
  });
}
