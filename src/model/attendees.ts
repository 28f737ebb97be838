/** Attendees and their roles: what badges are made from (content/attendees.csv, content/roles.yaml). */

/** A role printed on badges, e.g. speaker; `rank` 0 is the most senior. */
export interface Role {
  key: string;
  label: string;
  labelEn?: string;
  color: string;
  rank: number;
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
}

/** The attendee list and the roles it uses. */
export interface AttendeeList {
  file: string;
  roles: Role[];
  attendees: Attendee[];
}
