import type { DecideFn } from './pipeline/decide-port.js';
import { computeFacts, decide, loadPolicies } from './policy/index.js';
import { decisionKey } from './policy/facts.js';
import type { Decision } from './types.js';

/**
 * The policy engine behind the pipeline's DecideFn: the shipped healing policies, replaced or extended by the
 * user's `policy-file`. `test-environment` says whether a test environment exists to validate fixes in.
 * Findings alike in everything a decision reads share one decision (policy/facts.ts decisionKey).
 */
export async function policyDecider(options: { policyFile?: string; testEnvironment?: boolean } = {}): Promise<{ decide: DecideFn; files: string[] }> {
  const set = await loadPolicies(options.policyFile ? { policyFile: options.policyFile } : {});
  const factContext = { policies: set.policies, testEnvironment: options.testEnvironment ?? false };
  // One decision object per distinct case, shared by the findings of that case (never changed after).
  const decided = new Map<string, Decision>();
  return {
    files: set.files,
    decide: (finding, context) => {
      const key = decisionKey(finding);
      let decision = key === undefined ? undefined : decided.get(key);
      if (!decision) {
        decision = decide(finding, computeFacts(finding, factContext), set.policies, { describe: context.describe });
        if (key !== undefined) decided.set(key, decision);
      }
      return decision;
    },
  };
}
