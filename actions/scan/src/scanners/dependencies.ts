import path from 'node:path';
import { ConfigurationError, errorMessage, isUserError } from '../../../../src/shared/errors.js';
import { noCache } from '../../../../src/shared/actions/cache.js';
import { createAdvisorySource, downloadOsvExports } from '../advisories/index.js';
import type { AdvisorySource } from '../advisories/types.js';
import { extractLockfiles, type LockfilePackages } from '../dependencies/extract.js';
import { findVulnerableDependencies } from '../dependencies/findings.js';
import { extractorFor } from '../extractors/registry.js';
import type { Scanner, ScannerResult, ScannerSetup } from './types.js';

/**
 * Inputs: advisories (osv|offline), offline-db (list), osv-url, and offline-db-download (ecosystems whose OSV
 * export to download, cached for the day, and add to offline-db) with osv-export-url (a mirror of the exports).
 */
export async function createDependencyScanner(setup: ScannerSetup): Promise<Scanner<LockfilePackages[]>> {
  const { inputs, workspace, logger, fetch } = setup;
  const offlineDbPaths = inputs.list('offline-db').map((p) => path.resolve(workspace, p));
  const downloads = inputs.list('offline-db-download');
  if (downloads.length > 0) offlineDbPaths.push(await dailyOsvExports(downloads, setup));
  const mode = inputs.enumOf('advisories', ['osv', 'offline'] as const, offlineDbPaths.length > 0 ? 'offline' : 'osv');
  if (mode === 'offline' && offlineDbPaths.length === 0) {
    throw new ConfigurationError(
      "advisories 'offline' needs at least one offline-db path (a directory of OSV records or <Ecosystem>/all.zip exports)",
      'offline-db',
    );
  }
  const osvUrl = inputs.optional('osv-url');
  const source = await createAdvisorySource({ mode, offlineDbPaths, osvBaseUrl: osvUrl, fetch, logger });
  const detail = mode === 'offline' ? offlineDbPaths.map((p) => path.relative(workspace, p) || '.').join(', ') : (osvUrl ?? 'https://api.osv.dev');
  return dependencyScanner(source, detail);
}

/**
 * OSV's per-ecosystem exports, downloaded at most once a day: the cache key carries the UTC date, so a run
 * restores today's copy when an earlier run saved one and the database is never more than a day old.
 */
export async function dailyOsvExports(ecosystems: string[], setup: ScannerSetup, today = new Date()): Promise<string> {
  const day = today.toISOString().slice(0, 10);
  const sorted = [...new Set(ecosystems)].sort();
  const directory = path.join(setup.tempDir ?? path.join(setup.workspace, '.secloop'), 'osv-exports', day);
  const key = `secloop-osv-${sorted.join('+').replace(/[^A-Za-z0-9.+-]/g, '_')}-${day}`;
  const cache = setup.cache ?? noCache;
  if (await cache.restore(directory, key)) {
    setup.logger.info(`OSV exports for ${sorted.join(', ')} restored from cache ${key}`);
    return directory;
  }
  const baseUrl = setup.inputs.optional('osv-export-url');
  const fetched = await downloadOsvExports({
    ecosystems: sorted,
    directory,
    logger: setup.logger,
    ...(setup.fetch ? { fetch: setup.fetch } : {}),
    ...(baseUrl ? { baseUrl } : {}),
  });
  setup.logger.info(`downloaded ${fetched.map((f) => `${f.ecosystem} (${f.bytes} bytes)`).join(', ')}`);
  try {
    await cache.save(directory, key);
  } catch (error) {
    // A cache that cannot be written (another job saved the key first) costs the next run a download, no more.
    setup.logger.warning(`OSV exports not cached: ${errorMessage(error)}`);
  }
  return directory;
}

/** Vulnerable dependencies: every lockfile's packages matched against the advisory source. */
export function dependencyScanner(advisorySource: AdvisorySource, detail?: string): Scanner<LockfilePackages[]> {
  return {
    name: 'dependencies',
    sources: [{ name: advisorySource.name, ...(detail ? { detail } : {}) }],
    wants: (relativePath) => extractorFor(relativePath) !== undefined,
    async scan(files, { root, logger, detectedAt }): Promise<ScannerResult<LockfilePackages[]>> {
      const extraction = await logger.group('Extracting packages', async () => {
        const outcome = await extractLockfiles(root, files);
        for (const lf of outcome.lockfiles) logger.info(`${lf.path}: ${lf.packages.length} package(s) (${lf.extractor})`);
        return outcome;
      });
      for (const w of extraction.warnings) logger.warning(w.reason, { file: w.file, line: w.line });
      const result: ScannerResult<LockfilePackages[]> = {
        findings: [],
        warnings: extraction.warnings,
        errors: [],
        examined: extraction.lockfiles.length,
        extra: extraction.lockfiles,
      };
      if (files.length > 0 && extraction.lockfiles.length === 0) {
        result.errors.push(`none of the ${files.length} lockfile(s) could be read; see the warnings`);
      }
      if (!extraction.lockfiles.some((l) => l.packages.length > 0)) return result;
      await logger.group(`Matching advisories (${advisorySource.name})`, async () => {
        try {
          result.findings = await findVulnerableDependencies(extraction.lockfiles, advisorySource, detectedAt);
          logger.info(`${result.findings.length} vulnerable dependency finding(s)`);
        } catch (error) {
          if (isUserError(error)) throw error;
          // An unreachable or unreadable advisory database must never read as "0 findings".
          result.errors.push(`advisory source ${advisorySource.name} failed: ${errorMessage(error)}`);
          logger.error(result.errors[result.errors.length - 1]!);
        }
      });
      return result;
    },
  };
}
