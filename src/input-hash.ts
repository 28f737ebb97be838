import { createHash } from 'node:crypto';
import type { OutputJob } from './outputs.js';

/**
 * A digest of everything one output is made from: its template, the data the template
 * sees (which holds the PDF metadata too) and a salt standing for the templates folder.
 * Equal digests give equal PDFs, so `--watch` renders only outputs whose digest changed:
 * an edited abstract changes the booklet's data, not a badge's.
 */
export function inputHash(job: OutputJob, salt = ''): string {
  return createHash('sha256').update(salt).update('\0').update(job.template).update('\0').update(JSON.stringify(job.view)).digest('hex');
}
