/**
 * OSV advisory records (https://ossf.github.io/osv-schema/, spec 1.7) and the one interface every advisory
 * source implements.
 *
 * Contract of `AdvisorySource.match(queries)`:
 * - returns one list per query, in the same order as the queries;
 * - a query with an empty version (unpinned requirement, git dependency) matches nothing: OSV would answer
 *   "every vulnerability of the package", which is not a finding about the installed version;
 * - withdrawn records never match;
 * - one `AdvisoryMatch` per (package, vulnerability): several `affected` entries of one record, and several
 *   records that name each other through `aliases` (PYSEC + GHSA of one CVE, GO-* + GHSA), are merged into
 *   one match. `id` is the primary record's id (rule in match.ts: GHSA first, then the richest record);
 *   `aliases` holds every other id and alias of the merged records;
 * - `fixedVersions`: versions named by `fixed` events of the matched records for this package that are
 *   above the queried version and not themselves affected, sorted ascending by the ecosystem's ordering;
 *   `fixedVersions[0]` is the nearest upgrade. Empty when no fix is known;
 * - `lastAffected`: when the version is affected through a `last_affected` event (no fix published), the
 *   highest such ceiling at or above the version;
 * - a source that cannot answer (unreadable database, OSV outage) throws; it never returns "no findings".
 */
import { InvalidDocumentError } from '../../../../src/shared/errors.js';

export type OsvRangeType = 'SEMVER' | 'ECOSYSTEM' | 'GIT';

/** Exactly one key per event. */
export type OsvEvent = { introduced: string } | { fixed: string } | { last_affected: string } | { limit: string };

export interface OsvRange {
  type: OsvRangeType;
  /** Required for GIT ranges. */
  repo?: string;
  events: OsvEvent[];
  database_specific?: Record<string, unknown>;
}

export interface OsvPackage {
  ecosystem: string;
  name: string;
  purl?: string;
}

export interface OsvAffected {
  /** Optional in the schema only for GIT-only entries (no package to match by name). */
  package?: OsvPackage;
  severity?: OsvSeverity[];
  ranges?: OsvRange[];
  versions?: string[];
  ecosystem_specific?: Record<string, unknown>;
  database_specific?: Record<string, unknown>;
}

export interface OsvSeverity {
  type: string;
  score: string;
}

export interface OsvReference {
  type: string;
  url: string;
}

export interface OsvRecord {
  id: string;
  modified: string;
  published?: string;
  withdrawn?: string;
  aliases?: string[];
  related?: string[];
  upstream?: string[];
  summary?: string;
  details?: string;
  severity?: OsvSeverity[];
  affected?: OsvAffected[];
  references?: OsvReference[];
  credits?: unknown[];
  database_specific?: Record<string, unknown>;
  schema_version?: string;
}

export interface PackageQuery {
  /** OSV ecosystem name, spelled as OSV spells it ("PyPI", "crates.io"). */
  ecosystem: string;
  /** Maven: "groupId:artifactId"; npm: "@scope/name"; Go: module path or "stdlib". */
  name: string;
  /** Installed version; "" when unknown (never matches). */
  version: string;
}

export interface AdvisoryMatch {
  /** Primary id (the GHSA when one of the merged records is a GHSA). */
  id: string;
  /** Every other id and alias of the merged records, sorted, without `id`. */
  aliases: string[];
  /** The primary record. */
  record: OsvRecord;
  /** All merged records, primary first. */
  records: OsvRecord[];
  /** The `affected` entries (of any merged record) that name this package and include this version. */
  affected: OsvAffected[];
  fixedVersions: string[];
  lastAffected?: string;
}

export interface AdvisorySource {
  readonly name: string;
  match(queries: PackageQuery[]): Promise<AdvisoryMatch[][]>;
}

const RANGE_TYPES = new Set<string>(['SEMVER', 'ECOSYSTEM', 'GIT']);
const EVENT_KINDS = new Set<string>(['introduced', 'fixed', 'last_affected', 'limit']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Whether a parsed JSON document is meant to be an OSV record at all (has a string `id` and `modified`).
 * Loaders use it to skip other JSON lying beside records (an index.json) with a warning rather than an error.
 */
export function looksLikeOsvRecord(value: unknown): boolean {
  return isPlainObject(value) && typeof value.id === 'string' && typeof value.modified === 'string';
}

/**
 * Light structural validation: the fields matching relies on, with their types. Unknown fields are kept
 * (the schema grows). Throws InvalidDocumentError naming `source`, the record id and each bad field.
 */
export function validateOsvRecord(value: unknown, source: string): OsvRecord {
  const problems: string[] = [];
  if (!isPlainObject(value)) throw new InvalidDocumentError(source, ['expected a JSON object (an OSV record)']);
  const where = typeof value.id === 'string' && value.id !== '' ? `${source} [${value.id}]` : source;
  const expectString = (v: unknown, field: string, optional: boolean) => {
    if (v === undefined && optional) return;
    if (typeof v !== 'string' || (!optional && v === '')) problems.push(`${field}: expected a${optional ? '' : ' non-empty'} string`);
  };
  const expectStringArray = (v: unknown, field: string) => {
    if (v === undefined) return;
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) problems.push(`${field}: expected an array of strings`);
  };
  const expectObject = (v: unknown, field: string) => {
    if (v !== undefined && !isPlainObject(v)) problems.push(`${field}: expected an object`);
  };

  expectString(value.id, '/id', false);
  expectString(value.modified, '/modified', false);
  expectString(value.published, '/published', true);
  if (value.withdrawn !== null) expectString(value.withdrawn, '/withdrawn', true);
  expectStringArray(value.aliases, '/aliases');
  expectStringArray(value.related, '/related');
  expectString(value.summary, '/summary', true);
  expectString(value.details, '/details', true);
  expectObject(value.database_specific, '/database_specific');
  validateSeverity(value.severity, '/severity', problems);
  if (value.references !== undefined) {
    if (!Array.isArray(value.references)) problems.push('/references: expected an array');
    else
      value.references.forEach((r, i) => {
        if (!isPlainObject(r) || typeof r.url !== 'string') problems.push(`/references/${i}: expected {type, url}`);
      });
  }
  if (value.affected !== undefined) {
    if (!Array.isArray(value.affected)) problems.push('/affected: expected an array');
    else value.affected.forEach((a, i) => validateAffected(a, `/affected/${i}`, problems));
  }
  if (problems.length > 0) throw new InvalidDocumentError(where, problems);
  if (value.withdrawn === null) delete value.withdrawn;
  return value as unknown as OsvRecord;
}

function validateSeverity(value: unknown, field: string, problems: string[]): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) {
    problems.push(`${field}: expected an array`);
    return;
  }
  value.forEach((s, i) => {
    if (!isPlainObject(s) || typeof s.type !== 'string' || typeof s.score !== 'string')
      problems.push(`${field}/${i}: expected {type: string, score: string}`);
  });
}

function validateAffected(value: unknown, field: string, problems: string[]): void {
  if (!isPlainObject(value)) {
    problems.push(`${field}: expected an object`);
    return;
  }
  if (value.package !== undefined) {
    const p = value.package;
    if (!isPlainObject(p) || typeof p.ecosystem !== 'string' || typeof p.name !== 'string')
      problems.push(`${field}/package: expected {ecosystem: string, name: string}`);
  }
  if (value.versions !== undefined && (!Array.isArray(value.versions) || value.versions.some((v) => typeof v !== 'string')))
    problems.push(`${field}/versions: expected an array of strings`);
  validateSeverity(value.severity, `${field}/severity`, problems);
  if (value.ranges === undefined) return;
  if (!Array.isArray(value.ranges)) {
    problems.push(`${field}/ranges: expected an array`);
    return;
  }
  value.ranges.forEach((r, j) => {
    const rf = `${field}/ranges/${j}`;
    if (!isPlainObject(r)) {
      problems.push(`${rf}: expected an object`);
      return;
    }
    if (typeof r.type !== 'string' || !RANGE_TYPES.has(r.type)) problems.push(`${rf}/type: expected SEMVER, ECOSYSTEM or GIT`);
    if (!Array.isArray(r.events)) {
      problems.push(`${rf}/events: expected an array`);
      return;
    }
    r.events.forEach((e, k) => {
      const keys = isPlainObject(e) ? Object.keys(e) : [];
      if (keys.length !== 1 || !EVENT_KINDS.has(keys[0]!) || typeof (e as Record<string, unknown>)[keys[0]!] !== 'string')
        problems.push(`${rf}/events/${k}: expected exactly one of introduced, fixed, last_affected, limit with a string version`);
    });
  });
}
