/** pdfmake table layouts that <table layout="…"> and <rule> name: lines, padding, colours. */

import type { TableLayout as Layout } from './tree.js';

/** The layouts a template may name. */
export const TABLE_LAYOUTS = ['none', 'lines', 'grid', 'underline'];

/** A table layout by name, with its line colour and cell padding. */
export function tableLayout(name: string, color: string, padding: number): Layout {
  const pad = { paddingLeft: () => padding, paddingRight: () => padding, paddingTop: () => padding, paddingBottom: () => padding };
  switch (name) {
    case 'grid':
      return { ...pad, hLineWidth: () => 0.5, vLineWidth: () => 0.5, hLineColor: () => color, vLineColor: () => color };
    case 'lines':
      return { ...pad, hLineWidth: () => 0.5, vLineWidth: () => 0, hLineColor: () => color };
    case 'underline':
      return { ...pad, hLineWidth: (i: number, node: { table: { body: unknown[] } }) => (i === node.table.body.length ? 0.5 : 0), vLineWidth: () => 0, hLineColor: () => color };
    default:
      return { ...pad, hLineWidth: () => 0, vLineWidth: () => 0 };
  }
}

/** A one-cell table drawn as a horizontal line: a <rule> as wide as its column. */
export function ruleLayout(thickness: number, color: string): Layout {
  return { hLineWidth: (i: number) => (i === 1 ? thickness : 0), vLineWidth: () => 0, hLineColor: () => color,
    paddingTop: () => 0, paddingBottom: () => 0, paddingLeft: () => 0, paddingRight: () => 0 };
}
