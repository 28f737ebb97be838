import type { Program } from './model/types.js';
import type { SettingsFile } from './check/schemas.js';
import { programView } from './layout/view.js';

/** One PDF to produce: the template that lays it out and the data it gets. */
export interface OutputJob {
  /** File name inside out/, e.g. program.pdf */
  output: string;
  /** Template path inside templates/, e.g. booklet/booklet.hbs */
  template: string;
  view: object;
}

/**
 * Every document a build produces, from the checked program and the settings.
 * New kinds of output (signs, badges...) add their jobs here.
 */
export function outputJobs(program: Program, settings: SettingsFile): OutputJob[] {
  const view = programView(program);
  return [{ output: 'program.pdf', template: 'booklet/booklet.hbs', view: { ...view, paper: settings.booklet.paper } }];
}

/** A file made from a rendered output's bytes rather than rendered again (src/render/derive.ts). */
export type DerivedOutput =
  | { output: string; kind: 'pdfa'; part: 1 | 3 }
  | { output: string; kind: 'imposed'; marks: boolean };

/**
 * Files derived from other outputs, by the output they come from: the booklet's PDF/A
 * copy and its pages imposed for printing. The booklet is rendered once for all three.
 */
export function derivedOutputs(settings: SettingsFile): Record<string, DerivedOutput[]> {
  return {
    'program.pdf': [
      { output: 'program-archival.pdf', kind: 'pdfa', part: settings.archival.pdfa === '3b' ? 3 : 1 },
      { output: 'program-print.pdf', kind: 'imposed', marks: settings.print.crop_marks },
    ],
  };
}
