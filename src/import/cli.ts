import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { Diagnostics, formatDiagnostic } from '../diagnostics.js';
import { diskSource, memorySource, writeOutputsAtomically, MAX_FILE_BYTES } from '../io.js';
import { importSchedule } from './index.js';

/** Largest export the import reads (the 1,350-event 36C3 export is 2.9 MB). */
const MAX_EXPORT_BYTES = 64 * 1024 * 1024;

/** `forumpress import FILE [--content DIR]`: returns the exit code. */
export function runImport(positionals: string[], contentDir: string, sessionGap?: string): number {
  if (positionals.length !== 1) {
    console.error('forumpress: import takes one file: forumpress import schedule.json [--content DIR]');
    return 2;
  }
  if (sessionGap !== undefined && !/^\d{1,3}$/.test(sessionGap)) {
    console.error(`forumpress: --session-gap takes minutes (e.g. 20), not "${sessionGap}"`);
    return 2;
  }
  const path = resolve(positionals[0]);
  if (!existsSync(path) || !statSync(path).isFile()) {
    console.error(`forumpress: cannot read "${positionals[0]}" (no such file)`);
    return 2;
  }
  if (statSync(path).size > MAX_EXPORT_BYTES) {
    console.error(`forumpress: "${positionals[0]}" is larger than ${MAX_EXPORT_BYTES / 1024 / 1024} MB; is it a schedule export?`);
    return 2;
  }
  const label = contentDir.replace(/\/$/, '');
  const root = resolve(contentDir);
  if (existsSync(root) && !statSync(root).isDirectory()) {
    console.error(`forumpress: "${contentDir}" is not a folder`);
    return 2;
  }
  const content = existsSync(root) ? diskSource(root, label, MAX_FILE_BYTES) : memorySource({}, label);
  const diags = new Diagnostics();
  const result = importSchedule(readFileSync(path, 'utf8'), basename(path), content, diags, { sessionGap: sessionGap === undefined ? undefined : Number(sessionGap) });
  const color = process.stderr.isTTY && !process.env.NO_COLOR;
  for (const d of diags.sorted()) console.error(formatDiagnostic(d, color));
  if (!result || diags.hasErrors) {
    console.error(`\nforumpress: the import stopped; nothing was written into ${label}.`);
    return 1;
  }
  mkdirSync(root, { recursive: true });
  try {
    writeOutputsAtomically(root, new Map([...result.files].map(([p, text]) => [p, Buffer.from(text)])));
  } catch (err) {
    console.error(`forumpress: cannot write into "${contentDir}": ${(err as Error).message}; nothing was changed`);
    return 1;
  }
  const s = result.stats;
  const adapted = diags.list.length;
  console.log(`forumpress: imported ${s.events} events (${s.talks} talks) into ${label}: ${s.sessions} sessions over ${s.days} days in ${s.rooms} rooms; ` +
    `${s.created} file(s) new, ${s.updated} updated, ${s.unchanged} unchanged${adapted ? `; ${adapted} note(s) above on what was adapted` : ''}.\n` +
    `Next: fill in the venue in ${label}/forum.yaml, then run forumpress check --content ${label}`);
  return 0;
}
