import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENGINE_VERSIONS, enginePatchProblems, engineVersionProblems } from '../../src/pdfmake/engine-versions.js';
import { ROOT } from '../helpers/build.js';

describe('the PDF engine forumpress patches is pinned and checked', () => {
  it('package.json pins exactly the versions the check expects, and they are what is installed', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    for (const [name, version] of Object.entries(ENGINE_VERSIONS)) expect(pkg.dependencies[name], name).toBe(version);
    expect(engineVersionProblems()).toEqual([]);
  });

  it('names each package whose installed version differs, or that is missing', () => {
    const versions: Record<string, string> = { pdfmake: '0.3.12', pdfkit: '0.19.1' };
    const installed = (name: string) => versions[name] ? { dir: `/nm/${name}`, version: versions[name] } : undefined;
    expect(engineVersionProblems(installed)).toEqual([
      'pdfmake 0.3.12 is installed, but forumpress needs exactly pdfmake 0.3.11',
      'fontkit is not installed; forumpress needs exactly fontkit 2.0.4',
    ]);
  });

  it('names a nested copy of pdfkit or fontkit that pdfmake or pdfkit would load instead of the adjusted one', () => {
    const find = (name: string, from?: string) => {
      if (name === 'pdfkit' && from === '/nm/pdfmake') return { dir: '/nm/pdfmake/node_modules/pdfkit', version: '0.19.1' };
      return { dir: `/nm/${name}`, version: ENGINE_VERSIONS[name] };
    };
    expect(engineVersionProblems(find)).toEqual([
      'pdfmake loads its own copy of pdfkit (0.19.1 in /nm/pdfmake/node_modules/pdfkit), not the one forumpress adjusts (0.19.1 in /nm/pdfkit)',
    ]);
  });

  it('finds every patch applied, and names one that is not, with what to run', () => {
    expect(enginePatchProblems()).toEqual([]);
    expect(enginePatchProblems((name) => name !== 'pdfkit')).toEqual([
      "pdfkit 0.19.1 is installed without forumpress's patch (patches/pdfkit+0.19.1.patch); run `npm install` in the forumpress folder to apply it",
    ]);
    for (const name of Object.keys(ENGINE_VERSIONS)) expect(existsSync(join(ROOT, 'patches', `${name}+${ENGINE_VERSIONS[name]}.patch`)), name).toBe(true);
  });

  it('finds the real copies: pdfmake loads the pdfkit, and pdfkit the fontkit, that forumpress adjusts', () => {
    expect(engineVersionProblems()).toEqual([]);
    const nested = join(ROOT, 'node_modules', 'pdfmake', 'node_modules', 'pdfkit');
    expect(existsSync(nested), nested).toBe(false);
  });
});
