import { vi } from 'vitest';

/** What a command exited with and printed (`out`: both streams, in order). */
export interface CliRun { code: number; stdout: string; stderr: string; out: string }

/**
 * Runs `forumpress <args>` in this process from the folder `cwd`, as bin/forumpress.js would run
 * it there: the exit code and what it printed. For tests about what a command does, not about the
 * process (test/cli.test.ts spawns the real binary): each spawned process loaded forumpress and
 * its fonts anew, about a second apiece.
 */
export function runCli(cwd: string, ...args: string[]): Promise<CliRun>;
/** The same with another main(): the compiled one (test/helpers/compiled.ts), for code that needs dist/'s files. */
export function runCli(cwd: string, cli: (args: string[]) => Promise<number>, ...args: string[]): Promise<CliRun>;
export async function runCli(cwd: string, ...rest: Array<string | ((args: string[]) => Promise<number>)>): Promise<CliRun> {
  // src/cli.js loaded only when asked for: a file that runs the compiled CLI must not load both (each patches pdfmake).
  const cli = typeof rest[0] === 'function' ? rest.shift() as (args: string[]) => Promise<number> : (await import('../../src/cli.js')).main;
  const args = rest as string[];
  const stdout: string[] = [];
  const stderr: string[] = [];
  const all: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => { stdout.push(`${a.join(' ')}\n`); all.push(stdout.at(-1)!); });
  const err = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => { stderr.push(`${a.join(' ')}\n`); all.push(stderr.at(-1)!); });
  const here = process.cwd();
  const color = process.env.NO_COLOR;
  process.env.NO_COLOR = '1';
  process.chdir(cwd);
  try {
    const code = await cli(args);
    return { code, stdout: stdout.join(''), stderr: stderr.join(''), out: all.join('') };
  } finally {
    process.chdir(here);
    if (color === undefined) delete process.env.NO_COLOR; else process.env.NO_COLOR = color;
    log.mockRestore();
    err.mockRestore();
  }
}
