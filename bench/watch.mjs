// The --watch part of the benchmark: a watch process on a copy of a content folder; one
// abstract is edited again and again, and the time from the write to the "wrote" line is taken.
import { spawn } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Edits one abstract `edits` times under `forumpress build --watch`; latencies in seconds and the last progress line. */
export async function measureWatch({ root, content, templates, work, edits = 5 }) {
  rmSync(work, { recursive: true, force: true });
  cpSync(content, join(work, 'content'), { recursive: true });
  cpSync(templates, join(work, 'templates'), { recursive: true });
  const child = spawn(process.execPath, [join(root, 'bin', 'forumpress.js'), 'build', '--watch', '--content', join(work, 'content'),
    '--templates', join(work, 'templates'), '--out', join(work, 'out')], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = [];
  let notify = () => {};
  child.stdout.setEncoding('utf8').on('data', (chunk) => { lines.push(...chunk.split('\n').filter(Boolean)); notify(); });
  child.stderr.resume();
  const waitFor = (pattern, from) => new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`watch: no line matching ${pattern} in 60 s:\n${lines.join('\n')}`)), 60_000);
    const check = () => {
      const line = lines.slice(from).find((l) => pattern.test(l));
      if (line) { clearTimeout(timer); done(line); }
    };
    notify = check;
    check();
  });
  try {
    await waitFor(/^forumpress: watching/, 0);
    const file = join(work, 'content', 'abstracts', readdirSync(join(work, 'content', 'abstracts')).sort()[0]);
    const latencies = [];
    let last = '';
    for (let i = 0; i < edits; i++) {
      const from = lines.length;
      const started = process.hrtime.bigint();
      writeFileSync(file, readFileSync(file, 'utf8') + `\nEdit ${i + 1} of the benchmark.\n`);
      last = await waitFor(/^forumpress: (wrote|no output changed)/, from);
      latencies.push(Number(process.hrtime.bigint() - started) / 1e9);
    }
    return { latencies, last };
  } finally {
    child.kill('SIGINT');
  }
}
