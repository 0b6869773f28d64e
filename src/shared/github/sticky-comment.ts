/**
 * One comment per pull request and purpose, edited in place instead of piling up a new one per push. It is
 * found again by a hidden HTML marker (`<!-- secloop-analyze:<category> -->`) among the PR's comments, read
 * page by page: a busy PR has more than the 30 comments of a first page.
 */
import type { GitHubClient } from './octokit.js';
import { explainGitHubError } from './permissions.js';

export interface StickyCommentTarget {
  owner: string;
  repo: string;
  /** The pull request (issue) number. */
  issueNumber: number;
}

export interface StickyComment {
  id: number;
  url: string;
  body: string;
}

export type StickyCommentResult =
  | { action: 'created' | 'updated' | 'unchanged'; comment: StickyComment }
  | { action: 'skipped'; reason: string };

/** The marker as written into the body: invisible in the rendered comment. */
export function commentMarker(key: string): string {
  return `<!-- ${key.replace(/-->/g, '')} -->`;
}

const COMMENT_PERMISSION = 'pull-requests: write';

export async function findStickyComment(client: GitHubClient, target: StickyCommentTarget, marker: string): Promise<StickyComment | undefined> {
  try {
    for await (const page of client.paginate.iterator(client.rest.issues.listComments, {
      owner: target.owner,
      repo: target.repo,
      issue_number: target.issueNumber,
      per_page: 100,
    })) {
      const found = page.data.find((c) => c.body?.includes(marker));
      if (found) return { id: found.id, url: found.html_url, body: found.body ?? '' };
    }
  } catch (error) {
    throw explainGitHubError(error, `listing the comments of ${target.owner}/${target.repo}#${target.issueNumber}`, 'pull-requests: read');
  }
  return undefined;
}

/**
 * Writes `body` (which must contain `marker`) into the PR's marked comment. `create: false` only updates a
 * comment that exists — a comment that announced a failure is still flipped to resolved, but a clean PR
 * gets no new comment.
 */
export async function upsertStickyComment(
  client: GitHubClient,
  target: StickyCommentTarget,
  options: { marker: string; body: string; create: boolean },
): Promise<StickyCommentResult> {
  if (!options.body.includes(options.marker)) throw new Error('the comment body must contain its marker, or it could never be found again');
  const existing = await findStickyComment(client, target, options.marker);
  const where = `${target.owner}/${target.repo}#${target.issueNumber}`;
  if (existing) {
    if (existing.body === options.body) return { action: 'unchanged', comment: existing };
    try {
      const { data } = await client.rest.issues.updateComment({ owner: target.owner, repo: target.repo, comment_id: existing.id, body: options.body });
      return { action: 'updated', comment: { id: data.id, url: data.html_url, body: data.body ?? options.body } };
    } catch (error) {
      throw explainGitHubError(error, `updating comment ${existing.id} on ${where}`, COMMENT_PERMISSION);
    }
  }
  if (!options.create) return { action: 'skipped', reason: 'no earlier comment to update, and none is needed' };
  try {
    const { data } = await client.rest.issues.createComment({ owner: target.owner, repo: target.repo, issue_number: target.issueNumber, body: options.body });
    return { action: 'created', comment: { id: data.id, url: data.html_url, body: data.body ?? options.body } };
  } catch (error) {
    throw explainGitHubError(error, `commenting on ${where}`, COMMENT_PERMISSION);
  }
}
