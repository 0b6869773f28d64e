import { beforeAll, describe, expect, test } from '@jest/globals';
import type { Finding } from '../../../../src/shared/contracts/findings.js';
import { decide, type DecideOptions } from './decide.js';
import { computeFacts } from './facts.js';
import { loadPolicies } from './load.js';
import { handBuilt, pick, scanExampleApps, undecided } from './test-findings.js';
import type { HealingPolicy, UndecidedFinding } from './types.js';

let scanned: Finding[];
let policies: HealingPolicy[];

beforeAll(async () => {
  scanned = await scanExampleApps();
  policies = (await loadPolicies()).policies;
});

function decideFor(finding: UndecidedFinding, { testEnvironment = false, options = {} as DecideOptions, using = policies } = {}) {
  return decide(finding, computeFacts(finding, { policies: using, testEnvironment }), using, options);
}
const dep = (name: string, advisory?: string, extra: Partial<UndecidedFinding> = {}) => undecided(pick(scanned, name, advisory), extra);

describe('dependency-vulnerability (seed) on real findings', () => {
  test('medium, compatible patch → auto-heal with update_dependency, after approval', () => {
    const decision = decideFor(dep('requests'));
    expect(decision).toMatchObject({
      outcome: 'auto_heal',
      action: 'update_dependency',
      policy: 'dependency-vulnerability',
      require_approval: true,
      rollback_enabled: true,
      severity_allowed: true,
      confidence: { value: 0.95, threshold: 0.9, met: true },
    });
    expect(decision.conditions.map((c) => [c.name, c.value])).toEqual([
      ['patch_available', true],
      ['no_breaking_changes', true],
      ['fix_available', true],
    ]);
    expect(decision.reasons[0]).toBe(
      'dependency-vulnerability: severity medium is in auto_heal_severities [low, medium] and confidence 0.95 meets the threshold 0.9 → auto-heal with update_dependency, after human approval',
    );
  });

  test('medium with a breaking fix (axios 0.21.1 → 1.6.0) → auto-heal with create_pr, the second action', () => {
    const decision = decideFor(dep('axios'));
    expect(decision).toMatchObject({ outcome: 'auto_heal', action: 'create_pr', require_approval: true });
    expect(decision.conditions.find((c) => c.name === 'no_breaking_changes')).toMatchObject({ value: false });
    expect(decision.reasons[1]).toMatch(/^update_dependency: patch_available is true .*; no_breaking_changes is false \(fixed in 1\.6\.0 \(current 0\.21\.1\): leaves 0\.21\.x/);
    expect(decision.reasons[2]).toBe('create_pr: fix_available is true (Upgrade axios to 1.6.0 or later.) (chosen)');
  });

  test('medium without any fix (request) → issue, no action applies', () => {
    const decision = decideFor(dep('request'));
    expect(decision).toMatchObject({ outcome: 'issue', require_approval: false });
    expect(decision.action).toBeUndefined();
    expect(decision.reasons[0]).toBe('dependency-vulnerability: no action has all its conditions met → issue for a human: no change to propose');
  });

  test('high → fix PR for human approval, naming the action it proposes', () => {
    const decision = decideFor(dep('lodash', 'GHSA-35jh-r3h4-6jhm'));
    expect(decision).toMatchObject({ outcome: 'fix_pr', action: 'update_dependency', require_approval: true, severity_allowed: false });
    expect(decision.reasons[0]).toBe(
      'dependency-vulnerability: severity high is not in auto_heal_severities [low, medium] → fix PR for human approval (update_dependency)',
    );
    expect(decideFor(dep('jsonwebtoken'))).toMatchObject({ outcome: 'fix_pr', action: 'create_pr' });
  });

  test('critical with a fix → fix PR too', () => {
    expect(decideFor(dep('minimist'))).toMatchObject({ outcome: 'fix_pr', action: 'update_dependency' });
  });

  test('confidence below the threshold → not healed automatically', () => {
    // The scanner reports 0.95 for advisory matches; a lower confidence (a guessed version) is simulated here.
    const decision = decideFor(dep('requests', undefined, { confidence: 0.85 }));
    expect(decision).toMatchObject({ outcome: 'fix_pr', confidence: { value: 0.85, threshold: 0.9, met: false } });
    expect(decision.reasons[0]).toBe('dependency-vulnerability: confidence 0.85 is below the threshold 0.9 → fix PR for human approval (update_dependency)');
  });

  test('suppressed → none, with the suppression’s reason', () => {
    const suppressed = dep('requests', undefined, {
      suppressed: { by: 'config', reason: 'not reachable: only used in tests', source: 'secloop.yml#ignore[0]', expires: '2026-12-31' },
    });
    const decision = decideFor(suppressed);
    expect(decision).toMatchObject({ outcome: 'none', require_approval: false, policy: 'dependency-vulnerability' });
    expect(decision.reasons).toEqual(['suppressed by the configuration (secloop.yml#ignore[0]): not reachable: only used in tests → no action']);
  });

  test('no policy for the event type → issue, or escalate when critical', () => {
    const without = policies.filter((p) => !p.event_type.startsWith('vulnerability.'));
    const medium = decideFor(dep('requests'), { using: without });
    expect(medium).toMatchObject({ outcome: 'issue', conditions: [{ name: 'policy_exists', value: false }] });
    expect(medium.reasons).toEqual(['no policy for vulnerability.dependency → issue for a human']);
    expect(decideFor(dep('minimist'), { using: without }).reasons).toEqual(['no policy for vulnerability.dependency → escalate to a human (critical severity)']);
  });
});

const manifest = (ruleId: string, severity: Finding['severity'], eventType = 'misconfiguration.kubernetes') =>
  handBuilt({
    kind: eventType === 'misconfiguration.container' ? 'container' : 'kubernetes',
    event_type: eventType,
    severity,
    confidence: 0.9,
    message: `hand-built: ${ruleId}`,
    ruleId,
    path: 'deploy/api.yaml',
    line: 20,
    fingerprint: '1111111111111111',
    fix: { summary: `apply the ${ruleId} template`, available: true },
  });

describe('container-misconfiguration (seed) and kubernetes-misconfiguration', () => {
  test('known fix and a test environment → update_deployment; without the environment → apply_policy', () => {
    const finding = manifest('secloop.docker.root-user', 'medium', 'misconfiguration.container');
    expect(decideFor(finding, { testEnvironment: true })).toMatchObject({ outcome: 'auto_heal', action: 'update_deployment', require_approval: true });
    const noEnv = decideFor(finding);
    expect(noEnv).toMatchObject({ outcome: 'auto_heal', action: 'apply_policy', policy: 'container-misconfiguration' });
    expect(noEnv.conditions).toEqual([
      { name: 'known_fix', value: true, fact: 'template for rule secloop.docker.root-user: add a USER instruction with a non-root user' },
      { name: 'test_environment', value: false, fact: 'no test environment is declared (input test-environment is false)' },
      { name: 'policy_exists', value: true, fact: 'policy container-misconfiguration covers misconfiguration.container' },
    ]);
  });

  test('a Kubernetes rule without a template gets a fix PR from the scanner’s fix, not an automatic change', () => {
    const decision = decideFor(manifest('k8s-custom-check', 'high'), { testEnvironment: true });
    expect(decision).toMatchObject({ outcome: 'fix_pr', require_approval: true });
    expect(decision.action).toBeUndefined();
    expect(decision.reasons[0]).toBe('kubernetes-misconfiguration: no action has all its conditions met → fix PR for human approval (the scanner’s fix)');
  });

  test('critical is outside the allowed severities → fix PR', () => {
    expect(decideFor(manifest('secloop.k8s.privileged', 'critical'), { testEnvironment: true })).toMatchObject({
      outcome: 'fix_pr',
      action: 'update_deployment',
    });
  });
});

const secret = (severity: Finding['severity'], confidence: number) =>
  handBuilt({
    kind: 'secret',
    event_type: 'secret.exposed',
    severity,
    confidence,
    message: 'hand-built: GitHub personal access token in config/settings.py',
    ruleId: 'github-pat',
    path: 'config/settings.py',
    line: 12,
    fingerprint: '2222222222222222',
  });

describe('exposed-secret (seed)', () => {
  test('a certain, critical secret → rotate at once; rotation changes things, so it still needs approval', () => {
    const decision = decideFor(secret('critical', 1));
    expect(decision).toMatchObject({ outcome: 'auto_heal', action: 'rotate_secret', immediate: true, require_approval: true, rollback_enabled: false });
    expect(decision.conditions).toEqual([]);
    expect(decision.reasons[1]).toBe('rotate_secret: no conditions (chosen)');
  });

  test('below certainty or below critical → escalate to a human', () => {
    expect(decideFor(secret('critical', 0.9)).reasons[0]).toBe(
      'exposed-secret: confidence 0.9 is below the threshold 1 → escalate to a human: a credential is rotated outside the repository',
    );
    expect(decideFor(secret('high', 1))).toMatchObject({ outcome: 'escalate', require_approval: false });
  });
});

const code = (eventType: string, ruleId: string, severity: Finding['severity'], confidence: number) =>
  handBuilt({
    kind: 'code',
    event_type: eventType,
    severity,
    confidence,
    message: `hand-built: ${ruleId} in app/db.py`,
    ruleId,
    path: 'app/db.py',
    line: 33,
    fingerprint: '3333333333333333',
  });

describe('sql-injection-fix (seed exercise) and code-vulnerability', () => {
  test('high SQL injection with confidence 0.97 → parameterized query, reviewed, tests required', () => {
    const decision = decideFor(code('vulnerability.sql_injection', 'code-sql-string-format', 'high', 0.97));
    expect(decision).toMatchObject({
      outcome: 'auto_heal',
      action: 'apply_parameterized_query',
      validation: ['code_review'],
      require_approval: true,
      test_required: true,
      policy: 'sql-injection-fix',
    });
  });

  test('medium SQL injection → fix PR with the parameterized query', () => {
    const decision = decideFor(code('vulnerability.sql_injection', 'code-sql-string-format', 'medium', 0.97));
    expect(decision.reasons[0]).toBe(
      'sql-injection-fix: severity medium is not in auto_heal_severities [high, critical] → fix PR for human approval (apply_parameterized_query)',
    );
  });

  test('yaml.load has a known fix → apply_fix; eval has none → issue', () => {
    expect(decideFor(code('vulnerability.code', 'secloop.unsafe-yaml-load', 'medium', 0.95))).toMatchObject({
      outcome: 'auto_heal',
      action: 'apply_fix',
      validation: ['code_review', 'tests_pass'],
    });
    expect(decideFor(code('vulnerability.code', 'code-eval', 'high', 0.95))).toMatchObject({ outcome: 'issue' });
  });
});

describe('runtime-incident and workflow-misconfiguration', () => {
  const incident = (correlated: string[]) => ({
    ...handBuilt({
      kind: 'runtime',
      event_type: 'runtime.probe_failure',
      severity: 'high',
      confidence: 0.95,
      message: 'hand-built: liveness probe failing for deployment api (seed 002 incident)',
      ruleId: 'runtime-probe-failure',
      path: 'deploy/api.yaml',
      line: 1,
      fingerprint: '4444444444444444',
    }),
    correlated,
  });

  test('a probe failure is escalated with the correlated misconfiguration', () => {
    const describe = (fp: string) => (fp === '1111111111111111' ? 'misconfiguration.kubernetes k8s-missing-liveness-probe at deploy/api.yaml:20' : undefined);
    const decision = decideFor(incident(['1111111111111111']), { options: { describe } });
    expect(decision).toMatchObject({ outcome: 'escalate', policy: 'runtime-incident', require_approval: false });
    expect(decision.reasons[0]).toBe('runtime-incident: severity high is not in auto_heal_severities [] → escalate to a human: a runtime incident needs an owner');
    expect(decision.reasons.at(-1)).toBe('correlated with misconfiguration.kubernetes k8s-missing-liveness-probe at deploy/api.yaml:20');
    expect(decideFor(incident([])).reasons.at(-1)).toBe('no correlated misconfiguration was found: investigate from the alert');
  });

  test('an unpinned action → auto-heal with a PR', () => {
    const unpinned = { ...manifest('secloop.workflow.unpinned-action', 'medium'), kind: 'workflow' as const, event_type: 'misconfiguration.workflow' };
    expect(decideFor(unpinned)).toMatchObject({ outcome: 'auto_heal', action: 'create_pr', rollback_enabled: false });
  });
});
