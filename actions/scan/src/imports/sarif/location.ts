/**
 * SARIF artifact URIs as repository-relative paths. Tools write them in several ways: relative with a
 * symbolic base ("src/app.js" + uriBaseId "%SRCROOT%": CodeQL, Semgrep), relative with a base declared in
 * `originalUriBaseIds` (Trivy's "ROOTPATH"), plain relative ("auth.py": gitleaks), or absolute "file://" URIs
 * of the machine that ran the tool. All of them end up as "dir/file.ext" relative to the checkout.
 */
import path from 'node:path';
import { isRecord, nonEmptyString } from '../common.js';

type Json = Record<string, unknown>;

function decode(uri: string): string {
  try {
    return decodeURIComponent(uri);
  } catch {
    return uri;
  }
}

/** "file:///home/x/a.js" -> "/home/x/a.js"; "file:///C:/x/a.js" -> "C:/x/a.js"; other strings unchanged. */
function stripFileScheme(uri: string): string {
  if (!/^file:/i.test(uri)) return uri;
  let rest = uri.replace(/^file:(\/\/[^/]*)?/i, '');
  if (/^\/[A-Za-z]:\//.test(rest)) rest = rest.slice(1);
  return rest;
}

function isAbsolute(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:\//.test(p);
}

function clean(p: string): string | undefined {
  const slashed = p.replace(/\\/g, '/');
  const normalised = path.posix.normalize(slashed).replace(/^(\.\/)+/, '');
  if (normalised === '.' || normalised === '' || normalised === '/') return undefined;
  return normalised.replace(/\/$/, '');
}

/** The absolute base directories a run declares (`originalUriBaseIds`), as plain paths ending in "/". */
function declaredBases(run: Json): Map<string, string> {
  const bases = new Map<string, string>();
  if (!isRecord(run.originalUriBaseIds)) return bases;
  for (const [id, location] of Object.entries(run.originalUriBaseIds)) {
    const uri = isRecord(location) ? nonEmptyString(location.uri) : undefined;
    if (uri) bases.set(id, stripFileScheme(decode(uri)).replace(/\\/g, '/'));
  }
  return bases;
}

/**
 * The repository-relative path of a physicalLocation, or undefined when it names no artifact. `roots` are
 * absolute directories (the workspace and the scan root) that an absolute URI is made relative to.
 */
export function sarifPath(run: Json, physical: Json, roots: readonly string[] = []): string | undefined {
  let artifact = isRecord(physical.artifactLocation) ? physical.artifactLocation : undefined;
  if (artifact && !nonEmptyString(artifact.uri) && typeof artifact.index === 'number' && Array.isArray(run.artifacts)) {
    const listed = run.artifacts[artifact.index];
    if (isRecord(listed) && isRecord(listed.location)) artifact = { ...listed.location, ...artifact, uri: listed.location.uri };
  }
  const rawUri = artifact ? nonEmptyString(artifact.uri) : undefined;
  if (!rawUri) return undefined;
  let candidate = stripFileScheme(decode(rawUri)).replace(/\\/g, '/');
  const bases = declaredBases(run);
  const baseId = artifact ? nonEmptyString(artifact.uriBaseId) : undefined;

  if (!isAbsolute(candidate)) {
    // A base that is itself relative ("src/") is a prefix inside the repository; an absolute one is the
    // checkout on the tool's machine, which is our repository root.
    const base = baseId ? bases.get(baseId) : undefined;
    if (base && !isAbsolute(base) && !/^[a-z]+:/i.test(base)) candidate = `${base.replace(/\/?$/, '/')}${candidate}`;
    return clean(candidate);
  }
  const prefixes = [...bases.values(), ...roots.map((r) => r.replace(/\\/g, '/'))]
    .filter(isAbsolute)
    .map((p) => p.replace(/\/?$/, '/'))
    .sort((a, b) => b.length - a.length);
  for (const prefix of prefixes) {
    if (candidate.startsWith(prefix)) return clean(candidate.slice(prefix.length));
  }
  // Absolute and outside every known root (a container image path, another machine): kept as written.
  return clean(candidate) ?? candidate;
}
