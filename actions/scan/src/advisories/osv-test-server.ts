/**
 * Test support (not used by production code): a real HTTP server on 127.0.0.1 speaking the OSV API's
 * shape (querybatch + vulns) and serving export zips, with switches for the failures a client must
 * survive or report. Answers come from an OfflineDatabaseSource over real corpus records.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OfflineDatabaseSource } from './offline-db.js';
import type { PackageQuery } from './types.js';

export interface OsvTestServerOptions {
  database: OfflineDatabaseSource;
  /** Vulns per page of a querybatch result (OSV pages at 1,000; small here to force pagination). */
  pageSize?: number;
  /** Answer the first page of these "ecosystem/name" queries with a token and no vulns. */
  tokenOnlyFirstPage?: Set<string>;
  /** Export zips served at /<Ecosystem>/all.zip. */
  exports?: Map<string, Uint8Array | string>;
}

export interface RecordedRequest {
  method: string;
  path: string;
  body?: unknown;
}

export interface OsvTestServer {
  baseUrl: string;
  requests: RecordedRequest[];
  /** Scripted failures, consumed in order, per path ("/v1/querybatch", "/v1/vulns/ID", "/PyPI/all.zip"). */
  failures: Map<string, ('503' | '429' | '400' | 'hang' | 'reset')[]>;
  close(): Promise<void>;
}

export async function startOsvTestServer(options: OsvTestServerOptions): Promise<OsvTestServer> {
  const requests: RecordedRequest[] = [];
  const failures = new Map<string, ('503' | '429' | '400' | 'hang' | 'reset')[]>();
  const hanging: ServerResponse[] = [];
  const pageSize = options.pageSize ?? 1000;

  const readBody = (req: IncomingMessage) =>
    new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });
  const json = (res: ServerResponse, status: number, value: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(value));
  };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const text = req.method === 'POST' ? await readBody(req) : undefined;
    const body = text ? JSON.parse(text) : undefined;
    requests.push({ method: req.method ?? 'GET', path: url.pathname, ...(body === undefined ? {} : { body }) });

    const failure = failures.get(url.pathname)?.shift();
    if (failure === '503') return json(res, 503, { code: 14, message: 'unavailable' });
    if (failure === '429') return json(res, 429, { code: 8, message: 'slow down' });
    if (failure === '400') return json(res, 400, { code: 3, message: 'bad request' });
    if (failure === 'hang') return void hanging.push(res);
    if (failure === 'reset') return void req.socket.destroy();

    if (req.method === 'POST' && url.pathname === '/v1/querybatch') {
      const queries = (body as { queries: (PackageQuery & { package: { ecosystem: string; name: string }; page_token?: string })[] }).queries;
      if (queries.length > 1000) return json(res, 400, { code: 3, message: 'too many queries' });
      const answers = await options.database.match(
        queries.map((q) => ({ ecosystem: q.package.ecosystem, name: q.package.name, version: q.version })),
      );
      const results = await Promise.all(queries.map(async (q, i) => {
        // OSV answers every id it has, merged or not: list each record id of each match.
        const ids = answers[i]!.flatMap((m) => m.records.map((r) => r.id));
        const key = `${q.package.ecosystem}/${q.package.name}`;
        if (q.page_token === undefined && options.tokenOnlyFirstPage?.has(key)) return { next_page_token: 'start' };
        const offset = q.page_token === undefined || q.page_token === 'start' ? 0 : Number(q.page_token);
        const page = await Promise.all(
          ids.slice(offset, offset + pageSize).map(async (id) => ({ id, modified: (await options.database.record(id))!.modified })),
        );
        const more = offset + pageSize < ids.length;
        return { ...(page.length ? { vulns: page } : {}), ...(more ? { next_page_token: String(offset + pageSize) } : {}) };
      }));
      return json(res, 200, { results });
    }
    const vuln = /^\/v1\/vulns\/(.+)$/.exec(url.pathname);
    if (req.method === 'GET' && vuln) {
      const record = await options.database.record(decodeURIComponent(vuln[1]!));
      return record ? json(res, 200, record) : json(res, 404, { code: 5, message: 'Bug not found.' });
    }
    const exported = /^\/(.+)\/all\.zip$/.exec(url.pathname);
    const data = exported ? options.exports?.get(decodeURIComponent(exported[1]!)) : undefined;
    if (req.method === 'GET' && data !== undefined) {
      res.writeHead(200, { 'content-type': typeof data === 'string' ? 'text/html' : 'application/zip' });
      return void res.end(data);
    }
    json(res, 404, { code: 5, message: 'not found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    failures,
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
