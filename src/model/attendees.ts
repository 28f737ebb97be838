import type { FieldsAt } from './types.js';
/** Attendees and their roles: what badges are made from (content/attendees.csv, content/roles.yaml). */

/** A role printed on badges, e.g. speaker; `rank` 0 is the most senior. */
export interface Role {
  key: string;
  label: string;
  labelEn?: string;
  color: string;
  rank: number;
  fieldAt?: FieldsAt<'label' | 'labelEn'>;
}

/** One person who gets a badge. */
export interface Attendee {
  id: string;
  name: string;
  nameEn?: string;
  affiliation?: string;
  /** How lists of people file this name (the `sort_as` column), when the computed reading is wrong. */
  sortAs?: string;
  /** Every role the person holds, most senior first. */
  roles: Role[];
  /** Where the person's row is, for diagnostics about their badge. */
  at: { file: string; line: number; column: number };
  /** Where the name, English name and affiliation cells are written. */
  fieldAt?: FieldsAt<'name' | 'nameEn' | 'affiliation'>;
  /** The other columns of the row (dinner, table, pronouns...), by their name in the first row. */
  extra: Record<string, string>;
  /** content/photos/<id>.jpg or .png, when there is one and it is a readable image. */
  photo?: AttendeePhoto;
}

/** A badge photo found in content/photos/: its path in content/ and a digest of its bytes. */
export interface AttendeePhoto {
  path: string;
  format: 'png' | 'jpeg';
  width: number;
  height: number;
  /** SHA-256 of the file: a changed photo changes the badges' input digest. */
  digest: string;
}

/** The attendee list and the roles it uses. */
export interface AttendeeList {
  file: string;
  roles: Role[];
  attendees: Attendee[];
  /** Names of the columns besides the known ones, in the order of the first row. */
  extraColumns: string[];
}
