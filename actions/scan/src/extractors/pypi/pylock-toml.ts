import type { ExtractedPackage, ExtractInput, ExtractionResult, Extractor } from '../types.js';
import { DependencyResolver, type DependencyRef } from './graph.js';
import { isTable, linesFor, optionalString, parseToml, tableArray } from './toml.js';

/** `pylock.toml` or a named lock `pylock.<name>.toml` (PEP 751). */
const PYLOCK_NAME = /^pylock\.(?:[^/.]+\.)?toml$/;

/**
 * pylock.toml (PEP 751). Entries without a version are the project itself or local directories (PEP 751 leaves
 * `version` out for them) and are not reported. A VCS entry's `commit-id` is its commit. The format records
 * neither which packages the project declares nor groups other than as markers, so `direct` and `depGroups`
 * are left unknown.
 */
export const pylockExtractor: Extractor = {
  id: 'PyPI/pylock-toml',
  ecosystem: 'PyPI',
  fileNames: ['pylock.toml'],
  matches(relativePath: string): boolean {
    return PYLOCK_NAME.test(relativePath.slice(relativePath.lastIndexOf('/') + 1));
  },
  extract(input: ExtractInput): ExtractionResult {
    const doc = parseToml(input.path, input.content);
    const entries = tableArray(input.path, doc, 'packages');
    const lines = linesFor(input.content, 'packages', entries.length);

    const packages: ExtractedPackage[] = [];
    const refs: DependencyRef[][] = [];
    entries.forEach((entry, i) => {
      const name = optionalString(entry.name);
      const version = optionalString(entry.version);
      if (!name || !version) return;
      const pkg: ExtractedPackage = { name, version, ecosystem: 'PyPI' };
      if (lines[i] !== undefined) pkg.line = lines[i];
      if (isTable(entry.vcs) && typeof entry.vcs['commit-id'] === 'string') pkg.commit = entry.vcs['commit-id'];
      packages.push(pkg);
      refs.push(dependencyRefs(entry.dependencies));
    });

    const resolver = new DependencyResolver(packages);
    packages.forEach((pkg, i) => {
      pkg.dependencies = resolver.resolve(refs[i]);
    });
    return { packages };
  },
};

/** `dependencies = [{ name = "attrs" }, { name = "x", version = "1.0" }]`: just enough keys to pick the entry. */
function dependencyRefs(list: unknown): DependencyRef[] {
  if (!Array.isArray(list)) return [];
  const refs: DependencyRef[] = [];
  for (const item of list) {
    if (!isTable(item) || typeof item.name !== 'string') continue;
    refs.push(typeof item.version === 'string' ? { name: item.name, version: item.version } : { name: item.name });
  }
  return refs;
}
