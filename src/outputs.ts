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
