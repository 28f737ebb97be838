import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENGINE_VERSIONS, engineVersionProblems } from '../../src/pdfmake/engine-versions.js';
import { ROOT } from '../helpers/build.js';

describe('the PDF engine forumpress patches is pinned and checked', () => {
  it('package.json pins exactly the versions the check expects, and they are what is installed', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    for (const [name, version] of Object.entries(ENGINE_VERSIONS)) expect(pkg.dependencies[name], name).toBe(version);
    expect(engineVersionProblems()).toEqual([]);
  });

  it('names each package whose installed version differs, or that is missing', () => {
    const installed = (name: string) => ({ pdfmake: '0.3.12', pdfkit: '0.19.1' } as Record<string, string>)[name];
    expect(engineVersionProblems(installed)).toEqual([
      'pdfmake 0.3.12 is installed, but forumpress needs exactly pdfmake 0.3.11',
      'fontkit is not installed; forumpress needs exactly fontkit 2.0.4',
    ]);
  });
});
