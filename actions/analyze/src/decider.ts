import type { DecideFn } from './pipeline/decide-port.js';
import { computeFacts, decide, loadPolicies } from './policy/index.js';

/**
 * The policy engine behind the pipeline's DecideFn: the shipped healing policies, replaced or extended by the
 * user's `policy-file`. `test-environment` says whether a test environment exists to validate fixes in.
 */
export async function policyDecider(options: { policyFile?: string; testEnvironment?: boolean } = {}): Promise<{ decide: DecideFn; files: string[] }> {
  const set = await loadPolicies(options.policyFile ? { policyFile: options.policyFile } : {});
  return {
    files: set.files,
    decide: (finding, context) =>
      decide(finding, computeFacts(finding, { policies: set.policies, testEnvironment: options.testEnvironment ?? false }), set.policies, {
        describe: context.describe,
      }),
  };
}
