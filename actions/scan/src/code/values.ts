import type { RuleId } from './rules.js';

/**
 * Where a value may come from, from safest to worst. `sanitized` covers values that cannot carry SQL or shell
 * syntax (numbers, escaped strings, query-builder objects); `unknown` is data the analysis cannot see through
 * (parameters, calls, globals); `request` is data read from an HTTP request object.
 */
export type Provenance = 'constant' | 'sanitized' | 'unknown' | 'request';

const RANK: Record<Provenance, number> = { constant: 0, sanitized: 1, unknown: 2, request: 3 };

/** What the analysis knows about one expression's value. */
export interface ValueInfo {
  provenance: Provenance;
  /** Assembled by concatenation, interpolation or formatting from at least one part that is not constant. */
  built: boolean;
  /** The constant text fragments it is assembled from (for "does this look like SQL?"), capped. */
  constantText: string;
}

const MAX_CONSTANT_TEXT = 4096;

export const CONSTANT: ValueInfo = { provenance: 'constant', built: false, constantText: '' };
export const SANITIZED: ValueInfo = { provenance: 'sanitized', built: false, constantText: '' };
export const UNKNOWN: ValueInfo = { provenance: 'unknown', built: false, constantText: '' };
export const FROM_REQUEST: ValueInfo = { provenance: 'request', built: false, constantText: '' };

export function constantString(text: string): ValueInfo {
  return { provenance: 'constant', built: false, constantText: text.slice(0, MAX_CONSTANT_TEXT) };
}

export function worse(a: Provenance, b: Provenance): Provenance {
  return RANK[a] >= RANK[b] ? a : b;
}

export function isTainted(p: Provenance): boolean {
  return RANK[p] >= RANK.unknown;
}

/** Values that flow into one result without string assembly (branches of a conditional, `a || b`). */
export function either(values: ValueInfo[]): ValueInfo {
  let provenance: Provenance = 'constant';
  let built = false;
  let constantText = '';
  for (const v of values) {
    provenance = worse(provenance, v.provenance);
    built ||= v.built;
    if (constantText.length < MAX_CONSTANT_TEXT) constantText += (constantText ? ' ' : '') + v.constantText;
  }
  return { provenance, built, constantText: constantText.slice(0, MAX_CONSTANT_TEXT) };
}

/** String assembly (`+`, template, f-string, `%`, `.format`, `.join`): built as soon as one part is not constant. */
export function assembled(parts: ValueInfo[]): ValueInfo {
  const merged = either(parts);
  return { ...merged, built: merged.built || isTainted(merged.provenance) };
}

/** Whether a value is treated as a string by `+` (so `a + b` is assembly and not arithmetic). */
export function looksLikeString(v: ValueInfo): boolean {
  return v.built || v.constantText.length > 0;
}

/**
 * Does the constant text look like SQL? Generic method names (`query`, `execute`, `get`, `run`) are SQL
 * sinks only when the text handed to them is SQL: a statement keyword or a WHERE-style comparison fragment.
 */
export function looksLikeSql(text: string): boolean {
  return SQL_STATEMENT.test(text) || SQL_LEADING_KEYWORD.test(text) || SQL_CLAUSE.test(text);
}

const SQL_STATEMENT =
  /\b(select\s[\s\S]*?\bfrom\b|insert\s+into\b|update\s+[\w."`[\]]+\s+set\b|delete\s+from\b|replace\s+into\b|merge\s+into\b|(create|drop|alter|truncate)\s+(table|index|view)\b)/i;
const SQL_LEADING_KEYWORD = /^\s*(select|insert|update|delete|with|pragma)\s/i;
const SQL_CLAUSE = /\b(where|order\s+by|group\s+by|having)\s/i;

/** One place in the source where a rule fires, before it becomes a Finding. */
export interface Detection {
  rule: RuleId;
  /** 1-based line and column of the call; end is exclusive. */
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  /** The call's source text, whitespace collapsed: the fingerprint's anchor (lines shift, the call does not). */
  callText: string;
  /** The called function as written (`pool.query`, `cursor.execute`, `subprocess.run`). */
  sink: string;
  provenance: Provenance;
  built: boolean;
  /** What is wrong, in a few words (`built with a template literal`). */
  detail: string;
}

export function normaliseCallText(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 4000);
}
