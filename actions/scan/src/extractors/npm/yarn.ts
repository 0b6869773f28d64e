import { packageKey, type ExtractedPackage, type ExtractInput, type ExtractionResult, type Extractor } from '../types.js';
import { tryExtractCommit } from './git-commit.js';
import { readSiblingManifest, stringEntries } from './values.js';
import { parseYarnLockSyntax, type YarnEntry } from './yarn-lock-syntax.js';

/**
 * yarn.lock, classic (v1) and berry (v2+, recognised by its `__metadata` entry). Both ids parse both
 * formats with the same code: the file name is the same, so whichever the registry picks must cope.
 */
export const yarnV1Extractor: Extractor = {
  id: 'npm/yarn-v1',
  ecosystem: 'npm',
  fileNames: ['yarn.lock'],
  extract: extractYarnLock,
};

export const yarnBerryExtractor: Extractor = {
  id: 'npm/yarn-berry',
  ecosystem: 'npm',
  fileNames: ['yarn.lock'],
  extract: extractYarnLock,
};

const GRAPH_FIELDS = ['dependencies', 'optionalDependencies'];

async function extractYarnLock(input: ExtractInput): Promise<ExtractionResult> {
  const entries = parseYarnLockSyntax(input.path, input.content);
  const isBerry = entries.some((e) => e.descriptors[0] === '__metadata');
  const lockEntries = entries.filter((e) => e.descriptors[0] !== '__metadata');

  const byDescriptor = new Map<string, YarnEntry>();
  for (const entry of lockEntries) for (const descriptor of entry.descriptors) byDescriptor.set(descriptor, entry);
  const resolve = (name: string, range: string): YarnEntry | undefined =>
    byDescriptor.get(`${name}@${range}`) ?? byDescriptor.get(`${name}@npm:${range}`);

  const packages = new Map<YarnEntry, ExtractedPackage>();
  for (const entry of lockEntries) {
    if (isRootWorkspace(entry)) continue;
    packages.set(entry, toPackage(entry));
  }

  for (const [entry, pkg] of packages) {
    const deps = new Set<string>();
    for (const field of GRAPH_FIELDS) {
      for (const [name, range] of stringEntries(Object.fromEntries(entry.maps.get(field) ?? []))) {
        const target = resolve(name, range);
        const targetPackage = target && packages.get(target);
        if (targetPackage && targetPackage !== pkg) deps.add(packageKey(targetPackage.name, targetPackage.version));
      }
    }
    pkg.dependencies = [...deps];
  }

  // Direct dependencies: berry records every workspace's own declarations; for v1, package.json does.
  let declarations: [string, string][] | undefined;
  if (isBerry) {
    declarations = lockEntries.filter(isWorkspace).flatMap((e) => GRAPH_FIELDS.flatMap((f) => [...(e.maps.get(f) ?? [])]));
  } else {
    const manifest = await readSiblingManifest(input.readSibling);
    if (manifest) {
      declarations = ['dependencies', 'devDependencies', 'optionalDependencies'].flatMap((f) => stringEntries(manifest[f]));
    }
  }
  if (declarations) {
    for (const pkg of packages.values()) pkg.direct = false;
    for (const [name, range] of declarations) {
      const target = resolve(name, range);
      const pkg = target && packages.get(target);
      if (pkg) pkg.direct = true;
    }
  }
  return { packages: [...packages.values()] };
}

function toPackage(entry: YarnEntry): ExtractedPackage {
  const resolution = entry.fields.get('resolution') ?? entry.fields.get('resolved') ?? '';
  const pkg: ExtractedPackage = {
    name: packageNameOf(entry.descriptors[0]!),
    version: entry.fields.get('version') ?? '',
    ecosystem: 'npm',
    line: entry.line,
  };
  const commit = tryExtractCommit(resolution);
  if (commit) pkg.commit = commit;
  return pkg;
}

/** `name@range` → name, seeing through aliases (`alias@npm:real@^1`) and scopes (`@scope/name@^1`). */
function packageNameOf(descriptor: string): string {
  const scoped = descriptor.startsWith('@');
  const body = scoped ? descriptor.slice(1) : descriptor;
  const at = body.indexOf('@');
  const name = at === -1 ? body : body.slice(0, at);
  const range = at === -1 ? '' : body.slice(at + 1);
  if (range.startsWith('npm:') && range.includes('@', 5)) return packageNameOf(range.slice(4));
  return scoped ? `@${name}` : name;
}

function isWorkspace(entry: YarnEntry): boolean {
  return entry.descriptors.some((d) => d.includes('@workspace:'));
}

/** The project itself (`name@workspace:.`) is not a dependency. */
function isRootWorkspace(entry: YarnEntry): boolean {
  return entry.descriptors.some((d) => d.endsWith('@workspace:.'));
}
