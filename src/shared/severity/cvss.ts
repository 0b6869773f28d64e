/**
 * CVSS base scores from vector strings. OSV's `severity[].score` holds the vector, not a number, so every
 * consumer that wants a number goes through here.
 *
 * The arithmetic is ae-cvss-calculator's (v2.0, v3.0, v3.1, v4.0): its v4.0 scores match FIRST's reference
 * calculator on all 104,976 base vectors. That library guesses a version for malformed input (an unknown
 * prefix such as "CVSS:3.2" is scored as 3.0, a partial vector scores 0), so the vector's shape is checked
 * here first and anything doubtful is rejected with InvalidCvssVectorError; callers fall back to the
 * advisory's own severity label.
 */
import * as cvssCalculatorModule from 'ae-cvss-calculator';

/**
 * ae-cvss-calculator is a CommonJS webpack build flagged `__esModule`: Node's ESM loader puts its classes
 * under `default` (it cannot see the names), a bundler's interop puts them on the namespace itself.
 */
const cvssCalculator: typeof cvssCalculatorModule =
  'Cvss3P1' in cvssCalculatorModule && cvssCalculatorModule.Cvss3P1
    ? cvssCalculatorModule
    : (cvssCalculatorModule as unknown as { default: typeof cvssCalculatorModule }).default;
if (typeof cvssCalculator?.Cvss3P1 !== 'function' || typeof cvssCalculator.Cvss4P0 !== 'function') {
  throw new Error('ae-cvss-calculator did not load: its Cvss2/Cvss3P0/Cvss3P1/Cvss4P0 classes are missing (bundling problem?)');
}

export type CvssVersion = '2.0' | '3.0' | '3.1' | '4.0';

export interface CvssScore {
  version: CvssVersion;
  /** Base score, 0.0–10.0 (for v4.0: CVSS-B, from the base metrics only). */
  baseScore: number;
  /** The vector as given, trimmed. */
  vector: string;
}

export class InvalidCvssVectorError extends Error {
  constructor(
    readonly vector: string,
    readonly reason: string,
  ) {
    super(`invalid CVSS vector ${JSON.stringify(vector)}: ${reason}`);
    this.name = 'InvalidCvssVectorError';
  }
}

/** Metrics that must all be present for a base score; everything else (temporal, environmental) is optional. */
const BASE_METRICS: Record<CvssVersion, readonly string[]> = {
  '2.0': ['AV', 'AC', 'Au', 'C', 'I', 'A'],
  '3.0': ['AV', 'AC', 'PR', 'UI', 'S', 'C', 'I', 'A'],
  '3.1': ['AV', 'AC', 'PR', 'UI', 'S', 'C', 'I', 'A'],
  '4.0': ['AV', 'AC', 'AT', 'PR', 'UI', 'VC', 'VI', 'VA', 'SC', 'SI', 'SA'],
};

const PREFIX = /^CVSS:(\d+\.\d+)\//;

/** Which CVSS version a vector string claims; undefined when it names none we know. */
export function cvssVersionOf(vector: string): CvssVersion | undefined {
  const trimmed = vector.trim();
  const prefix = PREFIX.exec(trimmed);
  if (prefix) return prefix[1] in BASE_METRICS ? (prefix[1] as CvssVersion) : undefined;
  // CVSS v2 vectors carry no prefix (NVD sometimes wraps them in parentheses).
  return /^\(?AV:/.test(trimmed) ? '2.0' : undefined;
}

function metricsOf(vector: string, version: CvssVersion): Map<string, string> {
  let body = vector;
  const prefix = PREFIX.exec(body);
  if (prefix) body = body.slice(prefix[0].length);
  if (version === '2.0' && body.startsWith('(') && body.endsWith(')')) body = body.slice(1, -1);
  const metrics = new Map<string, string>();
  for (const part of body.split('/')) {
    const match = /^([A-Za-z]+):([A-Za-z]+)$/.exec(part);
    if (!match) throw new InvalidCvssVectorError(vector, `"${part}" is not a METRIC:VALUE pair`);
    const [, metric, value] = match as unknown as [string, string, string];
    if (metrics.has(metric)) throw new InvalidCvssVectorError(vector, `metric ${metric} appears twice`);
    metrics.set(metric, value);
  }
  const missing = BASE_METRICS[version].filter((metric) => !metrics.has(metric));
  if (missing.length > 0) {
    throw new InvalidCvssVectorError(vector, `CVSS ${version} base metric(s) ${missing.join(', ')} missing`);
  }
  return metrics;
}

/**
 * The base score of a CVSS v2.0, v3.0, v3.1 or v4.0 vector. Temporal, threat and environmental metrics are
 * checked but do not change the result: advisories compare on base scores (as GitHub and NVD show them).
 * Throws InvalidCvssVectorError for anything that is not a complete vector of a known version.
 */
export function cvssBaseScore(vector: string): CvssScore {
  if (typeof vector !== 'string') throw new InvalidCvssVectorError(String(vector), 'not a string');
  const trimmed = vector.trim();
  const version = cvssVersionOf(trimmed);
  if (!version) {
    const claimed = PREFIX.exec(trimmed)?.[1];
    throw new InvalidCvssVectorError(
      vector,
      claimed ? `unsupported CVSS version ${claimed} (expected 2.0, 3.0, 3.1 or 4.0)` : 'expected "CVSS:3.x/…", "CVSS:4.0/…" or a v2 "AV:…" vector',
    );
  }
  metricsOf(trimmed, version);
  const scores = computeScores(trimmed, version);
  if (typeof scores.baseScore !== 'number' || !Number.isFinite(scores.baseScore)) {
    throw new InvalidCvssVectorError(vector, 'no base score could be computed');
  }
  return { version, baseScore: scores.baseScore, vector: trimmed };
}

function computeScores(vector: string, version: CvssVersion): { baseScore: number | undefined } {
  // The library wants v2 vectors without the parentheses NVD sometimes adds.
  const input = version === '2.0' ? vector.replace(/^\((.*)\)$/, '$1').replace(/^CVSS:2\.0\//, '') : vector;
  try {
    switch (version) {
      case '2.0':
        return { baseScore: new cvssCalculator.Cvss2(input).calculateScores().base };
      case '3.0':
        return { baseScore: new cvssCalculator.Cvss3P0(input).calculateScores().base };
      case '3.1':
        return { baseScore: new cvssCalculator.Cvss3P1(input).calculateScores().base };
      case '4.0':
        return { baseScore: new cvssCalculator.Cvss4P0(input).calculateScores().baseMetricsOnly };
    }
  } catch (error) {
    // The library throws plain Errors ("Unknown component value Q for component AV") or, on odd input,
    // TypeErrors from inside its parser: either way the vector is at fault.
    throw new InvalidCvssVectorError(vector, error instanceof Error ? error.message : String(error));
  }
}
