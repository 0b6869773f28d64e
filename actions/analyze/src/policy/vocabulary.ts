import type { SeverityLevel } from '../../../../src/shared/contracts/findings.js';

/**
 * The words a healing-policy file may use. Every set is closed: a typo in a policy ("patch_avaliable") must be
 * an error naming the line, never a condition that silently never holds. policies/README.md documents them and
 * policies/healing-policies.schema.json repeats them (a test keeps the three in step).
 */

export interface ActionTypeInfo {
  /** What the remediate agent does for it. */
  description: string;
  /**
   * Whether it changes the repository or the running system. Such actions need a human approval unless the
   * policy says `require_approval: false` (seed 002: "human approval at every gate").
   */
  changes: boolean;
  /** Where the name comes from: the seed module 000 or secloop's own vocabulary. */
  origin: 'seed' | 'secloop';
}

/**
 * Action types. The seed's policies (000: healing-policies.yaml and the exercise's custom-healing-policy.yaml)
 * use update_dependency, create_pr, update_deployment, apply_policy, rotate_secret, update_references,
 * notify_security_team, apply_parameterized_query and create_fix_pr; secloop adds the generic verbs its other
 * event types need (revoke_secret, notify, create_issue, apply_fix, add_test, escalate, rollback).
 */
export const ACTION_TYPES = {
  update_dependency: { description: 'bump the package to the fixed version in its manifest and lockfile', changes: true, origin: 'seed' },
  create_pr: { description: 'open a pull request with the fix for review', changes: true, origin: 'seed' },
  update_deployment: { description: 'apply the known fix template to the deployment manifest or Dockerfile', changes: true, origin: 'seed' },
  apply_policy: { description: 'apply an existing admission/guardrail policy that forbids the misconfiguration', changes: true, origin: 'seed' },
  rotate_secret: { description: 'issue a new credential and retire the exposed one', changes: true, origin: 'seed' },
  update_references: { description: 'point the code and configuration at the rotated credential', changes: true, origin: 'seed' },
  notify_security_team: { description: 'tell the security team (seed name of notify)', changes: false, origin: 'seed' },
  apply_parameterized_query: { description: 'rewrite the query with bound parameters (the SQL-injection fix)', changes: true, origin: 'seed' },
  create_fix_pr: { description: 'open a pull request with the fix (seed name of create_pr)', changes: true, origin: 'seed' },
  revoke_secret: { description: 'revoke the exposed credential without issuing a new one', changes: true, origin: 'secloop' },
  notify: { description: 'send a notification (summary, comment or chat) without changing anything', changes: false, origin: 'secloop' },
  create_issue: { description: 'open a tracking issue for a human', changes: false, origin: 'secloop' },
  apply_fix: { description: 'apply the rule’s known code fix (yaml.safe_load for yaml.load, ...)', changes: true, origin: 'secloop' },
  add_test: { description: 'add a regression test that fails on the vulnerable pattern', changes: true, origin: 'secloop' },
  escalate: { description: 'hand the finding to a human with its context (correlated findings, timeline)', changes: false, origin: 'secloop' },
  rollback: { description: 'roll the deployment back to the last known-good revision', changes: true, origin: 'secloop' },
} as const satisfies Record<string, ActionTypeInfo>;

export type ActionType = keyof typeof ACTION_TYPES;
export const ACTION_TYPE_NAMES = Object.keys(ACTION_TYPES) as ActionType[];

export function isActionType(value: string): value is ActionType {
  return Object.hasOwn(ACTION_TYPES, value);
}

/**
 * Conditions an action may require. The seed uses all six; each is computed from the finding in facts.ts.
 */
export const CONDITIONS = {
  patch_available: 'a fixed version of the vulnerable package is published',
  no_breaking_changes: 'the fixed version is semver-compatible with the current one (same major; same minor for 0.x)',
  fix_available: 'the scanner reports a fix (finding.fix.available)',
  known_fix: 'secloop has a remediation template for the rule (known-fixes.ts) or the fix is a version bump',
  policy_exists: 'a healing policy covers the finding’s event type',
  test_environment: 'a test environment exists to try the fix in (input test-environment, default false)',
} as const;

export type ConditionName = keyof typeof CONDITIONS;
export const CONDITION_NAMES = Object.keys(CONDITIONS) as ConditionName[];

export function isConditionName(value: string): value is ConditionName {
  return Object.hasOwn(CONDITIONS, value);
}

/**
 * What must hold before a change counts as done (the seed's `validation: "code_review"`). The remediate agent
 * enforces them; unknown words would be silently skipped there, so the loader rejects them.
 */
export const VALIDATIONS = {
  code_review: 'a human approves the pull request',
  tests_pass: 'the repository’s tests pass with the change',
  rescan_clean: 'a new scan no longer reports the finding',
} as const;

export type ValidationName = keyof typeof VALIDATIONS;
export const VALIDATION_NAMES = Object.keys(VALIDATIONS) as ValidationName[];

export function isValidationName(value: string): value is ValidationName {
  return Object.hasOwn(VALIDATIONS, value);
}

/** Severity words a policy may use; `moderate` (GitHub advisories, dependency-review-action) means medium. */
export const POLICY_SEVERITIES: Readonly<Record<string, SeverityLevel>> = {
  critical: 'critical',
  high: 'high',
  medium: 'medium',
  moderate: 'medium',
  low: 'low',
  info: 'info',
};
