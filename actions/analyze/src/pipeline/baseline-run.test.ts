/**
 * findBaselineRun / downloadBaselineRun against a local HTTP server standing in for api.github.com. Every
 * request the client sends is checked against GitHub's OpenAPI description (@octokit/openapi): the path
 * must be one of its operations, every query parameter one that operation declares, with a valid value.
 * Every response the server sends is validated against that operation's response schema; the run list is
 * built from the description's own example (`workflow-run-paginated`), so it has the real shape.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { cp } from 'node:fs/promises';
import type { Server } from 'node:http';
import path from 'node:path';
import type { ArtifactStore, RunReference, StoredArtifact } from '../../../../src/shared/artifacts/store.js';
import { UpstreamError } from '../../../../src/shared/errors.js';
import { createGitHubClient } from '../../../../src/shared/github/octokit.js';
import { OpenApiChecker, serveFakeGitHub } from '../../../../src/shared/github/fake-github.test-util.js';
import { memoryLogger } from '../../../../src/shared/logger.js';
import { loadBaseline } from './baseline.js';
import { downloadBaselineRun, findBaselineRun } from './baseline-run.js';
import { scanInto, tempDir } from './fixtures.test-util.js';

type Handler = (operationId: string, url: URL) => { status: number; body: unknown };

/** The shared fake API (every request and response checked against the OpenAPI description). */
async function serve(checker: OpenApiChecker, handler: Handler): Promise<{ server: Server; baseUrl: string; requests: string[] }> {
  const fake = await serveFakeGitHub(checker, (request) => handler(request.operationId, request.url));
  return { server: fake.server, baseUrl: fake.baseUrl, requests: fake.requests };
}

/** An artifact store standing in for @actions/artifact: records which run it was asked about. */
class RecordingStore implements ArtifactStore {
  readonly kind = 'actions' as const;
  readonly calls: { op: string; run?: RunReference; name?: string }[] = [];
  constructor(private readonly artifacts: Record<string, string>) {}
  async upload(): Promise<StoredArtifact> {
    throw new Error('not used');
  }
  async list(options: { prefix?: string; run?: RunReference } = {}): Promise<StoredArtifact[]> {
    this.calls.push({ op: 'list', run: options.run });
    return Object.keys(this.artifacts)
      .filter((name) => name.startsWith(options.prefix ?? 'secloop-'))
      .map((name, i) => ({ name, id: 1000 + i }));
  }
  async download(artifact: StoredArtifact, destination: string, options: { run?: RunReference } = {}): Promise<string> {
    this.calls.push({ op: 'download', run: options.run, name: artifact.name });
    await cp(this.artifacts[artifact.name]!, destination, { recursive: true });
    return destination;
  }
}

describe('the base branch\'s latest successful run', () => {
  let checker: OpenApiChecker;
  let example: { total_count: number; workflow_runs: Record<string, unknown>[] };

  beforeAll(async () => {
    checker = await OpenApiChecker.load();
    example = checker.spec.components.examples['workflow-run-paginated']!.value as typeof example;
  });

  /** The description's example run, as runs of our repository on `main` with the given ids. */
  function runsResponse(ids: number[]) {
    const template = example.workflow_runs[0]!;
    return {
      total_count: ids.length,
      workflow_runs: ids.map((id, i) => ({ ...template, id, head_branch: 'main', head_sha: `${String(i + 1).repeat(40)}`.slice(0, 40), status: 'completed', conclusion: 'success' })),
    };
  }

  it('finds it by workflow, skipping the current run, and downloads its secloop-scan artifacts', async () => {
    const { server, baseUrl, requests } = await serve(checker, (operationId) =>
      operationId === 'actions/list-workflow-runs' ? { status: 200, body: runsResponse([30433642, 30433600]) } : { status: 500, body: {} },
    );
    try {
      const scanDir = await tempDir('base-scan');
      const scan = await scanInto(scanDir);
      const store = new RecordingStore({ 'secloop-scan-security': scanDir, 'secloop-sarif-security': scanDir });
      const client = createGitHubClient('ghs_test', { logger: memoryLogger(), baseUrl, maxRetries: 0 });
      const destination = await tempDir('baseline');
      const found = await downloadBaselineRun(client, store, {
        owner: 'octo-org',
        repo: 'shop',
        branch: 'main',
        workflowId: 'security.yml',
        excludeRunId: 30433642,
        token: 'ghs_test',
        destination,
      });
      expect(checker.violations).toEqual([]);
      expect(requests).toEqual(['GET /repos/octo-org/shop/actions/workflows/security.yml/runs?branch=main&status=success&per_page=10&exclude_pull_requests=true']);
      expect(found!.run).toEqual({ id: 30433600, headSha: '2'.repeat(40), createdAt: example.workflow_runs[0]!.created_at, url: example.workflow_runs[0]!.html_url });
      const reference = { token: 'ghs_test', workflowRunId: 30433600, repositoryOwner: 'octo-org', repositoryName: 'shop' };
      expect(store.calls).toEqual([
        { op: 'list', run: reference },
        { op: 'download', run: reference, name: 'secloop-scan-security' },
      ]);
      expect(found!.directories).toEqual([path.join(destination, 'secloop-scan-security')]);
      const baseline = await loadBaseline(destination);
      expect(baseline.findings.size).toBe(scan.findings.length);
    } finally {
      server.close();
    }
  });

  it('lists the repository\'s runs when no workflow is named, and says when there is none', async () => {
    const { server, baseUrl, requests } = await serve(checker, (operationId) =>
      operationId === 'actions/list-workflow-runs-for-repo' ? { status: 200, body: runsResponse([]) } : { status: 500, body: {} },
    );
    try {
      const client = createGitHubClient('ghs_test', { logger: memoryLogger(), baseUrl, maxRetries: 0 });
      expect(await findBaselineRun(client, { owner: 'octo-org', repo: 'shop', branch: 'release/2.x' })).toBeUndefined();
      expect(checker.violations).toEqual([]);
      expect(requests).toEqual(['GET /repos/octo-org/shop/actions/runs?branch=release%2F2.x&status=success&per_page=10&exclude_pull_requests=true']);
    } finally {
      server.close();
    }
  });

  it('names the missing permission when GitHub answers 404', async () => {
    const { server, baseUrl } = await serve(checker, () => ({ status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/actions/workflow-runs#list-workflow-runs-for-a-workflow', status: '404' } }));
    try {
      const client = createGitHubClient('ghs_test', { logger: memoryLogger(), baseUrl, maxRetries: 0 });
      const error = await findBaselineRun(client, { owner: 'octo-org', repo: 'shop', branch: 'main', workflowId: 161335 }).catch((e: unknown) => e);
      expect(checker.violations).toEqual([]);
      expect(error).toBeInstanceOf(UpstreamError);
      expect((error as UpstreamError).status).toBe(404);
      expect((error as Error).message).toMatch(/^cannot list the successful runs of octo-org\/shop on main: Not Found.*\(the token needs actions: read on this repository\)$/);
    } finally {
      server.close();
    }
  });

  it('the checker itself rejects what GitHub would not send or accept', () => {
    const before = checker.violations.length;
    const route = checker.checkRequest('GET', new URL('http://x/repos/o/r/actions/runs?status=succeeded&colour=blue'));
    checker.checkResponse(route!.template, 'GET', 200, { total_count: 1, workflow_runs: [{ id: 'one' }] });
    checker.checkRequest('GET', new URL('http://x/repos/o/r/actions/run-list'));
    const found = checker.violations.splice(before);
    expect(found).toHaveLength(4);
    expect(found[0]).toMatch(/query status=succeeded: data must be equal to one of the allowed values/);
    expect(found[1]).toBe('actions/list-workflow-runs-for-repo: query parameter colour is not declared');
    expect(found[2]).toMatch(/^actions\/list-workflow-runs-for-repo 200: data\/workflow_runs\/0 must have required property/);
    expect(found[3]).toBe('GET /repos/o/r/actions/run-list: no such operation in the OpenAPI description');
  });
});
