import { describe, expect, it, vi } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from '../src/build.js';
import { main } from '../src/cli.js';
import { ROOT, realSources } from './helpers/build.js';
import { overlay } from './helpers/overlay.js';

const HEADER = 'id,name,name_en,affiliation,role\n';

async function diagnosticsFor(csv: string, roles?: string) {
  const { content, templates } = realSources();
  const files: Record<string, string> = { 'attendees.csv': csv };
  if (roles) files['roles.yaml'] = roles;
  const result = await build({ content: overlay(content, files), templates });
  return { ...result, errors: result.diagnostics.filter((d) => d.severity === 'error') };
}

// Each case: the CSV, and the error expected at its line and column.
const cases = [
  { name: 'a duplicate id', csv: `${HEADER}A001,雷娜,,大连理工大学,speaker\nA002,田亮,,香港浸会大学,speaker\nA001,祁阳,,复旦大学,speaker\n`,
    expected: { rule: 'duplicate-id', line: 4, column: 1 }, says: ['A001', '祁阳', 'line 2'] },
  { name: 'an empty name', csv: `${HEADER}A001,雷娜,,大连理工大学,speaker\nA002,  ,,香港浸会大学,speaker\n`,
    expected: { rule: 'empty-name', line: 3, column: 6 }, says: ['no name'] },
  { name: 'an unknown role', csv: `${HEADER}A001,雷娜,,大连理工大学,speaker;vip\n`,
    expected: { rule: 'unknown-role', line: 2, column: 17 }, says: ['"vip"', '雷娜', 'roles.yaml'] },
  { name: 'an unclosed quote', csv: `${HEADER}A001,雷娜,,大连理工大学,speaker\nA002,"田亮,,香港浸会大学,speaker\nA003,祁阳,,复旦大学,speaker\n`,
    expected: { rule: 'csv-syntax', line: 3, column: 6 }, says: ['never closed'] },
  { name: 'a missing role column', csv: 'id,name,affiliation\nA001,雷娜,大连理工大学\n',
    expected: { rule: 'csv-header', line: 1, column: 1 }, says: ['"role"'] },
];

describe('bad attendee files', () => {
  for (const c of cases) {
    it(`reports ${c.name} at its line and column, with what to do, and builds nothing`, async () => {
      const result = await diagnosticsFor(c.csv);
      expect(result.ok).toBe(false);
      expect(result.outputs.size).toBe(0);
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0]).toMatchObject({ file: 'content/attendees.csv', ...c.expected });
      for (const s of c.says) expect(result.errors[0].message).toContain(s);
      expect(result.errors[0].hint).toBeTruthy();
    });
  }

  it('reports a role file with a bad colour at its line', async () => {
    const result = await diagnosticsFor(`${HEADER}A001,雷娜,,大连理工大学,speaker\n`, 'roles:\n  - key: speaker\n    label: 报告嘉宾\n    color: red\n');
    expect(result.errors[0]).toMatchObject({ file: 'content/roles.yaml', line: 4, rule: 'schema' });
  });

  it('leaves out/ as it was when the build fails (command line)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fp-bad-'));
    cpSync(join(ROOT, 'content'), join(dir, 'content'), { recursive: true });
    writeFileSync(join(dir, 'content', 'attendees.csv'), `${HEADER}A001,"雷娜,,大连理工大学,speaker\n`);
    const out = join(dir, 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'badges.pdf'), 'the previous build');
    const errors: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((s: string) => void errors.push(s));
    const code = await main(['build', '--content', join(dir, 'content'), '--templates', join(ROOT, 'templates'), '--out', out]);
    spy.mockRestore();
    expect(code).toBe(1);
    expect(readdirSync(out)).toEqual(['badges.pdf']);
    expect(readFileSync(join(out, 'badges.pdf'), 'utf8')).toBe('the previous build');
    expect(errors.join('\n')).toMatch(/attendees\.csv:2:6: error\[csv-syntax\]/);
    expect(errors.join('\n')).toContain('nothing was written');
  });
});
