/**
 * Advisory source over the OSV API (https://google.github.io/osv.dev/api/).
 *
 * 1. `POST {base}/v1/querybatch` with at most 1,000 queries per request. Results come back in query order
 *    and hold only `{id, modified}`. A result with `next_page_token` (possibly and only a token) has more:
 *    re-send just those queries with their `page_token` until none is left.
 * 2. `GET {base}/v1/vulns/{id}` once per distinct id for the whole life of the source (one run), with
 *    bounded concurrency.
 * 3. The hydrated records go through match.ts like offline ones: fixed versions, last_affected and alias
 *    merging are ours. OSV's verdict is kept when our ranges cannot confirm it (OSV evaluates GIT ranges
 *    and has every ecosystem's ordering): the record is still reported, with a debug note.
 *
 * Any failure after retries throws UpstreamError naming the endpoint and status; a partial answer is never
 * returned as if complete.
 */
import { UpstreamError } from '../../../../src/shared/errors.js';
import type { Logger } from '../../../../src/shared/logger.js';
import { DEFAULT_HTTP_OPTIONS, readJson, requestWithRetry, type HttpOptions } from './http.js';
import { matchRecords } from './match.js';
import { defaultComparatorLookup, type ComparatorLookup } from './ranges.js';
import { validateOsvRecord, type AdvisoryMatch, type AdvisorySource, type OsvRecord, type PackageQuery } from './types.js';

export const DEFAULT_OSV_BASE_URL = 'https://api.osv.dev';
/** OSV rejects larger batches with 400 "too many queries" (maxBatchQueries in osv.dev). */
export const MAX_BATCH_QUERIES = 1000;
/** A guard against a server that hands out tokens forever. */
const MAX_PAGES = 1000;

export interface OsvApiOptions extends Partial<Omit<HttpOptions, 'fetch' | 'logger'>> {
  fetch?: typeof fetch;
  baseUrl?: string;
  logger?: Logger;
  /** Parallel GET /v1/vulns/{id} requests (default 8). */
  hydrationConcurrency?: number;
  /** Queries per querybatch request (default and maximum 1,000). */
  batchSize?: number;
  comparators?: ComparatorLookup;
}

interface BatchQuery {
  package: { ecosystem: string; name: string };
  version: string;
  page_token?: string;
}

export class OsvApiSource implements AdvisorySource {
  readonly name = 'osv';
  private readonly baseUrl: string;
  private readonly http: HttpOptions;
  private readonly concurrency: number;
  private readonly batchSize: number;
  private readonly comparators: ComparatorLookup;
  private readonly logger: Logger | undefined;
  /** id → record, for the life of this source (one run). */
  private readonly records = new Map<string, Promise<OsvRecord>>();

  constructor(options: OsvApiOptions = {}) {
    this.baseUrl = (options.baseUrl ?? DEFAULT_OSV_BASE_URL).replace(/\/+$/, '');
    this.logger = options.logger;
    this.http = {
      ...DEFAULT_HTTP_OPTIONS,
      ...Object.fromEntries(Object.entries(options).filter(([k, v]) => k in DEFAULT_HTTP_OPTIONS && v !== undefined)),
      fetch: options.fetch ?? globalThis.fetch,
      ...(options.logger ? { logger: options.logger } : {}),
    };
    this.concurrency = Math.max(1, options.hydrationConcurrency ?? 8);
    this.batchSize = Math.min(MAX_BATCH_QUERIES, Math.max(1, options.batchSize ?? MAX_BATCH_QUERIES));
    this.comparators = options.comparators ?? defaultComparatorLookup;
  }

  async match(queries: PackageQuery[]): Promise<AdvisoryMatch[][]> {
    const idsPerQuery = await this.queryIds(queries);
    const distinct = [...new Set(idsPerQuery.flat())];
    await this.hydrate(distinct);
    const results: AdvisoryMatch[][] = [];
    for (const [i, query] of queries.entries()) {
      const candidates = await Promise.all(idsPerQuery[i]!.map((id) => this.records.get(id)!));
      results.push(
        matchRecords(query, candidates, {
          comparators: this.comparators,
          trustCandidates: true,
          onSkipped: (reason, record) => this.logger?.debug(`${record.id} for ${query.name}@${query.version}: ${reason}`),
        }),
      );
    }
    return results;
  }

  /** Vulnerability ids per query, following every page. Queries without a version are not sent. */
  private async queryIds(queries: PackageQuery[]): Promise<string[][]> {
    const ids = queries.map(() => new Set<string>());
    let pending = queries
      .map((q, index) => ({ index, query: { package: { ecosystem: q.ecosystem, name: q.name }, version: q.version } as BatchQuery }))
      .filter((p) => p.query.version !== '');
    for (let page = 0; pending.length > 0; page++) {
      if (page >= MAX_PAGES) throw new UpstreamError(`POST ${this.baseUrl}/v1/querybatch kept returning next_page_token after ${MAX_PAGES} pages`);
      const next: typeof pending = [];
      for (let start = 0; start < pending.length; start += this.batchSize) {
        const chunk = pending.slice(start, start + this.batchSize);
        const results = await this.queryBatch(chunk.map((p) => p.query));
        results.forEach((result, j) => {
          const item = chunk[j]!;
          for (const vuln of result.vulns ?? []) ids[item.index]!.add(vuln.id);
          if (result.next_page_token) next.push({ index: item.index, query: { ...item.query, page_token: result.next_page_token } });
        });
      }
      pending = next;
    }
    return ids.map((set) => [...set]);
  }

  private async queryBatch(queries: BatchQuery[]): Promise<{ vulns?: { id: string }[]; next_page_token?: string }[]> {
    const url = `${this.baseUrl}/v1/querybatch`;
    const body = await requestWithRetry(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ queries }) },
      this.http,
      readJson,
    );
    const endpoint = `POST ${url}`;
    const results = (body as { results?: unknown } | null)?.results;
    if (!Array.isArray(results) || results.length !== queries.length)
      throw new UpstreamError(`${endpoint} answered ${Array.isArray(results) ? results.length : 'no'} results for ${queries.length} queries`);
    for (const [i, r] of results.entries()) {
      const ok =
        typeof r === 'object' &&
        r !== null &&
        (r.vulns === undefined || (Array.isArray(r.vulns) && r.vulns.every((v: unknown) => typeof (v as { id?: unknown })?.id === 'string'))) &&
        (r.next_page_token === undefined || typeof r.next_page_token === 'string');
      if (!ok) throw new UpstreamError(`${endpoint}: results[${i}] is not {vulns: [{id}], next_page_token?}`);
    }
    return results;
  }

  private async hydrate(ids: string[]): Promise<void> {
    const missing = ids.filter((id) => !this.records.has(id));
    let next = 0;
    const worker = async () => {
      while (next < missing.length) {
        const id = missing[next++]!;
        if (!this.records.has(id)) this.records.set(id, this.fetchRecord(id));
        await this.records.get(id);
      }
    };
    const settled = await Promise.allSettled(Array.from({ length: Math.min(this.concurrency, missing.length) }, worker));
    const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failure) {
      // Forget failed ids so that a later run of this source may try again.
      for (const id of missing) this.records.delete(id);
      throw failure.reason;
    }
  }

  private async fetchRecord(id: string): Promise<OsvRecord> {
    const url = `${this.baseUrl}/v1/vulns/${encodeURIComponent(id)}`;
    const body = await requestWithRetry(url, { method: 'GET' }, this.http, readJson);
    let record: OsvRecord;
    try {
      record = validateOsvRecord(body, `GET ${url}`);
    } catch (error) {
      throw new UpstreamError(`GET ${url} returned an invalid OSV record: ${(error as Error).message}`);
    }
    if (record.id !== id && !(record.aliases ?? []).includes(id))
      throw new UpstreamError(`GET ${url} returned record ${record.id}, not ${id}`);
    return record;
  }
}
