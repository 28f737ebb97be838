import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './helpers/build.js';
import { extractPages, squash } from './helpers/pdf.js';

// The compiled command line (npm install compiles it) renders big badge files in chunks on
// worker threads; this checks that the chunks come back complete and in order.
describe('forumpress build with many attendees (compiled, worker threads)', () => {
  it('prints every badge once, in the order of the file, across chunks', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fp-many-'));
    cpSync(join(ROOT, 'content'), join(dir, 'content'), { recursive: true });
    const rows = Array.from({ length: 520 }, (_, i) => `M${String(i + 1).padStart(4, '0')},测试${i + 1}号,,单位${i + 1},attendee`);
    writeFileSync(join(dir, 'content', 'attendees.csv'), `id,name,name_en,affiliation,role\n${rows.join('\n')}\n`);
    const log = execFileSync('node', [join(ROOT, 'bin', 'forumpress.js'), 'build', '--content', join(dir, 'content'),
      '--templates', join(ROOT, 'templates'), '--out', join(dir, 'out'), '--output', 'badges.pdf'], { encoding: 'utf8' });
    expect(log).toContain('badges.pdf');
    const pages = await extractPages(readFileSync(join(dir, 'out', 'badges.pdf')));
    expect(pages).toHaveLength(52);
    const all = squash(pages.map((p) => p.items.map((it) => it.str).join('')).join(''));
    let from = 0;
    for (let i = 1; i <= 520; i++) {
      const at = all.indexOf(`测试${i}号单位${i}`, from);
      expect(at, `badge ${i}`).toBeGreaterThanOrEqual(from);
      from = at + 1;
    }
  });
});
