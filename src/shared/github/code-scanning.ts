/**
 * Uploading SARIF to code scanning through the REST API (what github/codeql-action/upload-sarif does):
 * `POST /repos/{owner}/{repo}/code-scanning/sarifs` with the SARIF gzipped and base64-encoded, then polling
 * `GET .../sarifs/{sarif_id}` until GitHub has processed it — an upload it later rejects is an error, never a
 * quiet success. The wait is bounded: processing usually takes seconds, and a job must not hang on it.
 */
import { gzipSync } from 'node:zlib';
import { UpstreamError } from '../errors.js';
import type { GitHubClient } from './octokit.js';
import { explainGitHubError } from './permissions.js';

export interface SarifUpload {
  owner: string;
  repo: string;
  /** The commit analysed (GITHUB_SHA: on pull_request, the merge commit). */
  commitSha: string;
  /** The full ref (GITHUB_REF: refs/heads/main, refs/pull/42/merge). */
  ref: string;
  sarif: object;
  /** Bounded wait for processing; 0 returns right after the upload (status "pending"). Default 120 s. */
  timeoutMs?: number;
  pollIntervalMs?: number;
  /** For tests: how to wait between polls. */
  sleep?: (ms: number) => Promise<void>;
}

export interface SarifUploadResult {
  id: string;
  status: 'pending' | 'complete' | 'failed';
  /** Processing errors GitHub reported (status failed). */
  errors: string[];
  analysesUrl?: string;
  /** Set when the wait ran out before GitHub finished. */
  timedOut: boolean;
}

/** GitHub rejects larger uploads (10 MB gzipped) with 413. */
export const MAX_GZIPPED_SARIF_BYTES = 10 * 1024 * 1024;

const UPLOAD_PERMISSION = 'security-events: write';
const ADVANCED_SECURITY =
  '(and code scanning enabled: GitHub Advanced Security on private repositories; an archived repository refuses uploads)';

export function encodeSarif(sarif: object): string {
  return gzipSync(Buffer.from(JSON.stringify(sarif))).toString('base64');
}

export async function uploadSarif(client: GitHubClient, upload: SarifUpload): Promise<SarifUploadResult> {
  const where = `${upload.owner}/${upload.repo}`;
  const encoded = encodeSarif(upload.sarif);
  const gzippedBytes = Math.floor((encoded.length * 3) / 4);
  if (gzippedBytes > MAX_GZIPPED_SARIF_BYTES) {
    throw new UpstreamError(`the SARIF is ${(gzippedBytes / 1024 / 1024).toFixed(1)} MB gzipped; code scanning accepts at most 10 MB`);
  }
  let id: string;
  try {
    const { data } = await client.rest.codeScanning.uploadSarif({ owner: upload.owner, repo: upload.repo, commit_sha: upload.commitSha, ref: upload.ref, sarif: encoded });
    if (!data.id) throw new UpstreamError('code scanning accepted the upload but returned no id');
    id = data.id;
  } catch (error) {
    if (error instanceof UpstreamError) throw error;
    throw explainGitHubError(error, `uploading SARIF to code scanning of ${where}`, UPLOAD_PERMISSION, ADVANCED_SECURITY);
  }

  const timeoutMs = upload.timeoutMs ?? 120_000;
  const interval = upload.pollIntervalMs ?? 5_000;
  const sleep = upload.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const deadline = Date.now() + timeoutMs;
  let waited = 0;
  for (;;) {
    if (timeoutMs <= 0) return { id, status: 'pending', errors: [], timedOut: false };
    let data;
    try {
      ({ data } = await client.rest.codeScanning.getSarif({ owner: upload.owner, repo: upload.repo, sarif_id: id }));
    } catch (error) {
      throw explainGitHubError(error, `reading the processing status of SARIF upload ${id} on ${where}`, 'security-events: read');
    }
    const status = data.processing_status ?? 'pending';
    if (status !== 'pending') {
      return { id, status, errors: [...(data.errors ?? [])], ...(data.analyses_url ? { analysesUrl: data.analyses_url } : {}), timedOut: false };
    }
    // Counted as well as timed, so a test's instant sleep still ends.
    waited += interval;
    if (Date.now() + interval > deadline || waited > timeoutMs) return { id, status: 'pending', errors: [], timedOut: true };
    await sleep(interval);
  }
}
