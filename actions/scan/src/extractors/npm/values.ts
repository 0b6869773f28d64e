/**
 * Defensive readers for parsed lockfile data: lockfiles are untrusted input, so a field of the wrong type
 * is treated as absent instead of surfacing later as a TypeError.
 */
export type JsonRecord = Record<string, unknown>;

export function asRecord(value: unknown): JsonRecord | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonRecord) : undefined;
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The keys of an object-valued field (`dependencies`, `devDependencies`…), or none. */
export function keysOf(value: unknown): string[] {
  const record = asRecord(value);
  return record ? Object.keys(record) : [];
}

/** The string-valued members of a `name → range` map. */
export function stringEntries(value: unknown): [string, string][] {
  const record = asRecord(value);
  if (!record) return [];
  const out: [string, string][] = [];
  for (const [key, v] of Object.entries(record)) if (typeof v === 'string') out.push([key, v]);
  return out;
}

/** Names a package.json (or a lockfile's copy of one) declares in any dependency field. */
export function declaredDependencyNames(manifest: JsonRecord | undefined): Set<string> {
  const names = new Set<string>();
  if (!manifest) return names;
  for (const field of ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies']) {
    for (const name of keysOf(manifest[field])) names.add(name);
  }
  return names;
}

/** Parses a sibling package.json; undefined when it is missing or not a JSON object. */
export async function readSiblingManifest(
  readSibling: (relativePath: string) => Promise<string | undefined>,
): Promise<JsonRecord | undefined> {
  const text = await readSibling('package.json');
  if (text === undefined) return undefined;
  try {
    return asRecord(JSON.parse(text));
  } catch {
    return undefined;
  }
}
