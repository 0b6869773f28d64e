import { ExtractionError, packageKey, type ExtractedPackage, type ExtractionResult, type Extractor, type ExtractInput } from '../types.js';
import { parseElixirTerm, TermSyntaxError, type Term } from './elixir-terms.js';

const textOf = (term: Term | undefined): string | undefined =>
  term && (term.kind === 'string' || term.kind === 'atom') ? term.value : undefined;

interface LockEntry {
  /** The application name: the lock's map key, which other entries' dependency lists refer to. */
  app: string;
  package: ExtractedPackage;
  /** Application names this entry depends on (hex entries only; git entries do not record them). */
  requires?: string[];
}

/** `[{:mime, "~> 1.0", [hex: :mime, ...]}, ...]`: the applications a hex entry depends on. */
function requiredApps(deps: Term | undefined): string[] {
  if (deps?.kind !== 'list') return [];
  return deps.items.flatMap((dep) => {
    const app = dep.kind === 'tuple' ? textOf(dep.items[0]) : undefined;
    return app === undefined ? [] : [app];
  });
}

/**
 * One lock entry. `{:hex, :name, "version", "checksum", [managers], [deps], "repo", "outer_checksum"}`
 * or `{:git, "url", "ref", [opts]}`; anything else (an unknown SCM) is skipped with a warning.
 */
function readEntry(file: string, app: string, value: Term, line: number, warnings: string[]): LockEntry | undefined {
  const items = value.kind === 'tuple' ? value.items : [];
  const scm = textOf(items[0]);
  if (scm === 'hex') {
    const version = textOf(items[2]);
    if (version === undefined) {
      warnings.push(`${file}:${line}: hex entry "${app}" has no version string; skipped`);
      return undefined;
    }
    return {
      app,
      // The hex package name (second element) differs from the app name when a dependency is renamed.
      package: {
        name: textOf(items[1]) ?? app,
        version,
        ecosystem: 'Hex',
        line,
        // osv-scalibr reports the package checksum here; it is what pins the exact release.
        commit: textOf(items[3]),
      },
      requires: requiredApps(items[5]),
    };
  }
  if (scm === 'git') {
    const ref = textOf(items[2]);
    return { app, package: { name: app, version: '', ecosystem: 'Hex', line, commit: ref } };
  }
  warnings.push(`${file}:${line}: entry "${app}" is ${scm === undefined ? 'not a {:scm, ...} tuple' : `from unsupported source :${scm}`}; skipped`);
  return undefined;
}

/** mix.lock: every locked package, with the dependency graph hex entries record. */
function extractMixLock(input: ExtractInput): ExtractionResult {
  let root: Term | undefined;
  try {
    root = parseElixirTerm(input.content);
  } catch (err) {
    if (err instanceof TermSyntaxError) throw new ExtractionError(input.path, `invalid mix.lock: ${err.message}`, err.line);
    throw new ExtractionError(input.path, `invalid mix.lock: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (root === undefined) return { packages: [] };
  if (root.kind !== 'map') throw new ExtractionError(input.path, `expected a map (%{...}) at the top level, found a ${root.kind}`, root.line);

  const warnings: string[] = [];
  const entries: LockEntry[] = [];
  for (const { key, value } of root.entries) {
    const app = textOf(key);
    if (app === undefined) {
      warnings.push(`${input.path}:${key.line}: lock key is not a string; skipped`);
      continue;
    }
    const entry = readEntry(input.path, app, value, key.line, warnings);
    if (entry) entries.push(entry);
  }

  const keyOfApp = new Map(entries.map((e) => [e.app, packageKey(e.package.name, e.package.version)]));
  for (const entry of entries) {
    if (!entry.requires) continue;
    // Optional dependencies the project did not pull in are absent from the lock: no edge to them.
    entry.package.dependencies = entry.requires.flatMap((app) => {
      const key = keyOfApp.get(app);
      return key === undefined ? [] : [key];
    });
  }
  const packages = entries.map((e) => e.package);
  return warnings.length > 0 ? { packages, warnings } : { packages };
}

export const mixLockExtractor: Extractor = {
  id: 'Hex/mix-lock',
  ecosystem: 'Hex',
  fileNames: ['mix.lock'],
  extract: extractMixLock,
};
