// Bundles the compiled CLI (dist/) and its dependencies into one CommonJS file per entry
// (dist/bundle/), run by bin/forumpress.js. Node loads one file instead of ~700 (a third of a
// cold build went to finding, reading and compiling modules); see bench/notes.md.
import { build } from 'esbuild';
import assert from 'node:assert';
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

/**
 * The `hyphen` package's Liang patterns (100 KB of JavaScript literals for English, 730 KB for
 * German) become JSON.parse of the same data: V8 reads JSON several times faster than it runs
 * a literal that size (en-us: ~28 ms to require, ~4 ms to parse, cold). The data is compared
 * with the module's own after the round trip, so the bundle cannot carry anything else.
 */
const jsonPatterns = {
  name: 'json-patterns',
  setup(b) {
    b.onLoad({ filter: /[\\/]hyphen[\\/]patterns[\\/][\w-]+\.js$/ }, (args) => {
      const data = require(args.path);
      const json = JSON.stringify(data);
      assert.deepStrictEqual(JSON.parse(json), data, `${args.path}: not plain data`);
      return { contents: `module.exports = JSON.parse(${JSON.stringify(json)});`, loader: 'js' };
    });
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
  plugins: [plainRequire, nativeInflate, jsonPatterns],
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
// Only ASCII: the bundle is read as a one-byte string (bin/load-cli.js), not decoded as UTF-8
// (~15 ms of every start for 7.7 MB), and V8 keeps it at half the memory. esbuild escapes
// strings already; what it leaves are characters in regular expressions (pinyin-pro's tones,
// our punctuation classes), where \uXXXX means the same character, u flag or not. A
// character after a backslash would change meaning: such a file is left as it is (and read as UTF-8).
for (const file of ['cli.js', 'badge-worker.js']) {
  const text = readFileSync(join(next, file), 'utf8');
  if (/\\[^\x00-\x7f]/.test(text)) continue;
  writeFileSync(join(next, file), text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
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
