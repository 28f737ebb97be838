import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { HOOK_NAMES, loadHooks } from './hooks.js';
import { loadFontkitHooks } from '../fonts/fontkit-hooks.js';

const require = createRequire(import.meta.url);

/**
 * The versions of the PDF engine that forumpress's rendering was written and tested against.
 * Each is patched (patches/<name>+<version>.patch, applied by `npm install`: hooks the adapter
 * fills in, hooks.ts), so another version could
 * change the output silently: each is pinned in package.json, and checked here at the start
 * of every build, with its patch and the copies pdfmake and pdfkit load (a nested other copy
 * would escape those changes).
 */
export const ENGINE_VERSIONS: Readonly<Record<string, string>> = { pdfmake: '0.3.11', pdfkit: '0.19.1', fontkit: '2.0.4' };

/** Where an installed package is (as forumpress, or another package, loads it) and its version. */
export interface Installed { dir: string; version?: string }

/** Finds `name` as forumpress loads it, or (with `from`, a package's folder) as that package loads it. */
function findInstalled(name: string, from?: string): Installed | undefined {
  try {
    const resolve = from ? createRequire(join(from, 'package.json')).resolve : require.resolve;
    let dir = dirname(resolve(name));
    for (let i = 0; i < 6; i++, dir = dirname(dir)) {
      try {
        // read from the package's own package.json: fontkit does not export it
        const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
        if (pkg.name === name) return { dir, version: pkg.version };
      } catch { /* not this folder */ }
    }
  } catch { /* not installed */ }
  return undefined;
}

/**
 * pdfmake draws with the pdfkit it resolves, and pdfkit reads fonts with the fontkit it
 * resolves: forumpress's changes reach them only if those are the very copies it loads itself.
 */
const LOADED_BY: ReadonlyArray<readonly [consumer: string, dependency: string]> = [['pdfmake', 'pdfkit'], ['pdfkit', 'fontkit']];

/** What is wrong with the installed engine, one line per package, or an empty list. */
export function engineVersionProblems(find: (name: string, from?: string) => Installed | undefined = findInstalled): string[] {
  const versions = Object.entries(ENGINE_VERSIONS).flatMap(([name, wanted]) => {
    const found = find(name)?.version;
    if (found === wanted) return [];
    return [found ? `${name} ${found} is installed, but forumpress needs exactly ${name} ${wanted}` : `${name} is not installed; forumpress needs exactly ${name} ${wanted}`];
  });
  const copies = LOADED_BY.flatMap(([consumer, dependency]) => {
    const host = find(consumer);
    const ours = find(dependency);
    const theirs = host && find(dependency, host.dir);
    if (!host || !ours || !theirs || theirs.dir === ours.dir) return [];
    return [`${consumer} loads its own copy of ${dependency} (${theirs.version} in ${theirs.dir}), not the one forumpress adjusts (${ours.version} in ${ours.dir})`];
  });
  // A package of another version has another problem first: its patch is not asked about.
  const right = Object.keys(ENGINE_VERSIONS).filter((name) => find(name)?.version === ENGINE_VERSIONS[name]);
  return [...versions, ...copies, ...enginePatchProblems(patchApplied, right)];
}

/** Whether a package's patch is applied: its hooks are all there. */
function patchApplied(name: string): boolean {
  const hooks = name === 'pdfmake' || name === 'pdfkit' ? loadHooks(name) : name === 'fontkit' ? loadFontkitHooks() : undefined;
  return !!hooks && HOOK_NAMES[name as keyof typeof HOOK_NAMES].every((hook) => hook in hooks);
}

/** Each engine package installed without forumpress's patch (patches/), one line each, or an empty list. */
export function enginePatchProblems(applied: (name: string) => boolean = patchApplied, names = Object.keys(ENGINE_VERSIONS)): string[] {
  return names.flatMap((name) => applied(name) ? [] : [
    `${name} ${ENGINE_VERSIONS[name]} is installed without forumpress's patch (patches/${name}+${ENGINE_VERSIONS[name]}.patch); run \`npm install\` in the forumpress folder to apply it`,
  ]);
}
