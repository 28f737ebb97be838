import { spawn, spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './helpers/build.js';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCK_NAME, OutputLocked, writeOutputsAtomically } from '../src/io.js';

// Writing out/: all or nothing, a truthful message, and one build at a time.

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function outDir(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'forumpress-write-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const outputs = () => new Map<string, Uint8Array>([['program.pdf', Buffer.from('new booklet')], ['program-print.pdf', Buffer.from('new print')],
  ['signs.pdf', Buffer.from('new signs')], ['badges.pdf', Buffer.from('new badges')]]);
const read = (dir: string, name: string) => readFileSync(join(dir, name), 'utf8');

describe('writing the outputs', () => {
  it('when a rename fails half-way, the files already renamed are put back and the message says nothing changed', () => {
    const out = outDir({ 'program.pdf': 'old booklet', 'program-print.pdf': 'old print' });
    // signs.pdf cannot be replaced: a folder (with a file in it) has its name.
    mkdirSync(join(out, 'signs.pdf'));
    writeFileSync(join(out, 'signs.pdf', 'keep'), '');
    expect(() => writeOutputsAtomically(out, outputs())).toThrow(/^signs\.pdf: .*\nNothing was changed in .*: the files already written were put back as they were\.$/s);
    expect(read(out, 'program.pdf')).toBe('old booklet');
    expect(read(out, 'program-print.pdf')).toBe('old print');
    // No temporary file, no backup, no lock, and no badges.pdf (it was not there before).
    expect(readdirSync(out).sort()).toEqual(['program-print.pdf', 'program.pdf', 'signs.pdf']);
  });

  it('writes every file and leaves no temporary file, backup or lock', () => {
    const out = outDir({ 'program.pdf': 'old booklet', '.forumpress-signs.pdf.4242-abcd.tmp': 'left by a killed build' });
    expect(writeOutputsAtomically(out, outputs()).length).toBe(4);
    expect(readdirSync(out).sort()).toEqual(['badges.pdf', 'program-print.pdf', 'program.pdf', 'signs.pdf']);
    expect(read(out, 'program.pdf')).toBe('new booklet');
  });

  it('a second build waits while another holds out/, then writes; its temporary files are not swept by the other', async () => {
    const out = outDir({ 'program.pdf': 'old booklet' });
    // Another build: holds the lock (naming its own live process) with a temporary file of its own, then finishes.
    const holder = spawn('sh', ['-c', `echo "{\\"pid\\":$$,\\"host\\":\\"${hostname()}\\"}" > ${LOCK_NAME}; touch .forumpress-signs.pdf.other.tmp; `
      + `while [ ! -e go ]; do sleep 0.05; done; rm .forumpress-signs.pdf.other.tmp ${LOCK_NAME}`], { cwd: out });
    const exited = new Promise((r) => holder.once('exit', r));
    await waitFor(() => readdirSync(out).includes('.forumpress-signs.pdf.other.tmp') && readdirSync(out).includes(LOCK_NAME));
    // Still held: refused after a short wait, with a message that says who holds it and what to do.
    expect(() => writeOutputsAtomically(out, outputs(), 300)).toThrow(OutputLocked);
    expect(() => writeOutputsAtomically(out, outputs(), 300)).toThrow(new RegExp(`another forumpress build \\(process ${holder.pid}\\) is writing into .*\\nWait for it to finish; if no build is running, delete .*${LOCK_NAME.replace('.', '\\.')}`));
    expect(readdirSync(out)).toContain('.forumpress-signs.pdf.other.tmp');
    expect(read(out, 'program.pdf')).toBe('old booklet');
    // A build that waits (in a child process: the wait blocks) writes once the other is done, not before.
    const io = pathToFileURL(join(ROOT, 'dist/io.js')).href;
    const writer = spawn(process.execPath, ['-e', `console.log('waiting'); import(${JSON.stringify(io)}).then((m) => {
      m.writeOutputsAtomically(${JSON.stringify(out)}, new Map([['program.pdf', Buffer.from('new booklet')]]), 600000); console.log('written'); })`]);
    let said = '';
    writer.stdout.on('data', (b) => (said += b));
    const wrote = new Promise((r) => writer.once('exit', r));
    await waitFor(() => said.includes('waiting'));
    expect(read(out, 'program.pdf')).toBe('old booklet');
    writeFileSync(join(out, 'go'), '');
    await exited;
    expect(await wrote).toBe(0);
    expect(said).toContain('written');
    expect(read(out, 'program.pdf')).toBe('new booklet');
    expect(readdirSync(out).sort()).toEqual(['go', 'program.pdf']);
  });

  it('a lock left by a build that was killed is taken over', () => {
    const out = outDir();
    const dead = spawnSync('sh', ['-c', 'echo $$']).stdout.toString().trim();
    writeFileSync(join(out, LOCK_NAME), JSON.stringify({ pid: Number(dead), host: hostname() }));
    writeOutputsAtomically(out, outputs(), 0);
    expect(readdirSync(out).sort()).toEqual(['badges.pdf', 'program-print.pdf', 'program.pdf', 'signs.pdf']);
  });
});

/** Polls until `ready` holds (generously: a busy machine is slow, never wrong). */
async function waitFor(ready: () => boolean): Promise<void> {
  for (let i = 0; i < 6000 && !ready(); i++) await new Promise((r) => setTimeout(r, 50));
  expect(ready()).toBe(true);
}
