/**
 * `secloop analyze --in <dir>... --out <dir> [--artifacts <root> [--expected-artifacts n]] [--config-file f] [--vex f]...
 *                  [--baseline dir|file] [--fail-on-severity x] [--gate-on new|all] [--correlation-id id]`
 *
 * Reads every findings.json under the --in directories (and the `secloop-scan-*` artifacts of a local
 * artifact root), writes analysis.json and events.jsonl to --out and prints the decisions with their reasons.
 * Exit 0 when the gate passes, 1 when it fails or an input could not be read, 2 for a usage or configuration
 * error (main.ts maps ConfigurationError to 2).
 */
import path from 'node:path';
import { LocalArtifactStore } from '../shared/artifacts/local-store.js';
import { ConfigurationError } from '../shared/errors.js';
import { resolveSettings } from '../../actions/analyze/src/pipeline/config.js';
import type { DecideFn } from '../../actions/analyze/src/pipeline/decide-port.js';
import { runAnalysis } from '../../actions/analyze/src/pipeline/run.js';
import { policyDecider } from '../../actions/analyze/src/decider.js';
import { renderAnalysisSummary } from '../../actions/analyze/src/pipeline/summary.js';
import type { CliIo, ParsedCommand } from './main.js';

/** The flags, in main.ts's FlagSpec form: `case 'analyze': return await analyzeCommand(parse(rest, ANALYZE_FLAGS), io);` */
export const ANALYZE_FLAGS = {
  in: { type: 'string', multiple: true, short: 'i' },
  out: { type: 'string', short: 'o' },
  artifacts: { type: 'string' },
  'artifact-pattern': { type: 'string' },
  'expected-artifacts': { type: 'string' },
  'config-file': { type: 'string' },
  vex: { type: 'string', multiple: true },
  baseline: { type: 'string' },
  'fail-on-severity': { type: 'string' },
  'gate-on': { type: 'string' },
  'correlation-id': { type: 'string' },
  'policy-file': { type: 'string' },
  'test-environment': { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  debug: { type: 'boolean' },
} as const satisfies Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }>;

export { ANALYZE_USAGE } from './analyze-usage.js';

/** `decide` defaults to the healing-policy engine (shipped policies, or --policy-file). */
export async function analyzeCommand(command: ParsedCommand, io: CliIo, decide?: DecideFn): Promise<number> {
  const inputDirs = [...((command.flags.in as string[] | undefined) ?? []), ...command.positionals].map((d) => path.resolve(io.cwd, d));
  const artifactsRoot = command.inputs.optional('artifacts');
  if (inputDirs.length === 0 && !artifactsRoot) {
    throw new ConfigurationError('give the scan outputs to analyse: --in <dir> (repeatable) or --artifacts <root>', '--in');
  }
  const outDir = path.resolve(io.cwd, command.inputs.optional('out') ?? '.secloop/analyze');
  const settings = await resolveSettings({ inputs: command.inputs, env: io.env, workspace: io.cwd });
  const policyFile = command.inputs.optional('policy-file');
  decide ??= (
    await policyDecider({
      ...(policyFile ? { policyFile: path.resolve(io.cwd, policyFile) } : {}),
      testEnvironment: command.inputs.boolean('test-environment', false),
    })
  ).decide;
  for (const warning of settings.warnings) command.logger.warning(warning);
  const { document, outputs } = await runAnalysis({
    inputDirs,
    ...(artifactsRoot
      ? {
          artifacts: {
            store: new LocalArtifactStore(path.resolve(io.cwd, artifactsRoot)),
            pattern: command.inputs.optional('artifact-pattern'),
            ...(command.inputs.optional('expected-artifacts') ? { expected: command.inputs.positiveInteger('expected-artifacts', 1) } : {}),
          },
        }
      : {}),
    outDir,
    settings,
    decide,
    correlationId: command.inputs.optional('correlation-id'),
    logger: command.logger,
  });
  io.stdout(renderAnalysisSummary(document));
  io.stdout(`wrote ${path.relative(io.cwd, outputs.analysis)}, ${path.relative(io.cwd, outputs.events)}\n`);
  return document.summary.result === 'pass' ? 0 : 1;
}
