/**
 * Downloads OSV's per-ecosystem exports (`<base>/<Ecosystem>/all.zip`) into `<directory>/<Ecosystem>/all.zip`,
 * the layout OfflineDatabaseSource reads. The action layer caches the directory (keyed by day).
 *
 * Each file is written to a temporary name and renamed into place only once it is complete and looks like a
 * zip archive, so an interrupted download or an HTML error page never replaces a good database.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigurationError, UpstreamError } from '../../../../src/shared/errors.js';
import type { Logger } from '../../../../src/shared/logger.js';
import { DEFAULT_HTTP_OPTIONS, requestWithRetry, type HttpOptions } from './http.js';
import { assertZipArchive } from './zip.js';

export const DEFAULT_EXPORT_BASE_URL = 'https://osv-vulnerabilities.storage.googleapis.com';

export interface DownloadOptions extends Partial<Omit<HttpOptions, 'fetch' | 'logger'>> {
  ecosystems: readonly string[];
  directory: string;
  fetch?: typeof fetch;
  baseUrl?: string;
  logger?: Logger;
}

export interface DownloadedExport {
  ecosystem: string;
  file: string;
  bytes: number;
}

/** Ecosystem names become folder names: refuse any that could leave the directory. */
function assertSafeEcosystem(ecosystem: string): void {
  if (ecosystem === '' || ecosystem === '.' || ecosystem === '..' || /[/\\\u0000]/.test(ecosystem))
    throw new ConfigurationError(`"${ecosystem}" is not an OSV ecosystem name`, 'ecosystems');
}

export async function downloadOsvExports(options: DownloadOptions): Promise<DownloadedExport[]> {
  const baseUrl = (options.baseUrl ?? DEFAULT_EXPORT_BASE_URL).replace(/\/+$/, '');
  const http: HttpOptions = {
    ...DEFAULT_HTTP_OPTIONS,
    // A whole ecosystem export is tens of MB: allow minutes, not seconds, per attempt.
    timeoutMs: 300_000,
    ...Object.fromEntries(Object.entries(options).filter(([k, v]) => k in DEFAULT_HTTP_OPTIONS && v !== undefined)),
    fetch: options.fetch ?? globalThis.fetch,
    ...(options.logger ? { logger: options.logger } : {}),
  };
  for (const ecosystem of options.ecosystems) assertSafeEcosystem(ecosystem);
  const downloaded: DownloadedExport[] = [];
  for (const ecosystem of [...new Set(options.ecosystems)]) {
    const url = `${baseUrl}/${encodeURIComponent(ecosystem)}/all.zip`;
    const folder = path.join(options.directory, ecosystem);
    const file = path.join(folder, 'all.zip');
    const partial = `${file}.${process.pid}.partial`;
    await mkdir(folder, { recursive: true });
    try {
      const bytes = await requestWithRetry(url, { method: 'GET' }, http, async (response, endpoint) => {
        const data = new Uint8Array(await response.arrayBuffer());
        try {
          assertZipArchive(data);
        } catch (error) {
          throw new UpstreamError(`${endpoint} did not return a zip archive (${(error as Error).message})`, response.status);
        }
        await writeFile(partial, data);
        return data.length;
      });
      await rename(partial, file);
      options.logger?.info(`OSV export ${ecosystem}: ${bytes} bytes → ${file}`);
      downloaded.push({ ecosystem, file, bytes });
    } finally {
      await rm(partial, { force: true });
    }
  }
  return downloaded;
}
