import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { corpusPath } from '../../../../test/corpus.js';
import { ConfigurationError, UpstreamError } from '../../../../src/shared/errors.js';
import { downloadOsvExports } from './download.js';
import { createAdvisorySource } from './index.js';
import { OfflineDatabaseSource } from './offline-db.js';
import { startOsvTestServer, type OsvTestServer } from './osv-test-server.js';

describe('downloadOsvExports against a local server', () => {
  const pypiZip = readFileSync(corpusPath('osv-db', 'PyPI', 'all.zip'));
  let server: OsvTestServer;
  let dir: string;
  const fast = { backoffMs: 1, maxDelayMs: 5, timeoutMs: 5000 };

  beforeAll(async () => {
    const database = await OfflineDatabaseSource.load([corpusPath('advisories')]);
    server = await startOsvTestServer({
      database,
      exports: new Map<string, Uint8Array | string>([
        ['PyPI', pypiZip],
        ['GitHub Actions', pypiZip],
        ['npm', '<html><body>Service moved</body></html>'],
      ]),
    });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'secloop-download-'));
    server.failures.clear();
    server.requests.length = 0;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes <dir>/<Ecosystem>/all.zip, retrying a 503, and the offline source reads it', async () => {
    server.failures.set('/PyPI/all.zip', ['503']);
    const downloaded = await downloadOsvExports({ ecosystems: ['PyPI', 'GitHub Actions'], directory: dir, baseUrl: server.baseUrl, ...fast });
    expect(downloaded.map((d) => [d.ecosystem, path.relative(dir, d.file), d.bytes])).toEqual([
      ['PyPI', path.join('PyPI', 'all.zip'), pypiZip.length],
      ['GitHub Actions', path.join('GitHub Actions', 'all.zip'), pypiZip.length],
    ]);
    expect(server.requests.map((r) => r.path)).toEqual(['/PyPI/all.zip', '/PyPI/all.zip', '/GitHub%20Actions/all.zip']);
    expect(readFileSync(path.join(dir, 'PyPI', 'all.zip')).equals(pypiZip)).toBe(true);
    const source = await createAdvisorySource({ mode: 'offline', offlineDbPaths: [path.join(dir, 'PyPI')] });
    const [flask] = await source.match([{ ecosystem: 'PyPI', name: 'flask', version: '2.2.4' }]);
    expect(flask!.map((m) => m.id)).toEqual(['PYSEC-2023-62']);
  });

  it('refuses a body that is not a zip and leaves no file behind', async () => {
    const error = await downloadOsvExports({ ecosystems: ['npm'], directory: dir, baseUrl: server.baseUrl, ...fast }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as Error).message).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/npm\/all\.zip did not return a zip archive \(not a zip archive\)/);
    expect(readdirSync(path.join(dir, 'npm'))).toEqual([]);
  });

  it('fails with the status on 404, and refuses ecosystem names that are paths', async () => {
    const error = await downloadOsvExports({ ecosystems: ['Hex'], directory: dir, baseUrl: server.baseUrl, ...fast }).catch((e: unknown) => e);
    expect((error as UpstreamError).status).toBe(404);
    await expect(downloadOsvExports({ ecosystems: ['../etc'], directory: dir, baseUrl: server.baseUrl })).rejects.toThrow(ConfigurationError);
    expect(existsSync(path.join(dir, '..', 'etc', 'all.zip'))).toBe(false);
  });

  it('uses the injected fetch and the default export host', async () => {
    const urls: string[] = [];
    const fakeFetch: typeof fetch = async (input) => {
      urls.push(String(input));
      return new Response(new Uint8Array(pypiZip), { status: 200 });
    };
    await downloadOsvExports({ ecosystems: ['crates.io'], directory: dir, fetch: fakeFetch });
    expect(urls).toEqual(['https://osv-vulnerabilities.storage.googleapis.com/crates.io/all.zip']);
  });
});

describe('createAdvisorySource', () => {
  it('builds the OSV API source with the given fetch and base URL, and refuses offline mode without paths', async () => {
    const urls: string[] = [];
    const fakeFetch: typeof fetch = async (input) => {
      urls.push(String(input));
      return new Response(JSON.stringify({ results: [{}] }), { status: 200 });
    };
    const source = await createAdvisorySource({ mode: 'osv', osvBaseUrl: 'http://osv.test', fetch: fakeFetch });
    expect(source.name).toBe('osv');
    expect(await source.match([{ ecosystem: 'npm', name: 'lodash', version: '4.17.21' }])).toEqual([[]]);
    expect(urls).toEqual(['http://osv.test/v1/querybatch']);
    await expect(createAdvisorySource({ mode: 'offline', offlineDbPaths: [] })).rejects.toThrow(/offline-db/);
    const offline = await createAdvisorySource({ mode: 'offline', offlineDbPaths: [corpusPath('advisories')] });
    expect(offline.name).toBe('offline');
  });
});
