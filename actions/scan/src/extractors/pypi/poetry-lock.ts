import type { ExtractedPackage, ExtractInput, ExtractionResult, Extractor } from '../types.js';
import { DependencyResolver, type DependencyRef } from './graph.js';
import { declaredNames } from './manifest.js';
import { normalizeName } from './names.js';
import { isTable, linesFor, optionalString, parseToml, tableArray, type TomlTable } from './toml.js';

/**
 * poetry.lock. Groups: lock 2.x lists `groups` (a package in `main` is a production dependency whatever else it
 * is in); lock 1.x has `category` ("main" or "dev"). `optional = true` (pulled in only by an extra) adds
 * "optional". The lock does not say which packages the project declares; pyproject.toml beside it does.
 */
export const poetryLockExtractor: Extractor = {
  id: 'PyPI/poetry-lock',
  ecosystem: 'PyPI',
  fileNames: ['poetry.lock'],
  async extract(input: ExtractInput): Promise<ExtractionResult> {
    const doc = parseToml(input.path, input.content);
    const entries = tableArray(input.path, doc, 'package');
    const lines = linesFor(input.content, 'package', entries.length);
    const warnings: string[] = [];
    const direct = await declaredNames(input, 'pyproject.toml', warnings);

    const packages: ExtractedPackage[] = [];
    const refs: DependencyRef[][] = [];
    entries.forEach((entry, i) => {
      const name = optionalString(entry.name);
      const version = optionalString(entry.version);
      if (!name || version === undefined) {
        warnings.push(`${input.path}: package[${i}] has no name or version; skipped`);
        return;
      }
      const pkg: ExtractedPackage = { name, version, ecosystem: 'PyPI', depGroups: poetryGroups(entry) };
      if (lines[i] !== undefined) pkg.line = lines[i];
      if (direct) pkg.direct = direct.has(normalizeName(name));
      const source = entry.source;
      if (isTable(source) && source.type === 'git' && typeof source.resolved_reference === 'string') {
        pkg.commit = source.resolved_reference;
      }
      packages.push(pkg);
      refs.push(dependencyRefs(entry.dependencies));
    });

    const resolver = new DependencyResolver(packages);
    packages.forEach((pkg, i) => {
      pkg.dependencies = resolver.resolve(refs[i]);
    });
    return warnings.length > 0 ? { packages, warnings } : { packages };
  },
};

function poetryGroups(entry: TomlTable): string[] {
  let groups: string[] = [];
  if (Array.isArray(entry.groups)) {
    const names = entry.groups.filter((g): g is string => typeof g === 'string');
    groups = names.includes('main') ? [] : names;
  } else if (typeof entry.category === 'string' && entry.category !== 'main') {
    groups = [entry.category];
  }
  if (entry.optional === true) groups.push('optional');
  return groups;
}

/** `[package.dependencies]`: name = "specifier" | { version = ... } | [ { version = ..., markers = ... }, ... ]. */
function dependencyRefs(table: unknown): DependencyRef[] {
  if (!isTable(table)) return [];
  const refs: DependencyRef[] = [];
  for (const [name, spec] of Object.entries(table)) {
    const variants = Array.isArray(spec) ? spec : [spec];
    for (const variant of variants) {
      const specifier = typeof variant === 'string' ? variant : isTable(variant) ? optionalString(variant.version) : undefined;
      refs.push(specifier && specifier !== '*' ? { name, specifier } : { name });
    }
  }
  return refs;
}
