import type { Finding, ScanWarning } from '../../../../src/shared/contracts/findings.js';
import type { DirectoryCache } from '../../../../src/shared/actions/cache.js';
import type { Inputs } from '../../../../src/shared/inputs.js';
import type { Logger } from '../../../../src/shared/logger.js';
import type { DiscoveredFile } from '../discovery.js';

/**
 * One scanner of the scan agent. All scanners share one walk of the tree: each says which files it wants
 * (decided once per path, so it must be cheap), then gets exactly those. Scanners whose input is not the tree
 * (foreign SARIF files, a runtime alert payload) want no files and read their own inputs from `settings`.
 */
export interface Scanner<Extra = unknown> {
  readonly kind?: 'files';
  readonly name: string;
  /** The data sources it consults, for the run metadata (e.g. the advisory database). */
  readonly sources?: { name: string; detail?: string }[];
  wants(relativePath: string, baseName: string): boolean;
  scan(files: DiscoveredFile[], context: ScannerContext): Promise<ScannerResult<Extra>>;
}

export interface ScannerContext {
  /** The scan root (absolute). */
  root: string;
  logger: Logger;
  /** One timestamp for every finding of this run (ISO 8601). */
  detectedAt: string;
  /** Options for this scanner, as read from inputs or flags (each scanner validates its own). */
  settings: Readonly<Record<string, unknown>>;
}

export interface ScannerResult<Extra = unknown> {
  findings: Finding[];
  warnings: ScanWarning[];
  /** Failures that make the scan incomplete (an advisory source down): the result becomes "error". */
  errors: string[];
  /** How many inputs the scanner actually examined: 0 for every scanner means "nothing to scan". */
  examined: number;
  /** Scanner-specific output for the agent (the dependency scanner's package inventory, for the SBOM). */
  extra?: Extra;
}

/** A file of the tree as text, read once and shared by every text scanner that wants it. */
export interface TextFile {
  relativePath: string;
  absolutePath: string;
  size: number;
  text: string;
  /** Every character is ASCII (the file's bytes were): a scanner may then read the text as bytes. */
  ascii?: boolean;
}

/**
 * A scanner that looks at file contents (secrets, code, manifests). The agent reads each wanted file once
 * (binary files and oversized ones are left out with a warning) and hands the same text to every text
 * scanner that wants it, so enabling several costs one read per file, not one per scanner.
 */
export interface TextScanner {
  readonly kind: 'text';
  readonly name: string;
  readonly sources?: { name: string; detail?: string }[];
  wants(relativePath: string, baseName: string): boolean;
  /** Called once per wanted file, in walk order; accumulates internally. Must not throw on any text. */
  /**
   * Optional: told once, before the first file, which files it will be given and how many of them other text
   * scanners read too (work the main thread will be busy with), to size its own work, e.g. threads.
   */
  prepare?(files: readonly DiscoveredFile[], shared: number): void;
  scanText(file: TextFile, context: ScannerContext): void | Promise<void>;
  /**
   * Optional: a file that no other text scanner wants, handed over unread, so the scanner reads it where it
   * scans it (the secrets scanner: on a worker thread). Binary files and read errors are then its to report,
   * as the agent would: left out, or a warning naming the file.
   */
  scanFile?(file: DiscoveredFile, context: ScannerContext): void | Promise<void>;
  /**
   * Optional: while the walk goes on, each file it will later be given through scanFile (no other text scanner
   * wants it), as soon as the walk finds it. A scanner that scans on other threads can start on it; scanFile
   * still comes for it, in order.
   */
  discovered?(file: DiscoveredFile): void;
  /** After the last file: the scanner's findings (deduplicated across files), warnings and errors. */
  finish(context: ScannerContext): Promise<ScannerResult>;
}

export type AnyScanner = Scanner | TextScanner;

/** What a scanner factory gets: the inputs (each scanner reads and validates its own), paths and services. */
export interface ScannerSetup {
  inputs: Inputs;
  /** Directory relative paths in inputs are resolved against (the workspace, or the CLI's cwd). */
  workspace: string;
  root: string;
  logger: Logger;
  fetch?: typeof fetch;
  /** Where downloaded data (OSV exports) may be kept across runs; Actions' cache in the action. */
  cache?: DirectoryCache;
  /** Scratch space for downloads (RUNNER_TEMP in Actions). */
  tempDir?: string;
}

export type ScannerFactory = (setup: ScannerSetup) => Promise<AnyScanner>;
