/**
 * Annotations for the findings that matter most: GitHub shows at most 50 per job (10 errors and 10 warnings
 * per step), so gate failures come first, then by severity. Suppressed findings are not annotated.
 */
import type { AnalysisDocument } from '../../../../src/shared/contracts/analysis.js';
import { bySeverity, decisionOf, subjectOf } from './markdown.js';

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  title: string;
  message: string;
  file: string;
  line?: number;
}

export const MAX_ANNOTATIONS = 50;

export function annotationsFor(document: AnalysisDocument): Annotation[] {
  const failing = new Set(document.gate.failing);
  return document.findings
    .filter((f) => !f.suppressed)
    .sort(bySeverity(failing))
    .slice(0, MAX_ANNOTATIONS)
    .map((f) => ({
      level: failing.has(f.fingerprint) ? 'error' : f.severity === 'critical' || f.severity === 'high' ? 'warning' : 'notice',
      title: `${f.severity} ${f.status}${failing.has(f.fingerprint) ? ' (fails the gate)' : ''}: ${subjectOf(f)} ${f.advisory?.id ?? f.rule.id}`,
      message: `${f.message}\nDecision: ${decisionOf(f)}${f.decision.reasons.length ? ` — ${f.decision.reasons[0]}` : ''}`,
      file: f.location.path,
      ...(f.location.start_line ? { line: f.location.start_line } : {}),
    }));
}
