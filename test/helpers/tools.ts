import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './build.js';

/** Writes bytes to a fresh temporary file and returns its path (for command-line tools). */
export function tempFile(bytes: Uint8Array, name = 'file.pdf'): string {
  const path = join(mkdtempSync(join(tmpdir(), 'fp-')), name);
  writeFileSync(path, bytes);
  return path;
}

const PREFLIGHT_JARS = ['preflight', 'pdfbox2', 'fontbox2', 'xmpbox', 'commons-logging', 'javax.activation', 'jaxb-api']
  .map((jar) => `/usr/share/java/${jar}.jar`);

/** Why Preflight cannot run here, or undefined when it can (.ci/run installs it). */
export function preflightMissing(): string | undefined {
  const missing = PREFLIGHT_JARS.filter((jar) => !existsSync(jar));
  if (missing.length) return `Apache PDFBox Preflight is not installed (${missing.join(', ')}); .ci/run installs libpdfbox2-java libactivation-java libjaxb-api-java`;
  if (spawnSync('java', ['-version']).error) return 'java is not installed; .ci/run installs default-jre-headless';
  return undefined;
}

/** Runs PDFBox Preflight's PDF/A-1b validator on a PDF: valid, and what it printed. */
export function preflight(bytes: Uint8Array): { valid: boolean; output: string } {
  const file = tempFile(bytes);
  const run = spawnSync('java', ['-cp', PREFLIGHT_JARS.join(':'), 'org.apache.pdfbox.preflight.Validator_A1b', file], { encoding: 'utf8' });
  const output = `${run.stdout}${run.stderr}`.trim();
  return { valid: run.status === 0 && output.includes('is a valid PDF/A-1b file'), output };
}

/** `qpdf --check` on a PDF: passes when qpdf exits 0 and reports no errors or warnings. */
export function qpdfCheck(bytes: Uint8Array): { ok: boolean; output: string } {
  const run = spawnSync('qpdf', ['--check', tempFile(bytes)], { encoding: 'utf8' });
  const output = `${run.stdout}${run.stderr}`;
  return { ok: run.status === 0 && output.includes('No syntax or stream encoding errors found'), output };
}

/** pdffonts' table: one row per font with its type and whether it is embedded. */
export function pdffonts(bytes: Uint8Array): { name: string; type: string; embedded: boolean; line: string }[] {
  const rows = execFileSync('pdffonts', [tempFile(bytes)]).toString().trim().split('\n').slice(2);
  return rows.map((line) => {
    const m = /^(\S+)\s+(.+?)\s{2,}\S+\s+(yes|no)\s+(yes|no)\s+(yes|no)/.exec(line)!;
    return { name: m[1], type: m[2], embedded: m[3] === 'yes', line };
  });
}

/** pdfinfo's fields (page 1's boxes included), by name. */
export function pdfinfo(bytes: Uint8Array): Record<string, string> {
  const text = execFileSync('pdfinfo', ['-box', '-f', '1', '-l', '1', tempFile(bytes)]).toString();
  return Object.fromEntries(text.split('\n').filter((l) => l.includes(':')).map((l) => {
    const i = l.indexOf(':');
    return [l.slice(0, i).trim(), l.slice(i + 1).trim()];
  }));
}

/** A page rendered in grey at 72 dpi, so one pixel is one point (y down). */
export function grayPage(bytes: Uint8Array, page: number): { width: number; height: number; at(x: number, y: number): number } {
  const file = tempFile(bytes);
  execFileSync('pdftoppm', ['-r', '72', '-gray', '-f', String(page), '-l', String(page), file, `${file}-p`]);
  const pgm = readFileSync(readdirSync(join(file, '..')).filter((f) => f.endsWith('.pgm')).map((f) => join(file, '..', f))[0]);
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 40).toString('latin1'))!;
  const [width, height, offset] = [Number(header[1]), Number(header[2]), header[0].length];
  return { width, height, at: (x, y) => pgm[offset + Math.round(y) * width + Math.round(x)] };
}

/** Every file of the real content folder, by path inside it, to build variants in memory. */
export function realContentFiles(): Record<string, Buffer> {
  const files: Record<string, Buffer> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(ROOT, 'content', dir), { withFileTypes: true })) {
      const path = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path);
      else files[path] = readFileSync(join(ROOT, 'content', path));
    }
  };
  walk('');
  return files;
}
