import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createServer } from 'node:net';
import { corpusPath } from '../../../../test/corpus.js';
import { UpstreamError } from '../../../../src/shared/errors.js';
import { OfflineDatabaseSource } from './offline-db.js';
import { OsvApiSource } from './osv-api.js';
import { startOsvTestServer, type OsvTestServer } from './osv-test-server.js';
import type { PackageQuery } from './types.js';

const QUERIES: PackageQuery[] = [
  { ecosystem: 'npm', name: 'lodash', version: '4.17.15' },
  { ecosystem: 'PyPI', name: 'flask', version: '2.2.4' },
  { ecosystem: 'Go', name: 'stdlib', version: '1.18.5' },
  { ecosystem: 'npm', name: 'left-pad', version: '1.3.0' },
  { ecosystem: 'PyPI', name: 'requests', version: '' },
  { ecosystem: 'PyPI', name: 'requests', version: '2.19.1' },
];

describe('OsvApiSource against a local OSV-shaped server', () => {
  let database: OfflineDatabaseSource;
  let server: OsvTestServer;
  const fast = { backoffMs: 1, maxDelayMs: 5, timeoutMs: 2000 };

  beforeAll(async () => {
    database = await OfflineDatabaseSource.load([corpusPath('advisories'), corpusPath('osv-db')]);
    server = await startOsvTestServer({ database, pageSize: 1, tokenOnlyFirstPage: new Set(['Go/stdlib']) });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
    server.failures.clear();
  });

  const count = (path: string) => server.requests.filter((r) => r.path === path).length;

  it('pages through querybatch, hydrates each id once and matches like the offline source', async () => {
    const source = new OsvApiSource({ baseUrl: server.baseUrl, ...fast });
    const results = await source.match(QUERIES);
    const expected = await database.match(QUERIES);
    expect(results.map((r) => r.map((m) => [m.id, m.aliases, m.fixedVersions]))).toEqual(
      expected.map((r) => r.map((m) => [m.id, m.aliases, m.fixedVersions])),
    );
    expect(results[1]!.map((m) => [m.id, m.aliases])).toEqual([['GHSA-m2qf-hxjv-5gpq', ['CVE-2023-30861', 'PYSEC-2023-62']]]);
    expect(results[2]!.map((m) => m.id)).toEqual(['GO-2022-1144', 'GO-2023-2102', 'GO-2024-2687']);
    expect(results[3]).toEqual([]);
    expect(results[4]).toEqual([]);

    // The empty-version query is never sent; later pages re-send only the queries that had a token.
    const batches = server.requests.filter((r) => r.path === '/v1/querybatch').map((r) => (r.body as { queries: { package: { name: string }; page_token?: string }[] }).queries);
    expect(batches[0]!.map((q) => q.package.name)).toEqual(['lodash', 'flask', 'stdlib', 'left-pad', 'requests']);
    expect(batches[0]!.every((q) => q.page_token === undefined)).toBe(true);
    for (const later of batches.slice(1)) expect(later.every((q) => typeof q.page_token === 'string')).toBe(true);
    // stdlib: a token-only page, then one page per id (page size 1).
    expect(batches.filter((b) => b.some((q) => q.package.name === 'stdlib'))).toHaveLength(1 + 3);
    expect(batches.at(-1)!.map((q) => q.package.name)).toEqual(['stdlib']);

    const hydrated = server.requests.filter((r) => r.path.startsWith('/v1/vulns/')).map((r) => r.path);
    expect(new Set(hydrated).size).toBe(hydrated.length);
    const allIds = expected.flat().flatMap((m) => m.records.map((r) => r.id));
    expect(hydrated.sort()).toEqual(allIds.map((id) => `/v1/vulns/${id}`).sort());

    // Same source, second run: records come from the cache.
    server.requests.length = 0;
    await source.match(QUERIES.slice(0, 2));
    expect(server.requests.filter((r) => r.path.startsWith('/v1/vulns/'))).toEqual([]);
  });

  it('sends at most 1,000 queries per querybatch request', async () => {
    const many = Array.from({ length: 2001 }, (_, i) => ({ ecosystem: 'npm', name: `pkg-${i}`, version: '1.0.0' }));
    many[1500] = { ecosystem: 'npm', name: 'lodash', version: '4.17.20' };
    const results = await new OsvApiSource({ baseUrl: server.baseUrl, ...fast }).match(many);
    const sizes = server.requests.filter((r) => r.path === '/v1/querybatch').map((r) => (r.body as { queries: unknown[] }).queries.length);
    expect(sizes).toEqual([1000, 1000, 1]);
    expect(results).toHaveLength(2001);
    expect(results[1500]!.map((m) => m.id)).toEqual(['GHSA-35jh-r3h4-6jhm']);
  });

  it('retries 503 and 429, then succeeds', async () => {
    server.failures.set('/v1/querybatch', ['503', '429']);
    server.failures.set('/v1/vulns/GHSA-p6mc-m468-83gw', ['503']);
    const results = await new OsvApiSource({ baseUrl: server.baseUrl, ...fast, retries: 2 }).match([QUERIES[0]!]);
    expect(results[0]!.map((m) => m.id)).toEqual(['GHSA-35jh-r3h4-6jhm', 'GHSA-p6mc-m468-83gw']);
    expect(count('/v1/querybatch')).toBe(3 + 1); // two failures, then page 1 and page 2 (page size 1)
    expect(count('/v1/vulns/GHSA-p6mc-m468-83gw')).toBe(2);
  });

  it('does not retry a 400 and reports the endpoint and status', async () => {
    server.failures.set('/v1/vulns/GHSA-35jh-r3h4-6jhm', ['400']);
    const source = new OsvApiSource({ baseUrl: server.baseUrl, ...fast, retries: 3 });
    const error = await source.match([QUERIES[0]!]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as UpstreamError).status).toBe(400);
    expect((error as Error).message).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/v1\/vulns\/GHSA-35jh-r3h4-6jhm failed: HTTP 400/);
    expect(count('/v1/vulns/GHSA-35jh-r3h4-6jhm')).toBe(1);
    // The failed id is not cached as a success: the next run fetches it again.
    await expect(source.match([QUERIES[0]!])).resolves.toHaveLength(1);
  });

  it('gives up after the retries with the last status, never an empty answer', async () => {
    server.failures.set('/v1/querybatch', ['503', '503', '503']);
    const error = await new OsvApiSource({ baseUrl: server.baseUrl, ...fast, retries: 2 }).match([QUERIES[0]!]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as UpstreamError).status).toBe(503);
    expect((error as Error).message).toMatch(/POST http:\/\/127\.0\.0\.1:\d+\/v1\/querybatch failed after 3 attempts: HTTP 503/);
  });

  it('times out a request that never answers, retries it, then fails', async () => {
    server.failures.set('/v1/vulns/GHSA-35jh-r3h4-6jhm', ['hang', 'hang']);
    const source = new OsvApiSource({ baseUrl: server.baseUrl, ...fast, timeoutMs: 150, retries: 1 });
    const started = Date.now();
    const error = await source.match([QUERIES[0]!]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as Error).message).toMatch(/vulns\/GHSA-35jh-r3h4-6jhm failed after 2 attempts: no answer within 150 ms/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(count('/v1/vulns/GHSA-35jh-r3h4-6jhm')).toBe(2);

    server.failures.set('/v1/vulns/GHSA-35jh-r3h4-6jhm', ['hang']);
    await expect(source.match([QUERIES[0]!])).resolves.toHaveLength(1); // one timeout, then an answer
  });

  it('retries a dropped connection, and reports a host that refuses connections', async () => {
    server.failures.set('/v1/querybatch', ['reset']);
    await expect(new OsvApiSource({ baseUrl: server.baseUrl, ...fast, retries: 1 }).match([QUERIES[0]!])).resolves.toHaveLength(1);

    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await new OsvApiSource({ baseUrl: `http://127.0.0.1:${port}`, ...fast, retries: 1 }).match([QUERIES[0]!]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as Error).message).toMatch(/querybatch failed after 2 attempts: network error/);
  });

  it('uses an injected fetch and rejects a malformed querybatch answer', async () => {
    const calls: string[] = [];
    const fakeFetch: typeof fetch = async (input) => {
      calls.push(String(input));
      return new Response(JSON.stringify({ results: [] }), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const error = await new OsvApiSource({ baseUrl: 'https://osv.invalid/', fetch: fakeFetch, ...fast }).match([QUERIES[0]!]).catch((e: unknown) => e);
    expect(calls).toEqual(['https://osv.invalid/v1/querybatch']);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as Error).message).toMatch(/answered 0 results for 1 queries/);
  });
});
