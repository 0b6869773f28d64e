/**
 * Merging the findings of several scan documents (matrix cells, several tools) into one list.
 *
 * - Deduplication by fingerprint: the same finding from two cells is one finding whose `sources` name both,
 *   and whose locations are the union of theirs (nothing a cell saw is dropped).
 * - Alias groups: findings of the same vulnerability of the same package@version reached through different
 *   ids (our GHSA, a Trivy SARIF result's CVE) share a `group`. Union-find over (vulnerability id, package)
 *   keys, so the cost is linear in the number of ids, never pairwise over findings.
 */
import type { Finding, FindingLocation } from '../../../../src/shared/contracts/findings.js';

export interface MergedFinding extends Finding {
  sources: string[];
  group: string;
}

export interface MergeInput {
  source: string;
  findings: Finding[];
}

const sameLocation = (a: FindingLocation, b: FindingLocation) =>
  a.path === b.path && a.start_line === b.start_line && a.start_column === b.start_column;
const locationKey = (l: FindingLocation) => `${l.path}\u0000${l.start_line ?? ''}\u0000${l.start_column ?? ''}`;

export class FindingMerger {
  private readonly byFingerprint = new Map<string, MergedFinding>();
  /** Location keys of findings seen at more than one place, kept aside so merging many cells stays linear. */
  private readonly locationKeys = new Map<string, Set<string>>();

  add(input: MergeInput): void {
    for (const finding of input.findings) {
      const existing = this.byFingerprint.get(finding.fingerprint);
      if (!existing) {
        const merged: MergedFinding = { ...finding, sources: [input.source], group: '' };
        if (finding.advisory) merged.advisory = this.intern(finding);
        merged.rule = this.internRule(finding.rule);
        // Our own copy: locations from other cells are appended to it.
        if (finding.other_locations) merged.other_locations = [...finding.other_locations];
        this.byFingerprint.set(finding.fingerprint, merged);
        continue;
      }
      if (!existing.sources.includes(input.source)) existing.sources.push(input.source);
      // Cells may have scanned at different times: the earliest detection is when it was first seen.
      if (finding.detected_at < existing.detected_at) existing.detected_at = finding.detected_at;
      // The usual duplicate (another cell, same tree) stands exactly where the first one does.
      if (!finding.other_locations && sameLocation(finding.location, existing.location)) continue;
      let keys = this.locationKeys.get(finding.fingerprint);
      if (!keys) {
        keys = new Set([existing.location, ...(existing.other_locations ?? [])].map(locationKey));
        this.locationKeys.set(finding.fingerprint, keys);
      }
      for (const location of [finding.location, ...(finding.other_locations ?? [])]) {
        const key = locationKey(location);
        if (keys.has(key)) continue;
        keys.add(key);
        (existing.other_locations ??= []).push(location);
      }
    }
  }

  /**
   * One advisory object per advisory and package: thousands of findings of one advisory (a popular package
   * in many lockfiles and cells) share it instead of each keeping its parsed copy, which is most of a
   * finding's size. Same database, id, modification time and package means the same record and ranges.
   */
  private readonly advisories = new Map<string, NonNullable<Finding['advisory']>>();
  private intern(finding: Finding): NonNullable<Finding['advisory']> {
    const advisory = finding.advisory!;
    const key = `${advisory.database}|${advisory.id}|${advisory.modified ?? ''}|${finding.package?.ecosystem ?? ''}/${finding.package?.name ?? ''}|${advisory.fixed_versions.join(',')}`;
    const shared = this.advisories.get(key);
    if (shared) return shared;
    this.advisories.set(key, advisory);
    return advisory;
  }

  private readonly rules = new Map<string, Finding['rule']>();
  private internRule(rule: Finding['rule']): Finding['rule'] {
    const key = JSON.stringify(rule);
    const shared = this.rules.get(key);
    if (shared) return shared;
    this.rules.set(key, rule);
    return rule;
  }

  /** The merged findings, grouped, in a stable order (path, line, fingerprint). */
  finish(): MergedFinding[] {
    const findings = [...this.byFingerprint.values()];
    assignGroups(findings);
    return findings.sort(
      (a, b) =>
        (a.location.path < b.location.path ? -1 : a.location.path > b.location.path ? 1 : 0) ||
        (a.location.start_line ?? 0) - (b.location.start_line ?? 0) ||
        (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0),
    );
  }
}

const VULNERABILITY_ID = /^(CVE-\d{4}-\d{4,}|GHSA(-[23456789cfghjmpqrvwx]{4}){3}|GO-\d{4}-\d+|PYSEC-\d{4}-\d+|RUSTSEC-\d{4}-\d+|OSV-\d{4}-\d+|[A-Z][A-Z0-9]+-\d{4}-[\w-]+)$/i;

/** The vulnerability ids a finding names: its advisory and aliases, or a rule id that is one (SARIF imports). */
export function vulnerabilityIds(finding: Finding): string[] {
  const ids = finding.advisory ? [finding.advisory.id, ...finding.advisory.aliases] : VULNERABILITY_ID.test(finding.rule.id) ? [finding.rule.id] : [];
  return [...new Set(ids.map((id) => id.toUpperCase()))];
}

/** ecosystem/name@version, normalised so that two tools naming one package agree (PyPI: PEP 503 names). */
export function packageKey(finding: Finding): string | undefined {
  const pkg = finding.package ?? packageFromMessage(finding);
  if (!pkg) return undefined;
  const ecosystem = pkg.ecosystem.toLowerCase();
  let name = pkg.name.toLowerCase();
  if (ecosystem === 'pypi') name = name.replace(/[-_.]+/g, '-');
  return `${ecosystem}/${name}@${pkg.version.replace(/^v(?=\d)/, '')}`;
}

/**
 * Trivy's SARIF results carry no package object; the message says "Package: x\nInstalled Version: y". The
 * ecosystem is unknown then ("*"); assignGroups maps such a key to the packaged key of the same name and
 * version when one exists.
 */
function packageFromMessage(finding: Finding): { ecosystem: string; name: string; version: string } | undefined {
  const match = /Package:\s*(\S+)\s+Installed Version:\s*(\S+)/i.exec(finding.message);
  return match ? { ecosystem: '*', name: match[1]!, version: match[2]! } : undefined;
}

function assignGroups(findings: MergedFinding[]): void {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    // Path compression keeps later lookups near-constant.
    let node = x;
    while (node !== root) {
      const next = parent.get(node)!;
      parent.set(node, root);
      node = next;
    }
    return root;
  };
  const union = (a: string, b: string) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  };
  const node = (key: string) => {
    if (!parent.has(key)) parent.set(key, key);
    return key;
  };

  // Tools without an ecosystem ("*/lodash@4.17.15") join the packaged key with the same name and version.
  const withoutEcosystem = new Map<string, string>();
  for (const f of findings) {
    const pkg = packageKey(f);
    if (pkg && !pkg.startsWith('*/')) withoutEcosystem.set(pkg.slice(pkg.indexOf('/') + 1), pkg);
  }

  for (const f of findings) {
    node(`f:${f.fingerprint}`);
    let pkg = packageKey(f);
    if (pkg?.startsWith('*/')) pkg = withoutEcosystem.get(pkg.slice(2)) ?? pkg;
    if (!pkg) continue;
    for (const id of vulnerabilityIds(f)) union(`f:${f.fingerprint}`, node(`v:${id}|${pkg}`));
  }

  // Each group is named after its members' best-known id (a CVE when any has one) and the package.
  const labels = new Map<string, string>();
  for (const f of findings) {
    const root = find(`f:${f.fingerprint}`);
    const ids = vulnerabilityIds(f);
    let pkg = packageKey(f);
    if (pkg?.startsWith('*/')) pkg = withoutEcosystem.get(pkg.slice(2)) ?? pkg;
    const candidate = ids.length && pkg ? `${preferredId(ids)}|${pkg}` : `finding:${f.fingerprint}`;
    const current = labels.get(root);
    if (!current || better(candidate, current)) labels.set(root, candidate);
  }
  for (const f of findings) f.group = labels.get(find(`f:${f.fingerprint}`))!;
}

function preferredId(ids: string[]): string {
  const cves = ids.filter((id) => id.startsWith('CVE-')).sort();
  return cves[0] ?? [...ids].sort()[0]!;
}

function better(candidate: string, current: string): boolean {
  const cveA = candidate.startsWith('CVE-');
  const cveB = current.startsWith('CVE-');
  if (cveA !== cveB) return cveA;
  return candidate < current;
}
