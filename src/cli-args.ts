import { parseArgs } from 'node:util';
import { closest } from './check/suggest.js';

/** The options of the command line, as parseArgs declares them. */
const OPTIONS = {
  content: { type: 'string', default: 'content' },
  templates: { type: 'string', default: 'templates' },
  out: { type: 'string', default: 'out' },
  fonts: { type: 'string', default: 'fonts' },
  strict: { type: 'boolean', default: false },
  only: { type: 'string' },
  output: { type: 'string', multiple: true },
  watch: { type: 'boolean', default: false },
  pages: { type: 'string' },
  dpi: { type: 'string' },
  fix: { type: 'boolean', default: false },
  'session-gap': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'v', default: false },
} as const;

/** What the command line asked for. */
export type CommandLine = ReturnType<typeof parseArgs<{ args: string[]; options: typeof OPTIONS; allowPositionals: true }>>;

/**
 * Parses the arguments; a mistake gives our own one-line message (an unknown option with
 * the closest one, a missing value with an example) instead of Node's parseArgs text.
 */
export function parseCommandLine(argv: string[]): { args: CommandLine } | { error: string } {
  const loose = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: false, tokens: true });
  for (const token of loose.tokens ?? []) {
    if (token.kind !== 'option') continue;
    const option = OPTIONS[token.name as keyof typeof OPTIONS] as { type: string } | undefined;
    if (!option) {
      const near = closest(token.name, Object.keys(OPTIONS));
      return { error: `unknown option "${token.rawName}"${near ? `; did you mean --${near}?` : ''}` };
    }
    if (option.type === 'string' && (token.value === undefined || token.value.startsWith('--'))) {
      return { error: `${token.rawName} needs a value, e.g. ${EXAMPLES[token.name] ?? `${token.rawName} VALUE`}` };
    }
    if (option.type === 'boolean' && token.value !== undefined) return { error: `${token.rawName} takes no value (write ${token.rawName} alone)` };
  }
  try {
    return { args: parseArgs({ args: argv, options: OPTIONS, allowPositionals: true }) };
  } catch (err) {
    return { error: (err as Error).message.split('\n')[0] };
  }
}

const EXAMPLES: Record<string, string> = {
  content: '--content content', templates: '--templates templates', out: '--out out', fonts: '--fonts fonts',
  only: '--only A013,A014', output: '--output program.pdf', pages: '--pages 1-3', dpi: '--dpi 100', 'session-gap': '--session-gap 15',
};
