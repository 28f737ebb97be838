// The Typst side of the benchmark. `prepare(contentDir)` turns a content folder into the
// data bench/booklet.typ reads (the same view forumpress templates see; not timed).
// Run as a script (`node bench/typst.mjs data.json out.pdf`), it is one cold Typst compile:
// load the compiler, the same four Noto SC fonts, compile, write the PDF.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const FONTS = [
  '@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf',
  '@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf',
  '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
];

/** The booklet's data as JSON, from forumpress's own loader and view (dist/). */
export async function prepare(contentDir) {
  const { loadProgram } = await import('../dist/check/program.js');
  const { programView } = await import('../dist/layout/view.js');
  const { Diagnostics } = await import('../dist/diagnostics.js');
  const { diskSource } = await import('../dist/io.js');
  const { program, settings } = loadProgram(diskSource(contentDir, 'content'), new Diagnostics());
  if (!program) throw new Error(`${contentDir} does not load`);
  return JSON.stringify({ ...programView(program), paper: settings.booklet.paper });
}

/** Whether the Typst compiler loads here; the reason when it does not. */
export function typstAvailable() {
  try {
    require('@myriaddreamin/typst-ts-node-compiler');
    return { ok: true };
  } catch (err) {
    return { ok: false, reason: err.message.split('\n')[0] };
  }
}

function compile(dataPath, outPath) {
  const { NodeCompiler } = require('@myriaddreamin/typst-ts-node-compiler');
  const fontBlobs = FONTS.map((f) => readFileSync(require.resolve(f)));
  const workspace = dirname(resolve(dataPath));
  const compiler = NodeCompiler.create({ workspace, fontArgs: [{ fontBlobs }] });
  compiler.mapShadow(join(workspace, 'data.json'), readFileSync(dataPath));
  const source = readFileSync(fileURLToPath(new URL('booklet.typ', import.meta.url)), 'utf8');
  const result = compiler.compile({ mainFileContent: source });
  const diagnostics = result.takeDiagnostics?.();
  if (!result.result) throw new Error(`typst: ${JSON.stringify(diagnostics?.shortDiagnostics ?? diagnostics)}`);
  writeFileSync(outPath, compiler.pdf(result.result));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) compile(process.argv[2], process.argv[3]);
