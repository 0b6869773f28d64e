import { ExtractionError, packageKey, type ExtractedPackage, type ExtractInput, type ExtractionResult, type Extractor } from '../types.js';
import { tryExtractCommit } from './git-commit.js';
import { jsonKeyLines, keyPath } from './json-key-lines.js';
import { asRecord, asString, declaredDependencyNames, keysOf, readSiblingManifest, type JsonRecord } from './values.js';

/**
 * package-lock.json / npm-shrinkwrap.json, lockfileVersion 1 (nested `dependencies` tree) and 2/3
 * (`packages` map keyed by install path). Packages are reported once per name@version (git packages once
 * per commit), with the dependency groups merged as npm means them: a copy outside every group makes the
 * package a production one.
 */
export const packageLockExtractor: Extractor = {
  id: 'npm/package-lock',
  ecosystem: 'npm',
  fileNames: ['package-lock.json', 'npm-shrinkwrap.json'],
  extract: extractPackageLock,
};

async function extractPackageLock(input: ExtractInput): Promise<ExtractionResult> {
  const base = input.path.slice(input.path.lastIndexOf('/') + 1);
  // npm itself ignores package-lock.json when an npm-shrinkwrap.json sits beside it.
  if (base === 'package-lock.json' && (await input.readSibling('npm-shrinkwrap.json')) !== undefined) {
    return { packages: [], warnings: [`${input.path}: skipped, npm-shrinkwrap.json beside it takes precedence`] };
  }
  if (input.content.trim() === '') return { packages: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(input.content);
  } catch (error) {
    throw new ExtractionError(input.path, `not valid JSON (${(error as Error).message})`);
  }
  const lockfile = asRecord(parsed);
  if (!lockfile) throw new ExtractionError(input.path, 'expected a JSON object at the top level');
  const packages = asRecord(lockfile.packages);
  if (packages) return extractFromPackages(input.content, packages);
  const dependencies = asRecord(lockfile.dependencies);
  if (!dependencies) return { packages: [] };
  return extractFromDependencyTree(input.content, dependencies, await readSiblingManifest(input.readSibling));
}

/** Packages merged by identity; edges and flags accumulate over every copy of a package in the tree. */
class MergedPackages {
  private readonly byIdentity = new Map<string, ExtractedPackage & { depSet: Set<string> }>();

  add(identity: string, pkg: ExtractedPackage): void {
    const existing = this.byIdentity.get(identity);
    if (!existing) {
      this.byIdentity.set(identity, { ...pkg, depSet: new Set() });
      return;
    }
    existing.depGroups = mergeGroups(existing.depGroups ?? [], pkg.depGroups ?? []);
    if (pkg.direct) existing.direct = true;
  }

  addEdge(identity: string, targetKey: string): void {
    this.byIdentity.get(identity)?.depSet.add(targetKey);
  }

  markDirect(identity: string): void {
    const pkg = this.byIdentity.get(identity);
    if (pkg) pkg.direct = true;
  }

  result(): ExtractedPackage[] {
    return [...this.byIdentity.values()].map(({ depSet, ...pkg }) => ({ ...pkg, dependencies: [...depSet] }));
  }
}

/** npm's rule: belonging to no group (production) wins; otherwise the union of the groups. */
function mergeGroups(a: string[], b: string[]): string[] {
  if (a.length === 0 || b.length === 0) return [];
  return [...new Set([...a, ...b])].sort();
}

// ---- lockfileVersion 2 and 3 ----

interface Resolved {
  identity: string;
  key: string;
}

function extractFromPackages(content: string, packages: JsonRecord): ExtractionResult {
  const lines = jsonKeyLines(content, (parents) => parents.length === 1 && parents[0] === 'packages');
  const merged = new MergedPackages();
  const resolvedByPath = new Map<string, Resolved>();
  const warnings: string[] = [];

  for (const [installPath, value] of Object.entries(packages)) {
    if (installPath === '') continue;
    const entry = asRecord(value);
    if (!entry) {
      warnings.push(`packages["${installPath}"]: expected an object, skipped`);
      continue;
    }
    // A link only points at another entry (a workspace or `file:` folder) that is reported itself.
    if (entry.link === true) continue;
    const name = asString(entry.name) || nameFromInstallPath(installPath);
    const version = asString(entry.version) ?? '';
    const commit = tryExtractCommit(asString(entry.resolved) ?? '');
    const identity = `${name}@${commit || version}`;
    const pkg: ExtractedPackage = { name, version, ecosystem: 'npm', depGroups: v2Groups(entry) };
    if (commit) pkg.commit = commit;
    const line = lines.get(keyPath(['packages', installPath]));
    if (line !== undefined) pkg.line = line;
    merged.add(identity, pkg);
    resolvedByPath.set(installPath, { identity, key: packageKey(name, version) });
  }

  const resolve = (fromPath: string, dependency: string): Resolved | undefined => {
    const target = resolveInstallPath(packages, fromPath, dependency);
    return target === undefined ? undefined : resolvedByPath.get(followLink(packages, target));
  };

  const root = asRecord(packages['']);
  const hasWorkspaces = root !== undefined && root.workspaces !== undefined;
  for (const [installPath, value] of Object.entries(packages)) {
    const entry = asRecord(value);
    if (!entry || entry.link === true) continue;
    const isLocal = !/(^|\/)node_modules\//.test(installPath);
    // The root and (in a workspace project) each workspace folder declare the project's direct deps.
    if (installPath === '' || (isLocal && hasWorkspaces)) {
      for (const dependency of declaredDependencyNames(entry)) {
        const target = resolve(installPath, dependency);
        if (target) merged.markDirect(target.identity);
      }
    }
    const self = resolvedByPath.get(installPath);
    if (!self) continue;
    for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies']) {
      for (const dependency of keysOf(entry[field])) {
        const target = resolve(installPath, dependency);
        if (target && target.key !== self.key) merged.addEdge(self.identity, target.key);
      }
    }
  }
  return warnings.length ? { packages: merged.result(), warnings } : { packages: merged.result() };
}

function v2Groups(entry: JsonRecord): string[] {
  const groups: string[] = [];
  if (entry.inBundle === true) groups.push('bundled');
  if (entry.devOptional === true) groups.push('dev', 'optional');
  else {
    if (entry.dev === true) groups.push('dev');
    if (entry.optional === true) groups.push('optional');
  }
  return groups;
}

/** `node_modules/a/node_modules/@scope/b` → `@scope/b`; a workspace folder `packages/x` → `x`. */
function nameFromInstallPath(installPath: string): string {
  const parts = installPath.split('/');
  const last = parts[parts.length - 1] ?? '';
  const scope = parts[parts.length - 2];
  return scope?.startsWith('@') ? `${scope}/${last}` : last;
}

/** Node's lookup: the nearest `node_modules/<name>` from the requiring package's folder upward. */
function resolveInstallPath(packages: JsonRecord, fromPath: string, dependency: string): string | undefined {
  let base = fromPath;
  for (;;) {
    const candidate = base === '' ? `node_modules/${dependency}` : `${base}/node_modules/${dependency}`;
    if (Object.hasOwn(packages, candidate)) return candidate;
    if (base === '') return undefined;
    const parent = base.lastIndexOf('/node_modules/');
    base = parent === -1 ? '' : base.slice(0, parent);
  }
}

function followLink(packages: JsonRecord, installPath: string): string {
  const entry = asRecord(packages[installPath]);
  const target = entry?.link === true ? asString(entry.resolved) : undefined;
  return target ?? installPath;
}

// ---- lockfileVersion 1 ----

interface TreeNode {
  /** Keys from the top-level `dependencies` to this entry's key, for the line map. */
  path: string[];
  entry: JsonRecord;
  /** This entry's own nested `dependencies`, then each ancestor's: where its `requires` resolve. */
  scopes: JsonRecord[];
  resolved: Resolved;
}

function extractFromDependencyTree(content: string, top: JsonRecord, manifest: JsonRecord | undefined): ExtractionResult {
  const lines = jsonKeyLines(content, (parents) => parents.length % 2 === 1 && parents.every((p, i) => i % 2 === 1 || p === 'dependencies'));
  const merged = new MergedPackages();
  const nodes: TreeNode[] = [];
  const resolvedByEntry = new Map<JsonRecord, Resolved>();
  const warnings: string[] = [];

  // Depth-first over the nested tree with an explicit stack: lockfiles can nest deeply.
  const pending: { path: string[]; key: string; value: unknown; ancestors: JsonRecord[] }[] = [];
  for (const [key, value] of Object.entries(top).reverse()) pending.push({ path: ['dependencies'], key, value, ancestors: [top] });
  while (pending.length > 0) {
    const { path, key, value, ancestors } = pending.pop()!;
    const entry = asRecord(value);
    if (!entry) {
      warnings.push(`dependencies "${key}": expected an object, skipped`);
      continue;
    }
    const resolved = addV1Package(merged, key, entry, lines.get(keyPath([...path, key])));
    resolvedByEntry.set(entry, resolved);
    const children = asRecord(entry.dependencies);
    const scopes = children ? [children, ...ancestors] : ancestors;
    nodes.push({ path, entry, scopes, resolved });
    if (children) {
      for (const [childKey, childValue] of Object.entries(children).reverse()) {
        pending.push({ path: [...path, key, 'dependencies'], key: childKey, value: childValue, ancestors: scopes });
      }
    }
  }

  for (const node of nodes) {
    for (const dependency of keysOf(node.entry.requires)) {
      const target = lookupInScopes(node.scopes, dependency);
      const resolved = target && resolvedByEntry.get(target);
      if (resolved && resolved.key !== node.resolved.key) merged.addEdge(node.resolved.identity, resolved.key);
    }
  }
  // Version 1 does not record the project's own declarations; package.json beside the lockfile does.
  for (const name of declaredDependencyNames(manifest)) {
    const target = asRecord(top[name]);
    const resolved = target && resolvedByEntry.get(target);
    if (resolved) merged.markDirect(resolved.identity);
  }
  const packages = merged.result();
  if (manifest) for (const pkg of packages) pkg.direct ??= false;
  return warnings.length ? { packages, warnings } : { packages };
}

function addV1Package(merged: MergedPackages, key: string, entry: JsonRecord, line: number | undefined): Resolved {
  const declared = asString(entry.version) ?? '';
  let name = key;
  let version = declared;
  let commit = '';
  // An alias records the real package as `npm:<name>@<version>`.
  if (declared.startsWith('npm:')) {
    const at = declared.lastIndexOf('@');
    if (at > 4) {
      name = declared.slice(4, at);
      version = declared.slice(at + 1);
    }
  }
  if (declared.startsWith('file:')) version = '';
  else {
    commit = tryExtractCommit(declared);
    if (commit) version = '';
  }
  const groups: string[] = [];
  if (entry.dev === true) groups.push('dev');
  if (entry.optional === true) groups.push('optional');
  const pkg: ExtractedPackage = { name, version, ecosystem: 'npm', depGroups: groups };
  if (commit) pkg.commit = commit;
  if (line !== undefined) pkg.line = line;
  const identity = `${name}@${commit || version}`;
  merged.add(identity, pkg);
  return { identity, key: packageKey(name, version) };
}

function lookupInScopes(scopes: JsonRecord[], name: string): JsonRecord | undefined {
  for (const scope of scopes) {
    if (Object.hasOwn(scope, name)) return asRecord(scope[name]);
  }
  return undefined;
}
