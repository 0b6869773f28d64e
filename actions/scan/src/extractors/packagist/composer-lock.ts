import { parseJsonLockfile, visitKeyLines } from './json-document.js';
import { ExtractionError, packageKey, type ExtractedPackage, type ExtractInput, type ExtractionResult, type Extractor } from '../types.js';

/** The two package lists of composer.lock and the dependency groups their entries belong to. */
const LISTS = { packages: [], 'packages-dev': ['dev'] } as const satisfies Record<string, readonly string[]>;
type ListName = keyof typeof LISTS;

interface LockedPackage {
  name: string;
  version: string;
  list: ListName;
  reference?: string;
  requires: string[];
  /** Names this package stands in for (`replace` and `provide`), so requirements on them resolve to it. */
  provides: string[];
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function stringKeys(value: unknown): string[] {
  return isObject(value) ? Object.keys(value) : [];
}

/** A VCS reference is a commit only when it looks like one; Drupal's packages carry a tag name there instead. */
function commitOf(entry: Record<string, unknown>): string | undefined {
  for (const origin of [entry.source, entry.dist]) {
    const reference = isObject(origin) ? origin.reference : undefined;
    if (typeof reference === 'string' && /^[0-9a-f]{40}([0-9a-f]{24})?$/i.test(reference)) return reference;
  }
  return undefined;
}

function readLists(lock: unknown, file: string): LockedPackage[] {
  if (!isObject(lock)) throw new ExtractionError(file, 'expected a JSON object with "packages" and "packages-dev"');
  const result: LockedPackage[] = [];
  for (const list of Object.keys(LISTS) as ListName[]) {
    const entries = lock[list];
    if (entries === undefined || entries === null) continue;
    if (!Array.isArray(entries)) throw new ExtractionError(file, `"${list}" must be an array`);
    entries.forEach((entry: unknown, index) => {
      const where = `${list}[${index}]`;
      if (!isObject(entry)) throw new ExtractionError(file, `${where} is not an object`);
      if (typeof entry.name !== 'string' || entry.name === '') throw new ExtractionError(file, `${where} has no string "name"`);
      if (typeof entry.version !== 'string') throw new ExtractionError(file, `${where} (${entry.name}) has no string "version"`);
      result.push({
        name: entry.name,
        version: entry.version,
        list,
        reference: commitOf(entry),
        requires: stringKeys(entry.require),
        provides: [...stringKeys(entry.replace), ...stringKeys(entry.provide)],
      });
    });
  }
  return result;
}

/**
 * Line of each entry's own "name" key, keyed `<list>/<index>`. Nested "name" keys, such as authors', are at
 * deeper paths.
 */
async function nameLines(content: string): Promise<Map<string, number>> {
  const lines = new Map<string, number>();
  await visitKeyLines(content, (key, line, parentPath) => {
    if (key !== 'name') return;
    const path = parentPath();
    if (path.length === 2 && (path[0] === 'packages' || path[0] === 'packages-dev')) lines.set(`${path[0]}/${path[1]}`, line);
  });
  return lines;
}

/** composer.json beside the lock says what the project itself requires; the lock alone does not. */
async function rootRequirements(input: ExtractInput): Promise<Set<string> | undefined> {
  const base = input.path.slice(input.path.lastIndexOf('/') + 1);
  if (base !== 'composer.lock') return undefined;
  const manifest = await input.readSibling('composer.json');
  if (manifest === undefined) return undefined;
  try {
    const json: unknown = JSON.parse(manifest);
    if (!isObject(json)) return undefined;
    return new Set([...stringKeys(json.require), ...stringKeys(json['require-dev'])]);
  } catch {
    return undefined;
  }
}

async function extractComposerLock(input: ExtractInput): Promise<ExtractionResult> {
  if (input.content.trim() === '') return { packages: [] };
  const locked = readLists(await parseJsonLockfile(input.path, input.content), input.path);
  const lines = await nameLines(input.content);
  const declared = await rootRequirements(input);

  const keyByName = new Map<string, string>();
  for (const pkg of locked) keyByName.set(pkg.name, packageKey(pkg.name, pkg.version));
  for (const pkg of locked) for (const name of pkg.provides) if (!keyByName.has(name)) keyByName.set(name, packageKey(pkg.name, pkg.version));

  const indexInList: Record<ListName, number> = { packages: 0, 'packages-dev': 0 };
  const packages = locked.map((entry): ExtractedPackage => {
    const pkg: ExtractedPackage = {
      name: entry.name,
      version: entry.version,
      ecosystem: 'Packagist',
      depGroups: [...LISTS[entry.list]],
    };
    const line = lines.get(`${entry.list}/${indexInList[entry.list]++}`);
    if (line !== undefined) pkg.line = line;
    if (entry.reference) pkg.commit = entry.reference;
    if (declared) pkg.direct = declared.has(entry.name);
    // Platform requirements (php, ext-*, lib-*) are not locked packages and resolve to nothing.
    const own = packageKey(entry.name, entry.version);
    const edges = [...new Set(entry.requires.map((name) => keyByName.get(name)).filter((k): k is string => k !== undefined && k !== own))];
    if (edges.length > 0) pkg.dependencies = edges;
    return pkg;
  });
  return { packages };
}

export const composerLockExtractor: Extractor = {
  id: 'Packagist/composer-lock',
  ecosystem: 'Packagist',
  fileNames: ['composer.lock'],
  extract: extractComposerLock,
};
