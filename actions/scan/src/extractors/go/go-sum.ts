/** A module whose source (not only its go.mod) go.sum pins: it was part of the build. */
export interface GoSumModule {
  path: string;
  /** Without the leading "v". */
  version: string;
}

/**
 * Reads go.sum lines `<module> v<version>[/go.mod] <hash>`. Lines hashing only a go.mod file are skipped:
 * the go command reads those modules' requirements during version selection but does not build them.
 */
export function parseGoSum(content: string): { modules: GoSumModule[]; badLines: number[] } {
  const modules: GoSumModule[] = [];
  const badLines: number[] = [];
  const seen = new Set<string>();
  const lines = content.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const fields = lines[i]!.trim().split(/\s+/);
    if (fields.length === 1 && fields[0] === '') continue;
    const [path, version, hash] = fields;
    if (fields.length !== 3 || !path || !version || !hash || !/^v\d/.test(version)) {
      badLines.push(i + 1);
      continue;
    }
    if (version.endsWith('/go.mod')) continue;
    const key = `${path}@${version}`;
    if (seen.has(key)) continue;
    seen.add(key);
    modules.push({ path, version: version.slice(1) });
  }
  return { modules, badLines };
}
