/**
 * One severity scale for every finding, whatever its source: CVSS scores (any version), GitHub's labels
 * ("moderate"), scanner words ("negligible") and what users write in their configuration.
 */
import { ConfigurationError } from '../errors.js';
import { cvssBaseScore, InvalidCvssVectorError, type CvssScore } from './cvss.js';

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Higher is more severe; for sorting and thresholds. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.length - 1 - SEVERITIES.indexOf(severity);
}

/** Most severe first. */
export function compareSeverity(a: Severity, b: Severity): number {
  return severityRank(b) - severityRank(a);
}

export function atLeast(severity: Severity, threshold: Severity): boolean {
  return severityRank(severity) >= severityRank(threshold);
}

/** The CVSS qualitative bands (v3.x/v4.0 specification, as GitHub uses them). */
export function severityFromScore(score: number): Severity {
  if (typeof score !== 'number' || !Number.isFinite(score) || score < 0 || score > 10) {
    throw new RangeError(`CVSS score must be a number from 0.0 to 10.0, got ${String(score)}`);
  }
  if (score >= 9.0) return 'critical';
  if (score >= 7.0) return 'high';
  if (score >= 4.0) return 'medium';
  if (score > 0) return 'low';
  return 'info';
}

const SEVERITY_WORDS: Record<string, Severity> = {
  critical: 'critical',
  high: 'high',
  important: 'high',
  medium: 'medium',
  moderate: 'medium',
  low: 'low',
  info: 'info',
  informational: 'info',
  negligible: 'info',
  none: 'info',
  unknown: 'info',
};

/**
 * A severity word, any case ("MODERATE", "High"), as our scale. Throws ConfigurationError naming the value
 * and, when given, where it came from (a configuration file and field).
 */
export function normaliseSeverity(word: string, source?: string, field?: string): Severity {
  const known = typeof word === 'string' ? SEVERITY_WORDS[word.trim().toLowerCase()] : undefined;
  if (known) return known;
  throw new ConfigurationError(
    `unknown severity ${JSON.stringify(word)} (expected one of ${SEVERITIES.join(', ')}, or moderate, negligible, none, unknown)`,
    source,
    field,
  );
}

/** A publisher's label as our scale; "unknown" (and anything unrecognised) is no label at all. */
function labelSeverity(word: unknown): Severity | undefined {
  if (typeof word !== 'string' || word.trim().toLowerCase() === 'unknown') return undefined;
  return SEVERITY_WORDS[word.trim().toLowerCase()];
}

/** The parts of an OSV record (https://ossf.github.io/osv-schema/) that carry severity. */
export interface OsvSeverityEntry {
  type: string;
  score: string;
}

export interface OsvSeverityFields {
  severity?: OsvSeverityEntry[] | null;
  database_specific?: { severity?: unknown } | null;
  affected?:
    | {
        severity?: OsvSeverityEntry[] | null;
        ecosystem_specific?: { severity?: unknown } | null;
        database_specific?: { severity?: unknown } | null;
      }[]
    | null;
}

export type SeveritySource = 'CVSS_V4' | 'CVSS_V3' | 'CVSS_V2' | 'database_specific' | 'unknown';

export interface AdvisorySeverity {
  severity: Severity;
  /** CVSS base score, when the severity comes from a vector. */
  score?: number;
  vector?: string;
  source: SeveritySource;
}

/** Newest CVSS version first: a v4 vector, when present, is the publisher's latest assessment. */
const CVSS_TYPES = ['CVSS_V4', 'CVSS_V3', 'CVSS_V2'] as const;

/**
 * The severity of an OSV advisory. Prefers the highest CVSS version present (in the record's `severity`
 * or any `affected[].severity`); when several vectors of that version exist, the highest score wins. A
 * vector that does not parse is skipped, not fatal. Without a usable vector, the advisory's own label is
 * used: `database_specific.severity` as GHSA writes it, else the most severe per-package label
 * (`affected[].database_specific` / `ecosystem_specific`, OSV's "Ubuntu" severity type). With nothing at all, `{ severity: 'info', source: 'unknown' }`:
 * callers that filter by threshold should decide for themselves whether unknown passes (golang/vulndb
 * records, for one, carry no severity).
 */
export function advisorySeverity(record: OsvSeverityFields): AdvisorySeverity {
  const entries = [...(record.severity ?? []), ...(record.affected ?? []).flatMap((affected) => affected?.severity ?? [])];

  for (const type of CVSS_TYPES) {
    let best: CvssScore | undefined;
    for (const entry of entries) {
      if (entry?.type !== type || typeof entry.score !== 'string') continue;
      const scored = scoreOrUndefined(entry.score);
      if (scored && (!best || scored.baseScore > best.baseScore)) best = scored;
    }
    if (best) {
      return { severity: severityFromScore(best.baseScore), score: best.baseScore, vector: best.vector, source: type };
    }
  }

  // GHSA's own label speaks for the whole advisory; per-package labels only when it has none.
  let label = labelSeverity(record.database_specific?.severity);
  if (!label) {
    const perPackage: unknown[] = [
      ...(record.affected ?? []).flatMap((affected) => [
        affected?.database_specific?.severity,
        affected?.ecosystem_specific?.severity,
      ]),
      ...entries.filter((entry) => entry?.type === 'Ubuntu').map((entry) => entry.score),
    ];
    for (const candidate of perPackage) {
      const severity = labelSeverity(candidate);
      if (severity && (!label || severityRank(severity) > severityRank(label))) label = severity;
    }
  }
  if (label) return { severity: label, source: 'database_specific' };
  return { severity: 'info', source: 'unknown' };
}

function scoreOrUndefined(vector: string): CvssScore | undefined {
  try {
    return cvssBaseScore(vector);
  } catch (error) {
    if (error instanceof InvalidCvssVectorError) return undefined;
    throw error;
  }
}
