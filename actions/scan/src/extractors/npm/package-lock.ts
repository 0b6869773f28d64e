import { ExtractionError, packageKey, type ExtractedPackage, type ExtractInput, type ExtractionResult, type Extractor } from '../types.js';
import { tryExtractCommit } from './git-commit.js';
import { indentedMemberKeyLines, jsonKeyLines } from './json-key-lines.js';
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
  return extractFromDependencyTree(input.content, dependencies, await readSiblingManifest(input.readSibling), input.path);
}

/** A reported package whose edge list is filled in as the tree is walked. */
type GraphPackage = ExtractedPackage & { dependencies: string[] };

/** Packages merged by identity; groups and flags accumulate over every copy of a package in the tree. */
class MergedPackages {
  private readonly byIdentity = new Map<string, GraphPackage>();

  /**
   * Records one copy and returns the package it merges into. Every object gets the same fields in the
   * same order (absent ones undefined): one hidden class keeps big lockfiles fast.
   */
  add(identity: string, name: string, version: string, depGroups: string[], commit: string, line: number | undefined): GraphPackage {
    const existing = this.byIdentity.get(identity);
    if (existing) {
      existing.depGroups = mergeGroups(existing.depGroups ?? [], depGroups);
      return existing;
    }
    const pkg: GraphPackage = {
      name,
      version,
      ecosystem: 'npm',
      depGroups,
      commit: commit || undefined,
      line,
      direct: undefined,
      dependencies: [],
    };
    this.byIdentity.set(identity, pkg);
    return pkg;
  }

  result(knowsDirect: boolean): ExtractedPackage[] {
    const packages = [...this.byIdentity.values()];
    if (knowsDirect) for (const pkg of packages) pkg.direct ??= false;
    return packages;
  }
}

/** Per-package edge lists are short: a linear duplicate check beats a Set per package. */
function addEdge(from: GraphPackage, targetKey: string): void {
  if (from.dependencies.includes(targetKey)) return;
  from.dependencies.push(targetKey);
}

/** npm's rule: belonging to no group (production) wins; otherwise the union of the groups. */
function mergeGroups(a: string[], b: string[]): string[] {
  if (a.length === 0 || b.length === 0) return [];
  return [...new Set([...a, ...b])].sort();
}

// ---- lockfileVersion 2 and 3 ----

interface Resolved {
  pkg: GraphPackage;
  key: string;
}

function extractFromPackages(content: string, packages: JsonRecord): ExtractionResult {
  const lines =
    indentedMemberKeyLines(content, 'packages') ??
    jsonKeyLines(content, (parents, key) => (parents.length === 1 && parents[0] === 'packages' ? key : undefined));
  const merged = new MergedPackages();
  const resolvedByPath = new Map<string, Resolved>();
  const warnings: string[] = [];
  // A Map, not the parsed object: lookups by freshly built path strings stay cheap.
  const entries = new Map<string, JsonRecord>();

  for (const installPath in packages) {
    const entry = asRecord(packages[installPath]);
    if (!entry) {
      if (installPath !== '') warnings.push(`packages["${installPath}"]: expected an object, skipped`);
      continue;
    }
    entries.set(installPath, entry);
    // The root is the project; a link only points at another entry (a workspace or `file:` folder).
    if (installPath === '' || entry.link === true) continue;
    const name = asString(entry.name) || nameFromInstallPath(installPath);
    const version = asString(entry.version) ?? '';
    const commit = tryExtractCommit(asString(entry.resolved) ?? '');
    const key = packageKey(name, version);
    const pkg = merged.add(commit ? `${name}@${commit}` : key, name, version, v2Groups(entry), commit, lines.get(installPath));
    resolvedByPath.set(installPath, { pkg, key });
  }

  const tree = new InstallTree(entries.keys());
  const resolve = (fromPath: string, dependency: string): Resolved | undefined => {
    const target = tree.resolve(fromPath, dependency);
    return target === undefined ? undefined : resolvedByPath.get(followLink(entries, target));
  };

  const root = entries.get('');
  const hasWorkspaces = root !== undefined && root.workspaces !== undefined;
  for (const [installPath, entry] of entries) {
    if (entry.link === true) continue;
    // The root and (in a workspace project) each workspace folder declare the project's direct deps.
    if (installPath === '' || (hasWorkspaces && !/(^|\/)node_modules\//.test(installPath))) {
      for (const dependency of declaredDependencyNames(entry)) {
        const target = resolve(installPath, dependency);
        if (target) target.pkg.direct = true;
      }
    }
    const self = resolvedByPath.get(installPath);
    if (!self) continue;
    for (const field of GRAPH_FIELDS) {
      const dependencies = asRecord(entry[field]);
      if (!dependencies) continue;
      for (const dependency in dependencies) {
        const target = resolve(installPath, dependency);
        if (target && target.key !== self.key) addEdge(self.pkg, target.key);
      }
    }
  }
  const result = merged.result(root !== undefined);
  return warnings.length ? { packages: result, warnings } : { packages: result };
}

/** What a v2 entry depends on at run time: npm 7+ installs peers too. */
const GRAPH_FIELDS = ['dependencies', 'optionalDependencies', 'peerDependencies'];

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
  const lastSlash = installPath.lastIndexOf('/');
  const scopeSlash = installPath.lastIndexOf('/', lastSlash - 1);
  return installPath[scopeSlash + 1] === '@' && lastSlash !== -1
    ? installPath.slice(scopeSlash + 1)
    : installPath.slice(lastSlash + 1);
}

/**
 * Node's lookup over the lockfile's install paths: from a package's folder, `<folder>/node_modules/<dep>`,
 * then the same in each parent folder up to the project root. Folders are indexed once, and each parent
 * string is built once and reused, so a lookup is a few map hits on strings whose hashes are cached.
 */
class InstallTree {
  /** folder → (package name → install path) for every `<folder>/node_modules/<name>` entry. */
  private readonly installed = new Map<string, Map<string, string>>();
  private readonly parents = new Map<string, string>();

  constructor(installPaths: Iterable<string>) {
    for (const installPath of installPaths) {
      const at = installPath.lastIndexOf('node_modules/');
      if (at === -1 || (at > 0 && installPath[at - 1] !== '/')) continue;
      const folder = at === 0 ? '' : installPath.slice(0, at - 1);
      const name = installPath.slice(at + 'node_modules/'.length);
      let names = this.installed.get(folder);
      if (!names) this.installed.set(folder, (names = new Map()));
      names.set(name, installPath);
    }
  }

  resolve(fromPath: string, dependency: string): string | undefined {
    for (let folder: string | undefined = fromPath; folder !== undefined; folder = this.parentOf(folder)) {
      const found = this.installed.get(folder)?.get(dependency);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  /** `node_modules/a/node_modules/@s/b` → `node_modules/a`; `packages/a` → `packages`; `` → none. */
  private parentOf(folder: string): string | undefined {
    if (folder === '') return undefined;
    let parent = this.parents.get(folder);
    if (parent === undefined) {
      const at = folder.lastIndexOf('node_modules/');
      if (at === 0 || (at > 0 && folder[at - 1] === '/')) parent = at === 0 ? '' : folder.slice(0, at - 1);
      else {
        const slash = folder.lastIndexOf('/');
        parent = slash === -1 ? '' : folder.slice(0, slash);
      }
      this.parents.set(folder, parent);
    }
    return parent;
  }
}

function followLink(entries: Map<string, JsonRecord>, installPath: string): string {
  const entry = entries.get(installPath);
  const target = entry?.link === true ? asString(entry.resolved) : undefined;
  return target ?? installPath;
}

// ---- lockfileVersion 1 ----

interface TreeNode {
  entry: JsonRecord;
  /** This entry's own nested `dependencies`, then each ancestor's: where its `requires` resolve. */
  scopes: JsonRecord[];
  resolved: Resolved;
}

/**
 * How deep a v1 dependency tree may nest. Each level is a node_modules folder inside the previous one, so a
 * real tree is bounded by the file system's path length (about 4,096 bytes: a couple of hundred levels);
 * anything deeper is not an install, and would cost quadratic time and memory in install paths.
 */
export const MAX_V1_TREE_DEPTH = 1_000;

function treeDepth(top: JsonRecord): number {
  let deepest = 0;
  const pending: [JsonRecord, number][] = [[top, 1]];
  while (pending.length > 0) {
    const [level, depth] = pending.pop()!;
    deepest = Math.max(deepest, depth);
    if (depth > MAX_V1_TREE_DEPTH) break;
    for (const value of Object.values(level)) {
      const children = asRecord(asRecord(value)?.dependencies);
      if (children) pending.push([children, depth + 1]);
    }
  }
  return deepest;
}

function extractFromDependencyTree(content: string, top: JsonRecord, manifest: JsonRecord | undefined, file: string): ExtractionResult {
  if (treeDepth(top) > MAX_V1_TREE_DEPTH) {
    throw new ExtractionError(file, `the dependency tree nests deeper than ${MAX_V1_TREE_DEPTH} levels; no real install does`);
  }
  const lines = jsonKeyLines(content, (parents, key) =>
    parents.length % 2 === 1 && parents.every((p, i) => i % 2 === 1 || p === 'dependencies') ? treeKey([...parents, key]) : undefined,
  );
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
    const resolved = addV1Package(merged, key, entry, lines.get(treeKey([...path, key])));
    resolvedByEntry.set(entry, resolved);
    const children = asRecord(entry.dependencies);
    const scopes = children ? [children, ...ancestors] : ancestors;
    nodes.push({ entry, scopes, resolved });
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
      if (resolved && resolved.key !== node.resolved.key) addEdge(node.resolved.pkg, resolved.key);
    }
  }
  // Version 1 does not record the project's own declarations; package.json beside the lockfile does.
  for (const name of declaredDependencyNames(manifest)) {
    const target = asRecord(top[name]);
    const resolved = target && resolvedByEntry.get(target);
    if (resolved) resolved.pkg.direct = true;
  }
  const packages = merged.result(manifest !== undefined);
  return warnings.length ? { packages, warnings } : { packages };
}

function treeKey(keys: string[]): string {
  return keys.join('\u0000');
}

function addV1Package(merged: MergedPackages, entryName: string, entry: JsonRecord, line: number | undefined): Resolved {
  const declared = asString(entry.version) ?? '';
  let name = entryName;
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
  const key = packageKey(name, version);
  const pkg = merged.add(commit ? `${name}@${commit}` : key, name, version, groups, commit, line);
  return { pkg, key };
}

function lookupInScopes(scopes: JsonRecord[], name: string): JsonRecord | undefined {
  for (const scope of scopes) {
    if (Object.hasOwn(scope, name)) return asRecord(scope[name]);
  }
  return undefined;
}
