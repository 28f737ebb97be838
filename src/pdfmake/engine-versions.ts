import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/**
 * The versions of the PDF engine that forumpress's rendering was written and tested against.
 * It replaces methods inside them (measure-cache.ts, merge-runs.ts, line-builder.ts,
 * font-cache.ts, qr-image.ts), so another version could change the output silently: each is
 * pinned in package.json, and checked here at the start of every build.
 */
export const ENGINE_VERSIONS: Readonly<Record<string, string>> = { pdfmake: '0.3.11', pdfkit: '0.19.1', fontkit: '2.0.4' };

/** The version of an installed package, read from its package.json (fontkit does not export it). */
function installedVersion(name: string): string | undefined {
  try {
    let dir = dirname(require.resolve(name));
    for (let i = 0; i < 6; i++, dir = dirname(dir)) {
      try {
        const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
        if (pkg.name === name) return pkg.version;
      } catch { /* not this folder */ }
    }
  } catch { /* not installed */ }
  return undefined;
}

/** What is wrong with the installed engine, one line per package, or an empty list. */
export function engineVersionProblems(installed: (name: string) => string | undefined = installedVersion): string[] {
  return Object.entries(ENGINE_VERSIONS).flatMap(([name, wanted]) => {
    const found = installed(name);
    if (found === wanted) return [];
    return [found ? `${name} ${found} is installed, but forumpress needs exactly ${name} ${wanted}` : `${name} is not installed; forumpress needs exactly ${name} ${wanted}`];
  });
}
