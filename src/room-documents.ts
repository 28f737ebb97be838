import type { Program } from './model/types.js';
import type { SettingsFile } from './check/schemas.js';
import type { AttendeeList } from './model/attendees.js';
import type { OutputJob } from './outputs.js';
import { tentsView } from './layout/tents.js';
import { signinView } from './layout/signin.js';
import { certificatesView } from './layout/certificates.js';

/** The PDF subject (metadata) of each document, after the forum's name. */
export const ROOM_SUBJECTS: Record<string, string> = {
  'tents.pdf': '桌签 / table tents',
  'signin.pdf': '签到表 / sign-in sheets',
  'certificates.pdf': '参会证明 / certificates of attendance',
};

/**
 * The documents for the room and the registration desk, each made when its content is
 * there: table tents (content/tents.yaml), sign-in sheets and certificates of
 * attendance (attendees.csv; certificates for speakers need only the talks).
 */
export function roomDocumentJobs(program: Program, settings: SettingsFile, attendees?: AttendeeList): OutputJob[] {
  const jobs: OutputJob[] = [];
  if (program.headTables?.length) {
    const view = tentsView(program, attendees, settings.tents.seating);
    jobs.push({ output: 'tents.pdf', template: 'tents/tents.hbs', view });
  }
  if (attendees?.attendees.length) {
    const view = signinView(program, attendees, settings.signin);
    jobs.push({ output: 'signin.pdf', template: 'signin/signin.hbs', view, expectPages: { count: view.pageCount, what: `${settings.signin.rows} attendees a page` } });
  }
  const certificates = certificatesView(program, attendees, settings.certificates.for);
  if (certificates.certificates.length) {
    jobs.push({ output: 'certificates.pdf', template: 'certificates/certificates.hbs', view: certificates,
      expectPages: { count: certificates.certificates.length, what: `one page per ${settings.certificates.for === 'speakers' ? 'speaker and talk' : 'attendee'}` } });
  }
  return jobs;
}
