import { beforeAll, describe, expect, test } from '@jest/globals';
import type { Finding } from '../../../../src/shared/contracts/findings.js';
import { fixCompatibility } from './compatibility.js';
import { computeFacts } from './facts.js';
import { loadPolicies } from './load.js';
import { handBuilt, pick, scanExampleApps, undecided } from './test-findings.js';
import type { HealingPolicy } from './types.js';

let scanned: Finding[];
let policies: HealingPolicy[];

beforeAll(async () => {
  scanned = await scanExampleApps();
  policies = (await loadPolicies()).policies;
});

const factsOf = (finding: Finding, testEnvironment = false) => computeFacts(undecided(finding), { policies, testEnvironment });

const privileged = handBuilt({
  kind: 'kubernetes',
  event_type: 'misconfiguration.kubernetes',
  severity: 'high',
  confidence: 0.9,
  message: 'hand-built: container api runs privileged',
  ruleId: 'secloop.k8s.privileged',
  path: 'deploy/api.yaml',
  line: 21,
  fingerprint: 'aaaaaaaaaaaaaaaa',
});
const evalCall = handBuilt({
  kind: 'code',
  event_type: 'vulnerability.code',
  severity: 'high',
  confidence: 0.9,
  message: 'hand-built: eval() of request data',
  ruleId: 'code-eval',
  path: 'app/views.py',
  line: 40,
  fingerprint: 'bbbbbbbbbbbbbbbb',
});

describe('facts of real findings (examples/apps scanned with examples/osv-db)', () => {
  test('patch_available: a fixed version is published, or not', () => {
    const lodash = factsOf(pick(scanned, 'lodash', 'GHSA-35jh-r3h4-6jhm')).patch_available;
    expect(lodash).toEqual({ name: 'patch_available', value: true, fact: 'lodash 4.17.21 fixes it (current 4.17.15)' });
    const request = factsOf(pick(scanned, 'request')).patch_available;
    expect(request).toEqual({ name: 'patch_available', value: false, fact: 'no fixed version of request is published' });
    expect(computeFacts(privileged, { policies }).patch_available.value).toBe(false);
  });

  test('no_breaking_changes: same major (same minor below 1.0), by ecosystem', () => {
    expect(factsOf(pick(scanned, 'lodash', 'GHSA-35jh-r3h4-6jhm')).no_breaking_changes).toEqual({
      name: 'no_breaking_changes',
      value: true,
      fact: 'fixed in 4.17.21 (current 4.17.15): patch-level bump within 4.x (npm: SemVer)',
    });
    expect(factsOf(pick(scanned, 'jsonwebtoken')).no_breaking_changes).toEqual({
      name: 'no_breaking_changes',
      value: false,
      fact: "fixed in 9.0.0 (current 8.5.1): leaves 8.x, a breaking change under npm's SemVer rule",
    });
    expect(factsOf(pick(scanned, 'axios')).no_breaking_changes.value).toBe(false);
    expect(factsOf(pick(scanned, 'golang.org/x/net', 'GO-2024-2687')).no_breaking_changes.fact).toBe(
      "fixed in 0.23.0 (current 0.7.0): leaves 0.7.x, a breaking change under Go's SemVer rule",
    );
    expect(factsOf(pick(scanned, 'openssl')).no_breaking_changes.fact).toBe('fixed in 0.10.55 (current 0.10.40): patch-level bump within 0.10.x (crates.io: SemVer)');
    expect(factsOf(pick(scanned, 'requests')).no_breaking_changes.fact).toBe(
      'fixed in 2.31.0 (current 2.28.1): minor bump within 2.x (PyPI: SemVer-like heuristic)',
    );
    expect(factsOf(pick(scanned, 'com.fasterxml.jackson.core:jackson-databind')).no_breaking_changes.value).toBe(true);
    expect(factsOf(pick(scanned, 'request')).no_breaking_changes.value).toBe(false);
  });

  test('the compatible branch is preferred when an advisory fixes several (ws: 7.5.10 and 8.17.1)', () => {
    const ws = pick(scanned, 'ws');
    expect(ws.advisory?.fixed_versions).toEqual(['7.5.10', '8.17.1']);
    const facts = factsOf(ws);
    expect(facts.patch_available.fact).toBe('ws 7.5.10 fixes it (current 7.4.5)');
    expect(facts.no_breaking_changes.value).toBe(true);
    // Without the 7.x fix only the major upgrade is left.
    const only8 = { ...ws, advisory: { ...ws.advisory!, fixed_versions: ['8.17.1'] }, fix: { ...ws.fix!, fixed_version: '8.17.1' } };
    expect(factsOf(only8).no_breaking_changes.value).toBe(false);
  });

  test('fix_available follows finding.fix.available', () => {
    expect(factsOf(pick(scanned, 'minimist')).fix_available).toEqual({ name: 'fix_available', value: true, fact: 'Upgrade minimist to 1.2.6 or later.' });
    expect(factsOf(pick(scanned, 'request')).fix_available.value).toBe(false);
    expect(factsOf(pick(scanned, 'request')).fix_available.fact).toMatch(/^no fix: No fixed version is published/);
  });

  test('known_fix: a version bump for dependencies, a template for listed rules', () => {
    expect(factsOf(pick(scanned, 'minimist')).known_fix).toEqual({ name: 'known_fix', value: true, fact: 'template: upgrade minimist to 1.2.6' });
    expect(factsOf(pick(scanned, 'request')).known_fix.value).toBe(false);
    expect(computeFacts(privileged, { policies }).known_fix).toEqual({
      name: 'known_fix',
      value: true,
      fact: 'template for rule secloop.k8s.privileged: set securityContext.privileged: false',
    });
    expect(computeFacts(evalCall, { policies }).known_fix).toEqual({ name: 'known_fix', value: false, fact: 'no remediation template for rule code-eval' });
  });

  test('policy_exists: exact, wildcard, none', () => {
    expect(computeFacts(privileged, { policies }).policy_exists.fact).toBe('policy kubernetes-misconfiguration covers misconfiguration.kubernetes');
    const crash = { ...privileged, kind: 'runtime' as const, event_type: 'runtime.crash_loop' };
    expect(computeFacts(crash, { policies }).policy_exists).toEqual({
      name: 'policy_exists',
      value: true,
      fact: 'policy runtime-incident covers runtime.crash_loop (as runtime.*)',
    });
    const licence = { ...privileged, event_type: 'license.denied' };
    expect(computeFacts(licence, { policies }).policy_exists).toEqual({ name: 'policy_exists', value: false, fact: 'no policy for license.denied' });
  });

  test('test_environment comes from the input, default false', () => {
    expect(computeFacts(privileged, { policies }).test_environment.value).toBe(false);
    expect(computeFacts(privileged, { policies, testEnvironment: true }).test_environment.value).toBe(true);
  });
});

describe('fixCompatibility: the semver rule per ecosystem', () => {
  test.each([
    ['npm', '1.2.3', '1.9.0', true],
    ['npm', '1.2.3', '2.0.0', false],
    ['npm', '0.21.1', '0.21.4', true],
    ['npm', '0.21.1', '0.22.0', false],
    ['npm', '0.0.3', '0.0.4', false],
    ['npm', '1.2.3', '1.2.2', false], // not newer: a downgrade is not a fix
    ['Go', 'v1.9.0', 'v1.9.1', true],
    ['Hex', '1.4.0', '1.5.0', true],
    ['Pub', '0.13.4', '0.13.6', true],
    ['PyPI', '2.28.1', '2.31.0', true],
    ['PyPI', '1.26.12', '2.0.6', false],
    ['PyPI', '2.0', '1!2.1', false], // epoch change
    ['Maven', '2.13.1', '2.13.2.1', true],
    ['RubyGems', '1.13.3', '1.13.4', true],
    ['NuGet', '4.7.0', '5.0.0', false],
    ['Hackage', '1.2.3', '1.2.4', true],
    ['Hackage', '1.2.3', '1.3.0', false], // PVP: A.B is the major
    ['Debian', '1:2.3-1', '1:2.3-2', true],
    ['Debian', '2.3-1', '1:2.3-2', false],
  ])('%s %s → %s compatible: %s', (ecosystem, from, to, compatible) => {
    expect(fixCompatibility(ecosystem, from, to).compatible).toBe(compatible);
  });

  test('an ecosystem without ordering is not known compatible', () => {
    expect(fixCompatibility('SwiftURL', '1.0.0', '1.0.1')).toEqual({
      compatible: false,
      fact: 'fixed in 1.0.1 (current 1.0.0): no version ordering for ecosystem SwiftURL, compatibility unknown',
    });
  });
});
