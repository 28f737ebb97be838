import type { Diagnostics } from '../diagnostics.js';
import type { Program } from '../model/types.js';
import { TemplateError, type TemplateSet } from '../layout/templates.js';
import { programIcs } from './ics.js';
import { composeWebPage } from './web.js';

/** The files for phones and calendars that are not PDFs: out/program.ics and out/program.html. */
export const SHARE_OUTPUTS = ['program.ics', 'program.html'] as const;

/**
 * Makes the calendar and the web page (those of `wanted`, or both), as bytes by file name.
 * A template error is reported as a diagnostic, and that file is left out.
 */
export function shareOutputs(program: Program, templates: TemplateSet, stamp: Date, diags: Diagnostics, wanted?: string[]): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  const want = (name: string) => !wanted || wanted.includes(name);
  if (want('program.ics')) files.set('program.ics', Buffer.from(programIcs(program, stamp)));
  if (want('program.html')) {
    try {
      files.set('program.html', Buffer.from(composeWebPage(templates, program)));
    } catch (err) {
      if (!(err instanceof TemplateError)) throw err;
      diags.error('template', err.at, err.message, err.hint);
    }
  }
  return files;
}
