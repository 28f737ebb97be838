import type { Diagnostics } from '../diagnostics.js';
import type { FileSource } from '../io.js';
import { cellPos, parseCsv, type CsvRow } from '../load/csv.js';
import { fieldsAt } from './fields-at.js';
import { parseYaml } from '../load/yaml.js';
import type { Attendee, AttendeeList, Role } from '../model/attendees.js';
import { rolesSchema } from './schemas.js';
import { validate } from './validate.js';
import { findPhoto } from './photos.js';

/** Column names a header may use, in English or Chinese, for each field. */
const COLUMNS: Record<string, string[]> = {
  id: ['id', '编号', '序号'],
  name: ['name', '姓名'],
  name_en: ['name_en', 'english name', '英文名'],
  affiliation: ['affiliation', '单位', '工作单位'],
  role: ['role', 'roles', '角色', '身份'],
  sort_as: ['sort_as', 'sort as', '排序'],
};
const REQUIRED = ['name', 'affiliation', 'role'];
/** Several roles in one cell are separated by one of these. */
const ROLE_SEPARATOR = /[;；|、]/;

/**
 * Reads content/attendees.csv (UTF-8 with or without BOM, UTF-16 or GB18030, decoded by the
 * source) and content/roles.yaml. Returns undefined when there is no attendee file (no
 * badges are made) or on errors; an empty file is an error, not "no badges".
 */
export function loadAttendees(source: FileSource, diags: Diagnostics): AttendeeList | undefined {
  const file = `${source.label}/attendees.csv`;
  const text = source.read('attendees.csv');
  if (text === undefined) return undefined;
  const roles = loadRoles(source, diags);
  if (!text.replace(/^\uFEFF/, '').trim()) {
    diags.error('empty-file', { file, line: 1, column: 1 }, 'attendees.csv is empty, so no badge could be made (badges.pdf is not written)',
      'save the attendee list into it again from the spreadsheet; if this forum has no badges, delete attendees.csv (and out/badges.pdf)');
    return undefined;
  }
  const csv = parseCsv(file, text.replace(/^\uFEFF/, ''), diags);
  if (!csv) return undefined;
  const index = columnIndex(csv.header, file, diags);
  if (!index || !roles) return undefined;
  const extras = extraColumns(csv.header, index);
  const errors = diags.list.length;
  const attendees = csv.rows.map((row, n) => toAttendee(row, n, index, roles, file, diags))
    .filter((a): a is Omit<Attendee, 'extra'> & { row: CsvRow } => !!a)
    .map(({ row, ...a }) => ({ ...a, extra: Object.fromEntries(extras.map(([name, i]) => [name, (row.cells[i] ?? '').trim()])) }));
  checkDuplicateIds(attendees, diags);
  for (const a of attendees) a.photo = findPhoto(source, a, diags);
  return diags.list.slice(errors).some((d) => d.severity === 'error') ? undefined : { file, roles, attendees, extraColumns: extras.map(([name]) => name) };
}

function loadRoles(source: FileSource, diags: Diagnostics): Role[] | undefined {
  const file = `${source.label}/roles.yaml`;
  const text = source.read('roles.yaml');
  if (text === undefined) {
    diags.error('missing-file', { file, line: 1, column: 1 }, 'attendees.csv needs roles.yaml, the list of roles badges show',
      'create content/roles.yaml; README.md ("Badges") shows an example');
    return undefined;
  }
  const yaml = parseYaml(file, text.replace(/^\uFEFF/, ''), diags);
  const data = yaml && validate(rolesSchema, yaml, diags);
  if (!data || !yaml) return undefined;
  const seen = new Set<string>();
  data.roles.forEach((r, i) => {
    if (seen.has(r.key)) diags.error('duplicate-id', yaml.locate(['roles', i, 'key']), `role "${r.key}" is listed twice`, 'give every role its own key');
    seen.add(r.key);
  });
  return data.roles.map((r, rank) => ({ key: r.key, label: r.label, labelEn: r.label_en, color: r.color, rank,
    ...fieldsAt(yaml, ['roles', rank], { label: 'label', labelEn: 'label_en' }) }));
}

function columnIndex(header: CsvRow, file: string, diags: Diagnostics): Record<string, number> | undefined {
  const index: Record<string, number> = {};
  header.cells.forEach((cell, i) => {
    const name = cell.trim().toLowerCase();
    const field = Object.keys(COLUMNS).find((f) => COLUMNS[f].includes(name));
    if (field && index[field] === undefined) index[field] = i;
  });
  const missing = REQUIRED.filter((f) => index[f] === undefined);
  for (const field of missing) {
    diags.error('csv-header', { file, line: header.line, column: 1 }, `the first row names no "${field}" column`,
      `the first row must name the columns: ${Object.values(COLUMNS).map((c) => c[0]).join(', ')} (id and name_en are optional)`);
  }
  return missing.length ? undefined : index;
}

/**
 * The columns no field claims (dinner, table, pronouns...), named as the first row writes them,
 * for badge templates as attendee.extra.<name>. A name that is empty or given twice is skipped.
 */
function extraColumns(header: CsvRow, index: Record<string, number>): Array<[string, number]> {
  const known = new Set(Object.values(index));
  const seen = new Set<string>();
  const extras: Array<[string, number]> = [];
  header.cells.forEach((cell, i) => {
    const name = cell.trim();
    if (known.has(i) || !name || seen.has(name) || Object.hasOwn(COLUMNS, name.toLowerCase())) return;
    seen.add(name);
    extras.push([name, i]);
  });
  return extras;
}

function toAttendee(row: CsvRow, n: number, index: Record<string, number>, roles: Role[], file: string, diags: Diagnostics): (Omit<Attendee, 'extra'> & { row: CsvRow }) | undefined {
  const cell = (field: string) => (index[field] === undefined ? '' : (row.cells[index[field]] ?? '').trim());
  const at = (field: string) => ({ file, line: row.line, column: row.columns[index[field]] ?? 1 });
  const name = cell('name');
  if (!name) {
    diags.error('empty-name', at('name'), 'this attendee has no name', 'fill in the name, or delete the row');
    return undefined;
  }
  const held: Role[] = [];
  for (const word of cell('role').split(ROLE_SEPARATOR).map((w) => w.trim()).filter(Boolean)) {
    const role = roles.find((r) => r.key === word.toLowerCase() || r.label === word);
    if (!role) {
      diags.error('unknown-role', at('role'), `"${word}" (attendee ${name}) is not a role of roles.yaml`,
        `use one of: ${roles.map((r) => `${r.key} (${r.label})`).join(', ')}; or add the role to content/roles.yaml`);
      return undefined;
    }
    if (!held.includes(role)) held.push(role);
  }
  if (!held.length) {
    diags.error('missing-role', at('role'), `attendee ${name} has no role`, `give one of: ${roles.map((r) => r.key).join(', ')}`);
    return undefined;
  }
  return {
    id: cell('id') || `R${String(n + 1).padStart(4, '0')}`,
    name,
    nameEn: cell('name_en') || undefined,
    affiliation: cell('affiliation') || undefined,
    ...(cell('sort_as') ? { sortAs: cell('sort_as') } : {}),
    roles: held.sort((a, b) => a.rank - b.rank),
    at: at(index.id !== undefined && cell('id') ? 'id' : 'name'),
    fieldAt: cellsAt(file, row, index),
    row,
  };
}

/** Where the name, English name and affiliation of a row are written. */
function cellsAt(file: string, row: CsvRow, index: Record<string, number>): NonNullable<Attendee['fieldAt']> {
  const out: NonNullable<Attendee['fieldAt']> = {};
  for (const [field, key] of [['name', 'name'], ['name_en', 'nameEn'], ['affiliation', 'affiliation']] as const) {
    const pos = index[field] === undefined ? undefined : cellPos(file, row, index[field]);
    if (pos) out[key] = pos;
  }
  return out;
}

function checkDuplicateIds(attendees: Attendee[], diags: Diagnostics): void {
  const first = new Map<string, Attendee>();
  for (const a of attendees) {
    const prev = first.get(a.id);
    if (prev) {
      diags.error('duplicate-id', a.at, `id "${a.id}" (${a.name}) is already used by ${prev.name} at line ${prev.at.line}`,
        'give every attendee their own id; the QR code and --only rely on it');
    } else first.set(a.id, a);
  }
}
