/**
 * Applying suppressions: VEX statements first (a statement about the product outranks a local exception),
 * then the `ignore:` entries of secloop.yml. An expired entry no longer applies: it is listed (and warned
 * about) so its owner renews or removes it. An entry that matched nothing is listed as unused: it may hide
 * a typo, or a problem that is gone and whose exception should go too.
 */
import type { Finding } from '../../../../src/shared/contracts/findings.js';
import type { IgnoreEntryReport } from '../../../../src/shared/contracts/analysis.js';
import type { Suppression } from '../types.js';
import { normaliseEcosystem, normalisePackageName, type IgnoreEntry } from './config.js';
import { vulnerabilityIds } from './merge.js';
import { vexStatementFor, vexSuppression, type VexIndex } from './vex.js';

export interface SuppressionOutcome {
  /** fingerprint → why it does not count. */
  suppressed: Map<string, Suppression>;
  expired: IgnoreEntryReport[];
  unused: IgnoreEntryReport[];
}

export function reportOf(entry: IgnoreEntry): IgnoreEntryReport {
  return {
    source: entry.source,
    ...(entry.line ? { line: entry.line } : {}),
    ...(entry.id ? { id: entry.id } : {}),
    ...(entry.fingerprint ? { fingerprint: entry.fingerprint } : {}),
    ...(entry.packageText ? { package: entry.packageText } : {}),
    reason: entry.reason,
    ...(entry.expires ? { expires: entry.expires } : {}),
    ...(entry.owner ? { owner: entry.owner } : {}),
  };
}

function findingPackageKey(finding: Finding): string | undefined {
  if (!finding.package) return undefined;
  const ecosystem = normaliseEcosystem(finding.package.ecosystem);
  return `${ecosystem}/${normalisePackageName(ecosystem, finding.package.name)}`;
}

export function applySuppressions(findings: Finding[], entries: IgnoreEntry[], vex: VexIndex, now: Date): SuppressionOutcome {
  const expired: IgnoreEntry[] = [];
  const active: IgnoreEntry[] = [];
  for (const entry of entries) (entry.expiresAt !== undefined && entry.expiresAt < now.getTime() ? expired : active).push(entry);

  // Indexes by selector, so each finding looks up its own keys instead of scanning every entry.
  const byId = new Map<string, IgnoreEntry[]>();
  const byFingerprint = new Map<string, IgnoreEntry[]>();
  const byPackage = new Map<string, IgnoreEntry[]>();
  const add = (map: Map<string, IgnoreEntry[]>, key: string, entry: IgnoreEntry) => {
    const list = map.get(key);
    if (list) list.push(entry);
    else map.set(key, [entry]);
  };
  for (const entry of active) {
    if (entry.id) add(byId, entry.id.toUpperCase(), entry);
    if (entry.fingerprint) add(byFingerprint, entry.fingerprint, entry);
    if (entry.package) add(byPackage, `${entry.package.ecosystem}/${entry.package.name}`, entry);
  }

  const used = new Set<IgnoreEntry>();
  const suppressed = new Map<string, Suppression>();
  // Nothing to match (no entry in force, no VEX statement): no finding is looked at, 200,000 of them cost
  // their ids, package keys and lookups for nothing.
  const nothingApplies = active.length === 0 && vex.statements.length === 0;
  for (const finding of nothingApplies ? [] : findings) {
    const statement = vexStatementFor(vex, finding);
    const fromVex = statement ? vexSuppression(statement) : undefined;

    const matching: IgnoreEntry[] = [...(byFingerprint.get(finding.fingerprint) ?? [])];
    for (const id of new Set([...vulnerabilityIds(finding), finding.rule.id.toUpperCase()])) matching.push(...(byId.get(id) ?? []));
    const pkgKey = findingPackageKey(finding);
    if (pkgKey) {
      const version = finding.package!.version.replace(/^v(?=\d)/, '');
      for (const entry of byPackage.get(pkgKey) ?? []) if (!entry.package!.version || entry.package!.version === version) matching.push(entry);
    }
    for (const entry of matching) used.add(entry);

    if (fromVex) {
      suppressed.set(finding.fingerprint, fromVex);
      continue;
    }
    // The first entry in file order is the one reported, so the explanation does not depend on index order.
    const entry = matching.sort((a, b) => a.index - b.index)[0];
    if (entry) {
      suppressed.set(finding.fingerprint, {
        by: 'config',
        reason: entry.reason,
        source: entry.source,
        ...(entry.expires ? { expires: entry.expires } : {}),
        ...(entry.owner ? { owner: entry.owner } : {}),
      });
    }
  }
  return {
    suppressed,
    expired: expired.map(reportOf),
    unused: active.filter((e) => !used.has(e)).map(reportOf),
  };
}
