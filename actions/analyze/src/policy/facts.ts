import { comparatorFor } from '../../../../src/shared/versions/index.js';
import type { ConditionResult } from '../types.js';
import { fixCompatibility, type Compatibility } from './compatibility.js';
import { knownFixFor } from './known-fixes.js';
import { findPolicy } from './match.js';
import type { Facts, HealingPolicy, UndecidedFinding } from './types.js';
import type { ConditionName } from './vocabulary.js';

export interface FactContext {
  /** The policies in force (for `policy_exists`). */
  policies: readonly HealingPolicy[];
  /** Input `test-environment`: the repository has somewhere to try a fix before production. Default false. */
  testEnvironment?: boolean;
}

/** The upgrade the engine would propose for a dependency finding, and whether it is compatible. */
interface Upgrade {
  version: string;
  compatibility: Compatibility;
}

/**
 * Every condition's value for one finding, each with the fact behind it in words. Computed for all conditions
 * (not only those a policy asks for) so that a decision can show the whole picture.
 */
export function computeFacts(finding: UndecidedFinding, context: FactContext): Facts {
  const upgrade = proposedUpgrade(finding);
  const facts: Record<ConditionName, Omit<ConditionResult, 'name'>> = {
    patch_available: patchAvailable(finding, upgrade),
    no_breaking_changes: noBreakingChanges(finding, upgrade),
    fix_available: finding.fix?.available
      ? { value: true, fact: finding.fix.summary }
      : { value: false, fact: finding.fix ? `no fix: ${finding.fix.summary}` : 'the scanner reports no fix' },
    known_fix: knownFix(finding, upgrade),
    policy_exists: policyExists(finding, context.policies),
    test_environment: context.testEnvironment
      ? { value: true, fact: 'a test environment is declared (input test-environment)' }
      : { value: false, fact: 'no test environment is declared (input test-environment is false)' },
  };
  return Object.fromEntries(Object.entries(facts).map(([name, result]) => [name, { name, ...result }])) as Facts;
}

/**
 * The fixed version to move to: the lowest published fix above the current version that stays compatible,
 * else the scanner's suggestion (the lowest fix). Advisories list one fix per maintained branch (ws: 7.5.10 and
 * 8.17.1), so the compatible branch is preferred over a major upgrade.
 */
function proposedUpgrade(finding: UndecidedFinding): Upgrade | undefined {
  const pkg = finding.package;
  if (!pkg) return undefined;
  const candidates = new Set<string>(finding.advisory?.fixed_versions ?? []);
  if (finding.fix?.fixed_version) candidates.add(finding.fix.fixed_version);
  if (candidates.size === 0) return undefined;

  const comparator = comparatorFor(pkg.ecosystem);
  const ordered = comparator ? [...candidates].sort((a, b) => comparator.compare(a, b)) : [...candidates];
  const newer = comparator ? ordered.filter((v) => comparator.compare(v, pkg.version) > 0) : ordered;
  for (const version of newer) {
    const compatibility = fixCompatibility(pkg.ecosystem, pkg.version, version);
    if (compatibility.compatible) return { version, compatibility };
  }
  const version = finding.fix?.fixed_version ?? newer[0] ?? ordered[0]!;
  return { version, compatibility: fixCompatibility(pkg.ecosystem, pkg.version, version) };
}

function patchAvailable(finding: UndecidedFinding, upgrade: Upgrade | undefined): Omit<ConditionResult, 'name'> {
  const pkg = finding.package;
  if (!pkg) return { value: false, fact: `not a dependency finding (${finding.kind}): there is no package version to patch` };
  if (!upgrade) return { value: false, fact: `no fixed version of ${pkg.name} is published` };
  return { value: true, fact: `${pkg.name} ${upgrade.version} fixes it (current ${pkg.version})` };
}

function noBreakingChanges(finding: UndecidedFinding, upgrade: Upgrade | undefined): Omit<ConditionResult, 'name'> {
  if (!finding.package) return { value: false, fact: `not a dependency finding (${finding.kind}): no version upgrade to judge` };
  if (!upgrade) return { value: false, fact: 'no fixed version to upgrade to' };
  return { value: upgrade.compatibility.compatible, fact: upgrade.compatibility.fact };
}

function knownFix(finding: UndecidedFinding, upgrade: Upgrade | undefined): Omit<ConditionResult, 'name'> {
  if (finding.package) {
    return upgrade
      ? { value: true, fact: `template: upgrade ${finding.package.name} to ${upgrade.version}` }
      : { value: false, fact: `no fixed version of ${finding.package.name}, so no upgrade template` };
  }
  const template = knownFixFor(finding.rule.id);
  return template
    ? { value: true, fact: `template for rule ${finding.rule.id}: ${template}` }
    : { value: false, fact: `no remediation template for rule ${finding.rule.id}` };
}

function policyExists(finding: UndecidedFinding, policies: readonly HealingPolicy[]): Omit<ConditionResult, 'name'> {
  const policy = findPolicy(finding.event_type, policies);
  return policy
    ? { value: true, fact: `policy ${policy.name} covers ${finding.event_type}${policy.event_type === finding.event_type ? '' : ` (as ${policy.event_type})`}` }
    : { value: false, fact: `no policy for ${finding.event_type}` };
}

/**
 * What a decision depends on, as one string: every field of the finding that computeFacts and decide read
 * (with the policies and test-environment fixed, as they are for one run). Findings with the same key get the
 * same decision, so the engine decides each key once: 200,000 findings of a matrix are a few hundred distinct
 * cases. Runtime alerts have no key: their reasons name the correlated findings, which are their own.
 * A new fact or reason that reads another field of the finding must add it here (decider.test.ts compares
 * the shared decisions with fresh ones on real findings).
 */
export function decisionKey(finding: UndecidedFinding): string | undefined {
  if (finding.kind === 'runtime' || finding.event_type.startsWith('runtime.')) return undefined;
  const { package: pkg, advisory, fix, suppressed } = finding;
  // One template, not an array of nine parts joined: this runs for each of 200,000 findings.
  return `${finding.event_type}\u0001${finding.kind}\u0001${finding.rule.id}\u0001${finding.severity}\u0001${String(finding.confidence)}\u0001${
    suppressed ? `${suppressed.by}\u0002${suppressed.source}\u0002${suppressed.reason}` : ''
  }\u0001${pkg ? `${pkg.ecosystem}\u0002${pkg.name}\u0002${pkg.version}` : ''}\u0001${advisory ? advisory.fixed_versions.join('\u0002') : ''}\u0001${
    fix ? `${fix.available}\u0002${fix.summary}\u0002${fix.fixed_version ?? ''}` : ''
  }`;
}
