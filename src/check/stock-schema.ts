import { z } from 'zod';
import { PAPER, STOCK_PRESETS } from '../model/stock.js';

/** Names settings.yaml's `badges.layouts` may list: the built-in sheets, `stock`, and every label-stock preset. */
export const BADGE_LAYOUTS = ['card', 'a6', 'printer', 'stock', ...Object.keys(STOCK_PRESETS)] as [string, ...string[]];

const mm = (what: string) => z.number({ error: `must be a number of millimetres (${what})` });

/**
 * settings.yaml's `badges.stock`: a sheet of labels given by its grid, in millimetres. The
 * grid must fit the paper and labels must not overlap; each problem is reported at its field.
 */
export const stockSchema = z.strictObject({
  paper: z.enum(['A4', 'Letter']).default('A4'),
  rows: z.number().int().min(1).max(20),
  columns: z.number().int().min(1).max(10),
  width: mm('a label\'s width').min(20).max(300),
  height: mm('a label\'s height').min(15).max(300),
  top: mm('sheet edge to the first label').min(0),
  left: mm('sheet edge to the first label').min(0),
  h_pitch: mm('left edge of a label to the left edge of the next').optional(),
  v_pitch: mm('top edge of a label to the top edge of the one below').optional(),
  face: z.enum(['card', 'a6']).optional(),
  cut_marks: z.boolean().default(false),
}).transform((s, ctx) => {
  const stock = {
    ...s,
    h_pitch: s.h_pitch ?? s.width,
    v_pitch: s.v_pitch ?? s.height,
    face: s.face ?? (s.width >= 100 && s.height >= 100 ? 'a6' as const : 'card' as const),
  };
  const paper = PAPER[stock.paper];
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  if (stock.columns > 1 && stock.h_pitch < stock.width) issue('h_pitch', `${stock.h_pitch} mm is less than the label's width (${stock.width} mm): neighbouring labels would overlap`);
  if (stock.rows > 1 && stock.v_pitch < stock.height) issue('v_pitch', `${stock.v_pitch} mm is less than the label's height (${stock.height} mm): labels would overlap`);
  const right = stock.left + (stock.columns - 1) * stock.h_pitch + stock.width;
  const bottom = stock.top + (stock.rows - 1) * stock.v_pitch + stock.height;
  if (right > paper.width + 0.05) issue(stock.columns > 1 ? 'columns' : 'width', `the labels reach ${round(right)} mm from the left edge, past the ${stock.paper} sheet (${round(paper.width)} mm wide)`);
  if (bottom > paper.height + 0.05) issue(stock.rows > 1 ? 'rows' : 'height', `the labels reach ${round(bottom)} mm from the top edge, past the ${stock.paper} sheet (${round(paper.height)} mm high)`);
  return stock;
});

function round(v: number): string {
  return String(Math.round(v * 10) / 10);
}
