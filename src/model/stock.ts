/** Label stock: sheets of die-cut labels or perforated cards that badges can be printed on. */

/** A sheet of labels, in millimetres: the grid's first label at (left, top), neighbours a pitch apart. */
export interface LabelStock {
  /** The sheet: A4 or US Letter. */
  paper: 'A4' | 'Letter';
  rows: number;
  columns: number;
  /** One label's size. */
  width: number;
  height: number;
  /** From the sheet's top and left edges to the first label's. */
  top: number;
  left: number;
  /** From one label's left (top) edge to its neighbour's. */
  h_pitch: number;
  v_pitch: number;
  /** The badge templates that fit: card (badges/card.hbs) or a6 (badges/a6.hbs). */
  face: 'card' | 'a6';
  /** Cut marks in the margins: for plain sheets that are cut, not for die-cut labels. */
  cut_marks: boolean;
}

const INCH = 25.4;

/**
 * Common name-badge and business-card sheets. The numbers are those of the gLabels label
 * database (github.com/jimevins/glabels-qt, templates/avery-iso-templates.xml,
 * avery-us-templates.xml, herma-iso-templates.xml; commit 2da9b2d, 2021), which lists
 * each sheet as label width × height, nx × ny, first label at x0, y0, pitch dx, dy.
 */
export const STOCK_PRESETS: Record<string, LabelStock> = {
  // Avery L4785 (also L4784, L4786, L4787): name badge labels 80 × 50 mm, 2 × 5 on A4.
  'avery-l4785': { paper: 'A4', rows: 5, columns: 2, width: 80, height: 50, top: 13, left: 18, h_pitch: 95, v_pitch: 55, face: 'card', cut_marks: false },
  // Avery 5395 (also 8395, 5095, 5895, 15395): name badge labels 3 3/8 × 2 1/3 in, 2 × 4 on US Letter.
  'avery-5395': { paper: 'Letter', rows: 4, columns: 2, width: 3.375 * INCH, height: (7 / 3) * INCH, top: (7 / 12) * INCH, left: 0.6875 * INCH, h_pitch: 3.75 * INCH, v_pitch: 2.5 * INCH, face: 'card', cut_marks: false },
  // Avery C32011: business cards 85 × 54 mm, 2 × 5 on A4, rows touching (clean-edge perforations).
  'avery-c32011': { paper: 'A4', rows: 5, columns: 2, width: 85, height: 54, top: 13.5, left: 15, h_pitch: 95, v_pitch: 54, face: 'card', cut_marks: false },
  // Herma 5028: business cards 83.8 × 50.8 mm, 2 × 5 on A4, rows touching.
  'herma-5028': { paper: 'A4', rows: 5, columns: 2, width: 83.8, height: 50.8, top: 22, left: 18.6, h_pitch: 89.2, v_pitch: 50.8, face: 'card', cut_marks: false },
};

/** Sheet sizes in millimetres. */
export const PAPER: Record<LabelStock['paper'], { width: number; height: number }> = {
  A4: { width: 210, height: 297 },
  Letter: { width: 8.5 * INCH, height: 11 * INCH },
};
