import type { ExtractedPackage, ExtractInput, ExtractionResult, Extractor } from '../types.js';
import { DependencyResolver, type DependencyRef } from './graph.js';
import { normalizeName } from './names.js';
import { isTable, linesFor, optionalString, parseToml, tableArray, type TomlTable } from './toml.js';

/**
 * uv.lock. The project and its workspace members are entries too (source `virtual` or `editable`): they are not
 * reported, but their `dependencies` make packages direct, and their `optional-dependencies` (extras) and
 * `dev-dependencies` (dependency groups) give the group names. A package in a member's main dependencies is a
 * production one whatever groups also list it. Groups are not propagated to transitive dependencies (as
 * osv-scalibr, whose expectations the corpus holds).
 */
export const uvLockExtractor: Extractor = {
  id: 'PyPI/uv-lock',
  ecosystem: 'PyPI',
  fileNames: ['uv.lock'],
  extract(input: ExtractInput): ExtractionResult {
    const doc = parseToml(input.path, input.content);
    const entries = tableArray(input.path, doc, 'package');
    const lines = linesFor(input.content, 'package', entries.length);
    const warnings: string[] = [];

    const members = entries.filter(isWorkspaceMember);
    const mainNames = new Set<string>();
    const groupsByName = new Map<string, Set<string>>();
    for (const member of members) {
      for (const ref of refsOf(member.dependencies)) mainNames.add(normalizeName(ref.name));
      for (const section of ['optional-dependencies', 'dev-dependencies']) {
        const groups = member[section];
        if (!isTable(groups)) continue;
        for (const [group, list] of Object.entries(groups)) {
          for (const ref of refsOf(list)) {
            const key = normalizeName(ref.name);
            const set = groupsByName.get(key) ?? new Set<string>();
            set.add(group);
            groupsByName.set(key, set);
          }
        }
      }
    }

    const packages: ExtractedPackage[] = [];
    const refs: DependencyRef[][] = [];
    entries.forEach((entry, i) => {
      if (isWorkspaceMember(entry)) return;
      const name = optionalString(entry.name);
      if (!name) {
        warnings.push(`${input.path}: package[${i}] has no name; skipped`);
        return;
      }
      const key = normalizeName(name);
      const groups = mainNames.has(key) ? [] : [...(groupsByName.get(key) ?? [])];
      const pkg: ExtractedPackage = {
        name,
        version: optionalString(entry.version) ?? '',
        ecosystem: 'PyPI',
        depGroups: groups,
      };
      // Without a member entry (a hand-trimmed lock) nothing says what the project declares.
      if (members.length > 0) pkg.direct = mainNames.has(key) || groupsByName.has(key);
      if (lines[i] !== undefined) pkg.line = lines[i];
      const commit = gitCommit(entry.source);
      if (commit) pkg.commit = commit;
      packages.push(pkg);
      refs.push(refsOf(entry.dependencies));
    });

    const resolver = new DependencyResolver(packages);
    packages.forEach((pkg, i) => {
      pkg.dependencies = resolver.resolve(refs[i]);
    });
    return warnings.length > 0 ? { packages, warnings } : { packages };
  },
};

function isWorkspaceMember(entry: TomlTable): boolean {
  return isTable(entry.source) && (entry.source.virtual !== undefined || entry.source.editable !== undefined);
}

/** `git = "https://host/repo?rev=...#<commit>"`: uv appends the resolved commit as the URL fragment. */
function gitCommit(source: unknown): string | undefined {
  if (!isTable(source) || typeof source.git !== 'string') return undefined;
  const hash = source.git.lastIndexOf('#');
  return hash === -1 ? undefined : source.git.slice(hash + 1) || undefined;
}

/** `[{ name = "click" }, { name = "x", version = "1.0", marker = "..." }]`. */
function refsOf(list: unknown): DependencyRef[] {
  if (!Array.isArray(list)) return [];
  const refs: DependencyRef[] = [];
  for (const item of list) {
    if (!isTable(item) || typeof item.name !== 'string') continue;
    refs.push(typeof item.version === 'string' ? { name: item.name, version: item.version } : { name: item.name });
  }
  return refs;
}
