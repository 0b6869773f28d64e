/**
 * Library code takes a Logger; only the action layer binds it to @actions/core. The CLI binds it to stderr
 * so that stdout stays free for machine-readable output.
 */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warning(message: string, location?: { file?: string; line?: number }): void;
  error(message: string, location?: { file?: string; line?: number }): void;
  group<T>(name: string, body: () => Promise<T>): Promise<T>;
}

export function stderrLogger(options: { debug?: boolean; quiet?: boolean } = {}): Logger {
  const write = (line: string) => process.stderr.write(`${line}\n`);
  return {
    debug: (m) => {
      if (options.debug) write(`debug: ${m}`);
    },
    info: (m) => {
      if (!options.quiet) write(m);
    },
    warning: (m, loc) => write(`warning: ${loc?.file ? `${loc.file}${loc.line ? `:${loc.line}` : ''}: ` : ''}${m}`),
    error: (m, loc) => write(`error: ${loc?.file ? `${loc.file}${loc.line ? `:${loc.line}` : ''}: ` : ''}${m}`),
    group: async (name, body) => {
      if (!options.quiet) write(`== ${name}`);
      return body();
    },
  };
}

/** Collects messages; for tests and for callers that report warnings themselves. */
export function memoryLogger(): Logger & { lines: { level: string; message: string }[] } {
  const lines: { level: string; message: string }[] = [];
  return {
    lines,
    debug: (message) => lines.push({ level: 'debug', message }),
    info: (message) => lines.push({ level: 'info', message }),
    warning: (message) => lines.push({ level: 'warning', message }),
    error: (message) => lines.push({ level: 'error', message }),
    group: async (_name, body) => body(),
  };
}
