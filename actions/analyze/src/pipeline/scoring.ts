/**
 * Severity and confidence of each finding, recomputed in one place so every source is judged alike.
 *
 * Severity: when the finding carries a CVSS vector (v2, v3.x, v4.0), its base score gives the band
 * (severityFromScore); a vector that does not parse falls back to the finding's own label, normalised
 * (moderate → medium, negligible → info). `severity_source.score` is set to the recomputed score.
 *
 * Confidence, c, starts at the finding's own value (the scanner's rule precision) and is then adjusted:
 *
 *     c = c0
 *       × 0.9   when the package is transitive (direct === false): reachable only through another package
 *       × 0.8   when the package is dev-only (scope "dev"): not shipped, so less exploitable; still reported
 *       × 0.9   when no fix is known (fix.available === false): nothing to apply with certainty
 *       then, with runtime evidence (correlated with a runtime alert, or itself a runtime alert that matched
 *       a manifest finding): c = c + (1 − c) × 0.5 — half the remaining doubt goes away
 *
 * The factors multiply (each is an independent reason for doubt) and the result is rounded to 3 decimals
 * and kept in [0, 1]. A direct production dependency with a fix and no runtime alert keeps c0 unchanged.
 * Each applied factor is listed in `scoring.factors`, so a decision's confidence can be explained.
 */
import type { Finding, SeverityLevel } from '../../../../src/shared/contracts/findings.js';
import { cvssBaseScore, InvalidCvssVectorError, normaliseSeverity, severityFromScore } from '../../../../src/shared/severity/index.js';

export const CONFIDENCE_FACTORS = {
  transitive: 0.9,
  devOnly: 0.8,
  noFix: 0.9,
  runtimeDoubtRemoved: 0.5,
} as const;

export interface Scoring {
  severity: SeverityLevel;
  severity_source: Finding['severity_source'];
  confidence: number;
  scoring: { severity_from: string; base_confidence: number; factors: string[] };
}

// Many findings share a vector (one advisory in many lockfiles, cells): score each vector once, with the
// band and the explanation its findings share.
interface ScoredVector {
  baseScore: number;
  vector: string;
  severity: SeverityLevel;
  from: string;
}
const scoreCache = new Map<string, ScoredVector | InvalidCvssVectorError>();

function cachedScore(vector: string): ScoredVector {
  let scored = scoreCache.get(vector);
  if (!scored) {
    try {
      const { baseScore, vector: normalised, version } = cvssBaseScore(vector);
      scored = { baseScore, vector: normalised, severity: severityFromScore(baseScore), from: `CVSS ${version} base score ${baseScore.toFixed(1)}` };
    } catch (error) {
      if (!(error instanceof InvalidCvssVectorError)) throw error;
      scored = error;
    }
    if (scoreCache.size > 10_000) scoreCache.clear();
    scoreCache.set(vector, scored);
  }
  if (scored instanceof InvalidCvssVectorError) throw scored;
  return scored;
}

export function scoreSeverity(finding: Finding): Pick<Scoring, 'severity' | 'severity_source'> & { from: string } {
  const vector = finding.severity_source.vector;
  if (vector) {
    try {
      const scored = cachedScore(vector);
      return {
        severity: scored.severity,
        severity_source: { ...finding.severity_source, score: scored.baseScore, vector: scored.vector },
        from: scored.from,
      };
    } catch (error) {
      if (!(error instanceof InvalidCvssVectorError)) throw error;
      return { severity: normaliseSeverity(finding.severity), severity_source: finding.severity_source, from: `${finding.severity_source.source} label (vector unusable: ${error.reason})` };
    }
  }
  return { severity: normaliseSeverity(finding.severity), severity_source: finding.severity_source, from: labelFrom(finding.severity_source.source) };
}

/** "<source> label", one string per source. */
const labelsFrom = new Map<string, string>();
function labelFrom(source: string): string {
  let from = labelsFrom.get(source);
  if (from === undefined) {
    if (labelsFrom.size > 1_000) labelsFrom.clear();
    labelsFrom.set(source, (from = `${source} label`));
  }
  return from;
}

export function scoreConfidence(finding: Finding, runtimeEvidence: boolean): { confidence: number; factors: string[] } {
  let c = finding.confidence;
  const factors: string[] = [];
  if (finding.package?.direct === false) {
    c *= CONFIDENCE_FACTORS.transitive;
    factors.push(`transitive dependency ×${CONFIDENCE_FACTORS.transitive}`);
  }
  if (finding.package?.scope === 'dev') {
    c *= CONFIDENCE_FACTORS.devOnly;
    factors.push(`dev-only dependency ×${CONFIDENCE_FACTORS.devOnly}`);
  }
  if (finding.fix && !finding.fix.available) {
    c *= CONFIDENCE_FACTORS.noFix;
    factors.push(`no known fix ×${CONFIDENCE_FACTORS.noFix}`);
  }
  if (runtimeEvidence) {
    c += (1 - c) * CONFIDENCE_FACTORS.runtimeDoubtRemoved;
    factors.push('runtime evidence: half the remaining doubt removed');
  }
  return { confidence: Math.min(1, Math.max(0, Math.round(c * 1000) / 1000)), factors };
}

export function scoreFinding(finding: Finding, runtimeEvidence: boolean): Scoring {
  const severity = scoreSeverity(finding);
  const confidence = scoreConfidence(finding, runtimeEvidence);
  return {
    severity: severity.severity,
    severity_source: severity.severity_source,
    confidence: confidence.confidence,
    scoring: { severity_from: severity.from, base_confidence: finding.confidence, factors: confidence.factors },
  };
}
