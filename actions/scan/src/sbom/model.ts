/**
 * What both SBOM formats are written from: one component per distinct package across all lockfiles, the
 * dependency edges the lockfiles record, and the root's direct dependencies. Everything is sorted here so
 * that the writers emit the same bytes for the same tree.
 */
import { createHash } from 'node:crypto';
import type { LockfileEcosystem } from '../../../../src/shared/ecosystems.js';
import { packageKey, type ExtractedPackage } from '../extractors/types.js';
import { tryPurlFor } from './purl.js';

export interface SbomInput {
  /** The scanned project (repository name), described by the SBOM. */
  rootName: string;
  rootVersion?: string;
  toolName: string;
  toolVersion: string;
  /** ISO 8601 date-time; the only part of the output that changes between two runs on the same tree. */
  timestamp: string;
  lockfiles: { path: string; packages: ExtractedPackage[] }[];
}

export interface SbomComponent {
  /** Stable identity: the purl, or `ecosystem:name@version` when the package can have none. */
  id: string;
  ecosystem: LockfileEcosystem;
  name: string;
  version: string;
  purl?: string;
  /** Lockfiles that declare it, sorted. */
  lockfiles: string[];
  /** Only a development/test dependency wherever it appears. */
  dev: boolean;
  /** Ids it depends on, sorted; undefined when no lockfile declaring it records its dependencies. */
  dependsOn?: string[];
}

export interface SbomModel {
  root: { name: string; version?: string };
  tool: { name: string; version: string };
  timestamp: string;
  /** Sorted by id. */
  components: SbomComponent[];
  /** Ids of the root's direct dependencies, sorted. */
  direct: string[];
  /** A digest of everything but the timestamp: the same tree gives the same digest. */
  contentDigest: string;
}

export class SbomInputError extends Error {
  constructor(message: string) {
    super(`SBOM input: ${message}`);
    this.name = 'SbomInputError';
  }
}

/** depGroups names that mean "not needed at run time". */
const DEV_GROUPS = new Set(['dev', 'development', 'test']);

function isDev(pkg: ExtractedPackage): boolean {
  return (pkg.depGroups ?? []).some((group) => DEV_GROUPS.has(group.toLowerCase()));
}

function componentId(pkg: ExtractedPackage): { id: string; purl?: string } {
  const purl = tryPurlFor(pkg);
  return { id: purl ?? `${pkg.ecosystem}:${packageKey(pkg.name, pkg.version)}`, purl };
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compareStrings);
}

function checkInput(input: SbomInput): void {
  const required = ['rootName', 'toolName', 'toolVersion', 'timestamp'] as const;
  for (const field of required) {
    if (typeof input?.[field] !== 'string' || input[field] === '') throw new SbomInputError(`${field} must be a non-empty string`);
  }
  if (Number.isNaN(Date.parse(input.timestamp))) throw new SbomInputError(`timestamp ${JSON.stringify(input.timestamp)} is not an ISO 8601 date-time`);
  if (!Array.isArray(input.lockfiles)) throw new SbomInputError('lockfiles must be an array');
  for (const [index, lockfile] of input.lockfiles.entries()) {
    if (typeof lockfile?.path !== 'string' || !Array.isArray(lockfile.packages)) {
      throw new SbomInputError(`lockfiles[${index}] must have a path and a packages array`);
    }
    for (const [i, pkg] of lockfile.packages.entries()) {
      if (typeof pkg?.name !== 'string' || pkg.name === '' || typeof pkg.version !== 'string' || typeof pkg.ecosystem !== 'string') {
        throw new SbomInputError(`${lockfile.path}: packages[${i}] needs a name, a version string and an ecosystem`);
      }
    }
  }
}

interface Accumulator {
  component: Omit<SbomComponent, 'lockfiles' | 'dependsOn' | 'dev'>;
  lockfiles: Set<string>;
  devEverywhere: boolean;
  dependsOn?: Set<string>;
}

export function buildSbomModel(input: SbomInput): SbomModel {
  checkInput(input);
  const byId = new Map<string, Accumulator>();
  const direct = new Set<string>();

  for (const lockfile of input.lockfiles) {
    // Dependency keys are `name@version` within one lockfile; resolve them to component ids here.
    const idByKey = new Map<string, string>();
    const ids = lockfile.packages.map((pkg) => {
      const { id, purl } = componentId(pkg);
      idByKey.set(packageKey(pkg.name, pkg.version), id);
      let entry = byId.get(id);
      if (!entry) {
        entry = {
          component: { id, ecosystem: pkg.ecosystem, name: pkg.name, version: pkg.version, ...(purl ? { purl } : {}) },
          lockfiles: new Set(),
          devEverywhere: true,
        };
        byId.set(id, entry);
      }
      entry.lockfiles.add(lockfile.path);
      entry.devEverywhere &&= isDev(pkg);
      return id;
    });

    const dependedOn = new Set<string>();
    lockfile.packages.forEach((pkg, index) => {
      if (pkg.dependencies === undefined) return;
      const entry = byId.get(ids[index] as string) as Accumulator;
      entry.dependsOn ??= new Set();
      for (const key of pkg.dependencies) {
        const target = idByKey.get(key);
        // An edge to a package the lockfile does not list (an optional dependency not installed) is dropped.
        if (target !== undefined && target !== entry.component.id) {
          entry.dependsOn.add(target);
          dependedOn.add(target);
        }
      }
    });

    // The root's direct dependencies: as the extractor says; when it cannot say for any package of this
    // lockfile but the lockfile has a graph, the packages nothing else depends on.
    const knowsDirect = lockfile.packages.some((pkg) => pkg.direct !== undefined);
    const hasGraph = lockfile.packages.some((pkg) => pkg.dependencies !== undefined);
    lockfile.packages.forEach((pkg, index) => {
      const id = ids[index] as string;
      if (knowsDirect ? pkg.direct === true : hasGraph && !dependedOn.has(id)) direct.add(id);
    });
  }

  const components: SbomComponent[] = [...byId.values()]
    .map((entry) => ({
      ...entry.component,
      lockfiles: sortedUnique(entry.lockfiles),
      dev: entry.devEverywhere,
      ...(entry.dependsOn ? { dependsOn: sortedUnique(entry.dependsOn) } : {}),
    }))
    .sort((a, b) => compareStrings(a.id, b.id));

  const model: Omit<SbomModel, 'contentDigest'> = {
    root: { name: input.rootName, ...(input.rootVersion ? { version: input.rootVersion } : {}) },
    tool: { name: input.toolName, version: input.toolVersion },
    // Normalised so both formats get a valid date-time whatever ISO 8601 form the caller used.
    timestamp: new Date(input.timestamp).toISOString(),
    components,
    direct: sortedUnique(direct),
  };
  const digest = createHash('sha256')
    .update(JSON.stringify({ root: model.root, tool: model.tool, components, direct: model.direct }))
    .digest('hex');
  return { ...model, contentDigest: digest };
}

/** A short, stable hash of a string, for identifiers that must be unique and reproducible. */
export function shortHash(value: string, length = 12): string {
  return createHash('sha256').update(value).digest('hex').slice(0, length);
}
