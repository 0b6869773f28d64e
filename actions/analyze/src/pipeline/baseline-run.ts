/**
 * The baseline from the base branch: the latest successful workflow run on that branch, and its
 * `secloop-scan-*` artifacts downloaded (another run's artifacts need a token with `actions: read`).
 * The action layer calls this on pull requests and hands the directory to loadBaseline.
 *
 * With a workflow id (the workflow file name, e.g. "security.yml", or its number) the runs are those of that
 * workflow (`GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs`); without one, all of the
 * repository's runs on the branch (`GET /repos/{owner}/{repo}/actions/runs`). GitHub lists runs newest first.
 */
import path from 'node:path';
import picomatch from 'picomatch';
import type { ArtifactStore, RunReference } from '../../../../src/shared/artifacts/store.js';
import { UpstreamError, errorMessage } from '../../../../src/shared/errors.js';
import type { GitHubClient } from '../../../../src/shared/github/octokit.js';

export interface BaselineRunQuery {
  owner: string;
  repo: string;
  /** The base branch (pull_request: github.base_ref). */
  branch: string;
  workflowId?: string | number;
  /** The current run, never its own baseline. */
  excludeRunId?: number;
}

export interface BaselineRun {
  id: number;
  headSha: string;
  createdAt: string;
  url: string;
}

/** The newest successful run on the branch, or undefined when there is none (a first PR, expired runs). */
export async function findBaselineRun(client: GitHubClient, query: BaselineRunQuery): Promise<BaselineRun | undefined> {
  const common = { owner: query.owner, repo: query.repo, branch: query.branch, status: 'success' as const, per_page: 10, exclude_pull_requests: true };
  let runs: { id: number; head_sha: string; created_at: string; html_url: string }[];
  try {
    const response =
      query.workflowId !== undefined
        ? await client.rest.actions.listWorkflowRuns({ ...common, workflow_id: query.workflowId })
        : await client.rest.actions.listWorkflowRunsForRepo(common);
    runs = response.data.workflow_runs;
  } catch (error) {
    const status = (error as { status?: number }).status;
    const hint = status === 403 || status === 404 ? ' (the token needs actions: read on this repository)' : '';
    throw new UpstreamError(`cannot list the successful runs of ${query.owner}/${query.repo} on ${query.branch}: ${errorMessage(error)}${hint}`, status);
  }
  const run = runs.find((r) => r.id !== query.excludeRunId);
  return run ? { id: run.id, headSha: run.head_sha, createdAt: run.created_at, url: run.html_url } : undefined;
}

export interface DownloadedBaseline {
  run: BaselineRun;
  /** One directory per artifact; empty when the run's artifacts expired or it had none. */
  directories: string[];
  root: string;
}

export async function downloadBaselineRun(
  client: GitHubClient,
  store: ArtifactStore,
  query: BaselineRunQuery & { token: string; destination: string; pattern?: string },
): Promise<DownloadedBaseline | undefined> {
  const run = await findBaselineRun(client, query);
  if (!run) return undefined;
  const reference: RunReference = { token: query.token, workflowRunId: run.id, repositoryOwner: query.owner, repositoryName: query.repo };
  const matches = picomatch(query.pattern ?? 'secloop-scan-*', { dot: true });
  const artifacts = (await store.list({ prefix: 'secloop-scan-', run: reference })).filter((a) => matches(a.name));
  const directories: string[] = [];
  for (const artifact of artifacts.sort((a, b) => a.name.localeCompare(b.name))) {
    directories.push(await store.download(artifact, path.join(query.destination, artifact.name), { run: reference }));
  }
  return { run, directories, root: query.destination };
}
