import type { ExtractedPackage, ExtractInput, ExtractionResult, Extractor } from '../types.js';
import { DependencyResolver, type DependencyRef } from './graph.js';
import { declaredNames } from './manifest.js';
import { normalizeName, requirementName } from './names.js';
import { linesFor, optionalString, parseToml, tableArray } from './toml.js';

/**
 * pdm.lock. Each package lists the groups that need it: in "default" it is a production dependency; otherwise
 * "dev" marks a development one and any other group an optional one (osv-scalibr's reading, which the corpus
 * asserts). Dependencies are PEP 508 strings. Which packages the project declares is in pyproject.toml.
 */
export const pdmLockExtractor: Extractor = {
  id: 'PyPI/pdm-lock',
  ecosystem: 'PyPI',
  fileNames: ['pdm.lock'],
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
      if (!name) {
        warnings.push(`${input.path}: package[${i}] has no name; skipped`);
        return;
      }
      const pkg: ExtractedPackage = {
        name,
        version: optionalString(entry.version) ?? '',
        ecosystem: 'PyPI',
        depGroups: pdmGroups(entry.groups),
      };
      if (lines[i] !== undefined) pkg.line = lines[i];
      if (direct) pkg.direct = direct.has(normalizeName(name));
      if (typeof entry.git === 'string' && typeof entry.revision === 'string') pkg.commit = entry.revision;
      packages.push(pkg);
      refs.push(requirementRefs(entry.dependencies));
    });

    const resolver = new DependencyResolver(packages);
    packages.forEach((pkg, i) => {
      pkg.dependencies = resolver.resolve(refs[i]);
    });
    return warnings.length > 0 ? { packages, warnings } : { packages };
  },
};

function pdmGroups(value: unknown): string[] {
  const groups = Array.isArray(value) ? value.filter((g): g is string => typeof g === 'string') : [];
  if (groups.length === 0 || groups.includes('default')) return [];
  return groups.includes('dev') ? ['dev'] : ['optional'];
}

/** `["win-inet-pton; platform_system == \"Windows\"", "idna<4,>=2.5"]`. */
function requirementRefs(list: unknown): DependencyRef[] {
  if (!Array.isArray(list)) return [];
  const refs: DependencyRef[] = [];
  for (const item of list) {
    if (typeof item !== 'string') continue;
    const name = requirementName(item);
    if (!name) continue;
    const specifier = item
      .slice(item.indexOf(name) + name.length)
      .split(';')[0]
      .replace(/^\s*\[[^\]]*\]/, '')
      .trim();
    refs.push(specifier ? { name, specifier } : { name });
  }
  return refs;
}
