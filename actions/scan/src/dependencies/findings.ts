import { createHash } from 'node:crypto';
import type { Finding, FindingAdvisory, FindingPackage } from '../../../../src/shared/contracts/findings.js';
import { advisorySeverity } from '../../../../src/shared/severity/index.js';
import type { AdvisoryMatch, AdvisorySource, PackageQuery } from '../advisories/types.js';
import { tryPurlFor } from '../sbom/purl.js';
import type { ExtractedPackage } from '../extractors/types.js';
import type { LockfilePackages } from './extract.js';

const DEV_GROUPS = new Set(['dev', 'development', 'develop', 'test', 'testing', 'docs']);

/** Where a package stands in one lockfile; a package listed several times there (nested copies) is one finding. */
interface Occurrence {
  lockfile: LockfilePackages;
  pkg: ExtractedPackage;
  lines: number[];
}

/**
 * Queries the advisory source once per distinct (ecosystem, name, version) and turns every match into one
 * finding per (lockfile, package, version, vulnerability).
 */
export async function findVulnerableDependencies(
  lockfiles: LockfilePackages[],
  source: AdvisorySource,
  detectedAt: string,
): Promise<Finding[]> {
  const queries: PackageQuery[] = [];
  const queryIndex = new Map<string, number>();
  const occurrences = new Map<string, Occurrence>();

  for (const lockfile of lockfiles) {
    for (const pkg of lockfile.packages) {
      if (!pkg.version) continue; // unpinned: nothing to compare; the SBOM still lists it
      const identity = `${pkg.ecosystem}\u0000${pkg.name}\u0000${pkg.version}`;
      if (!queryIndex.has(identity)) {
        queryIndex.set(identity, queries.length);
        queries.push({ ecosystem: pkg.ecosystem, name: pkg.name, version: pkg.version });
      }
      const key = `${lockfile.path}\u0000${identity}`;
      const seen = occurrences.get(key);
      if (seen) {
        if (pkg.line) seen.lines.push(pkg.line);
        // Direct anywhere in the file makes it direct; prod anywhere makes it prod.
        if (pkg.direct) seen.pkg = { ...seen.pkg, direct: true };
        if (seen.pkg.depGroups?.length && !pkg.depGroups?.length) seen.pkg = { ...seen.pkg, depGroups: [] };
      } else {
        occurrences.set(key, { lockfile, pkg, lines: pkg.line ? [pkg.line] : [] });
      }
    }
  }

  const results = queries.length > 0 ? await source.match(queries) : [];
  const findings: Finding[] = [];
  for (const occurrence of occurrences.values()) {
    const { pkg } = occurrence;
    const matches = results[queryIndex.get(`${pkg.ecosystem}\u0000${pkg.name}\u0000${pkg.version}`)!] ?? [];
    for (const match of matches) findings.push(toFinding(occurrence, match, source.name, detectedAt));
  }
  return findings.sort((a, b) => a.location.path.localeCompare(b.location.path) || (a.location.start_line ?? 0) - (b.location.start_line ?? 0) || a.fingerprint.localeCompare(b.fingerprint));
}

export function dependencyFingerprint(manifest: string, pkg: { ecosystem: string; name: string; version: string }, advisoryId: string): string {
  // No line number: moving a dependency within the file is not a new finding.
  return createHash('sha256').update(['dependency', manifest, pkg.ecosystem, pkg.name, pkg.version, advisoryId].join('\u0000')).digest('hex').slice(0, 32);
}

function scopeOf(pkg: ExtractedPackage): FindingPackage['scope'] {
  if (pkg.depGroups === undefined) return 'unknown';
  return pkg.depGroups.some((g) => DEV_GROUPS.has(g.toLowerCase())) ? 'dev' : 'prod';
}

function toFinding(occurrence: Occurrence, match: AdvisoryMatch, database: string, detectedAt: string): Finding {
  const { pkg, lockfile } = occurrence;
  const record = match.record;
  const rated = advisorySeverity(record);
  // An advisory without any severity is still a known vulnerability: rate it medium, and say so, rather than
  // letting "info" slip under every gate.
  const severity = rated.source === 'unknown' ? 'medium' : rated.severity;
  const lines = [...new Set(occurrence.lines)].sort((a, b) => a - b);
  const fixedVersion = match.fixedVersions[0];
  const summary = record.summary?.trim() || firstSentence(record.details) || match.id;
  const cweIds = collectCwes(match);

  const packageInfo: FindingPackage = {
    ecosystem: pkg.ecosystem,
    name: pkg.name,
    version: pkg.version,
    // A name no purl can carry still needs an identity in the findings; pkg:generic says so plainly.
    purl: tryPurlFor(pkg) ?? `pkg:generic/${encodeURIComponent(pkg.name)}@${encodeURIComponent(pkg.version)}`,
    scope: scopeOf(pkg),
    manifest: lockfile.path,
  };
  if (pkg.direct !== undefined) packageInfo.direct = pkg.direct;
  if (pkg.depGroups?.length) packageInfo.dep_groups = [...pkg.depGroups];
  if (lines[0]) packageInfo.line = lines[0];

  const advisory: FindingAdvisory = {
    id: match.id,
    aliases: match.aliases,
    summary,
    affected_ranges: match.affected.flatMap((a) =>
      (a.ranges ?? []).map((r) => ({ type: r.type, events: r.events.map((e) => ({ ...e }) as Record<string, string>) })),
    ),
    fixed_versions: match.fixedVersions,
    references: [...new Set((record.references ?? []).map((r) => r.url))].slice(0, 20),
    database,
  };
  const listed = match.affected.reduce((n, a) => n + (a.versions?.length ?? 0), 0);
  if (listed) advisory.affected_versions_count = listed;
  if (match.lastAffected) advisory.last_affected = match.lastAffected;
  if (record.published) advisory.published = record.published;
  if (record.modified) advisory.modified = record.modified;
  if (cweIds.length) advisory.cwe_ids = cweIds;

  const where = `${lockfile.path}${lines[0] ? `:${lines[0]}` : ''}`;
  const fixText = fixedVersion
    ? `Upgrade ${pkg.name} to ${fixedVersion} or later.`
    : match.lastAffected
      ? `No fixed version is published (last affected: ${match.lastAffected}); replace ${pkg.name} or mitigate.`
      : `No fixed version is published; replace ${pkg.name} or mitigate.`;

  const finding: Finding = {
    fingerprint: dependencyFingerprint(lockfile.path, pkg, match.id),
    kind: 'dependency',
    event_type: 'vulnerability.dependency',
    rule: {
      id: match.id,
      name: summary.length > 120 ? `${summary.slice(0, 117)}...` : summary,
      help: [
        `${pkg.ecosystem} package ${pkg.name} ${pkg.version} is affected by ${match.id}${match.aliases.length ? ` (${match.aliases.join(', ')})` : ''}.`,
        summary,
        fixText,
      ].join('\n\n'),
      help_uri: `https://osv.dev/vulnerability/${encodeURIComponent(match.id)}`,
      ...(cweIds.length ? { cwe: cweIds } : {}),
      tags: ['security', 'dependency', pkg.ecosystem],
    },
    message: `${pkg.name} ${pkg.version} (${where}) is affected by ${match.id}: ${summary}. ${fixText}`,
    severity,
    severity_source: {
      source: rated.source,
      ...(rated.score !== undefined ? { score: rated.score } : {}),
      ...(rated.vector ? { vector: rated.vector } : {}),
    },
    // A lockfile pins the exact installed version; a manifest range (requirements ">=") only bounds it.
    confidence: pkg.versionComparator && pkg.versionComparator !== '==' && pkg.versionComparator !== '===' ? 0.5 : 0.95,
    location: { path: lockfile.path, ...(lines[0] ? { start_line: lines[0], end_line: lines[0] } : {}) },
    package: packageInfo,
    advisory,
    fix: { summary: fixText, available: fixedVersion !== undefined, ...(fixedVersion ? { fixed_version: fixedVersion } : {}) },
    detected_at: detectedAt,
  };
  if (lines.length > 1) {
    finding.other_locations = lines.slice(1).map((l) => ({ path: lockfile.path, start_line: l, end_line: l }));
  }
  return finding;
}

function collectCwes(match: AdvisoryMatch): string[] {
  const out = new Set<string>();
  for (const record of match.records) {
    const ids = (record.database_specific as { cwe_ids?: unknown } | undefined)?.cwe_ids;
    if (Array.isArray(ids)) for (const id of ids) if (typeof id === 'string') out.add(id);
  }
  return [...out].sort();
}

function firstSentence(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const line = text.trim().split(/\n/)[0]!.trim();
  return line.length > 200 ? `${line.slice(0, 197)}...` : line || undefined;
}
