/**
 * What both SBOM formats are written from: one component per distinct package across all lockfiles, the
 * dependency edges the lockfiles record, and the root's direct dependencies. Everything is sorted here so
 * that the writers emit the same bytes for the same tree.
 */
import { hash } from 'node:crypto';
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
  const groups = pkg.depGroups;
  if (groups === undefined) return false;
  for (let i = 0; i < groups.length; i++) if (DEV_GROUPS.has(groups[i]!.toLowerCase())) return true;
  return false;
}

function componentId(pkg: ExtractedPackage): { id: string; purl?: string } {
  const purl = tryPurlFor(pkg);
  return { id: purl ?? `${pkg.ecosystem}:${packageKey(pkg.name, pkg.version)}`, purl };
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The set's values sorted; most sets here hold one lockfile or a handful of edges. */
function sortedValues(values: Set<string>): string[] {
  const list = [...values];
  return list.length > 1 ? list.sort(compareStrings) : list;
}

function checkInput(input: SbomInput): void {
  const required = ['rootName', 'toolName', 'toolVersion', 'timestamp'] as const;
  for (const field of required) {
    if (typeof input?.[field] !== 'string' || input[field] === '') throw new SbomInputError(`${field} must be a non-empty string`);
  }
  if (Number.isNaN(Date.parse(input.timestamp))) throw new SbomInputError(`timestamp ${JSON.stringify(input.timestamp)} is not an ISO 8601 date-time`);
  if (!Array.isArray(input.lockfiles)) throw new SbomInputError('lockfiles must be an array');
  for (let index = 0; index < input.lockfiles.length; index++) {
    const lockfile = input.lockfiles[index];
    if (typeof lockfile?.path !== 'string' || !Array.isArray(lockfile.packages)) {
      throw new SbomInputError(`lockfiles[${index}] must have a path and a packages array`);
    }
    const packages = lockfile.packages;
    for (let i = 0; i < packages.length; i++) {
      const pkg = packages[i];
      if (typeof pkg?.name !== 'string' || pkg.name === '' || typeof pkg.version !== 'string' || typeof pkg.ecosystem !== 'string') {
        throw new SbomInputError(`${lockfile.path}: packages[${i}] needs a name, a version string and an ecosystem`);
      }
    }
  }
}

interface Accumulator {
  id: string;
  pkg: ExtractedPackage;
  purl: string | undefined;
  lockfiles: Set<string>;
  devEverywhere: boolean;
  dependsOn: Set<string> | undefined;
}

/** One pass over every package: each is visited a constant number of times, whatever the tree's shape. */
export function buildSbomModel(input: SbomInput): SbomModel {
  checkInput(input);
  const byId = new Map<string, Accumulator>();
  const direct = new Set<string>();

  for (const lockfile of input.lockfiles) {
    const packages = lockfile.packages;
    // Dependency keys are `name@version` within one lockfile; resolve them to component entries here.
    const entryByKey = new Map<string, Accumulator>();
    const entries: Accumulator[] = new Array(packages.length);
    let knowsDirect = false;
    let hasGraph = false;
    for (let index = 0; index < packages.length; index++) {
      const pkg = packages[index]!;
      const { id, purl } = componentId(pkg);
      let entry = byId.get(id);
      if (entry === undefined) {
        entry = { id, pkg, purl, lockfiles: new Set(), devEverywhere: true, dependsOn: undefined };
        byId.set(id, entry);
      }
      entryByKey.set(packageKey(pkg.name, pkg.version), entry);
      entries[index] = entry;
      entry.lockfiles.add(lockfile.path);
      if (entry.devEverywhere && !isDev(pkg)) entry.devEverywhere = false;
      if (pkg.direct !== undefined) knowsDirect = true;
      if (pkg.dependencies !== undefined) hasGraph = true;
    }

    const dependedOn = new Set<string>();
    for (let index = 0; index < packages.length; index++) {
      const dependencies = packages[index]!.dependencies;
      if (dependencies === undefined) continue;
      const entry = entries[index]!;
      const dependsOn = (entry.dependsOn ??= new Set());
      for (const key of dependencies) {
        const target = entryByKey.get(key);
        // An edge to a package the lockfile does not list (an optional dependency not installed) is dropped.
        if (target !== undefined && target !== entry) {
          dependsOn.add(target.id);
          dependedOn.add(target.id);
        }
      }
    }

    // The root's direct dependencies: as the extractor says; when it cannot say for any package of this
    // lockfile but the lockfile has a graph, the packages nothing else depends on.
    for (let index = 0; index < packages.length; index++) {
      const id = entries[index]!.id;
      if (knowsDirect ? packages[index]!.direct === true : hasGraph && !dependedOn.has(id)) direct.add(id);
    }
  }

  const components: SbomComponent[] = [];
  for (const entry of byId.values()) {
    const { pkg } = entry;
    // Same fields in the same order as always: the digest below is taken over this JSON.
    const component: SbomComponent = { id: entry.id, ecosystem: pkg.ecosystem, name: pkg.name, version: pkg.version } as SbomComponent;
    if (entry.purl) component.purl = entry.purl;
    component.lockfiles = sortedValues(entry.lockfiles);
    component.dev = entry.devEverywhere;
    if (entry.dependsOn) component.dependsOn = sortedValues(entry.dependsOn);
    components.push(component);
  }
  components.sort((a, b) => compareStrings(a.id, b.id));

  const root = { name: input.rootName, ...(input.rootVersion ? { version: input.rootVersion } : {}) };
  const tool = { name: input.toolName, version: input.toolVersion };
  const directIds = sortedValues(direct);
  return {
    root,
    tool,
    // Normalised so both formats get a valid date-time whatever ISO 8601 form the caller used.
    timestamp: new Date(input.timestamp).toISOString(),
    components,
    direct: directIds,
    contentDigest: sha256Hex(JSON.stringify({ root, tool, components, direct: directIds })),
  };
}

/** One-shot SHA-256 (crypto.hash: no Hash object per call, which adds up over thousands of SPDX ids). */
function sha256Hex(value: string): string {
  return hash('sha256', value, 'hex');
}

/** A short, stable hash of a string, for identifiers that must be unique and reproducible. */
export function shortHash(value: string, length = 12): string {
  return sha256Hex(value).slice(0, length);
}
