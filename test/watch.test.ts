import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './helpers/build.js';
import { extractPages, squash } from './helpers/pdf.js';
import { watchBuild } from '../src/watch.js';

// `forumpress build --watch` on a copy of the real forum: edit files, see what is rewritten.
const dir = mkdtempSync(join(tmpdir(), 'forumpress-watch-'));
const content = join(dir, 'content');
const out = join(dir, 'out');
const lines: string[] = [];
const waiters: Array<() => void> = [];
const stop = new AbortController();
let watching: Promise<number>;

/** Resolves with the next progress line that reports a finished build. */
function nextBuild(): Promise<string> {
  const seen = lines.length;
  return new Promise((done) => {
    const check = () => {
      const line = lines.slice(seen).find((l) => /^forumpress: (wrote|no output changed)/.test(l));
      if (line) done(line);
      else waiters.push(check);
    };
    check();
  });
}

function snapshot(): Map<string, { bytes: Buffer; mtime: number }> {
  return new Map(readdirSync(out).filter((f) => f.endsWith('.pdf'))
    .map((f) => [f, { bytes: readFileSync(join(out, f)), mtime: statSync(join(out, f)).mtimeMs }]));
}

beforeAll(async () => {
  cpSync(join(ROOT, 'content'), content, { recursive: true });
  cpSync(join(ROOT, 'templates'), join(dir, 'templates'), { recursive: true });
  const first = nextBuild();
  const push = (line: string) => {
    lines.push(line);
    for (const w of waiters.splice(0)) w();
  };
  watching = watchBuild({ content, templates: join(dir, 'templates'), out, strict: false, signal: stop.signal, log: push, error: push });
  expect(await first).toMatch(/^forumpress: wrote .*program\.pdf/);
  // Edits count from when every file is watched.
  for (let i = 0; i < 6000 && !lines.some((l) => l.startsWith('forumpress: watching')); i++) await new Promise((r) => setTimeout(r, 50));
});

afterAll(async () => {
  stop.abort();
  expect(await watching).toBe(0);
  rmSync(dir, { recursive: true, force: true });
});

describe('build --watch', () => {
  it('rewrites the booklet with an edited abstract, and only the outputs it affects', async () => {
    const before = snapshot();
    const file = join(content, 'abstracts', 'dong-xingsi.md');
    const marker = 'Watchful readers find this sentence.';
    const done = nextBuild();
    writeFileSync(file, readFileSync(file, 'utf8').replace('The brain performs', `${marker} The brain performs`));
    const line = await done;
    expect(line).toMatch(/^forumpress: wrote .*program\.pdf/);
    const after = snapshot();
    const pages = await extractPages(after.get('program.pdf')!.bytes);
    expect(pages.some((p) => squash(p.text).includes(squash(marker)))).toBe(true);
    // Outputs that do not show abstracts (signs, badges) keep their bytes and their file;
    // the archival and print copies are made from the booklet and change with it.
    expect(after.get('program-print.pdf')?.mtime).not.toBe(before.get('program-print.pdf')?.mtime);
    for (const [name, was] of before) {
      if (name.startsWith('program')) continue;
      expect(after.get(name)?.mtime, name).toBe(was.mtime);
      expect(line, name).toContain(name);
    }
  });

  it('rewrites nothing when a change does not alter any output', async () => {
    const before = snapshot();
    const done = nextBuild();
    writeFileSync(join(content, 'schedule.yaml'), readFileSync(join(content, 'schedule.yaml'), 'utf8') + '# a comment changes no document\n');
    expect(await done).toMatch(/^forumpress: no output changed \(unchanged: .*program\.pdf/);
    const after = snapshot();
    for (const [name, was] of before) {
      expect(after.get(name)?.mtime, name).toBe(was.mtime);
      expect(after.get(name)?.bytes.equals(was.bytes), name).toBe(true);
    }
  });

  it('keeps the last good PDFs when an edit breaks the content, and recovers', async () => {
    const before = snapshot();
    const schedule = join(content, 'schedule.yaml');
    const good = readFileSync(schedule, 'utf8');
    const failed = new Promise<string>((done) => {
      const seen = lines.length;
      const check = () => {
        const l = lines.slice(seen).find((x) => /nothing was written/.test(x));
        if (l) done(l);
        else waiters.push(check);
      };
      check();
    });
    writeFileSync(schedule, good.replace('talk: wu-yingnian', 'talk: no-such-talk'));
    expect(await failed).toMatch(/error\(s\)/);
    expect(lines.some((l) => l.includes('schedule.yaml:') && l.includes('no-such-talk'))).toBe(true);
    expect(snapshot().get('program.pdf')?.mtime).toBe(before.get('program.pdf')?.mtime);
    const done = nextBuild();
    writeFileSync(schedule, good);
    expect(await done).toMatch(/^forumpress: (wrote|no output changed)/);
  });
});

describe('build --watch and the ways editors save', () => {
  const file = join(content, 'abstracts', 'lei-na.md');
  let n = 0;
  /** Saves the abstract with a new sentence in it, as `save` writes files. */
  const edit = (save: (path: string, text: string) => void) => {
    const marker = `Saved again, time ${++n}, by an editor.`;
    save(file, readFileSync(file, 'utf8').replace(/Saved again, time \d+, by an editor\. /, '').replace(/\n---\n/, `\n---\n${marker} `));
    return marker;
  };
  /** Waits (polling, up to minutes on a busy machine) until program.pdf shows the sentence. */
  const printed = async (marker: string) => {
    let seen = -1;
    for (let tries = 0; tries < 2400; tries++) {
      const mtime = statSync(join(out, 'program.pdf')).mtimeMs;
      if (mtime !== seen) {
        seen = mtime;
        const pages = await extractPages(readFileSync(join(out, 'program.pdf')));
        if (pages.some((p) => squash(p.text).includes(squash(marker)))) return true;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    return false;
  };
  const inPlace = (path: string, text: string) => writeFileSync(path, text);
  const renameOver = (path: string, text: string) => {
    writeFileSync(`${path}.swp`, text);
    renameSync(`${path}.swp`, path);
  };
  const deleteAndCreate = (path: string, text: string) => {
    rmSync(path);
    writeFileSync(path, text);
  };

  it('rebuilds after each of two saves in place (truncate and write)', async () => {
    for (let i = 0; i < 2; i++) expect(await printed(edit(inPlace))).toBe(true);
  });

  it('rebuilds after a save that renames a new file over the old one, one that deletes and creates it, and the next save in place', async () => {
    expect(await printed(edit(renameOver))).toBe(true);
    expect(await printed(edit(deleteAndCreate))).toBe(true);
    expect(await printed(edit(inPlace))).toBe(true);
  });
});

describe('input digests', () => {
  it('see into Maps and Sets of a view, so a change there is a change', async () => {
    const { inputHash } = await import('../src/input-hash.js');
    const job = (v: object) => ({ output: 'x.pdf', template: 't.hbs', view: v });
    expect(inputHash(job({ m: new Map([['a', 1]]) }))).not.toBe(inputHash(job({ m: new Map([['a', 2]]) })));
    expect(inputHash(job({ s: new Set(['a']) }))).not.toBe(inputHash(job({ s: new Set(['b']) })));
    expect(inputHash(job({ a: 1 }), 'templates-1')).not.toBe(inputHash(job({ a: 1 }), 'templates-2'));
    expect(inputHash(job({ a: [1, 2] }))).toBe(inputHash(job({ a: [1, 2] })));
  });
});
