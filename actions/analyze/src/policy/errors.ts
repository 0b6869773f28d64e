import { ConfigurationError } from '../../../../src/shared/errors.js';

/** One thing wrong in a policy file, at a line, under a YAML path such as `policies[1].actions[0].type`. */
export interface PolicyProblem {
  file: string;
  line: number;
  field: string;
  message: string;
}

export function formatProblem(problem: PolicyProblem): string {
  return `${problem.file}:${problem.line}${problem.field ? ` (${problem.field})` : ''}: ${problem.message}`;
}

/**
 * A policy file the loader rejects. All problems are collected so that one run shows every mistake; the
 * message starts with the first one (ConfigurationError form: `file:line (field): message`) and lists the rest
 * on further lines.
 */
export class PolicyFileError extends ConfigurationError {
  readonly file: string;
  readonly line: number;

  constructor(readonly problems: PolicyProblem[]) {
    const [first, ...rest] = problems;
    if (!first) throw new Error('PolicyFileError needs at least one problem');
    super(first.message, `${first.file}:${first.line}`, first.field || undefined);
    if (rest.length > 0) this.message += rest.map((p) => `\n${formatProblem(p)}`).join('');
    this.name = 'PolicyFileError';
    this.file = first.file;
    this.line = first.line;
  }
}
