/**
 * A local HTTP server standing in for api.github.com, for tests. Every request the client sends is checked
 * against GitHub's official OpenAPI description (@octokit/openapi): the method and path must be one of its
 * operations, every query parameter one that operation declares with a valid value, and a JSON body must
 * match the operation's request body schema. Every response the handler returns is validated against that
 * operation's response schema. Violations are collected (not thrown) so a test can show them all.
 */
import { afterEach, beforeAll, expect } from '@jest/globals';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule, { type FormatsPlugin } from 'ajv-formats';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { memoryLogger } from '../logger.js';
import { createGitHubClient } from './octokit.js';

const addFormats: FormatsPlugin =
  (addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? (addFormatsModule as unknown as FormatsPlugin);

interface OpenApiParameter {
  name: string;
  in: 'query' | 'path' | 'header';
  required?: boolean;
  schema: { type?: string };
}
interface OpenApiOperation {
  operationId: string;
  parameters?: ({ $ref: string } | OpenApiParameter)[];
  requestBody?: { required?: boolean; content?: Record<string, { schema: object }> };
  responses: Record<string, { $ref?: string; content?: Record<string, { schema: object }> }>;
}
export interface OpenApi {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: {
    parameters: Record<string, OpenApiParameter>;
    responses: Record<string, { content?: Record<string, { schema: object }> }>;
    examples: Record<string, { value: unknown }>;
  };
}

const escapePointer = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');

export class OpenApiChecker {
  readonly violations: string[] = [];
  private readonly ajv: Ajv;
  private readonly routes: { method: string; template: string; pattern: RegExp; operation: OpenApiOperation }[] = [];
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(readonly spec: OpenApi) {
    // OpenAPI 3.0 schemas use `nullable` and annotation keywords strict mode would refuse.
    this.ajv = addFormats(new Ajv({ strict: false, allErrors: true, validateFormats: true }));
    this.ajv.addSchema(spec as object, 'github');
    for (const [template, item] of Object.entries(spec.paths)) {
      const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
      for (const [method, operation] of Object.entries(item)) {
        if (typeof operation === 'object' && operation && 'responses' in operation) this.routes.push({ method: method.toUpperCase(), template, pattern, operation });
      }
    }
    // A literal path (/sarifs) must win over a template that also matches it (/{sarif_id}): fewer parameters first.
    this.routes.sort((a, b) => (a.template.match(/\{/g)?.length ?? 0) - (b.template.match(/\{/g)?.length ?? 0));
  }

  /** The description as published by GitHub, from the installed @octokit/openapi. */
  static async load(): Promise<OpenApiChecker> {
    const require = createRequire(import.meta.url);
    const file = require.resolve('@octokit/openapi/generated/api.github.com.json');
    return new OpenApiChecker(JSON.parse(await readFile(file, 'utf8')) as OpenApi);
  }

  /** A named example of the description (`issue-comment`, `workflow-run-paginated` ...): real shapes. */
  example<T>(name: string): T {
    const example = this.spec.components.examples[name];
    if (!example) throw new Error(`the OpenAPI description has no example ${name}`);
    return structuredClone(example.value) as T;
  }

  private parameter(p: { $ref: string } | OpenApiParameter): OpenApiParameter {
    return '$ref' in p ? this.spec.components.parameters[p.$ref.split('/').pop()!]! : p;
  }

  private validator(pointer: string): ValidateFunction | undefined {
    let v = this.validators.get(pointer);
    if (!v) {
      v = this.ajv.getSchema(`github#${pointer}`);
      if (v) this.validators.set(pointer, v);
    }
    return v;
  }

  /** The operation for a request, after checking its query and body against what it declares. */
  checkRequest(method: string, url: URL, body?: unknown): { operation: OpenApiOperation; template: string } | undefined {
    const route = this.routes.find((r) => r.method === method && r.pattern.test(url.pathname));
    if (!route) {
      this.violations.push(`${method} ${url.pathname}: no such operation in the OpenAPI description`);
      return undefined;
    }
    const { operation, template } = route;
    const declared = new Map((operation.parameters ?? []).map((p) => this.parameter(p)).map((p) => [`${p.in}:${p.name}`, p]));
    for (const [name, raw] of url.searchParams) {
      const parameter = declared.get(`query:${name}`);
      if (!parameter) {
        this.violations.push(`${operation.operationId}: query parameter ${name} is not declared`);
        continue;
      }
      const value = parameter.schema.type === 'integer' ? Number(raw) : parameter.schema.type === 'boolean' ? (raw === 'true' ? true : raw === 'false' ? false : raw) : raw;
      const validate = this.ajv.compile(parameter.schema);
      if (!validate(value)) this.violations.push(`${operation.operationId}: query ${name}=${raw}: ${this.ajv.errorsText(validate.errors)}`);
    }
    for (const parameter of declared.values()) {
      if (parameter.in === 'query' && parameter.required && !url.searchParams.has(parameter.name)) {
        this.violations.push(`${operation.operationId}: required query parameter ${parameter.name} missing`);
      }
    }
    const bodySchema = operation.requestBody?.content?.['application/json'];
    if (body !== undefined && !bodySchema) this.violations.push(`${operation.operationId}: sent a body, but the operation takes none`);
    if (bodySchema) {
      if (body === undefined) {
        if (operation.requestBody?.required) this.violations.push(`${operation.operationId}: the request body is required`);
      } else {
        const pointer = `/paths/${escapePointer(template)}/${method.toLowerCase()}/requestBody/content/application~1json/schema`;
        const validate = this.validator(pointer)!;
        if (!validate(body)) this.violations.push(`${operation.operationId} request body: ${this.ajv.errorsText(validate.errors)}`);
      }
    }
    return { operation, template };
  }

  checkResponse(template: string, method: string, status: number, body: unknown): void {
    const operation = this.spec.paths[template]![method.toLowerCase()]!;
    const response = operation.responses[String(status)];
    const content = response?.$ref ? this.spec.components.responses[response.$ref.split('/').pop()!]?.content : response?.content;
    if (!response || !content?.['application/json']) {
      // The description documents only the success for many operations (or an error without a body), yet
      // GitHub answers 403/404 for any of them in its one error shape: hold those errors to that shape.
      if (status >= 400) {
        const validate = this.validator('/components/schemas/basic-error')!;
        if (!validate(body)) this.violations.push(`${operation.operationId} ${status}: not a basic-error: ${this.ajv.errorsText(validate.errors)}`);
      } else if (!response) {
        this.violations.push(`${operation.operationId}: status ${status} is not a documented response`);
      }
      return;
    }
    const pointer = response.$ref
      ? `/components/responses/${response.$ref.split('/').pop()}/content/application~1json/schema`
      : `/paths/${escapePointer(template)}/${method.toLowerCase()}/responses/${status}/content/application~1json/schema`;
    const validate = this.validator(pointer)!;
    if (!validate(body)) this.violations.push(`${operation.operationId} ${status}: ${this.ajv.errorsText(validate.errors)}`);
  }
}

export interface FakeRequest {
  operationId: string;
  method: string;
  url: URL;
  /** The path's parameters by name (`owner`, `issue_number` ...), from the operation's template. */
  params: Record<string, string>;
  body?: unknown;
}

export interface FakeResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export type FakeHandler = (request: FakeRequest, baseUrl: string) => FakeResponse | Promise<FakeResponse>;

export interface FakeGitHub {
  server: Server;
  baseUrl: string;
  /** `METHOD /path?query` of every request, in order. */
  requests: string[];
  close(): Promise<void>;
}

function pathParams(template: string, pathname: string): Record<string, string> {
  const names = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  const values = new RegExp(`^${template.replace(/\{[^}]+\}/g, '([^/]+)')}$`).exec(pathname)?.slice(1) ?? [];
  return Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(values[i] ?? '')]));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Starts the fake API on 127.0.0.1 (a free port); an unknown operation is answered 404 and recorded. */
export async function serveFakeGitHub(checker: OpenApiChecker, handler: FakeHandler): Promise<FakeGitHub> {
  const requests: string[] = [];
  let baseUrl = '';
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const method = req.method ?? 'GET';
      requests.push(`${method} ${url.pathname}${url.search}`);
      const text = await readBody(req);
      let body: unknown;
      if (text) {
        try {
          body = JSON.parse(text);
        } catch {
          checker.violations.push(`${method} ${url.pathname}: the body is not JSON`);
        }
      }
      const route = checker.checkRequest(method, url, body);
      if (!route) {
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'Not Found', documentation_url: 'https://docs.github.com/rest' }));
        return;
      }
      const response = await handler({ operationId: route.operation.operationId, method, url, params: pathParams(route.template, url.pathname), body }, baseUrl);
      checker.checkResponse(route.template, method, response.status, response.body);
      res.writeHead(response.status, {
        'content-type': 'application/json; charset=utf-8',
        'x-ratelimit-remaining': '4999',
        'x-ratelimit-limit': '5000',
        'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
        ...response.headers,
      });
      res.end(response.body === undefined ? '' : JSON.stringify(response.body));
    })().catch((error: unknown) => {
      checker.violations.push(`fake server failed: ${String(error)}`);
      res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, baseUrl, requests, close: () =>
      new Promise<void>((resolve) => {
        // fetch keeps connections alive; close them or close() waits for their timeout.
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** GitHub's error body (basic-error) with the message the real API sends. */
export function githubError(message: string, documentationUrl = 'https://docs.github.com/rest'): { message: string; documentation_url: string } {
  return { message, documentation_url: documentationUrl };
}

/** A SARIF upload as the fake received it, decoded (gunzipped and parsed). */
export interface ReceivedSarif {
  id: string;
  commitSha: string;
  ref: string;
  sarif: { version?: string; runs?: { results?: unknown[] }[] } & Record<string, unknown>;
}

/**
 * One repository's comments and code scanning uploads, kept in memory and served in GitHub's shapes (the
 * description's own examples, with our values): enough state to see a comment created, then updated in
 * place, and a SARIF upload go from pending to complete.
 */
export class FakeRepository {
  readonly comments = new Map<number, { id: number; issue: number; body: string }[]>();
  readonly sarifs: ReceivedSarif[] = [];
  /** Operation ids to refuse, with the status and message GitHub would send. */
  readonly refuse = new Map<string, { status: number; message: string }>();
  /** How many polls answer `pending` before `complete` (or `failed` with sarifErrors). */
  pendingPolls = 0;
  sarifErrors: string[] = [];
  private nextCommentId = 1_000_000;
  private polls = 0;

  constructor(
    private readonly checker: OpenApiChecker,
    readonly owner = 'octo-org',
    readonly repo = 'shop',
  ) {}

  /** Comments written by someone else before, to find ours among them. */
  seedComments(issue: number, bodies: string[]): void {
    for (const body of bodies) this.addComment(issue, body);
  }

  private addComment(issue: number, body: string) {
    const comment = { id: this.nextCommentId++, issue, body };
    this.comments.set(issue, [...(this.comments.get(issue) ?? []), comment]);
    return comment;
  }

  private commentJson(c: { id: number; issue: number; body: string }) {
    const example = this.checker.example<Record<string, unknown>>('issue-comment');
    return {
      ...example,
      id: c.id,
      node_id: Buffer.from(`IssueComment${c.id}`).toString('base64'),
      url: `https://api.github.com/repos/${this.owner}/${this.repo}/issues/comments/${c.id}`,
      html_url: `https://github.com/${this.owner}/${this.repo}/pull/${c.issue}#issuecomment-${c.id}`,
      issue_url: `https://api.github.com/repos/${this.owner}/${this.repo}/issues/${c.issue}`,
      body: c.body,
      user: { ...(example.user as object), login: 'github-actions[bot]', type: 'Bot' },
    };
  }

  readonly handler: FakeHandler = async (request, baseUrl) => {
    const refused = this.refuse.get(request.operationId);
    if (refused) return { status: refused.status, body: githubError(refused.message) };
    if (request.params.owner !== this.owner || request.params.repo !== this.repo) return { status: 404, body: githubError('Not Found') };
    const body = request.body as Record<string, string> | undefined;
    switch (request.operationId) {
      case 'issues/list-comments': {
        const issue = Number(request.params.issue_number);
        const all = this.comments.get(issue) ?? [];
        const perPage = Number(request.url.searchParams.get('per_page') ?? 30);
        const page = Number(request.url.searchParams.get('page') ?? 1);
        const last = Math.max(1, Math.ceil(all.length / perPage));
        const headers: Record<string, string> = {};
        if (page < last) {
          const next = new URL(request.url.pathname, baseUrl);
          next.searchParams.set('per_page', String(perPage));
          next.searchParams.set('page', String(page + 1));
          const lastUrl = new URL(next);
          lastUrl.searchParams.set('page', String(last));
          headers.link = `<${next.href}>; rel="next", <${lastUrl.href}>; rel="last"`;
        }
        return { status: 200, body: all.slice((page - 1) * perPage, page * perPage).map((c) => this.commentJson(c)), headers };
      }
      case 'issues/create-comment': {
        const comment = this.addComment(Number(request.params.issue_number), body!.body!);
        return { status: 201, body: this.commentJson(comment) };
      }
      case 'issues/update-comment': {
        const id = Number(request.params.comment_id);
        const comment = [...this.comments.values()].flat().find((c) => c.id === id);
        if (!comment) return { status: 404, body: githubError('Not Found') };
        comment.body = body!.body!;
        return { status: 200, body: this.commentJson(comment) };
      }
      case 'code-scanning/upload-sarif': {
        const { gunzipSync } = await import('node:zlib');
        const id = `47177e22-5596-11eb-80a1-${String(this.sarifs.length).padStart(12, '0')}`;
        this.sarifs.push({ id, commitSha: body!.commit_sha!, ref: body!.ref!, sarif: JSON.parse(gunzipSync(Buffer.from(body!.sarif!, 'base64')).toString('utf8')) as ReceivedSarif['sarif'] });
        this.polls = 0;
        return { status: 202, body: { id, url: `https://api.github.com/repos/${this.owner}/${this.repo}/code-scanning/sarifs/${id}` } };
      }
      case 'code-scanning/get-sarif': {
        if (!this.sarifs.some((s) => s.id === request.params.sarif_id)) return { status: 404, body: githubError('Not Found') };
        if (this.polls++ < this.pendingPolls) return { status: 200, body: { processing_status: 'pending', analyses_url: null, errors: null } };
        if (this.sarifErrors.length > 0) return { status: 200, body: { processing_status: 'failed', analyses_url: null, errors: this.sarifErrors } };
        return {
          status: 200,
          body: { processing_status: 'complete', analyses_url: `https://api.github.com/repos/${this.owner}/${this.repo}/code-scanning/analyses?sarif_id=${request.params.sarif_id}` },
        };
      }
      default:
        return { status: 404, body: githubError(`the fake does not implement ${request.operationId}`) };
    }
  };
}

/**
 * Registers, in the calling describe block, the OpenAPI checker (loaded once), the closing of the fake server
 * after each test and the check that no request or response broke GitHub's description; returns the per-test
 * setUp giving a fake repository and a real client pointed at it.
 */
export function useFakeGitHubRepository(): () => Promise<{ repository: FakeRepository; client: ReturnType<typeof createGitHubClient>; fake: FakeGitHub }> {
  let checker: OpenApiChecker;
  let fake: FakeGitHub | undefined;
  beforeAll(async () => {
    checker = await OpenApiChecker.load();
  });
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
    expect(checker.violations).toEqual([]);
  });
  return async () => {
    const repository = new FakeRepository(checker);
    fake = await serveFakeGitHub(checker, repository.handler);
    const client = createGitHubClient('ghs_test', { logger: memoryLogger(), baseUrl: fake.baseUrl, maxRetries: 0 });
    return { repository, client, fake };
  };
}
