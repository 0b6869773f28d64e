import { parse, TomlError } from 'smol-toml';
import { ExtractionError, packageKey, type ExtractedPackage, type ExtractInput, type ExtractionResult, type Extractor } from '../types.js';

interface Crate {
  name: string;
  version: string;
  source?: string;
  dependencies: string[];
}

function parseToml(input: ExtractInput): Record<string, unknown> {
  try {
    return parse(input.content) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof TomlError) throw new ExtractionError(input.path, `not valid TOML: ${error.message.split('\n')[0]}`, error.line);
    throw new ExtractionError(input.path, `not valid TOML: ${String(error)}`);
  }
}

function readCrates(toml: Record<string, unknown>, file: string): Crate[] {
  const list = toml.package;
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new ExtractionError(file, '"package" must be an array of [[package]] tables');
  return list.map((entry: unknown, index) => {
    const where = `[[package]] #${index + 1}`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw new ExtractionError(file, `${where} is not a table`);
    const { name, version, source, dependencies = [] } = entry as Record<string, unknown>;
    if (typeof name !== 'string' || name === '') throw new ExtractionError(file, `${where} has no string "name"`);
    if (typeof version !== 'string') throw new ExtractionError(file, `${where} (${name}) has no string "version"`);
    if (source !== undefined && typeof source !== 'string') throw new ExtractionError(file, `${where} (${name}): "source" must be a string`);
    if (!Array.isArray(dependencies) || dependencies.some((d) => typeof d !== 'string')) {
      throw new ExtractionError(file, `${where} (${name}): "dependencies" must be an array of strings`);
    }
    return { name, version, source, dependencies: dependencies as string[] };
  });
}

/**
 * Line of each crate's `name =` key, in file order, found in one pass: the TOML parser keeps no positions.
 * A comment may sit between `[[package]]` and `name`, so the header line itself is not the answer.
 */
function nameLines(content: string): number[] {
  const lines = content.split('\n');
  const result: number[] = [];
  let awaitingName = false;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!;
    if (/^\s*\[\[\s*package\s*\]\]\s*(#.*)?$/.test(text)) {
      awaitingName = true;
    } else if (/^\s*\[/.test(text)) {
      awaitingName = false;
    } else if (awaitingName && /^\s*"?name"?\s*=/.test(text)) {
      result.push(i + 1);
      awaitingName = false;
    }
  }
  return result;
}

/** A git source ends in `#<commit>`: `git+https://github.com/org/repo?branch=main#061a9ab...`. */
function gitCommit(source: string | undefined): string | undefined {
  if (!source?.startsWith('git+')) return undefined;
  const hash = source.lastIndexOf('#');
  return hash === -1 ? undefined : source.slice(hash + 1);
}

/**
 * A dependency entry is `name`, `name version` or `name version (source)`; cargo writes the version only
 * when several versions of that crate are locked.
 */
function resolveDependency(entry: string, byName: Map<string, Crate[]>): string | undefined {
  const [name, version] = entry.trim().split(/\s+/);
  if (!name) return undefined;
  const candidates = byName.get(name) ?? [];
  const crate = version === undefined ? (candidates.length === 1 ? candidates[0] : undefined) : candidates.find((c) => c.version === version);
  return crate ? packageKey(crate.name, crate.version) : undefined;
}

function extractCargoLock(input: ExtractInput): ExtractionResult {
  const crates = readCrates(parseToml(input), input.path);
  const warnings: string[] = [];
  const lines = nameLines(input.content);
  const linesKnown = lines.length === crates.length;
  if (!linesKnown && crates.length > 0) warnings.push(`${input.path}: could not locate every [[package]] entry; lines omitted`);

  const byName = new Map<string, Crate[]>();
  for (const crate of crates) {
    const sameName = byName.get(crate.name);
    if (sameName) sameName.push(crate);
    else byName.set(crate.name, [crate]);
  }

  // Crates without a source are the workspace's own (members and path dependencies): what they depend on
  // is what the project declared.
  const locals = crates.filter((c) => c.source === undefined);
  const declared = new Set<string>();
  for (const local of locals) {
    for (const entry of local.dependencies) {
      const key = resolveDependency(entry, byName);
      if (key) declared.add(key);
    }
  }

  const packages = crates.map((crate, index): ExtractedPackage => {
    const key = packageKey(crate.name, crate.version);
    const dependencies: string[] = [];
    for (const entry of crate.dependencies) {
      const dep = resolveDependency(entry, byName);
      if (dep) dependencies.push(dep);
      else warnings.push(`${input.path}: ${crate.name} ${crate.version} depends on "${entry}", which is not locked`);
    }
    const pkg: ExtractedPackage = { name: crate.name, version: crate.version, ecosystem: 'crates.io' };
    if (linesKnown) pkg.line = lines[index];
    // Without any local crate the lockfile does not say which crates the project asked for.
    if (locals.length > 0 && crate.source !== undefined) pkg.direct = declared.has(key);
    const commit = gitCommit(crate.source);
    if (commit) pkg.commit = commit;
    if (dependencies.length > 0) pkg.dependencies = dependencies;
    return pkg;
  });
  return warnings.length ? { packages, warnings } : { packages };
}

export const cargoLockExtractor: Extractor = {
  id: 'crates.io/cargo-lock',
  ecosystem: 'crates.io',
  fileNames: ['Cargo.lock'],
  extract: extractCargoLock,
};
