import { describe, expect, it } from '@jest/globals';
import { UpstreamError } from '../errors.js';
import { encodeSarif, uploadSarif } from './code-scanning.js';
import { useFakeGitHubRepository } from './fake-github.test-util.js';
import { GitHubPermissionError } from './permissions.js';

const SARIF = { version: '2.1.0', runs: [{ tool: { driver: { name: 'secloop' } }, results: [] }] };

describe('uploading SARIF to code scanning', () => {
  const setUp = useFakeGitHubRepository();
  const upload = { owner: 'octo-org', repo: 'shop', commitSha: 'a'.repeat(40), ref: 'refs/pull/42/merge', sarif: SARIF };

  it('sends it gzipped and base64-encoded, then polls until processing is complete', async () => {
    const { repository, client, fake } = await setUp();
    repository.pendingPolls = 2;
    const slept: number[] = [];
    const result = await uploadSarif(client, { ...upload, pollIntervalMs: 250, sleep: async (ms) => void slept.push(ms) });
    expect(repository.sarifs).toHaveLength(1);
    expect(repository.sarifs[0]).toEqual({ id: result.id, commitSha: 'a'.repeat(40), ref: 'refs/pull/42/merge', sarif: SARIF });
    expect(result).toEqual({ id: result.id, status: 'complete', errors: [], analysesUrl: expect.stringContaining(`sarif_id=${result.id}`), timedOut: false });
    expect(slept).toEqual([250, 250]);
    expect(fake.requests).toEqual([
      'POST /repos/octo-org/shop/code-scanning/sarifs',
      ...Array(3).fill(`GET /repos/octo-org/shop/code-scanning/sarifs/${result.id}`),
    ]);
  });

  it('reports a processing failure with GitHub\'s reasons', async () => {
    const { repository, client } = await setUp();
    repository.sarifErrors = ['locationFromSarifResult: expected artifact location'];
    const result = await uploadSarif(client, { ...upload, sleep: async () => undefined });
    expect(result.status).toBe('failed');
    expect(result.errors).toEqual(['locationFromSarifResult: expected artifact location']);
  });

  it('stops waiting after the bounded time, saying so', async () => {
    const { repository, client } = await setUp();
    repository.pendingPolls = 1000;
    const result = await uploadSarif(client, { ...upload, timeoutMs: 1000, pollIntervalMs: 200, sleep: async () => undefined });
    expect(result).toMatchObject({ status: 'pending', timedOut: true });
  });

  it('names security-events: write and Advanced Security on a 403', async () => {
    const { repository, client } = await setUp();
    repository.refuse.set('code-scanning/upload-sarif', { status: 403, message: 'Advanced Security must be enabled for this repository to use code scanning.' });
    const error = await uploadSarif(client, upload).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubPermissionError);
    expect((error as Error).message).toContain('needs `security-events: write` (and code scanning enabled: GitHub Advanced Security on private repositories');
  });

  it('keeps other failures as upstream errors with their status', async () => {
    const { repository, client } = await setUp();
    repository.refuse.set('code-scanning/upload-sarif', { status: 413, message: 'Payload Too Large' });
    const error = await uploadSarif(client, upload).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).not.toBeInstanceOf(GitHubPermissionError);
    expect((error as UpstreamError).status).toBe(413);
  });

  it('encodes as gzip then base64', async () => {
    const { gunzipSync } = await import('node:zlib');
    expect(JSON.parse(gunzipSync(Buffer.from(encodeSarif(SARIF), 'base64')).toString())).toEqual(SARIF);
  });
});
