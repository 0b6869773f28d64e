import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import type { Logger } from '../logger.js';
import { TOOL_VERSION } from '../version.js';

export type GitHubClient = ReturnType<typeof getOctokit>;

/**
 * The one way to build a GitHub client: retries on transient errors and obeys primary and secondary rate
 * limits (both throttling handlers are required). A GitHub App installation token works like any other:
 * pushes and PRs made with the default GITHUB_TOKEN do not trigger workflows, so callers that need checks
 * to run on what they create should be given an App token.
 */
export function createGitHubClient(
  token: string,
  options: { logger: Logger; baseUrl?: string; request?: { fetch?: typeof fetch }; maxRetries?: number },
): GitHubClient {
  const { logger } = options;
  return getOctokit(
    token,
    {
      userAgent: `secloop/${TOOL_VERSION}`,
      ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
      ...(options.request ? { request: options.request } : {}),
      retry: { doNotRetry: [400, 401, 403, 404, 410, 413, 422, 451] },
      throttle: {
        onRateLimit: (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
          logger.warning(`GitHub rate limit reached for ${request.method} ${request.url}; retrying in ${retryAfter}s`);
          return retryCount < (options.maxRetries ?? 2);
        },
        onSecondaryRateLimit: (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
          logger.warning(`GitHub secondary rate limit for ${request.method} ${request.url}; retrying in ${retryAfter}s`);
          return retryCount < (options.maxRetries ?? 2);
        },
      },
    },
    retry,
    throttling,
  );
}
