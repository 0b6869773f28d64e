import type { LockfileEcosystem } from '../../../../src/shared/ecosystems.js';

/**
 * One package as a lockfile or manifest declares it. Extractors fill what their format knows and leave
 * the rest undefined: "unknown" is different from "false".
 */
export interface ExtractedPackage {
  name: string;
  /** Exact version; "" when the file pins none (unpinned requirement, git dependency without a tag). */
  version: string;
  ecosystem: LockfileEcosystem;
  /** 1-based line of the entry that declares this package in the file, when the format allows it. */
  line?: number;
  /** Declared by the project itself (not pulled in by another package). */
  direct?: boolean;
  /** Dependency groups as the format names them: "dev", "optional", "bundled", "test", poetry groups... */
  depGroups?: string[];
  /** Source-control commit for git dependencies (for Hex: the package checksum, as osv-scalibr reports). */
  commit?: string;
  /** requirements.txt only: the operator and the raw requirement line. */
  versionComparator?: string;
  requirement?: string;
  /**
   * Path (from the scan root) of the file that really declares the package when that is another file pulled
   * in by this one (a requirements `-r` include). The scan reports the package there when it scans that file
   * too, instead of twice.
   */
  declaredIn?: string;
  /**
   * Keys (`name@version`) of the packages this one depends on, when the lockfile records the graph.
   * Used for the SBOM dependency graph.
   */
  dependencies?: string[];
}

export interface ExtractInput {
  /** Path relative to the scan root, with forward slashes; used in messages and findings. */
  path: string;
  /** The file's text (UTF-8, BOM removed). */
  content: string;
  /**
   * Reads a file next to this one (e.g. go.sum beside go.mod, a `-r` include, a parent pom), relative to
   * this file's directory. Resolves undefined when missing or when it would leave the scanned tree.
   */
  readSibling(relativePath: string): Promise<string | undefined>;
}

export interface ExtractionResult {
  packages: ExtractedPackage[];
  /** Problems that did not stop extraction (an unparsable entry skipped, an include not found). */
  warnings?: string[];
}

export interface Extractor {
  /** `<ecosystem folder>/<format>`, e.g. `npm/package-lock`; the corpus test maps fixture folders to it. */
  readonly id: string;
  readonly ecosystem: LockfileEcosystem;
  /** Exact file names this extractor handles (`package-lock.json`, `npm-shrinkwrap.json`). */
  readonly fileNames: readonly string[];
  /**
   * For formats with conventional names beyond `fileNames` (`requirements-*.txt`): a test on the relative
   * path. The registry consults it for files whose base name is not in any extractor's `fileNames`.
   */
  matches?(relativePath: string): boolean;
  extract(input: ExtractInput): Promise<ExtractionResult> | ExtractionResult;
}

/**
 * The file is not valid for its format. Thrown by extractors; the scan turns it into a warning naming the
 * file and goes on with the other files.
 */
export class ExtractionError extends Error {
  constructor(
    readonly file: string,
    reason: string,
    readonly line?: number,
  ) {
    super(`${file}${line ? `:${line}` : ''}: ${reason}`);
    this.name = 'ExtractionError';
  }
}

/** `name@version`: the key used for dependency edges. */
export function packageKey(name: string, version: string): string {
  return `${name}@${version}`;
}

/** 1-based line number of a character offset; for formats parsed without a position-aware parser. */
export function lineAt(content: string, offset: number): number {
  let line = 1;
  for (let i = content.indexOf('\n'); i !== -1 && i < offset; i = content.indexOf('\n', i + 1)) line++;
  return line;
}
