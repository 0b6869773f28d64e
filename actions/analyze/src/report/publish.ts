/**
 * Sending the analysis where people look: code scanning (the SARIF, uploaded and waited for) and the pull
 * request (one sticky comment). Each is tried on its own, so a refused comment does not lose the upload; every
 * failure is returned as a problem that names what to change, and the caller fails the step on it — a
 * report that could not be delivered is never a silent pass.
 */
import type { AnalysisDocument } from '../../../../src/shared/contracts/analysis.js';
import { errorMessage } from '../../../../src/shared/errors.js';
import { uploadSarif } from '../../../../src/shared/github/code-scanning.js';
import type { GitHubClient } from '../../../../src/shared/github/octokit.js';
import { upsertStickyComment } from '../../../../src/shared/github/sticky-comment.js';
import type { Logger } from '../../../../src/shared/logger.js';
import { analyzeCommentMarker, commentAction, renderPrComment, type CommentMode } from './pr-comment.js';

export interface PublishOptions {
  /** Absent when no token was given: anything that needs the API becomes a problem naming github-token. */
  client?: GitHubClient;
  /** owner/name (GITHUB_REPOSITORY). */
  repository?: string;
  /** The pull request's number, on pull_request events. */
  pullRequest?: number;
  /** The commit and ref the SARIF belongs to (GITHUB_SHA, GITHUB_REF). */
  sha?: string;
  ref?: string;
  category?: string;
  commentMode: CommentMode;
  uploadSarif: boolean;
  sarif: object;
  runUrl?: string;
  sarifWait?: { timeoutMs?: number; pollIntervalMs?: number; sleep?: (ms: number) => Promise<void> };
  logger: Logger;
}

export interface Published {
  sarifId?: string;
  commentUrl?: string;
  /** One line each for the job summary. */
  sarifNote?: string;
  commentNote?: string;
  problems: string[];
}

function splitRepository(repository: string | undefined): { owner: string; repo: string } | undefined {
  const [owner, repo, ...rest] = (repository ?? '').split('/');
  return owner && repo && rest.length === 0 ? { owner, repo } : undefined;
}

async function publishSarif(document: AnalysisDocument, options: PublishOptions, published: Published): Promise<void> {
  if (!options.uploadSarif) return;
  if (document.summary.result === 'error') {
    // An incomplete analysis lacks the findings of what it could not read: uploading it would close their alerts.
    published.sarifNote = 'SARIF not uploaded: the analysis is incomplete, and uploading it would close the alerts of the findings it could not read.';
    return;
  }
  const repository = splitRepository(options.repository);
  const missing = [!options.client && 'github-token', !repository && 'GITHUB_REPOSITORY', !options.sha && 'GITHUB_SHA', !options.ref && 'GITHUB_REF'].filter(Boolean);
  if (missing.length > 0 || !options.client || !repository) {
    published.problems.push(`upload-sarif is true, but ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not set: cannot upload to code scanning`);
    return;
  }
  try {
    const result = await options.logger.group('Uploading SARIF to code scanning', () =>
      uploadSarif(options.client!, { ...repository, commitSha: options.sha!, ref: options.ref!, sarif: options.sarif, ...options.sarifWait }),
    );
    published.sarifId = result.id;
    if (result.status === 'failed') {
      published.problems.push(`code scanning could not process the SARIF upload ${result.id}: ${result.errors.join('; ') || 'no reason given'}`);
    } else if (result.timedOut) {
      published.sarifNote = `SARIF uploaded (id ${result.id}); code scanning was still processing it when the wait ran out.`;
      options.logger.warning(`code scanning had not finished processing SARIF upload ${result.id} in time; check the Security tab`);
    } else {
      published.sarifNote = `SARIF uploaded to code scanning (id ${result.id}, ${result.status}).`;
    }
  } catch (error) {
    published.problems.push(errorMessage(error));
  }
}

async function publishComment(document: AnalysisDocument, options: PublishOptions, published: Published): Promise<void> {
  const action = commentAction(options.commentMode, document.summary.result);
  if (action === 'skip') return;
  if (options.pullRequest === undefined) {
    options.logger.debug('not a pull request event: no PR comment');
    return;
  }
  const repository = splitRepository(options.repository);
  if (!options.client || !repository) {
    published.problems.push(`a PR comment is due (comment-mode ${options.commentMode}), but ${!options.client ? 'github-token' : 'GITHUB_REPOSITORY'} is not set`);
    return;
  }
  const marker = analyzeCommentMarker(options.category);
  const body = renderPrComment(document, { marker, ...(options.runUrl ? { runUrl: options.runUrl } : {}), ...(options.sha ? { sha: options.sha } : {}) });
  try {
    const result = await upsertStickyComment(options.client, { ...repository, issueNumber: options.pullRequest }, { marker, body, create: action === 'create-or-update' });
    if (result.action === 'skipped') {
      options.logger.info(`PR comment: ${result.reason}`);
      return;
    }
    published.commentUrl = result.comment.url;
    published.commentNote = `PR comment ${result.action}: ${result.comment.url}`;
    options.logger.info(published.commentNote);
  } catch (error) {
    published.problems.push(errorMessage(error));
  }
}

export async function publishReports(document: AnalysisDocument, options: PublishOptions): Promise<Published> {
  const published: Published = { problems: [] };
  await publishSarif(document, options, published);
  await publishComment(document, options, published);
  return published;
}
