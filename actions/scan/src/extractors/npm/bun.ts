import { ExtractionError, packageKey, type ExtractedPackage, type ExtractInput, type ExtractionResult, type Extractor } from '../types.js';
import { indentedMemberKeyLines, jsonKeyLines } from './json-key-lines.js';
import { jsoncToJson } from './jsonc.js';
import { asRecord, asString, declaredDependencyNames, keysOf, type JsonRecord } from './values.js';

/**
 * bun.lock (text lockfile, JSONC). `packages` maps an install path (`dep`, `parent/dep`,
 * `@scope/parent/dep`) to a tuple whose first element is `name@version` (or `name@github:…#sha`,
 * `name@file:…`) and which holds an object with the package's own dependency maps.
 */
export const bunExtractor: Extractor = {
  id: 'npm/bun',
  ecosystem: 'npm',
  fileNames: ['bun.lock'],
  extract: extractBunLock,
};

const GRAPH_FIELDS = ['dependencies', 'optionalDependencies', 'peerDependencies'];

function extractBunLock(input: ExtractInput): ExtractionResult {
  if (input.content.trim() === '') return { packages: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(jsoncToJson(input.content));
  } catch (error) {
    throw new ExtractionError(input.path, `not valid JSONC (${(error as Error).message})`);
  }
  const lockfile = asRecord(parsed);
  if (!lockfile) throw new ExtractionError(input.path, 'expected a JSON object at the top level');
  const entries = asRecord(lockfile.packages) ?? {};
  const lines =
    indentedMemberKeyLines(input.content, 'packages') ??
    jsonKeyLines(input.content, (parents, key) => (parents.length === 1 && parents[0] === 'packages' ? key : undefined));
  const warnings: string[] = [];

  const byPath = new Map<string, { pkg: ExtractedPackage; info: JsonRecord | undefined }>();
  for (const [installPath, value] of Object.entries(entries)) {
    const tuple = Array.isArray(value) ? (value as unknown[]) : undefined;
    const head = asString(tuple?.[0]);
    if (!tuple || head === undefined) {
      warnings.push(`packages["${installPath}"]: expected an array starting with "name@version", skipped`);
      continue;
    }
    const pkg: ExtractedPackage = { ...parseResolution(head), ecosystem: 'npm', depGroups: [], dependencies: [] };
    const line = lines.get(installPath);
    if (line !== undefined) pkg.line = line;
    byPath.set(installPath, { pkg, info: tuple.slice(1, 4).map(asRecord).find((r) => r !== undefined) });
  }

  for (const [installPath, { pkg, info }] of byPath) {
    const deps = new Set<string>();
    for (const field of GRAPH_FIELDS) {
      for (const dependency of keysOf(info?.[field])) {
        const target = resolveInstallPath(byPath, installPath, dependency);
        if (target && target !== pkg) deps.add(packageKey(target.name, target.version));
      }
    }
    pkg.dependencies = [...deps];
  }

  // Every workspace (the root is "") declares direct dependencies; a workspace's own copies nest under its name.
  const workspaces = asRecord(lockfile.workspaces);
  if (workspaces) {
    for (const { pkg } of byPath.values()) pkg.direct = false;
    for (const [workspacePath, value] of Object.entries(workspaces)) {
      const workspace = asRecord(value);
      const scope = workspacePath === '' ? '' : (asString(workspace?.name) ?? '');
      for (const dependency of declaredDependencyNames(workspace)) {
        const target = resolveInstallPath(byPath, scope, dependency);
        if (target) target.direct = true;
      }
    }
  }
  const packages = [...byPath.values()].map(({ pkg }) => pkg);
  return warnings.length ? { packages, warnings } : { packages };
}

/** `name@1.2.3` → version; `name@github:o/r#sha` → commit; local (`file:`, `link:`, `workspace:`) → no version. */
function parseResolution(head: string): { name: string; version: string; commit?: string } {
  const scoped = head.startsWith('@');
  const body = scoped ? head.slice(1) : head;
  const at = body.indexOf('@');
  const name = (scoped ? '@' : '') + (at === -1 ? body : body.slice(0, at));
  const spec = at === -1 ? '' : body.slice(at + 1);
  const hash = spec.indexOf('#');
  if (hash !== -1 && hash < spec.length - 1) return { name, version: '', commit: spec.slice(hash + 1) };
  if (/^(file|link|workspace):/.test(spec)) return { name, version: '' };
  return { name, version: hash === -1 ? spec : spec.slice(0, hash) };
}

/** From `parent/child`, a dependency resolves to `parent/child/dep`, then `parent/dep`, then `dep`. */
function resolveInstallPath(
  byPath: Map<string, { pkg: ExtractedPackage }>,
  fromPath: string,
  dependency: string,
): ExtractedPackage | undefined {
  const segments = splitInstallPath(fromPath);
  for (let depth = segments.length; depth >= 0; depth--) {
    const prefix = segments.slice(0, depth).join('/');
    const found = byPath.get(prefix === '' ? dependency : `${prefix}/${dependency}`);
    if (found) return found.pkg;
  }
  return undefined;
}

/** `@scope/a/b` → [`@scope/a`, `b`]: a scoped name spans two path parts. */
function splitInstallPath(installPath: string): string[] {
  if (installPath === '') return [];
  const parts = installPath.split('/');
  const segments: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    if (parts[i]!.startsWith('@') && i + 1 < parts.length) {
      segments.push(`${parts[i]}/${parts[i + 1]}`);
      i++;
    } else segments.push(parts[i]!);
  }
  return segments;
}
