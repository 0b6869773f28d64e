/**
 * Two kinds of failure, as in codeql-action: the user's fault (bad input, bad configuration: fixable by
 * them, exit code 2, named file and field) and everything else (a bug or an outage: exit code 1).
 */
export class ConfigurationError extends Error {
  constructor(
    message: string,
    /** The file or input at fault, when there is one. */
    readonly source?: string,
    /** The field inside it (JSON pointer, YAML path or input name). */
    readonly field?: string,
  ) {
    super(source ? `${source}${field ? ` (${field})` : ''}: ${message}` : message);
    this.name = 'ConfigurationError';
  }
}

/** A document (artifact, findings file, advisory record) that does not match its schema. */
export class InvalidDocumentError extends ConfigurationError {
  constructor(source: string, readonly problems: string[]) {
    super(`invalid document: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` (+${problems.length - 5} more)` : ''}`, source);
    this.name = 'InvalidDocumentError';
  }
}

/** An upstream service (OSV, GitHub) that could not be reached or answered with an error. */
export class UpstreamError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
    this.name = 'UpstreamError';
  }
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

export function isUserError(error: unknown): boolean {
  return error instanceof ConfigurationError;
}
