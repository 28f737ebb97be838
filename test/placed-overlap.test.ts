import { describe, expect, it } from 'vitest';
import { build } from '../src/build.js';
import { formatDiagnostic } from '../src/diagnostics.js';
import { memorySource } from '../src/io.js';
import { realContentFiles, realSources } from './helpers/build.js';
import { extractPages } from './helpers/pdf.js';

describe('placed-overlap: text that flows into a block a <place> puts on the page', () => {
  it('warns at the <place> when a certificate\'s hosts run down into its QR code, as the page shows', async () => {
    const content = realContentFiles();
    // Four hosts of two lines each: the fourth's first line, flowing down the page, reaches the QR code placed at y=700.
    const hosts = [1, 2, 3, 4].map((i) => `  - 中山大学物理学院与心理学系联合举办的第${i}届神经网络新年交叉论坛组织委员会`).join('\n');
    content['forum.yaml'] = content['forum.yaml'].replace(/hosts:\n(  - .*\n)+/, `hosts:\n${hosts}\n`);
    // Two attendees are enough: a certificate each.
    content['attendees.csv'] = content['attendees.csv'].split('\n').slice(0, 3).join('\n') + '\n';
    const result = await build({ content: memorySource(content, 'content'), templates: realSources().templates, outputs: ['certificates.pdf'] });
    const warnings = result.diagnostics.filter((d) => d.rule === 'placed-overlap').map((d) => formatDiagnostic(d));
    expect(warnings).toEqual([expect.stringMatching(new RegExp('^templates/certificates/certificates\\.hbs:19:3: warning\\[placed-overlap\\]: in certificates\\.pdf, '
      + 'the text that flows down the page \\("中山大学物理学院与心理学系联合举办的第4届神经网络新年交叉论坛"\\) runs into the block this <place> puts there, on 2 pages \\(the first: page 1\\): they print over each other\\n  hint: '))]);
    // Read back from the PDF: a host's line stands on the QR code's rows, starting left of the code's edge.
    const page = (await extractPages(result.outputs.get('certificates.pdf')!))[0];
    // pdf.js's y runs up from the page's foot: the QR code is the 64 pt square from 842 - 764 up to 842 - 700.
    const onCode = page.items.filter((i) => i.str.trim() && i.y > 842 - 764 && i.y < 842 - 700 && !/2022-001|A001|编号|No/.test(i.str));
    expect(onCode.map((i) => i.str).join('')).toContain('中山大学');
    expect(Math.min(...onCode.map((i) => i.x))).toBeLessThan(144);
    // The shipped templates and the forum's own content: no warning (the build tests check the whole forum).
  }, 60_000);
});
