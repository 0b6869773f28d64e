import { ConfigurationError } from './errors.js';

/**
 * Typed access to kebab-case inputs, whatever their origin: action inputs (core.getInput), CLI flags or the
 * environment. Empty strings mean "not given", so defaults live in one place (the caller), not in action.yml.
 */
export type InputReader = (name: string) => string | undefined;

export class Inputs {
  constructor(
    private readonly read: InputReader,
    /** How to name an input in errors: "input 'fail-on-severity'" or "--fail-on-severity". */
    private readonly label: (name: string) => string = (name) => `input '${name}'`,
  ) {}

  optional(name: string): string | undefined {
    const value = this.read(name)?.trim();
    return value ? value : undefined;
  }

  required(name: string): string {
    const value = this.optional(name);
    if (value === undefined) throw new ConfigurationError(`${this.label(name)} is required and was not supplied`);
    return value;
  }

  enumOf<T extends string>(name: string, allowed: readonly T[], fallback: T, aliases: Record<string, T> = {}): T {
    const value = this.optional(name);
    if (value === undefined) return fallback;
    const lower = value.toLowerCase();
    if ((allowed as readonly string[]).includes(lower)) return lower as T;
    if (lower in aliases) return aliases[lower]!;
    throw new ConfigurationError(
      `${this.label(name)} is ${JSON.stringify(value)}; expected one of ${[...allowed, ...Object.keys(aliases)].join(', ')}`,
    );
  }

  /** A list given one per line or comma-separated (both conventions exist among peers; accept both). */
  list(name: string): string[] {
    const value = this.optional(name);
    if (value === undefined) return [];
    return value
      .split(/[\n,]/)
      .map((s) => s.trim())
      .filter((s) => s && !s.startsWith('#'));
  }

  boolean(name: string, fallback: boolean): boolean {
    const value = this.optional(name);
    if (value === undefined) return fallback;
    if (/^(true|yes|on|1)$/i.test(value)) return true;
    if (/^(false|no|off|0)$/i.test(value)) return false;
    throw new ConfigurationError(`${this.label(name)} is ${JSON.stringify(value)}; expected true or false`);
  }

  positiveInteger(name: string, fallback: number): number {
    const value = this.optional(name);
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n <= 0) throw new ConfigurationError(`${this.label(name)} is ${JSON.stringify(value)}; expected a positive whole number`);
    return n;
  }
}

/** Sizes such as "64MB", "512k", "1048576". */
export function parseByteSize(value: string, label: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kmg]i?b?|b)?$/i.exec(value.trim());
  if (!m) throw new ConfigurationError(`${label} is ${JSON.stringify(value)}; expected a size such as 64MB or 1048576`);
  const unit = (m[2] ?? 'b').toLowerCase()[0]!;
  const factor = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  return Math.round(Number(m[1]) * factor);
}
