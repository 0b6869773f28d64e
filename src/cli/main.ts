import { parseArgs } from 'node:util';
import { ConfigurationError, errorMessage, isUserError } from '../shared/errors.js';
import { Inputs } from '../shared/inputs.js';
import { stderrLogger } from '../shared/logger.js';
import { TOOL_VERSION } from '../shared/version.js';
import { scanCommand } from './scan.js';
import { ANALYZE_USAGE } from './analyze-usage.js';

/** Exit codes: 0 completed, 1 failed (or the gate failed), 2 usage or configuration error. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

const USAGE = `secloop ${TOOL_VERSION}: scan, analyze, remediate, report and learn from security incidents

Usage:
  secloop scan <path> --out <dir> [--offline-db <path>]... [--advisories osv|offline]
               [--exclude <glob>]... [--fail-on-severity none|low|medium|high|critical]
               [--allow-empty] [--max-file-size 64MB] [--sarif-category <c>] [--correlation-id <id>]
               [--osv-url <url>] [--offline-db-download <Ecosystem>]... [--osv-export-url <url>]
               [--scanners dependencies,secrets,code,containers,kubernetes,workflows,sarif,runtime]
               [--sarif <file|dir>]... [--alert <json>|@<file>]
               [--secrets-config <gitleaks.toml>] [--secrets-history none|<base>..<head>|since:<date>]
               [--secrets-deepen] [--secrets-hash-key <key>] [--secrets-max-decode-depth 0-20] [--code-max-file-size 2MB] [--quiet] [--debug]

${ANALYZE_USAGE}
Exit codes: 0 the command completed; 1 it failed (or --fail-on-severity was reached); 2 usage or configuration error.
`;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  fetch?: typeof fetch;
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.stdout(USAGE);
    return command ? EXIT.ok : EXIT.usage;
  }
  if (command === '--version' || command === '-v') {
    io.stdout(`${TOOL_VERSION}\n`);
    return EXIT.ok;
  }
  try {
    switch (command) {
      case 'scan':
        return await scanCommand(parse(rest, SCAN_FLAGS), io);
      case 'analyze': {
        // Loaded on demand: a scan never pays for the analyze agent's modules (policy engine, YAML parser).
        const { ANALYZE_FLAGS, analyzeCommand } = await import('./analyze.js');
        return await analyzeCommand(parse(rest, ANALYZE_FLAGS), io);
      }
      default:
        throw new ConfigurationError(`unknown command ${JSON.stringify(command)}; run 'secloop --help'`);
    }
  } catch (error) {
    io.stderr(`secloop ${command}: ${errorMessage(error)}\n`);
    if (isUserError(error)) return EXIT.usage;
    if (io.env.SECLOOP_DEBUG && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return EXIT.failure;
  }
}

type FlagSpec = Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }>;

export const SCAN_FLAGS: FlagSpec = {
  out: { type: 'string', short: 'o' },
  'offline-db': { type: 'string', multiple: true },
  advisories: { type: 'string' },
  scanners: { type: 'string', multiple: true },
  exclude: { type: 'string', multiple: true },
  'fail-on-severity': { type: 'string' },
  'allow-empty': { type: 'boolean' },
  'max-file-size': { type: 'string' },
  'sarif-category': { type: 'string' },
  'correlation-id': { type: 'string' },
  'osv-url': { type: 'string' },
  'offline-db-download': { type: 'string', multiple: true },
  'osv-export-url': { type: 'string' },
  sarif: { type: 'string', multiple: true },
  alert: { type: 'string' },
  'secrets-config': { type: 'string' },
  'secrets-history': { type: 'string' },
  'secrets-deepen': { type: 'boolean' },
  'secrets-hash-key': { type: 'string' },
  'secrets-max-decode-depth': { type: 'string' },
  'code-max-file-size': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  debug: { type: 'boolean' },
};

export interface ParsedCommand {
  inputs: Inputs;
  positionals: string[];
  flags: Record<string, string | boolean | string[] | undefined>;
  logger: ReturnType<typeof stderrLogger>;
}

function parse(args: string[], spec: FlagSpec): ParsedCommand {
  let parsed;
  try {
    parsed = parseArgs({ args, options: spec, allowPositionals: true, strict: true });
  } catch (error) {
    throw new ConfigurationError(errorMessage(error));
  }
  const flags = parsed.values as Record<string, string | boolean | string[] | undefined>;
  const reader = (name: string): string | undefined => {
    const v = flags[name];
    if (v === undefined) return undefined;
    if (Array.isArray(v)) return v.join('\n');
    return String(v);
  };
  return {
    inputs: new Inputs(reader, (name) => `--${name}`),
    positionals: parsed.positionals,
    flags,
    logger: stderrLogger({ quiet: flags.quiet === true, debug: flags.debug === true }),
  };
}
