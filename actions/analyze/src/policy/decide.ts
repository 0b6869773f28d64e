import type { ConditionResult, Decision, DecisionOutcome } from '../types.js';
import { findPolicy } from './match.js';
import type { Facts, HealingPolicy, PolicyAction, UndecidedFinding } from './types.js';
import { ACTION_TYPES, type ConditionName } from './vocabulary.js';

export interface DecideOptions {
  /**
   * Describes a correlated finding by fingerprint ("misconfiguration.kubernetes k8s-missing-liveness-probe at
   * deploy/api.yaml:20"), so an escalation names what likely caused the incident. Without it the fingerprint
   * is shown.
   */
  describe?: (fingerprint: string) => string | undefined;
}

/** Event families whose remedy happens outside the repository: a person must act, not a pull request. */
const HUMAN_FAMILIES = ['secret.', 'runtime.'];

const OUTCOME_WORDS: Record<DecisionOutcome, string> = {
  auto_heal: 'auto-heal',
  fix_pr: 'fix PR for human approval',
  issue: 'issue for a human',
  escalate: 'escalate to a human',
  none: 'no action',
};

/**
 * The healing decision for one finding (seed 000's `_can_self_heal`, made explicit): which policy applies,
 * whether its severity and confidence gates pass, and which action's conditions hold. Every condition the
 * policy uses is recorded with its value and the fact behind it, and the reasons say in words why.
 */
export function decide(finding: UndecidedFinding, facts: Facts, policies: readonly HealingPolicy[], options: DecideOptions = {}): Decision {
  const policy = findPolicy(finding.event_type, policies);

  if (finding.suppressed) {
    const s = finding.suppressed;
    return {
      outcome: 'none',
      ...(policy ? { policy: policy.name } : {}),
      require_approval: false,
      confidence: { value: finding.confidence, ...(policy ? { threshold: policy.confidence_threshold } : {}), met: false },
      conditions: policy ? conditionsOf(policy, facts) : [facts.policy_exists],
      reasons: [`suppressed by ${s.by === 'vex' ? 'a VEX statement' : 'the configuration'} (${s.source}): ${s.reason} → no action`],
    };
  }

  if (!policy) {
    const outcome: DecisionOutcome = finding.severity === 'critical' ? 'escalate' : 'issue';
    return {
      outcome,
      require_approval: false,
      confidence: { value: finding.confidence, met: false },
      conditions: [facts.policy_exists],
      reasons: [
        `no policy for ${finding.event_type} → ${OUTCOME_WORDS[outcome]}${outcome === 'escalate' ? ' (critical severity)' : ''}`,
        ...correlationReasons(finding, options),
      ],
    };
  }

  const conditions = conditionsOf(policy, facts);
  const severityAllowed = policy.auto_heal_severities.includes(finding.severity);
  const confidenceMet = finding.confidence >= policy.confidence_threshold;
  const chosen = policy.actions.find((action) => action.conditions.every((name) => facts[name].value));
  const base = {
    policy: policy.name,
    rollback_enabled: policy.rollback_enabled,
    ...(policy.test_required !== undefined ? { test_required: policy.test_required } : {}),
    confidence: { value: finding.confidence, threshold: policy.confidence_threshold, met: confidenceMet },
    severity_allowed: severityAllowed,
    conditions,
  };
  const severities = `[${policy.auto_heal_severities.join(', ')}]`;
  const severityReason = severityAllowed
    ? `severity ${finding.severity} is in auto_heal_severities ${severities}`
    : `severity ${finding.severity} is not in auto_heal_severities ${severities}`;
  const confidenceReason = `confidence ${finding.confidence} ${confidenceMet ? 'meets' : 'is below'} the threshold ${policy.confidence_threshold}`;
  const actionReasons = policy.actions.map((action) => describeAction(action, facts, action === chosen));
  // Only the actions up to the chosen one were tried; later ones are not worth a line.
  const tried = chosen ? actionReasons.slice(0, policy.actions.indexOf(chosen) + 1) : actionReasons;

  if (severityAllowed && confidenceMet && chosen) {
    const requireApproval = approvalFor(chosen);
    return {
      ...base,
      outcome: 'auto_heal',
      ...actionFields(chosen),
      require_approval: requireApproval,
      reasons: [
        `${policy.name}: ${severityReason} and ${confidenceReason} → auto-heal with ${chosen.type}` +
          (requireApproval ? ', after human approval' : ' (the policy waives approval)'),
        ...tried,
      ],
    };
  }

  const blockers = [
    ...(severityAllowed ? [] : [severityReason]),
    ...(confidenceMet ? [] : [confidenceReason]),
    ...(chosen ? [] : ['no action has all its conditions met']),
  ];
  const outcome = fallbackOutcome(finding, policy, chosen, facts);
  const proposed = outcome === 'fix_pr' ? chosen : undefined;
  return {
    ...base,
    outcome,
    ...(proposed ? actionFields(proposed) : {}),
    require_approval: outcome === 'fix_pr',
    reasons: [
      `${policy.name}: ${blockers.join('; ')} → ${OUTCOME_WORDS[outcome]}${fallbackWhy(finding, policy, outcome, proposed)}`,
      ...tried,
      ...(outcome === 'escalate' ? correlationReasons(finding, options) : []),
    ],
  };
}

/**
 * When the engine may not heal on its own: a fix PR if there is a change to propose, else a person. Secrets and
 * runtime incidents, and policies that list `escalate`, go to a person; so does a critical finding without a fix.
 */
function fallbackOutcome(finding: UndecidedFinding, policy: HealingPolicy, chosen: PolicyAction | undefined, facts: Facts): DecisionOutcome {
  if (HUMAN_FAMILIES.some((family) => finding.event_type.startsWith(family))) return 'escalate';
  if (policy.actions.some((action) => action.type === 'escalate')) return 'escalate';
  if (chosen && ACTION_TYPES[chosen.type].changes) return 'fix_pr';
  if (finding.severity === 'critical') return 'escalate';
  return facts.fix_available.value ? 'fix_pr' : 'issue';
}

function fallbackWhy(finding: UndecidedFinding, policy: HealingPolicy, outcome: DecisionOutcome, proposed: PolicyAction | undefined): string {
  if (outcome === 'fix_pr') return proposed ? ` (${proposed.type})` : ' (the scanner’s fix)';
  if (outcome === 'escalate') {
    if (HUMAN_FAMILIES.some((family) => finding.event_type.startsWith(family))) {
      return finding.event_type.startsWith('secret.') ? ': a credential is rotated outside the repository' : ': a runtime incident needs an owner';
    }
    if (policy.actions.some((action) => action.type === 'escalate')) return `: policy ${policy.name} escalates`;
    return ': critical severity and no change to propose';
  }
  return ': no change to propose';
}

/** Approval as the action says; by default every action that changes something needs a human (seed 002). */
function approvalFor(action: PolicyAction): boolean {
  return action.require_approval ?? ACTION_TYPES[action.type].changes;
}

function actionFields(action: PolicyAction): Pick<Decision, 'action' | 'immediate' | 'validation'> {
  return {
    action: action.type,
    ...(action.immediate !== undefined ? { immediate: action.immediate } : {}),
    ...(action.validation !== undefined ? { validation: [...action.validation] } : {}),
  };
}

/** Every condition the policy's actions use, once each, in the order they appear. */
function conditionsOf(policy: HealingPolicy, facts: Facts): ConditionResult[] {
  const names: ConditionName[] = [];
  for (const action of policy.actions) for (const name of action.conditions) if (!names.includes(name)) names.push(name);
  return names.map((name) => ({ ...facts[name] }));
}

function describeAction(action: PolicyAction, facts: Facts, chosen: boolean): string {
  if (action.conditions.length === 0) return `${action.type}: no conditions${chosen ? ' (chosen)' : ''}`;
  const parts = action.conditions.map((name) => `${name} is ${facts[name].value} (${facts[name].fact})`);
  return `${action.type}: ${parts.join('; ')}${chosen ? ' (chosen)' : ''}`;
}

function correlationReasons(finding: UndecidedFinding, options: DecideOptions): string[] {
  if (!finding.event_type.startsWith('runtime.')) return [];
  if (finding.correlated.length === 0) return ['no correlated misconfiguration was found: investigate from the alert'];
  // The likely cause first: for a probe failure the missing probe, then the workload's other misconfigurations,
  // then the app's vulnerable packages; a handful is an explanation, fifty is noise.
  const described = finding.correlated.map((fingerprint) => options.describe?.(fingerprint) ?? `finding ${fingerprint}`);
  const rank = (text: string) =>
    (finding.event_type === 'runtime.probe_failure' && /probe/.test(text) ? 0 : 2) - (/kubernetes|container/.test(text) ? 1 : 0);
  const ordered = described.map((text, i) => ({ text, i })).sort((a, b) => rank(a.text) - rank(b.text) || a.i - b.i);
  const shown = ordered.slice(0, MAX_CORRELATION_REASONS).map(({ text }) => `correlated with ${text}`);
  if (ordered.length > shown.length) shown.push(`and ${ordered.length - shown.length} more correlated finding(s) (see correlated in analysis.json)`);
  return shown;
}

const MAX_CORRELATION_REASONS = 5;
