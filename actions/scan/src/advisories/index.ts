/**
 * Advisory sources for the scan: the OSV API or local OSV data, behind one interface (see types.ts for
 * the contract of `match`).
 */
import { ConfigurationError } from '../../../../src/shared/errors.js';
import type { Logger } from '../../../../src/shared/logger.js';
import { OfflineDatabaseSource } from './offline-db.js';
import { OsvApiSource } from './osv-api.js';
import type { AdvisorySource } from './types.js';

export type { AdvisoryMatch, AdvisorySource, OsvAffected, OsvEvent, OsvRange, OsvRecord, PackageQuery } from './types.js';
export { validateOsvRecord, looksLikeOsvRecord } from './types.js';
export { OfflineDatabaseSource, type OfflineDatabaseOptions } from './offline-db.js';
export { OsvApiSource, DEFAULT_OSV_BASE_URL, MAX_BATCH_QUERIES, type OsvApiOptions } from './osv-api.js';
export { downloadOsvExports, DEFAULT_EXPORT_BASE_URL, type DownloadOptions, type DownloadedExport } from './download.js';
export { matchRecords } from './match.js';
export { evaluateAffected, normalisePackageName, rangeIncludes } from './ranges.js';

export interface AdvisorySourceOptions {
  mode: 'osv' | 'offline';
  /** Required (non-empty) for 'offline'. */
  offlineDbPaths?: readonly string[];
  /** OSV API base URL (default https://api.osv.dev). */
  osvBaseUrl?: string | undefined;
  fetch?: typeof fetch | undefined;
  logger?: Logger;
}

/** 'offline' loads every path now and throws ConfigurationError when one cannot be read. */
export async function createAdvisorySource(options: AdvisorySourceOptions): Promise<AdvisorySource> {
  if (options.mode === 'offline') {
    const paths = options.offlineDbPaths ?? [];
    if (paths.length === 0) throw new ConfigurationError("advisories 'offline' needs at least one offline-db path", 'offline-db');
    return OfflineDatabaseSource.load(paths, options.logger ? { logger: options.logger } : {});
  }
  if (options.mode !== 'osv') throw new ConfigurationError(`unknown advisory source "${String(options.mode)}" (expected osv or offline)`, 'advisories');
  return new OsvApiSource({
    ...(options.osvBaseUrl ? { baseUrl: options.osvBaseUrl } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
}
