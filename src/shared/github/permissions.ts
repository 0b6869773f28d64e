import { UpstreamError, errorMessage } from '../errors.js';

/**
 * A GitHub API failure, in words that name what to change. GitHub answers a token that lacks a permission
 * with 403 "Resource not accessible by integration" (GITHUB_TOKEN or an App token whose `permissions:` leave
 * the scope out) or with 404 (to hide a private resource): both become the permission to add.
 */
export class GitHubPermissionError extends UpstreamError {
  constructor(
    message: string,
    status: number | undefined,
    /** The permission the workflow's `permissions:` block (or the App) must grant, e.g. `pull-requests: write`. */
    readonly permission: string,
  ) {
    super(message, status);
    this.name = 'GitHubPermissionError';
  }
}

export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' ? status : undefined;
}

const NOT_ACCESSIBLE = /resource not accessible by integration/i;

/**
 * Wraps what `operation` threw. `permission` is what it needs; `extra` says what else a 403 can mean for it
 * (code scanning not enabled, say). Anything but a permission problem stays an UpstreamError with the status.
 */
export function explainGitHubError(error: unknown, operation: string, permission: string, extra = ''): UpstreamError {
  const status = statusOf(error);
  const message = errorMessage(error);
  if (status === 403 || status === 404 || NOT_ACCESSIBLE.test(message)) {
    const why = NOT_ACCESSIBLE.test(message)
      ? `GitHub answered "Resource not accessible by integration": the token (GITHUB_TOKEN or the App token given as github-token) was not granted \`${permission}\``
      : status === 404
        ? `GitHub answered 404 (${message}), which is also how it hides what the token may not see: the token needs \`${permission}\``
        : `GitHub answered 403 (${message}): the token needs \`${permission}\``;
    return new GitHubPermissionError(
      `${operation} failed: ${why}${extra ? ` ${extra}` : ''}. Add it to the job's \`permissions:\` block (or to the GitHub App's permissions).`,
      status,
      permission,
    );
  }
  return new UpstreamError(`${operation} failed${status ? ` (HTTP ${status})` : ''}: ${message}`, status);
}
