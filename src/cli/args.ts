// Command-line arguments of `shapelens`. Unknown flags are usage errors (exit 2), like eslint.

export interface CliOptions {
  readonly json: boolean;
  readonly summary: boolean;
  readonly quiet: boolean;
  readonly color: boolean;
  readonly maxLayerParams?: number;
  readonly maxTotalParams?: number;
  readonly patterns: readonly string[];
}

export type ParsedArgs =
  | { readonly kind: 'run'; readonly options: CliOptions }
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'lsp' }
  | { readonly kind: 'error'; readonly message: string };

export const USAGE = `Usage: shapelens [options] <files or globs...>

Static shape, parameter and lint analysis of TensorFlow.js models in .ts/.tsx/.js/.jsx/.mjs/.cjs files
and of Keras models in .py files and .ipynb notebooks.

Options:
  --json                  print results as JSON (one entry per file)
  --no-summary            print findings only, without the model tables
  --quiet                 report errors only
  --max-layer-params N    warn when one layer has more than N params (default 25,000,000)
  --max-total-params N    warn when a model has more than N params (default 100,000,000)
  --no-color              plain output even on a terminal
  --lsp --stdio           run the ShapeLens language server on stdin/stdout
  -h, --help              show this help
  -v, --version           show the version
  --                      end of options: every later argument is a file or glob

Exit codes: 0 no errors, 1 error findings, 2 usage error, or a file or folder that could not
be read (unreadable, not a regular file, a broken link), reported on stderr.`;

function parseCount(flag: string, value: string | undefined): number | string {
  if (value === undefined) return `${flag} needs a number`;
  const n = Number(value.replace(/[_,]/g, ''));
  return Number.isFinite(n) && n > 0 ? n : `${flag} needs a positive number, got "${value}"`;
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  let json = false;
  let summary = true;
  let quiet = false;
  let color = true;
  let maxLayerParams: number | undefined;
  let maxTotalParams: number | undefined;
  const patterns: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      // The end of options: what follows are files, even when they start with `-`.
      patterns.push(...argv.slice(i + 1));
      break;
    }
    switch (arg) {
      case '-h':
      case '--help':
        return { kind: 'help' };
      case '-v':
      case '--version':
        return { kind: 'version' };
      case '--lsp':
        return { kind: 'lsp' };
      case '--json':
        json = true;
        break;
      case '--no-summary':
        summary = false;
        break;
      case '--quiet':
        quiet = true;
        break;
      case '--no-color':
        color = false;
        break;
      case '--max-layer-params':
      case '--max-total-params': {
        const n = parseCount(arg, argv[++i]);
        if (typeof n === 'string') return { kind: 'error', message: n };
        if (arg === '--max-layer-params') maxLayerParams = n;
        else maxTotalParams = n;
        break;
      }
      default:
        if (arg.startsWith('-') && arg !== '-') return { kind: 'error', message: `Unknown option ${arg}` };
        patterns.push(arg);
    }
  }
  if (patterns.length === 0) return { kind: 'error', message: 'No files given' };
  return { kind: 'run', options: { json, summary, quiet, color, maxLayerParams, maxTotalParams, patterns } };
}
