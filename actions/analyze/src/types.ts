import type { Finding, SeverityLevel } from '../../../src/shared/contracts/findings.js';

/**
 * The analyze agent's vocabulary, shared by its parts (merge, suppressions, baseline, policy engine, report).
 * The persisted form is `secloop.analysis/v2` (analysis.json, src/shared/contracts/analysis.ts), which stores
 * each rule, advisory and decision once; in memory every finding holds its own (shared) objects.
 */

/** Relative to the baseline (the previous findings of the base branch, or a baseline file). */
export type BaselineStatus = 'new' | 'unchanged' | 'fixed';

/** Why a finding does not count: a config-as-code ignore entry or a VEX statement. */
export interface Suppression {
  by: 'config' | 'vex';
  reason: string;
  /** The entry that matched: `secloop.yml#ignore[2]` or `vex.json#statements[0]`. */
  source: string;
  expires?: string;
  owner?: string;
  /** VEX: not_affected | fixed, with the justification. */
  vex_status?: string;
  justification?: string;
}

/** One condition of a policy action, evaluated against the facts of one finding. */
export interface ConditionResult {
  name: string; // patch_available, no_breaking_changes, fix_available, known_fix, policy_exists, test_environment, ...
  value: boolean;
  /** The fact behind the value, in words: "fixed in 4.17.21 (current 4.17.15): patch-level bump". */
  fact: string;
}

export type DecisionOutcome = 'auto_heal' | 'fix_pr' | 'issue' | 'escalate' | 'none';

export interface Decision {
  outcome: DecisionOutcome;
  /** The policy action chosen (update_dependency, create_pr, rotate_secret, ...), when one applies. */
  action?: string;
  /** The policy that matched (its `name`), if any. */
  policy?: string;
  immediate?: boolean;
  require_approval: boolean;
  rollback_enabled?: boolean;
  test_required?: boolean;
  validation?: string[];
  confidence: { value: number; threshold?: number; met: boolean };
  severity_allowed?: boolean;
  conditions: ConditionResult[];
  /** Human-readable reasons, in order: the explanation shown in the summary and the PR comment. */
  reasons: string[];
}

export interface AnalyzedFinding extends Finding {
  status: BaselineStatus;
  /** Findings of the same vulnerability reached through different ids/sources share a group id. */
  group: string;
  /** Fingerprints of findings correlated with this one (a runtime alert and the misconfiguration behind it). */
  correlated: string[];
  /** Where it came from: artifact names or input directories (several when merged). */
  sources: string[];
  suppressed?: Suppression;
  decision: Decision;
  /** How severity and confidence were derived (pipeline/scoring.ts): the explanation of the two numbers. */
  scoring?: { severity_from: string; base_confidence: number; factors: string[] };
}

export interface GateResult {
  threshold: SeverityLevel | 'none';
  /** 'new' on pull requests by default: only findings the change introduces count. */
  considered: 'new' | 'all';
  failing: string[]; // fingerprints
  result: 'pass' | 'fail' | 'error';
}
