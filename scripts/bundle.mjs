// Bundles the compiled CLI (dist/) and its dependencies into one CommonJS file per entry
// (dist/bundle/), run by bin/forumpress.js. Node loads one file instead of ~700 (a third of a
// cold build went to finding, reading and compiling modules); see bench/notes.md.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// The compiled dist/ to bundle (a test bundles its own copy): the first argument, or dist/.
const dist = process.argv[2] ?? join(root, 'dist');
const out = join(dist, 'bundle');
// Made aside and moved into place whole: an interrupted or failed bundling leaves the last
// bundle (or none, and the plain modules run), never a half-made one.
const next = join(dist, `bundle.${process.pid}.tmp`);
const require = createRequire(import.meta.url);

/**
 * dist/ is ESM that loads CommonJS packages through `createRequire(import.meta.url)`; dropping
 * that line leaves plain `require` calls, which esbuild bundles with the same module instances
 * pdfkit itself requires (one fontkit, one pdfmake), as Node does.
 */
const plainRequire = {
  name: 'plain-require',
  setup(b) {
    const ours = new RegExp(`^${dist.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[\\\\/].*\\.js$`);
    b.onLoad({ filter: ours }, (args) => ({
      contents: readFileSync(args.path, 'utf8').replace(/const require = createRequire\(import\.meta\.url\);/, ''),
      loader: 'js',
    }));
  },
};

/** tiny-inflate (Unicode tables inflated at load, WOFF fonts) runs on Node's zlib: scripts/native-inflate.cjs. */
const nativeInflate = {
  name: 'native-inflate',
  setup(b) {
    b.onResolve({ filter: /^tiny-inflate$/ }, () => ({ path: join(root, 'scripts', 'native-inflate.cjs') }));
  },
};

rmSync(next, { recursive: true, force: true });
mkdirSync(next, { recursive: true });
await build({
  entryPoints: { cli: join(dist, 'cli.js'), 'badge-worker': join(dist, 'badge-render', 'badge-worker.js') },
  outdir: next,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // import.meta.url in a CommonJS bundle: the bundle file's own URL.
  define: { 'import.meta.url': '__bundleUrl' },
  banner: { js: 'const __bundleUrl = require("node:url").pathToFileURL(__filename).href;' },
  plugins: [plainRequire, nativeInflate],
  legalComments: 'none',
  // Whitespace only: names stay, so an internal error's stack still reads.
  minifyWhitespace: true,
  logLevel: 'warning',
});
// Every package must be inside: a require left for run time would load a second copy of it.
for (const file of ['cli.js', 'badge-worker.js']) {
  const left = [...readFileSync(join(next, file), 'utf8').matchAll(/\brequire\("([^"]+)"\)/g)]
    .map((m) => m[1]).filter((id) => !id.startsWith('node:') && !builtinModules.includes(id));
  if (left.length) throw new Error(`${file} still requires ${[...new Set(left)].join(', ')} at run time`);
}
// The bundles are CommonJS inside an ESM package.
writeFileSync(join(next, 'package.json'), '{ "type": "commonjs" }\n');
// pdfkit reads its sRGB profile (PDF/A) and standard-font metrics from `${__dirname}/data`.
cpSync(join(dirname(require.resolve('pdfkit')), 'data'), join(next, 'data'), { recursive: true });
// `forumpress preview` draws pages in a worker that loads mupdf (an ES module) itself: it runs as is.
cpSync(join(dist, 'share', 'raster-worker.mjs'), join(next, 'raster-worker.mjs'));
// The code cache's key (bin/load-cli.js): computed once here rather than at every start.
writeFileSync(join(next, 'cli.id'), `${createHash('sha256').update(readFileSync(join(next, 'cli.js'))).digest('hex').slice(0, 16)}\n`);
// The old bundle's code caches (bin/load-cli.js) go with it.
rmSync(out, { recursive: true, force: true });
renameSync(next, out);
