import { ExtractionError, packageKey, type ExtractedPackage, type ExtractInput, type ExtractionResult, type Extractor } from '../types.js';
import { asRecord, asString, type JsonRecord } from './values.js';

/**
 * pnpm-lock.yaml, lockfileVersion 5.x (`/name/1.2.3_peer` keys), 6.x (`/name@1.2.3(peer)`) and 9.x
 * (`name@1.2.3` in `packages`, the graph in `snapshots`). Direct dependencies come from `importers`
 * (or the top-level dependency maps of single-project 5.x/6.x files).
 */
export const pnpmExtractor: Extractor = {
  id: 'npm/pnpm',
  ecosystem: 'npm',
  fileNames: ['pnpm-lock.yaml'],
  extract: extractPnpmLock,
};

/** js-yaml is loaded on the first pnpm lockfile (its own chunk in the bundles), not at start-up. */
let jsYaml: Promise<typeof import('js-yaml')> | undefined;
function loadJsYaml(): Promise<typeof import('js-yaml')> {
  return (jsYaml ??= import('js-yaml'));
}

const DECLARATION_FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies'];
const GRAPH_FIELDS = ['dependencies', 'optionalDependencies'];

async function extractPnpmLock(input: ExtractInput): Promise<ExtractionResult> {
  // Nothing but blanks and comments: js-yaml rejects an empty document, an empty file has no packages.
  if (!/^[ \t]*[^#\s]/m.test(input.content)) return { packages: [] };
  const { load, YAMLException } = await loadJsYaml();
  let parsed: unknown;
  try {
    parsed = load(input.content);
  } catch (error) {
    if (error instanceof YAMLException) {
      const line = error.mark ? error.mark.line + 1 : undefined;
      throw new ExtractionError(input.path, `not valid YAML (${error.reason})`, line);
    }
    throw new ExtractionError(input.path, `not valid YAML (${(error as Error).message})`);
  }
  if (parsed === undefined || parsed === null) return { packages: [] };
  const lockfile = asRecord(parsed);
  if (!lockfile) throw new ExtractionError(input.path, 'expected a YAML mapping at the top level');
  const lockfileVersion = Number.parseFloat(String(lockfile.lockfileVersion ?? ''));
  const isV9 = lockfileVersion >= 9;
  const packages = asRecord(lockfile.packages) ?? {};
  const lines = packageKeyLines(input.content);

  const byKey = new Map<string, ExtractedPackage>();
  for (const [key, value] of Object.entries(packages)) {
    const entry = asRecord(value) ?? {};
    const parsedKey = isV9 ? nameAndVersionV9(key) : nameAndVersionV5(key);
    const name = asString(entry.name) || parsedKey.name;
    const version = asString(entry.version) || parsedKey.version;
    if (!name || !version) continue;
    const pkg: ExtractedPackage = { name, version, ecosystem: 'npm', depGroups: entry.dev === true ? ['dev'] : [], dependencies: [] };
    const commit = commitOf(asRecord(entry.resolution));
    if (commit) pkg.commit = commit;
    const line = lines.get(key);
    if (line !== undefined) pkg.line = line;
    byKey.set(key, pkg);
  }

  // 9.x keeps the graph in `snapshots`, keyed like `packages` plus the peer suffix.
  const graph = isV9 ? (asRecord(lockfile.snapshots) ?? {}) : packages;
  const packageOf = (graphKey: string): ExtractedPackage | undefined =>
    byKey.get(graphKey) ?? (isV9 ? byKey.get(withoutPeerSuffix(graphKey)) : undefined);
  const resolve = (name: string, ref: string): ExtractedPackage | undefined => {
    for (const candidate of referenceCandidates(name, ref, isV9)) {
      if (Object.hasOwn(graph, candidate)) return packageOf(candidate);
    }
    return undefined;
  };

  for (const [graphKey, value] of Object.entries(graph)) {
    const pkg = packageOf(graphKey);
    const entry = asRecord(value);
    if (!pkg || !entry) continue;
    const deps = new Set(pkg.dependencies);
    for (const field of GRAPH_FIELDS) {
      for (const [name, ref] of references(entry[field])) {
        const target = resolve(name, ref);
        if (target && target !== pkg) deps.add(packageKey(target.name, target.version));
      }
    }
    pkg.dependencies = [...deps];
  }

  const projects = asRecord(lockfile.importers) ? Object.values(asRecord(lockfile.importers)!) : [lockfile];
  const declarations = projects.flatMap((project) => {
    const record = asRecord(project);
    return record ? DECLARATION_FIELDS.flatMap((field) => references(record[field])) : [];
  });
  if (declarations.length > 0 || asRecord(lockfile.importers)) {
    for (const pkg of byKey.values()) pkg.direct = false;
    for (const [name, ref] of declarations) {
      const target = resolve(name, ref) ?? byKey.get(ref);
      if (target) target.direct = true;
    }
  }
  return { packages: [...byKey.values()] };
}

/** `name: ref` (5.x) or `name: { specifier, version: ref }` (6.x+) members of a dependency map. */
function references(value: unknown): [string, string][] {
  const record = asRecord(value);
  if (!record) return [];
  const out: [string, string][] = [];
  for (const [name, spec] of Object.entries(record)) {
    const ref = typeof spec === 'string' ? spec : typeof spec === 'number' ? String(spec) : asString(asRecord(spec)?.version);
    if (ref && !ref.startsWith('link:')) out.push([name, ref]);
  }
  return out;
}

/** The keys a reference may resolve to: a bare version joins the name, a path or alias stands alone. */
function referenceCandidates(name: string, ref: string, isV9: boolean): string[] {
  if (isV9) return [`${name}@${ref}`, ref];
  const candidates = [`/${name}/${ref}`, `/${name}@${ref}`, ref];
  if (ref.startsWith('file:')) candidates.push(`file:${ref.slice(5).replace(/^\.\//, '')}`);
  return candidates;
}

function withoutPeerSuffix(key: string): string {
  const paren = key.indexOf('(');
  return paren === -1 ? key : key.slice(0, paren);
}

function nameAndVersionV9(key: string): { name: string; version: string } {
  if (key.startsWith('file:')) return { name: '', version: '' };
  const scoped = key.startsWith('@');
  const body = scoped ? key.slice(1) : key;
  const at = body.indexOf('@');
  const name = at === -1 ? body : body.slice(0, at);
  return { name: scoped ? `@${name}` : name, version: at === -1 ? '' : body.slice(at + 1) };
}

/**
 * 5.x/6.x dependency paths: `/name/1.2.3_peer`, `/@scope/name/1.2.3`, `registry.host/name/1.2.3`,
 * `/name@1.2.3(peer)`. Paths whose version is not a version (`github.com/owner/repo/sha`) yield nothing.
 */
function nameAndVersionV5(key: string): { name: string; version: string } {
  const none = { name: '', version: '' };
  if (key.startsWith('file:')) return none;
  let parts = key.split('/');
  if (parts.length < 2) return none;
  parts = parts.slice(1);
  let name: string;
  if (parts[0]!.startsWith('@')) {
    name = parts.slice(0, 2).join('/');
    parts = parts.slice(2);
  } else {
    name = parts[0]!;
    parts = parts.slice(1);
  }
  let version = parts[0] ?? '';
  if (version === '') {
    const match = /^(.+)@([\w.-]+)(?:\(|$)/.exec(name);
    if (!match) return none;
    name = match[1]!;
    version = match[2]!;
  }
  if (!/^\d/.test(version)) return none;
  return { name, version: version.split('_')[0]! };
}

function commitOf(resolution: JsonRecord | undefined): string {
  const tarball = asString(resolution?.tarball) ?? '';
  const codeload = /^https:\/\/codeload\.github\.com(?:\/[\w.-]+){2}\/tar\.gz\/(\w+)$/.exec(tarball);
  return codeload?.[1] ?? asString(resolution?.commit) ?? '';
}

/**
 * Line of each key directly under the top-level `packages:` mapping, in one pass over the text (pnpm
 * writes block style: the keys share one indentation).
 */
function packageKeyLines(content: string): Map<string, number> {
  const lines = new Map<string, number>();
  const text = content.split('\n');
  let inPackages = false;
  let keyIndent = -1;
  for (let i = 0; i < text.length; i++) {
    const line = text[i]!.replace(/\r$/, '');
    const trimmed = line.trimStart();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const indent = line.length - trimmed.length;
    if (indent === 0) {
      inPackages = /^packages:\s*(#.*)?$/.test(line);
      keyIndent = -1;
      continue;
    }
    if (!inPackages) continue;
    if (keyIndent === -1) keyIndent = indent;
    if (indent !== keyIndent) continue;
    const key = yamlKey(trimmed);
    if (key !== undefined) lines.set(key, i + 1);
  }
  return lines;
}

function yamlKey(text: string): string | undefined {
  if (text.startsWith("'")) {
    const match = /^'((?:[^']|'')*)'\s*:/.exec(text);
    return match ? match[1]!.replace(/''/g, "'") : undefined;
  }
  if (text.startsWith('"')) {
    const match = /^("(?:[^"\\]|\\.)*")\s*:/.exec(text);
    if (!match) return undefined;
    try {
      return JSON.parse(match[1]!) as string;
    } catch {
      return undefined;
    }
  }
  return /^(.*?):(?:\s|$)/.exec(text)?.[1];
}
