/**
 * The seam between the pipeline and the policy engine (actions/analyze/src/policy): the pipeline prepares
 * each finding (merged, scored, correlated, suppressed, compared with the baseline) and asks a DecideFn for
 * the decision. The engine is plugged in by the caller, so the pipeline can be tested without policies and
 * the engine without the pipeline.
 */
import type { AnalyzedFinding, Decision } from '../types.js';

/** The finding as the policy engine sees it: analyzed, not yet decided. */
export type UndecidedFinding = Omit<AnalyzedFinding, 'decision'>;

export interface DecideContext {
  /** Describes a correlated finding by fingerprint ("kubernetes K8S-001 at shop-web/k8s/deploy.yaml:12"). */
  describe: (fingerprint: string) => string | undefined;
  /** The analysis time (for expiries and ages). */
  now: Date;
}

export type DecideFn = (finding: UndecidedFinding, context: DecideContext) => Decision;

/**
 * Used when no policy engine is plugged in: no automatic action, and the reasons say so. Suppressed findings
 * say why they are suppressed, so the summary explains them either way.
 */
export const noPolicyDecision: DecideFn = (finding) => {
  const reasons = finding.suppressed
    ? [`suppressed by ${finding.suppressed.source}: ${finding.suppressed.reason}`]
    : ['no healing policy engine configured: no automatic action'];
  return {
    outcome: 'none',
    require_approval: true,
    confidence: { value: finding.confidence, met: false },
    conditions: [],
    reasons,
  };
};
