import { describe, expect, it } from '@jest/globals';
import { useFakeGitHubRepository } from './fake-github.test-util.js';
import { GitHubPermissionError } from './permissions.js';
import { commentMarker, upsertStickyComment } from './sticky-comment.js';

describe('the sticky PR comment', () => {
  const setUp = useFakeGitHubRepository();

  const marker = commentMarker('secloop-analyze:default');
  const target = { owner: 'octo-org', repo: 'shop', issueNumber: 42 };

  it('is created once, then updated in place, found again by its marker', async () => {
    const { repository, client, fake } = await setUp();
    repository.seedComments(42, ['LGTM', 'please rebase']);
    const first = await upsertStickyComment(client, target, { marker, body: `${marker}\nfailing`, create: true });
    expect(first.action).toBe('created');
    const second = await upsertStickyComment(client, target, { marker, body: `${marker}\nresolved`, create: true });
    expect(second.action).toBe('updated');
    const third = await upsertStickyComment(client, target, { marker, body: `${marker}\nresolved`, create: true });
    expect(third.action).toBe('unchanged');
    const comments = repository.comments.get(42)!;
    expect(comments.map((c) => c.body)).toEqual(['LGTM', 'please rebase', `${marker}\nresolved`]);
    if (first.action !== 'skipped' && second.action !== 'skipped') {
      expect(second.comment.id).toBe(first.comment.id);
      expect(first.comment.url).toBe(`https://github.com/octo-org/shop/pull/42#issuecomment-${comments[2]!.id}`);
    }
    expect(fake.requests.filter((r) => r.startsWith('POST'))).toHaveLength(1);
    expect(fake.requests.filter((r) => r.startsWith('PATCH'))).toEqual([`PATCH /repos/octo-org/shop/issues/comments/${comments[2]!.id}`]);
  });

  it('reads every page of a busy PR before deciding the comment is not there', async () => {
    const { repository, client, fake } = await setUp();
    repository.seedComments(42, Array.from({ length: 230 }, (_, i) => `comment ${i}`));
    repository.seedComments(42, [`${marker}\nold report`]);
    const result = await upsertStickyComment(client, target, { marker, body: `${marker}\nnew report`, create: true });
    expect(result.action).toBe('updated');
    expect(fake.requests.filter((r) => r.startsWith('GET'))).toEqual([
      'GET /repos/octo-org/shop/issues/42/comments?per_page=100',
      'GET /repos/octo-org/shop/issues/42/comments?per_page=100&page=2',
      'GET /repos/octo-org/shop/issues/42/comments?per_page=100&page=3',
    ]);
    expect(repository.comments.get(42)).toHaveLength(231);
  });

  it('with create: false only updates an existing comment', async () => {
    const { repository, client } = await setUp();
    const result = await upsertStickyComment(client, target, { marker, body: `${marker}\nresolved`, create: false });
    expect(result.action).toBe('skipped');
    expect(repository.comments.get(42)).toBeUndefined();
  });

  it('names pull-requests: write when GitHub refuses the comment', async () => {
    const { repository, client } = await setUp();
    repository.refuse.set('issues/create-comment', { status: 403, message: 'Resource not accessible by integration' });
    const error = await upsertStickyComment(client, target, { marker, body: `${marker}\nfailing`, create: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubPermissionError);
    expect((error as GitHubPermissionError).permission).toBe('pull-requests: write');
    expect((error as Error).message).toMatch(/^commenting on octo-org\/shop#42 failed: GitHub answered "Resource not accessible by integration": .*`pull-requests: write`.*permissions:/);
  });

  it('refuses a body without its marker (it could never be found again)', async () => {
    const { client } = await setUp();
    await expect(upsertStickyComment(client, target, { marker, body: 'no marker', create: true })).rejects.toThrow(/must contain its marker/);
  });
});
