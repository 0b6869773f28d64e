import { ConfigurationError } from '../shared/errors.js';
import { Inputs } from '../shared/inputs.js';
import { scanOptionsFrom } from '../../actions/scan/src/config.js';
import { runScan } from '../../actions/scan/src/scan.js';
import { renderTextReport } from '../../actions/scan/src/report.js';
import type { CliIo, ParsedCommand } from './main.js';

export async function scanCommand(command: ParsedCommand, io: CliIo): Promise<number> {
  if (command.positionals.length > 1) {
    throw new ConfigurationError(`scan takes one path, got ${command.positionals.length}: ${command.positionals.join(' ')}`);
  }
  const target = command.positionals[0] ?? '.';
  // The path is a positional for the CLI and an input named "path" for the action: one reader serves both.
  const inputs = new Inputs((name) => (name === 'path' ? target : command.inputs.optional(name)), (n) => `--${n}`);
  const options = await scanOptionsFrom(inputs, { workspace: io.cwd, context: {}, fetch: io.fetch }, command.logger);
  const outcome = await runScan(options, command.logger);
  io.stdout(renderTextReport(outcome.document, outcome.outputs, io.cwd));
  const result = outcome.document.summary.result;
  return result === 'pass' ? 0 : 1;
}
