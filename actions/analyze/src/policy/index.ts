/**
 * The analyze agent's policy engine: healing policies (policies/healing-policies.yaml or the user's
 * `policy-file`), the facts of a finding, and the decision.
 *
 *   const set = await loadPolicies({ policyFile });                // throws ConfigurationError (file:line (field))
 *   const facts = computeFacts(finding, { policies: set.policies, testEnvironment });
 *   const decision = decide(finding, facts, set.policies, { describe });
 */
export { combinePolicies, defaultPolicyFilePath, loadPolicies, parsePolicyFile, readPolicyFile } from './load.js';
export type { LoadPoliciesOptions, PolicyFile } from './load.js';
export { PolicyFileError } from './errors.js';
export type { PolicyProblem } from './errors.js';
export { computeFacts } from './facts.js';
export type { FactContext } from './facts.js';
export { decide } from './decide.js';
export type { DecideOptions } from './decide.js';
export { findPolicy } from './match.js';
export { fixCompatibility } from './compatibility.js';
export { KNOWN_FIXES } from './known-fixes.js';
export { ACTION_TYPES, CONDITIONS, VALIDATIONS, POLICY_SEVERITIES } from './vocabulary.js';
export type { ActionType, ConditionName, ValidationName } from './vocabulary.js';
export type { Facts, HealingPolicy, PolicyAction, PolicySet, UndecidedFinding } from './types.js';
