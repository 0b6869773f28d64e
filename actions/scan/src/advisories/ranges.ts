/**
 * Exact OSV range evaluation (osv-schema "Evaluation"): is one version of one package inside an `affected`
 * entry?
 *
 * - `versions[]` is an explicit list: a version listed there is affected whatever the ranges say.
 * - SEMVER ranges are ordered by SemVer 2.0 precedence (the shared npm comparator), whatever the
 *   ecosystem; a leading "v" and a missing minor/patch ("1.0") are tolerated on both sides.
 * - ECOSYSTEM ranges are ordered by the ecosystem's comparator from src/shared/versions. Without one the
 *   range cannot be evaluated: it is skipped and the reason is reported (never guessed).
 * - GIT ranges need the repository's commit graph, which a version string does not give: they are skipped
 *   (an entry with GIT ranges plus versions[] still matches through versions[]).
 * - Events are sorted by version before the walk ("0" first, limit "*" last; on equal versions `introduced`
 *   comes first so that an empty interval stays empty). `introduced` opens, `fixed` closes at the version,
 *   `last_affected` closes after it, and a version must be below some `limit` when limits exist.
 */
import { comparatorFor, type VersionComparator } from '../../../../src/shared/versions/index.js';
import type { OsvAffected, OsvEvent, OsvRange } from './types.js';

export type ComparatorLookup = (ecosystem: string) => VersionComparator | undefined;

export const defaultComparatorLookup: ComparatorLookup = comparatorFor;

/** SemVer 2.0 with a tolerated leading "v" and missing minor/patch ("1.0"), as advisories write them. */
const TOLERANT_SEMVER = /^[vV]?\d+(?:\.\d+){0,2}(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/**
 * Order for SEMVER ranges: SemVer 2.0 precedence, which the shared npm comparator implements exactly for
 * valid versions (and tolerantly for the rest). `isValid` is the tolerant grammar above: a queried version
 * outside it is not evaluated against SEMVER ranges at all.
 */
export const SEMVER_RANGE_COMPARATOR: VersionComparator = {
  ecosystem: 'SEMVER',
  compare: (a, b) => semverPrecedence().compare(a, b),
  isValid: (v) => TOLERANT_SEMVER.test(v.trim()),
};

function semverPrecedence(): VersionComparator {
  const comparator = comparatorFor('npm');
  if (!comparator) throw new Error('src/shared/versions provides no SemVer comparator (npm)');
  return comparator;
}

/**
 * Package names as the ecosystem compares them. PyPI: PEP 503 normalisation (case-insensitive, runs of
 * "-", "_", "." are one separator). NuGet: package ids are case-insensitive on nuget.org. Everything else
 * is compared exactly (Maven "groupId:artifactId", npm "@scope/name", Go module paths).
 */
export function normalisePackageName(ecosystem: string, name: string): string {
  if (ecosystem === 'PyPI') return name.toLowerCase().replace(/[-_.]+/g, '-');
  if (ecosystem === 'NuGet') return name.toLowerCase();
  return name;
}

type EventKind = 'introduced' | 'fixed' | 'last_affected' | 'limit';
interface FlatEvent {
  kind: EventKind;
  version: string;
}

function flattenEvent(event: OsvEvent): FlatEvent {
  const kind = Object.keys(event)[0] as EventKind;
  return { kind, version: (event as Record<string, string>)[kind]! };
}

const isZeroIntroduced = (e: FlatEvent) => e.kind === 'introduced' && e.version === '0';
const isInfiniteLimit = (e: FlatEvent) => e.kind === 'limit' && e.version === '*';

export function sortEvents(events: OsvEvent[], comparator: VersionComparator): FlatEvent[] {
  const rank = (e: FlatEvent) => (isZeroIntroduced(e) ? -1 : isInfiniteLimit(e) ? 1 : 0);
  return events.map(flattenEvent).sort((x, y) => {
    const rx = rank(x);
    const ry = rank(y);
    if (rx !== 0 || ry !== 0) return rx - ry;
    const byVersion = comparator.compare(x.version, y.version);
    if (byVersion !== 0) return byVersion;
    return (x.kind === 'introduced' ? 0 : 1) - (y.kind === 'introduced' ? 0 : 1);
  });
}

export interface RangeResult {
  included: boolean;
  /** When included and the interval holding the version is closed by a last_affected event. */
  lastAffected?: string;
}

/** The spec's walk over one SEMVER or ECOSYSTEM range, with the comparator that orders it. */
export function rangeIncludes(range: OsvRange, version: string, comparator: VersionComparator): RangeResult {
  const events = sortEvents(range.events, comparator);
  const cmp = (eventVersion: string) => comparator.compare(version, eventVersion);
  let vulnerable = false;
  for (const e of events) {
    if (e.kind === 'introduced' && (e.version === '0' || cmp(e.version) >= 0)) vulnerable = true;
    else if (e.kind === 'fixed' && cmp(e.version) >= 0) vulnerable = false;
    else if (e.kind === 'last_affected' && cmp(e.version) > 0) vulnerable = false;
  }
  if (!vulnerable) return { included: false };
  const limits = events.filter((e) => e.kind === 'limit');
  if (limits.length > 0 && !limits.some((l) => l.version === '*' || cmp(l.version) < 0)) return { included: false };
  const closing = events.find(
    (e) => (e.kind === 'fixed' || e.kind === 'last_affected') && cmp(e.version) <= 0,
  );
  return closing?.kind === 'last_affected' ? { included: true, lastAffected: closing.version } : { included: true };
}

/** The comparator that orders a range, or a reason why the range cannot be evaluated. */
export function rangeComparator(
  range: OsvRange,
  ecosystem: string,
  lookup: ComparatorLookup,
): VersionComparator | { skipped: string } {
  if (range.type === 'SEMVER') return SEMVER_RANGE_COMPARATOR;
  if (range.type === 'ECOSYSTEM') return lookup(ecosystem) ?? { skipped: `no version ordering for ecosystem "${ecosystem}"` };
  return { skipped: 'GIT ranges cannot be evaluated for a version' };
}

export interface AffectedEvaluation {
  affected: boolean;
  lastAffected?: string;
  /** Why some ranges were not evaluated (missing comparator, invalid version); for warnings. */
  skipped: string[];
}

export function evaluateAffected(entry: OsvAffected, version: string, lookup: ComparatorLookup): AffectedEvaluation {
  const ecosystem = entry.package?.ecosystem ?? '';
  const skipped: string[] = [];
  let affected = false;
  // A range closed by `fixed` (or open) means a fix may exist; report a last_affected ceiling only when
  // every including range ends in one, and then the highest.
  let closedOnlyByCeilings = true;
  let lastAffected: string | undefined;
  for (const range of entry.ranges ?? []) {
    if (range.type === 'GIT') continue;
    const comparator = rangeComparator(range, ecosystem, lookup);
    if ('skipped' in comparator) {
      skipped.push(comparator.skipped);
      continue;
    }
    if (range.type === 'SEMVER' && !comparator.isValid(version)) {
      skipped.push(`version "${version}" is not SemVer, so SEMVER ranges cannot order it`);
      continue;
    }
    const result = rangeIncludes(range, version, comparator);
    if (!result.included) continue;
    affected = true;
    if (result.lastAffected === undefined) closedOnlyByCeilings = false;
    else if (lastAffected === undefined || comparator.compare(result.lastAffected, lastAffected) > 0)
      lastAffected = result.lastAffected;
  }
  if (!closedOnlyByCeilings) lastAffected = undefined;
  if (!affected && listedInVersions(entry, version, lookup)) affected = true;
  return lastAffected === undefined ? { affected, skipped } : { affected, lastAffected, skipped };
}

function listedInVersions(entry: OsvAffected, version: string, lookup: ComparatorLookup): boolean {
  const versions = entry.versions ?? [];
  if (versions.includes(version)) return true;
  // "1.0" listed, "1.0.0" installed (PyPI, Maven...): equal under the ecosystem's ordering.
  const comparator = entry.package ? lookup(entry.package.ecosystem) : undefined;
  return comparator !== undefined && versions.some((v) => comparator.compare(v, version) === 0);
}

/** Every `fixed` event version of the entry's evaluable ranges, with the comparator that orders it. */
export function fixedEventsOf(entry: OsvAffected, lookup: ComparatorLookup): { version: string; comparator: VersionComparator }[] {
  const out: { version: string; comparator: VersionComparator }[] = [];
  const ecosystem = entry.package?.ecosystem ?? '';
  for (const range of entry.ranges ?? []) {
    const comparator = rangeComparator(range, ecosystem, lookup);
    if ('skipped' in comparator) continue;
    for (const e of range.events) if ('fixed' in e) out.push({ version: e.fixed, comparator });
  }
  return out;
}
