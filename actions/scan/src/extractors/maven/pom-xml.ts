import path from 'node:path';
import { ExtractionError, type ExtractedPackage, type ExtractInput, type ExtractionResult, type Extractor } from '../types.js';
import { readPom, type RawDependency, type RawPom } from './pom-model.js';

/** How far up a chain of local parents we follow; real projects nest a handful deep. */
const MAX_PARENT_DEPTH = 32;

/** A POM of the inheritance chain and where it sits relative to the scanned file's directory. */
interface ChainLink {
  pom: RawPom;
  /** Path relative to the scanned file's directory (its own base name for the scanned file). */
  relativePath: string;
}

/**
 * The scanned POM followed by its local parents, nearest first. A parent that is missing, unreadable or
 * not the POM the child names ends the chain with a warning: its dependencies cannot be known offline.
 */
async function loadParentChain(input: ExtractInput, pom: RawPom, warnings: string[]): Promise<ChainLink[]> {
  const ownName = path.posix.basename(input.path);
  const chain: ChainLink[] = [{ pom, relativePath: ownName }];
  const visited = new Set<string>([ownName]);
  for (let link = chain[0]!; link.pom.parent; ) {
    const parent = link.pom.parent;
    const coordinates = `${parent.groupId ?? '?'}:${parent.artifactId ?? '?'}:${parent.version ?? '?'}`;
    if (parent.relativePath === '') break; // <relativePath/>: the parent comes from a repository only.
    if (chain.length > MAX_PARENT_DEPTH) {
      warnings.push(`${input.path}: parent chain deeper than ${MAX_PARENT_DEPTH} POMs; stopped at ${coordinates}`);
      break;
    }
    const fromDir = path.posix.dirname(link.relativePath);
    const declared = path.posix.normalize(path.posix.join(fromDir, parent.relativePath ?? '../pom.xml'));
    // relativePath may name a directory, in which case Maven reads its pom.xml.
    const candidates = declared.endsWith('.xml') ? [declared] : [declared, path.posix.join(declared, 'pom.xml')];
    let found: { relativePath: string; content: string } | undefined;
    for (const candidate of candidates) {
      if (visited.has(candidate)) {
        warnings.push(`${input.path}: parent POM cycle through ${candidate}; ignoring ${coordinates}`);
        return chain;
      }
      const content = await input.readSibling(candidate);
      if (content !== undefined) {
        found = { relativePath: candidate, content };
        break;
      }
    }
    if (!found) {
      warnings.push(`${input.path}: parent POM ${coordinates} not found locally (relativePath ${declared}); its dependencies are not included`);
      break;
    }
    let parentPom: RawPom;
    try {
      parentPom = await readPom(path.posix.join(path.posix.dirname(input.path), found.relativePath), found.content);
    } catch (err) {
      warnings.push(`parent POM of ${input.path}: ${err instanceof Error ? err.message : String(err)}`);
      break;
    }
    // Maven checks the file at relativePath is the parent the child names; a stray ../pom.xml is not.
    const parentGroupId = parentPom.groupId ?? parentPom.parent?.groupId;
    if (parentGroupId !== parent.groupId || parentPom.artifactId !== parent.artifactId) {
      warnings.push(
        `${input.path}: ${found.relativePath} is ${parentGroupId ?? '?'}:${parentPom.artifactId ?? '?'}, not the declared parent ${coordinates}; ignoring it`,
      );
      break;
    }
    visited.add(found.relativePath);
    link = { pom: parentPom, relativePath: found.relativePath };
    chain.push(link);
  }
  return chain;
}

/** Properties visible to the scanned POM: ancestors' first, each child overriding, then the model's own values. */
function effectiveProperties(chain: ChainLink[]): Map<string, string> {
  const properties = new Map<string, string>();
  for (const { pom } of [...chain].reverse()) for (const [name, value] of pom.properties) properties.set(name, value);
  const project = chain[0]!.pom;
  const model: Record<string, string | undefined> = {
    groupId: project.groupId ?? project.parent?.groupId,
    artifactId: project.artifactId,
    version: project.version ?? project.parent?.version,
    'parent.groupId': project.parent?.groupId,
    'parent.artifactId': project.parent?.artifactId,
    'parent.version': project.parent?.version,
  };
  // Maven resolves project.* from the model before user properties; pom.* is its old spelling.
  for (const [key, value] of Object.entries(model)) {
    if (value === undefined) continue;
    properties.set(`project.${key}`, value);
    properties.set(`pom.${key}`, value);
    if (key.startsWith('parent.')) properties.set(key, value);
  }
  return properties;
}

const PLACEHOLDER = /\$\{([^{}]+)\}/g;

/** Replaces `${name}` placeholders, following properties that refer to other properties, without looping. */
function interpolate(value: string, properties: Map<string, string>, resolving: Set<string> = new Set()): string {
  if (!value.includes('${')) return value;
  return value.replace(PLACEHOLDER, (whole, name: string) => {
    const replacement = properties.get(name);
    if (replacement === undefined || resolving.has(name)) return whole;
    resolving.add(name);
    const resolved = interpolate(replacement, properties, resolving);
    resolving.delete(name);
    return resolved;
  });
}

/**
 * A version requirement reduced to one version: a range such as `[1.2,2.0)` reports its lower bound (what
 * osv-scalibr reports; there is no resolver offline), and a soft requirement is the version itself.
 */
function versionOfRequirement(requirement: string): string {
  const body = requirement.replace(/^[[(]/, '');
  const end = body.search(/[,)\]]/);
  return (end === -1 ? body : body.slice(0, end)).trim();
}

interface ResolvedDependency {
  groupId: string;
  artifactId: string;
  version: string;
  scope: string;
  /** Identity Maven uses for dependencyManagement and duplicate checks. */
  managementKey: string;
  line: number;
  /** Declared in the scanned file (false: inherited from a parent POM). */
  local: boolean;
}

function resolveDependency(raw: RawDependency, properties: Map<string, string>, line: number, local: boolean): ResolvedDependency {
  const field = (value: string | undefined) => (value === undefined ? '' : interpolate(value, properties).trim());
  const groupId = field(raw.groupId);
  const artifactId = field(raw.artifactId);
  const type = field(raw.type) || 'jar';
  return {
    groupId,
    artifactId,
    version: field(raw.version),
    scope: field(raw.scope),
    managementKey: `${groupId}:${artifactId}:${type}:${field(raw.classifier)}`,
    line,
    local,
  };
}

async function extractPom(input: ExtractInput): Promise<ExtractionResult> {
  if (input.content.trim() === '') return { packages: [] };
  const warnings: string[] = [];
  const chain = await loadParentChain(input, await readPom(input.path, input.content), warnings);
  const properties = effectiveProperties(chain);
  // Inherited declarations have no line in this file; findings about them point at its <parent>.
  const parentLine = chain[0]!.pom.parent?.line ?? 0;

  const managed = new Map<string, ResolvedDependency>();
  for (const [index, { pom }] of chain.entries()) {
    for (const raw of pom.managedDependencies) {
      const dependency = resolveDependency(raw, properties, index === 0 ? raw.line : parentLine, index === 0);
      // scope import pulls a BOM from a repository: nothing to read offline, and it is no package.
      if (dependency.scope === 'import') continue;
      if (!managed.has(dependency.managementKey)) managed.set(dependency.managementKey, dependency);
    }
  }

  const declared = new Map<string, ResolvedDependency>();
  for (const [index, { pom }] of chain.entries()) {
    for (const raw of pom.dependencies) {
      const dependency = resolveDependency(raw, properties, index === 0 ? raw.line : parentLine, index === 0);
      if (!dependency.groupId || !dependency.artifactId) {
        warnings.push(`${input.path}:${raw.line}: dependency without groupId or artifactId skipped`);
        continue;
      }
      const management = managed.get(dependency.managementKey);
      if (!dependency.version && management) dependency.version = management.version;
      if (!dependency.scope && management) dependency.scope = management.scope;

      const earlier = declared.get(dependency.managementKey);
      if (!earlier) {
        declared.set(dependency.managementKey, dependency);
      } else if (earlier.local && dependency.local) {
        // Maven keeps the first of duplicate declarations. When both name the very same version there is
        // no single declaring line (osv-scalibr reports 0 for this ambiguity).
        if (earlier.version === dependency.version) earlier.line = 0;
        warnings.push(`${input.path}:${raw.line}: duplicate declaration of ${dependency.managementKey}; the first one is used`);
      }
    }
  }

  const packages: ExtractedPackage[] = [];
  const seen = new Set<string>();
  for (const dependency of declared.values()) {
    const name = `${dependency.groupId}:${dependency.artifactId}`;
    let version = versionOfRequirement(dependency.version);
    if (version.includes('${') || name.includes('${')) {
      warnings.push(`${input.path}:${dependency.line}: unresolved property in ${name}:${dependency.version}`);
      if (version.includes('${')) version = '';
    }
    // The same artifact with another type or classifier is the same package to an advisory database.
    const key = `${name}@${version}`;
    if (seen.has(key)) continue;
    seen.add(key);
    packages.push({
      name,
      version,
      ecosystem: 'Maven',
      line: dependency.line,
      direct: true,
      // compile is Maven's default scope; any other scope (test, provided, runtime, system) is a group.
      depGroups: dependency.scope && dependency.scope !== 'compile' ? [dependency.scope] : [],
    });
  }
  return warnings.length > 0 ? { packages, warnings } : { packages };
}

/** Maven pom.xml: declared dependencies with local parent POMs, properties and dependencyManagement applied. */
export const pomXmlExtractor: Extractor = {
  id: 'Maven/pom-xml',
  ecosystem: 'Maven',
  fileNames: ['pom.xml'],
  async extract(input) {
    try {
      return await extractPom(input);
    } catch (err) {
      if (err instanceof ExtractionError) throw err;
      throw new ExtractionError(input.path, `could not read POM: ${err instanceof Error ? err.message : String(err)}`);
    }
  },
};
