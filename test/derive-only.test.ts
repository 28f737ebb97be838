import { describe, expect, it, vi } from 'vitest';
import { build } from '../src/build.js';
import { imposeBooklet } from '../src/finish/impose.js';
import { projectSources, realProject } from './helpers/project.js';

// Counts impositions: a build that is not asked for the print copy must not make it.
vi.mock('../src/finish/impose.js', async (original) => {
  const actual = await original<typeof import('../src/finish/impose.js')>();
  return { ...actual, imposeBooklet: vi.fn(actual.imposeBooklet) };
});

const sources = projectSources(realProject());

describe('--output derives only the copies asked for', () => {
  it('program.pdf alone: no imposition, one file, the same PDF/A booklet as beside its copies', async () => {
    const alone = await build({ ...sources, outputs: ['program.pdf'] });
    expect(alone.ok).toBe(true);
    expect([...alone.outputs.keys()]).toEqual(['program.pdf']);
    expect(imposeBooklet).not.toHaveBeenCalled();
    expect([...alone.inputHashes!.keys()]).toEqual(['program.pdf']);

    const withPrint = await build({ ...sources, outputs: ['program.pdf', 'program-print.pdf'] });
    expect(imposeBooklet).toHaveBeenCalledTimes(1);
    expect([...withPrint.outputs.keys()].sort()).toEqual(['program-print.pdf', 'program.pdf']);
    expect(Buffer.from(alone.outputs.get('program.pdf')!).equals(Buffer.from(withPrint.outputs.get('program.pdf')!))).toBe(true);
    expect(Buffer.from(alone.outputs.get('program.pdf')!).toString('latin1')).toContain('<pdfaid:part>1</pdfaid:part>');
  });

  it('a rebuild with nothing changed (--watch) reports only the asked-for file unchanged', async () => {
    const first = await build({ ...sources, outputs: ['program-archival.pdf'] });
    expect([...first.outputs.keys()]).toEqual(['program-archival.pdf']);
    const again = await build({ ...sources, outputs: ['program-archival.pdf'], previous: first.inputHashes });
    expect(again.outputs.size).toBe(0);
    expect(again.unchanged).toEqual(['program-archival.pdf']);
  });
});
