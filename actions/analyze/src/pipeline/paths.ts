import type { FindingLocation, FindingsDocument } from '../../../../src/shared/contracts/findings.js';

/**
 * Makes a findings document's location paths repository-relative. A scan of a subdirectory (`path:
 * services/api`) writes paths relative to it and names the directory in `run.path_prefix`; matrix cells
 * scanning different directories are merged here, and their SARIF, annotations and comment links must all
 * point into the repository. Fingerprints do not change: they never contained the prefix.
 */
export function repositoryRelativePaths(document: FindingsDocument): FindingsDocument {
  const prefix = document.run.path_prefix;
  if (!prefix) return document;
  // One string per distinct path (a lockfile has hundreds of findings): 400 findings of a document name a
  // few dozen files, and later steps hash, compare and write each path string (joined strings are copied
  // flat on their first use, once per string object).
  const joined = new Map<string, string>();
  const withPrefix = (relative: string) => {
    let full = joined.get(relative);
    if (full === undefined) joined.set(relative, (full = `${prefix}/${relative}`));
    return full;
  };
  const prefixed = (location: FindingLocation) => {
    location.path = withPrefix(location.path);
  };
  for (const finding of document.findings) {
    // Imported SARIF keeps the paths its tool wrote (repository-relative already), and a runtime alert with no
    // manifest found has a name (runtime/<namespace>/<kind>/<name>), not a path.
    if (finding.kind === 'sarif' || (finding.kind === 'runtime' && finding.location.start_line === undefined)) continue;
    prefixed(finding.location);
    for (const other of finding.other_locations ?? []) prefixed(other);
    if (finding.package?.manifest) finding.package.manifest = withPrefix(finding.package.manifest);
  }
  return document;
}
