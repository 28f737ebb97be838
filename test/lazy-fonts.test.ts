import { describe, expect, it } from 'vitest';
import { build } from '../src/build.js';
import { applyFontFallback } from '../src/fonts/fallback.js';
import { builtinFonts, packagedFontsRead } from '../src/fonts/fonts.js';
import { extractPages, squash } from './helpers/pdf.js';
import { projectSources, realProject } from './helpers/project.js';

// A font file is read when some text needs it, not because the set names it. These tests
// run in order, in a process of their own (vitest isolates files), so the list of files
// read so far is what this file's builds needed.
const read = () => packagedFontsRead().map((path) => path.split('/').pop());
const FALLBACKS = /NotoSerif_|NotoSans_|NotoSansMath|NotoSerifJP/;

describe('fonts are read only when text needs them', () => {
  it('splitting Chinese and Latin text reads the Chinese face and its Latin face alone', () => {
    const { missing } = applyFontFallback({ defaultStyle: { font: 'serif' }, content: ['神经网络 Neural networks, 2022.'] }, builtinFonts());
    expect(missing.size).toBe(0);
    expect(read()).toEqual(['NotoSerifSC_400Regular.ttf', 'SourceSerif4_400Regular.ttf']);
  });

  it('the booklet of the real forum reads the Chinese faces it sets, and no fallback', async () => {
    const result = await build({ ...projectSources(realProject()), outputs: ['program.pdf'] });
    expect(result.ok).toBe(true);
    expect(read().filter((f) => FALLBACKS.test(f!))).toEqual([]);
  });

  it('an abstract with an Extension B character reads the fallback that has it, and sets it', async () => {
    const project = realProject();
    const file = 'content/abstracts/dong-xingsi.md';
    project.set(file, String(project.get(file)).replace('The brain performs', '吉 and 𠮷: The brain performs'));
    const result = await build({ ...projectSources(project), outputs: ['program.pdf'] });
    expect(result.ok).toBe(true);
    expect(read()).toContain('NotoSerifJP_400Regular.ttf');
    // The bold of the fallback is read only if bold text needs it; this abstract has none there.
    expect(read()).not.toContain('NotoSerifJP_700Bold.ttf');
    const pages = await extractPages(result.outputs.get('program.pdf')!);
    expect(pages.some((p) => squash(p.text).includes('𠮷'))).toBe(true);
  });
});
