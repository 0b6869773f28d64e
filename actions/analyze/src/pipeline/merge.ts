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
import type { AnalyzedFinding } from '../types.js';

/**
 * A merged finding has a slot for each field the later steps set (analyze.ts), empty until then: each object
 * is made once with its final set of properties instead of growing seven times (200,000 findings share a few
 * shapes and no copy of their property storage). An empty slot holds undefined, which JSON leaves out.
 */
export interface MergedFinding extends Finding, Partial<Pick<AnalyzedFinding, 'status' | 'correlated' | 'suppressed' | 'scoring' | 'decision'>> {
  sources: string[];
  group: string;
}

export interface MergeInput {
  source: string;
  /** Taken over by the merger: a finding seen first here becomes the merged finding and is changed in place. */
  findings: Finding[];
}

const sameLocation = (a: FindingLocation, b: FindingLocation) =>
  a.path === b.path && a.start_line === b.start_line && a.start_column === b.start_column && a.commit === b.commit;
const sameList = (a: string[] | undefined, b: string[] | undefined) => a === b || (!!a && !!b && a.length === b.length && a.every((x, i) => x === b[i]));
/** Field by field: a rule is what the findings schema allows, nothing more (cheaper than a JSON key per finding). */
const sameRule = (a: Finding['rule'], b: Finding['rule']) =>
  a.id === b.id && a.name === b.name && a.help === b.help && a.help_uri === b.help_uri && sameList(a.cwe, b.cwe) && sameList(a.tags, b.tags);
const locationKey = (l: FindingLocation) => `${l.path}\u0000${l.start_line ?? ''}\u0000${l.start_column ?? ''}\u0000${l.commit ?? ''}`;

export class FindingMerger {
  private readonly byFingerprint = new Map<string, MergedFinding>();
  /** Location keys of findings seen at more than one place, kept aside so merging many cells stays linear. */
  private readonly locationKeys = new Map<string, Set<string>>();

  add(input: MergeInput): void {
    for (const finding of input.findings) {
      const existing = this.byFingerprint.get(finding.fingerprint);
      if (!existing) {
        // The slots in the order analysis.json lists them (suppressed only when set: undefined is not written).
        // The input's own object becomes the merged finding (add takes ownership): a copy of each would double
        // the allocation and leave 200,000 objects of garbage. Its slots come in the order analysis.json
        // lists them (suppressed only when set: undefined is not written).
        const merged = finding as MergedFinding;
        merged.sources = [input.source];
        merged.group = '';
        merged.status = undefined;
        merged.correlated = undefined;
        merged.suppressed = undefined;
        merged.scoring = undefined;
        merged.decision = undefined;
        if (finding.advisory) merged.advisory = this.intern(finding);
        merged.rule = this.internRule(finding.rule);
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
  private readonly advisories = new Map<string, { advisory: NonNullable<Finding['advisory']>; ecosystem?: string; name?: string }[]>();
  private intern(finding: Finding): NonNullable<Finding['advisory']> {
    const advisory = finding.advisory!;
    // By id, then field by field: no key string joined per finding (a handful of packages share an id).
    const ecosystem = finding.package?.ecosystem;
    const name = finding.package?.name;
    let known = this.advisories.get(advisory.id);
    if (!known) this.advisories.set(advisory.id, (known = []));
    for (const k of known) {
      const a = k.advisory;
      if (a.database === advisory.database && a.modified === advisory.modified && k.ecosystem === ecosystem && k.name === name && sameList(a.fixed_versions, advisory.fixed_versions)) {
        return a;
      }
    }
    known.push({ advisory, ecosystem, name });
    return advisory;
  }

  /** Interned rules by id; a rule id with differing texts (two tools, two versions) keeps each text once. */
  private readonly rules = new Map<string, Finding['rule'][]>();
  private internRule(rule: Finding['rule']): Finding['rule'] {
    const known = this.rules.get(rule.id);
    if (!known) {
      this.rules.set(rule.id, [rule]);
      return rule;
    }
    const shared = known.find((r) => sameRule(r, rule));
    if (shared) return shared;
    known.push(rule);
    return rule;
  }

  /** The merged findings, grouped, in a stable order (path, line, fingerprint). */
  finish(): MergedFinding[] {
    const findings = [...this.byFingerprint.values()];
    assignGroups(findings);
    return sortByPlace(findings);
  }
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byLineThenFingerprint = (a: MergedFinding, b: MergedFinding) =>
  (a.location.start_line ?? 0) - (b.location.start_line ?? 0) || byText(a.fingerprint, b.fingerprint);

/**
 * Path, line, fingerprint (a total order: fingerprints are unique). The paths are sorted once each and the
 * findings within one path by line: 200,000 findings in a few thousand files otherwise compare long, equal
 * path strings character by character millions of times (a third of a second at that size).
 */
function sortByPlace(findings: MergedFinding[]): MergedFinding[] {
  const byPath = new Map<string, MergedFinding[]>();
  for (const f of findings) {
    const list = byPath.get(f.location.path);
    if (list) list.push(f);
    else byPath.set(f.location.path, [f]);
  }
  const sorted: MergedFinding[] = [];
  for (const place of [...byPath.keys()].sort(byText)) {
    const list = byPath.get(place)!;
    if (list.length > 1) list.sort(byLineThenFingerprint);
    for (const f of list) sorted.push(f);
  }
  return sorted;
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
  // Each finding's package key and ids, computed once (200,000 findings, each read three times below). The ids
  // of an advisory are worked out once per advisory object (the merger shares one per advisory and package).
  const idsOfAdvisory = new Map<NonNullable<Finding['advisory']>, string[]>();
  const idsOf = (f: Finding) => {
    if (!f.advisory) return vulnerabilityIds(f);
    let ids = idsOfAdvisory.get(f.advisory);
    if (!ids) idsOfAdvisory.set(f.advisory, (ids = vulnerabilityIds(f)));
    return ids;
  };
  const keys = findings.map((f) => ({ pkg: packageKey(f), ids: idsOf(f) }));
  // Tools without an ecosystem ("*/lodash@4.17.15") join the packaged key with the same name and version.
  // (Only looked for when there is such a finding: the map would otherwise hold every package for nothing.)
  if (keys.some((k) => k.pkg?.startsWith('*/'))) {
    const withoutEcosystem = new Map<string, string>();
    for (const { pkg } of keys) if (pkg && !pkg.startsWith('*/')) withoutEcosystem.set(pkg.slice(pkg.indexOf('/') + 1), pkg);
    for (const k of keys) if (k.pkg?.startsWith('*/')) k.pkg = withoutEcosystem.get(k.pkg.slice(2)) ?? k.pkg;
  }

  // Union-find over finding indices; a (vulnerability id, package) key joins the first finding that named it.
  const parent = Int32Array.from(findings, (_, i) => i);
  const find = (x: number): number => {
    let root = x;
    while (parent[root] !== root) root = parent[root]!;
    // Path compression keeps later lookups near-constant.
    while (x !== root) {
      const next = parent[x]!;
      parent[x] = root;
      x = next;
    }
    return root;
  };
  // By package, then id: no joined key string per id of each finding.
  const firstWithKey = new Map<string, Map<string, number>>();
  for (let i = 0; i < findings.length; i++) {
    const { pkg, ids } = keys[i]!;
    if (!pkg) continue;
    let firstWithId = firstWithKey.get(pkg);
    if (!firstWithId) firstWithKey.set(pkg, (firstWithId = new Map()));
    for (const id of ids) {
      const first = firstWithId.get(id);
      if (first === undefined) firstWithId.set(id, i);
      else {
        const a = find(first);
        const b = find(i);
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      }
    }
  }

  // Each group is named after its members' best-known id (a CVE when any has one) and the package.
  const labels = new Map<number, string>();
  // An id list is shared by the findings of one advisory: its preferred id is chosen once.
  const preferred = new Map<string[], string>();
  const preferredOf = (ids: string[]) => {
    let id = preferred.get(ids);
    if (id === undefined) preferred.set(ids, (id = preferredId(ids)));
    return id;
  };
  for (let i = 0; i < findings.length; i++) {
    const { pkg, ids } = keys[i]!;
    const root = find(i);
    const candidate = ids.length && pkg ? `${preferredOf(ids)}|${pkg}` : `finding:${findings[i]!.fingerprint}`;
    const current = labels.get(root);
    if (!current || better(candidate, current)) labels.set(root, candidate);
  }
  for (let i = 0; i < findings.length; i++) findings[i]!.group = labels.get(find(i))!;
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
