import type { SeverityLevel } from '../../../../src/shared/contracts/findings.js';
import type { AnalyzedFinding, ConditionResult } from '../types.js';
import type { ActionType, ConditionName, ValidationName } from './vocabulary.js';

/** Where a policy or action was written: for reasons and error messages. */
export interface PolicySource {
  file: string;
  line: number;
}

export interface PolicyAction {
  type: ActionType;
  /** All must hold for the action to be chosen; none means it always applies. */
  conditions: ConditionName[];
  immediate?: boolean;
  validation?: ValidationName[];
  /** As written; absent means the default of the action type (true for anything that changes something). */
  require_approval?: boolean;
  source: PolicySource;
}

export interface HealingPolicy {
  name: string;
  /** Exact (`vulnerability.dependency`) or a prefix wildcard (`runtime.*`). */
  event_type: string;
  /** Normalised (`moderate` → medium). Empty: never heal automatically. */
  auto_heal_severities: SeverityLevel[];
  confidence_threshold: number;
  actions: PolicyAction[];
  rollback_enabled: boolean;
  test_required?: boolean;
  source: PolicySource;
}

/** The policies in force, and the files they came from (defaults first). */
export interface PolicySet {
  policies: HealingPolicy[];
  files: string[];
}

/** The finding as the policy engine sees it: analyzed, not yet decided. */
export type UndecidedFinding = Omit<AnalyzedFinding, 'decision'>;

/** Every condition's value for one finding, with the fact behind it. */
export type Facts = Record<ConditionName, ConditionResult>;
