/**
 * Advisory source over local OSV data: loose `*.json` records and `*.zip` archives laid out as OSV exports
 * them (`<Ecosystem>/all.zip`, one `<ID>.json` per entry), found recursively under each given path (a path
 * may also be one such file).
 *
 * - An unreadable or missing path throws ConfigurationError: a database we could not read must never look
 *   like "no findings".
 * - A JSON file or zip entry that is not an OSV record (an index.json) or is malformed is skipped with a
 *   warning naming it; the load goes on.
 * - Zip entries whose names could escape a directory (`..`, absolute paths) and entries larger than
 *   `maxEntryBytes` (declared size; fflate never inflates past it) are refused with a warning.
 * - Symbolic links whose target lies outside the given path are ignored with a warning; directories are
 *   visited once (link cycles).
 * - The same id loaded twice (a loose GHSA beside an all.zip holding it) keeps the newer `modified`.
 * - Any other `*.zip` is read at load.
 *
 * Every record is parsed once and indexed by (ecosystem, normalised name). An export laid out as OSV lays
 * it out, `<Ecosystem>/all.zip`, is checked at load but inflated and parsed on the first query of that
 * ecosystem, so a scan of an npm project never pays for the Maven export beside it. The corpus PyPI
 * export (2,661 records, 2.6 MB) plus the loose corpus records load and answer a first PyPI query in
 * under 300 ms of CPU (offline-db.test.ts measures it).
 */
import { readFile, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { ConfigurationError, errorMessage } from '../../../../src/shared/errors.js';
import type { Logger } from '../../../../src/shared/logger.js';
import { matchRecords } from './match.js';
import { defaultComparatorLookup, type ComparatorLookup } from './ranges.js';
import { RecordIndex } from './record-index.js';
import { assertZipArchive, readZipEntries } from './zip.js';
import { looksLikeOsvRecord, validateOsvRecord, type AdvisoryMatch, type AdvisorySource, type OsvRecord, type PackageQuery } from './types.js';

export interface OfflineDatabaseOptions {
  logger?: Logger;
  /** Largest uncompressed zip entry accepted, in bytes (default 16 MiB; the largest OSV records are ~1 MB). */
  maxEntryBytes?: number;
  comparators?: ComparatorLookup;
}

export const DEFAULT_MAX_ENTRY_BYTES = 16 * 1024 * 1024;

export interface LoadStatistics {
  /** Records indexed so far. */
  records: number;
  files: number;
  /** Zip entries read so far. */
  zipEntries: number;
  /** `<Ecosystem>/all.zip` exports not read yet (no query of their ecosystem so far). */
  deferredZips: number;
  skipped: number;
}

/** An export zip waiting for the first query of its ecosystem. */
interface DeferredZip {
  data: Uint8Array;
  shown: string;
}

class Loader {
  readonly index = new RecordIndex();
  readonly stats: LoadStatistics = { records: 0, files: 0, zipEntries: 0, deferredZips: 0, skipped: 0 };
  /** Ecosystem → its `<Ecosystem>/all.zip` exports, read on first use. */
  readonly deferred = new Map<string, DeferredZip[]>();
  private readonly visitedDirectories = new Set<string>();

  constructor(
    private readonly logger: Logger | undefined,
    private readonly maxEntryBytes: number,
  ) {}

  /** Reads the deferred exports of one ecosystem, if any (once). */
  async loadDeferred(ecosystem: string): Promise<void> {
    const zips = this.deferred.get(ecosystem);
    if (!zips) return;
    this.deferred.delete(ecosystem);
    for (const zip of zips) {
      this.stats.deferredZips--;
      await this.loadZip(zip.data, zip.shown);
    }
    this.stats.records = this.index.size;
  }

  private skip(message: string): void {
    this.stats.skipped++;
    this.logger?.warning(message);
  }

  async loadRoot(root: string): Promise<void> {
    let rootReal: string;
    let info;
    try {
      rootReal = await realpath(root);
      info = await stat(rootReal);
    } catch (error) {
      throw new ConfigurationError(`cannot read the advisory database: ${errorMessage(error)}`, root);
    }
    if (info.isDirectory()) await this.loadDirectory(rootReal, rootReal, root);
    else if (info.isFile()) await this.loadFile(rootReal, root, true);
    else throw new ConfigurationError('the advisory database path is neither a file nor a directory', root);
  }

  private async loadDirectory(directory: string, rootReal: string, shownRoot: string): Promise<void> {
    if (this.visitedDirectories.has(directory)) return;
    this.visitedDirectories.add(directory);
    let entries;
    try {
      entries = await readdir(directory, { withFileTypes: true });
    } catch (error) {
      throw new ConfigurationError(`cannot read the advisory database: ${errorMessage(error)}`, directory);
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      let full = path.join(directory, entry.name);
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        let target: string;
        try {
          target = await realpath(full);
        } catch {
          this.skip(`${full}: broken symbolic link, ignored`);
          continue;
        }
        if (target !== rootReal && !target.startsWith(rootReal + path.sep)) {
          this.skip(`${full}: symbolic link leads outside ${shownRoot}, ignored`);
          continue;
        }
        const info = await stat(target);
        full = target;
        isDirectory = info.isDirectory();
        isFile = info.isFile();
      }
      if (isDirectory) await this.loadDirectory(full, rootReal, shownRoot);
      else if (isFile) await this.loadFile(full, full, false);
    }
  }

  private async loadFile(file: string, shown: string, explicit: boolean): Promise<void> {
    const lower = file.toLowerCase();
    if (!lower.endsWith('.json') && !lower.endsWith('.zip')) {
      if (explicit) throw new ConfigurationError('expected an OSV record (.json) or an OSV export (.zip)', shown);
      return;
    }
    let data: Buffer;
    try {
      data = await readFile(file);
    } catch (error) {
      throw new ConfigurationError(`cannot read the advisory database: ${errorMessage(error)}`, shown);
    }
    this.stats.files++;
    if (!lower.endsWith('.zip')) return this.addDocument(data.toString('utf8'), shown);
    const ecosystem = path.basename(file) === 'all.zip' ? path.basename(path.dirname(file)) : undefined;
    if (ecosystem === undefined) return this.loadZip(data, shown);
    // OSV's export layout: every record of <Ecosystem>/all.zip is of that ecosystem. Check the archive now
    // (a broken database must fail the load), inflate and parse it on the first query that needs it.
    try {
      assertZipArchive(data);
    } catch (error) {
      throw new ConfigurationError(`not a readable zip archive: ${errorMessage(error)}`, shown);
    }
    this.stats.deferredZips++;
    this.deferred.set(ecosystem, [...(this.deferred.get(ecosystem) ?? []), { data, shown }]);
  }

  private async loadZip(data: Uint8Array, shown: string): Promise<void> {
    let entries;
    try {
      entries = await readZipEntries(data, {
        maxEntryBytes: this.maxEntryBytes,
        onRefused: (name, reason) => this.skip(`${shown}: entry "${name}" ${reason}, refused`),
        wanted: (name) => name.toLowerCase().endsWith('.json'),
      });
    } catch (error) {
      throw new ConfigurationError(`not a readable zip archive: ${errorMessage(error)}`, shown);
    }
    // TextDecoder is native; fflate's strFromU8 is several times slower on thousands of entries.
    const decoder = new TextDecoder();
    for (const { name, bytes } of entries) {
      this.stats.zipEntries++;
      this.addDocument(decoder.decode(bytes), `${shown}!${name}`);
    }
  }

  private addDocument(text: string, shown: string): void {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      this.skip(`${shown}: not valid JSON (${errorMessage(error)}), skipped`);
      return;
    }
    if (!looksLikeOsvRecord(value)) {
      this.skip(`${shown}: not an OSV record (no string "id" and "modified"), skipped`);
      return;
    }
    let record: OsvRecord;
    try {
      record = validateOsvRecord(value, shown);
    } catch (error) {
      this.skip(`${errorMessage(error)}; skipped`);
      return;
    }
    this.index.add(record);
  }
}

export class OfflineDatabaseSource implements AdvisorySource {
  readonly name = 'offline';
  private readonly reportedSkips = new Set<string>();

  private constructor(
    private readonly loader: Loader,
    private readonly comparators: ComparatorLookup,
    private readonly logger: Logger | undefined,
  ) {}

  get statistics(): Readonly<LoadStatistics> {
    return this.loader.stats;
  }

  /** Reads every deferred export now (for tools that list the whole database). */
  async loadAll(): Promise<void> {
    for (const ecosystem of [...this.loader.deferred.keys()]) await this.loader.loadDeferred(ecosystem);
  }

  /** Reads every path now; throws ConfigurationError when a path cannot be read. */
  static async load(paths: readonly string[], options: OfflineDatabaseOptions = {}): Promise<OfflineDatabaseSource> {
    if (paths.length === 0) throw new ConfigurationError('no offline advisory database path was given', 'offline-db');
    const loader = new Loader(options.logger, options.maxEntryBytes ?? DEFAULT_MAX_ENTRY_BYTES);
    for (const p of paths) await loader.loadRoot(p);
    loader.stats.records = loader.index.size;
    options.logger?.debug(
      `offline advisory database: ${loader.stats.records} records from ${loader.stats.files} files, ${loader.stats.deferredZips} exports read on first use, ${loader.stats.skipped} skipped`,
    );
    return new OfflineDatabaseSource(loader, options.comparators ?? defaultComparatorLookup, options.logger);
  }

  /** A loaded record by id (withdrawn ones included). */
  async record(id: string): Promise<OsvRecord | undefined> {
    await this.loadAll();
    return this.loader.index.get(id);
  }

  async match(queries: PackageQuery[]): Promise<AdvisoryMatch[][]> {
    for (const ecosystem of new Set(queries.map((q) => q.ecosystem))) await this.loader.loadDeferred(ecosystem);
    const options = { comparators: this.comparators, onSkipped: (reason: string, record: OsvRecord) => this.warnOnce(reason, record) };
    return queries.map((query) => {
      const candidates = this.loader.index.lookup(query.ecosystem, query.name);
      // Nearly every package of a big lockfile has no advisory at all: answer those without the matcher.
      return candidates.length === 0 ? [] : matchRecords(query, candidates, options);
    });
  }

  private warnOnce(reason: string, record: OsvRecord): void {
    if (this.reportedSkips.has(reason)) return;
    this.reportedSkips.add(reason);
    this.logger?.warning(`some advisory ranges were not evaluated (first seen in ${record.id}): ${reason}`);
  }
}
