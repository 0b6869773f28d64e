/**
 * From candidate records to one AdvisoryMatch per (package, vulnerability).
 *
 * Alias merging: two matched records are the same vulnerability when their {id} ∪ aliases sets share an
 * identifier, transitively (PYSEC-2023-74 lists GHSA-j8r2-6x86-q33q; PYSEC-2023-100 and GHSA-jh3w-4vvf-mjgr
 * only share CVE-2023-36053). `related` is not used: related is not the same. Primary record rule, in order:
 * a GHSA id (GitHub's records carry severity, CWE and review data); then a record with `severity`; then
 * more `references`; then the smaller id, so that the choice never depends on load order.
 */
import type { VersionComparator } from '../../../../src/shared/versions/index.js';
import {
  SEMVER_RANGE_COMPARATOR,
  evaluateAffected,
  fixedEventsOf,
  normalisePackageName,
  type ComparatorLookup,
} from './ranges.js';
import type { AdvisoryMatch, OsvAffected, OsvRecord, PackageQuery } from './types.js';

export interface MatchOptions {
  comparators: ComparatorLookup;
  /**
   * Keep a candidate whose entries for the package do not evaluate as affected here (the OSV API already
   * decided; it can evaluate GIT ranges, we cannot). Its package entries are reported as `affected`.
   */
  trustCandidates?: boolean;
  /** Reasons some ranges were not evaluated, once per distinct reason and ecosystem (for warnings). */
  onSkipped?: (reason: string, record: OsvRecord, query: PackageQuery) => void;
}

interface Hit {
  record: OsvRecord;
  /** All entries of the record naming this package. */
  packageEntries: OsvAffected[];
  /** The entries that include the version. */
  matchedEntries: OsvAffected[];
  lastAffected?: string;
  /** Whether every including range of the record ends in last_affected. */
  ceilingOnly: boolean;
}

export function entriesForPackage(record: OsvRecord, query: PackageQuery): OsvAffected[] {
  const key = normalisePackageName(query.ecosystem, query.name);
  return (record.affected ?? []).filter(
    (a) => a.package !== undefined && a.package.ecosystem === query.ecosystem && normalisePackageName(a.package.ecosystem, a.package.name) === key,
  );
}

export function matchRecords(query: PackageQuery, candidates: Iterable<OsvRecord>, options: MatchOptions): AdvisoryMatch[] {
  if (query.version === '') return [];
  const hits: Hit[] = [];
  const seenIds = new Set<string>();
  for (const record of candidates) {
    if (record.withdrawn || seenIds.has(record.id)) continue;
    seenIds.add(record.id);
    const packageEntries = entriesForPackage(record, query);
    if (packageEntries.length === 0) continue;
    const matchedEntries: OsvAffected[] = [];
    let ceilingOnly = true;
    let lastAffected: string | undefined;
    for (const entry of packageEntries) {
      const evaluation = evaluateAffected(entry, query.version, options.comparators);
      for (const reason of evaluation.skipped) options.onSkipped?.(reason, record, query);
      if (!evaluation.affected) continue;
      matchedEntries.push(entry);
      if (evaluation.lastAffected === undefined) ceilingOnly = false;
      else if (lastAffected === undefined || orderFor(query, options).compare(evaluation.lastAffected, lastAffected) > 0)
        lastAffected = evaluation.lastAffected;
    }
    if (matchedEntries.length === 0) {
      if (!options.trustCandidates) continue;
      matchedEntries.push(...packageEntries);
      ceilingOnly = false;
    }
    hits.push({ record, packageEntries, matchedEntries, ceilingOnly, ...(lastAffected === undefined ? {} : { lastAffected }) });
  }
  return groupByAlias(hits)
    .map((group) => toMatch(group, query, options))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The ordering used to sort and de-duplicate versions across records of one package. */
function orderFor(query: PackageQuery, options: MatchOptions): VersionComparator {
  return options.comparators(query.ecosystem) ?? SEMVER_RANGE_COMPARATOR;
}

function identifiersOf(record: OsvRecord): string[] {
  return [record.id, ...(record.aliases ?? [])];
}

function groupByAlias(hits: Hit[]): Hit[][] {
  const parent = hits.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const owner = new Map<string, number>();
  hits.forEach((hit, i) => {
    for (const id of identifiersOf(hit.record)) {
      const j = owner.get(id);
      if (j === undefined) owner.set(id, i);
      else parent[find(i)] = find(j);
    }
  });
  const groups = new Map<number, Hit[]>();
  hits.forEach((hit, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), hit]);
  });
  return [...groups.values()];
}

function primaryRank(record: OsvRecord): [number, number, number] {
  return [record.id.startsWith('GHSA-') ? 0 : 1, record.severity?.length ? 0 : 1, -(record.references?.length ?? 0)];
}

function comparePrimary(a: OsvRecord, b: OsvRecord): number {
  const ra = primaryRank(a);
  const rb = primaryRank(b);
  for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i]! - rb[i]!;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function toMatch(group: Hit[], query: PackageQuery, options: MatchOptions): AdvisoryMatch {
  const ordered = [...group].sort((a, b) => comparePrimary(a.record, b.record));
  const primary = ordered[0]!.record;
  const aliases = new Set<string>();
  for (const hit of ordered) for (const id of identifiersOf(hit.record)) aliases.add(id);
  aliases.delete(primary.id);

  const order = orderFor(query, options);
  const allEntries = ordered.flatMap((h) => h.packageEntries);
  const fixedVersions: string[] = [];
  for (const { version, comparator } of allEntries.flatMap((e) => fixedEventsOf(e, options.comparators))) {
    if (comparator.compare(version, query.version) <= 0) continue;
    if (fixedVersions.some((v) => order.compare(v, version) === 0)) continue;
    // A fix of one interval can sit inside another affected interval: it is no fix then.
    if (allEntries.some((e) => evaluateAffected(e, version, options.comparators).affected)) continue;
    fixedVersions.push(version);
  }
  fixedVersions.sort((a, b) => order.compare(a, b));

  const ceilings = ordered.every((h) => h.ceilingOnly)
    ? ordered.map((h) => h.lastAffected).filter((v): v is string => v !== undefined)
    : [];
  const lastAffected = ceilings.sort((a, b) => order.compare(b, a))[0];
  const match: AdvisoryMatch = {
    id: primary.id,
    aliases: [...aliases].sort(),
    record: primary,
    records: ordered.map((h) => h.record),
    affected: ordered.flatMap((h) => h.matchedEntries),
    fixedVersions,
  };
  if (lastAffected !== undefined) match.lastAffected = lastAffected;
  return match;
}
