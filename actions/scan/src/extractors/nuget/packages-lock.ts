import { parseJsonLockfile, visitKeyLines } from '../packagist/json-document.js';
import { ExtractionError, packageKey, type ExtractedPackage, type ExtractInput, type ExtractionResult, type Extractor } from '../types.js';

/**
 * `Project` entries are other projects of the same solution (project references), not NuGet packages:
 * they have no resolved version and no advisories, so they are not reported.
 */
const PROJECT_TYPE = 'Project';

interface Entry {
  framework: string;
  name: string;
  version: string;
  direct: boolean;
  /** Names of the packages this one depends on (their requested ranges, not resolved versions). */
  requires: string[];
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every package entry of every target framework (`net6.0`, `net8.0/win-x64`...), Project entries left out. */
function readEntries(lock: unknown, file: string): Entry[] {
  if (!isObject(lock)) throw new ExtractionError(file, 'expected a JSON object with "version" and "dependencies"');
  const frameworks = lock.dependencies;
  if (frameworks === undefined) return [];
  if (!isObject(frameworks)) throw new ExtractionError(file, '"dependencies" must map target frameworks to packages');
  const entries: Entry[] = [];
  for (const [framework, packages] of Object.entries(frameworks)) {
    if (!isObject(packages)) throw new ExtractionError(file, `dependencies["${framework}"] must map package names to entries`);
    for (const [name, value] of Object.entries(packages)) {
      const where = `dependencies["${framework}"]["${name}"]`;
      if (!isObject(value)) throw new ExtractionError(file, `${where} is not an object`);
      if (value.type === PROJECT_TYPE) continue;
      if (typeof value.resolved !== 'string' || value.resolved === '') throw new ExtractionError(file, `${where} has no string "resolved" version`);
      if (value.dependencies !== undefined && !isObject(value.dependencies)) throw new ExtractionError(file, `${where}: "dependencies" must be an object`);
      entries.push({
        framework,
        name,
        version: value.resolved,
        direct: value.type === 'Direct',
        requires: Object.keys(value.dependencies ?? {}),
      });
    }
  }
  return entries;
}

/** Line of each package key, keyed by framework and package name joined with a newline. */
async function entryLines(content: string): Promise<Map<string, number>> {
  const lines = new Map<string, number>();
  await visitKeyLines(content, (key, line, parentPath) => {
    const path = parentPath();
    if (path.length === 2 && path[0] === 'dependencies') lines.set(`${String(path[1])}\n${key}`, line);
  });
  return lines;
}

async function extractPackagesLock(input: ExtractInput): Promise<ExtractionResult> {
  if (input.content.trim() === '') return { packages: [] };
  const entries = readEntries(await parseJsonLockfile(input.path, input.content), input.path);
  const lines = await entryLines(input.content);

  // NuGet ids are case-insensitive; a dependency resolves to the version locked for the same framework.
  const resolved = new Map<string, string>();
  for (const e of entries) resolved.set(`${e.framework}\n${e.name.toLowerCase()}`, packageKey(e.name, e.version));

  // The same package locked for several frameworks is one package: first line, direct if direct anywhere.
  const byKey = new Map<string, ExtractedPackage>();
  for (const e of entries) {
    const key = packageKey(e.name, e.version);
    let pkg = byKey.get(key);
    if (!pkg) {
      pkg = { name: e.name, version: e.version, ecosystem: 'NuGet', direct: e.direct };
      const line = lines.get(`${e.framework}\n${e.name}`);
      if (line !== undefined) pkg.line = line;
      byKey.set(key, pkg);
    } else if (e.direct) {
      pkg.direct = true;
    }
    const edges = e.requires.map((name) => resolved.get(`${e.framework}\n${name.toLowerCase()}`)).filter((k): k is string => k !== undefined);
    if (edges.length > 0) pkg.dependencies = [...new Set([...(pkg.dependencies ?? []), ...edges])];
  }
  return { packages: [...byKey.values()] };
}

export const packagesLockExtractor: Extractor = {
  id: 'NuGet/packages-lock-json',
  ecosystem: 'NuGet',
  fileNames: ['packages.lock.json'],
  extract: extractPackagesLock,
};
