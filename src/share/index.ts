import { createHash } from 'node:crypto';
import type { Diagnostics } from '../diagnostics.js';
import type { Program } from '../model/types.js';
import { TemplateError, type TemplateSet } from '../layout/templates.js';
import { programIcs } from './ics.js';
import { composeWebPage } from './web.js';

/* The files for phones and calendars that are not PDFs: out/program.ics and out/program.html. */

/** The files made, and for `--watch` each file's digest and those that did not change. */
export interface SharedFiles {
  files: Map<string, Uint8Array>;
  hashes: Map<string, string>;
  unchanged: string[];
}

/**
 * Makes the calendar and the web page (those of `wanted`, or both). They take milliseconds, so
 * each is made and its bytes digested; one whose digest is `previous`'s is left out as unchanged.
 * A template error is reported as a diagnostic, and that file is left out.
 */
export function shareOutputs(program: Program, templates: TemplateSet, stamp: Date, diags: Diagnostics,
  wanted?: string[], previous?: ReadonlyMap<string, string>): SharedFiles {
  const made: SharedFiles = { files: new Map(), hashes: new Map(), unchanged: [] };
  const add = (name: string, make: () => string) => {
    if (wanted && !wanted.includes(name)) return;
    try {
      const bytes = Buffer.from(make());
      const hash = createHash('sha256').update(bytes).digest('hex');
      made.hashes.set(name, hash);
      if (previous?.get(name) === hash) made.unchanged.push(name);
      else made.files.set(name, bytes);
    } catch (err) {
      if (!(err instanceof TemplateError)) throw err;
      diags.error('template', err.at, err.message, err.hint);
    }
  };
  add('program.ics', () => programIcs(program, stamp));
  add('program.html', () => composeWebPage(templates, program));
  return made;
}
