/**
 * publishReports against the fake GitHub API (every request and response checked against GitHub's OpenAPI
 * description): the PR comment's life (created on failure, updated in place, flipped to resolved), the comment
 * modes, the SARIF upload waited for, and refusals that name the permission.
 */
import { afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { AnalysisDocument } from '../../../../src/shared/contracts/analysis.js';
import { FakeRepository, OpenApiChecker, serveFakeGitHub, type FakeGitHub } from '../../../../src/shared/github/fake-github.test-util.js';
import { createGitHubClient } from '../../../../src/shared/github/octokit.js';
import { memoryLogger } from '../../../../src/shared/logger.js';
import { demoAnalysis } from './fixtures.test-util.js';
import { publishReports, type PublishOptions } from './publish.js';
import { analysisToSarif } from './sarif.js';

describe('publishing the reports of an analysis', () => {
  let checker: OpenApiChecker;
  let failing: AnalysisDocument;
  let clean: AnalysisDocument;
  let fake: FakeGitHub | undefined;
  beforeAll(async () => {
    checker = await OpenApiChecker.load();
    [failing, clean] = await Promise.all([demoAnalysis(), demoAnalysis({ baselineIsCurrent: true })]);
  });
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
    expect(checker.violations).toEqual([]);
  });

  async function setUp() {
    const repository = new FakeRepository(checker);
    fake = await serveFakeGitHub(checker, repository.handler);
    const client = createGitHubClient('ghs_test', { logger: memoryLogger(), baseUrl: fake.baseUrl, maxRetries: 0 });
    const options = (document: AnalysisDocument, extra: Partial<PublishOptions> = {}): PublishOptions => ({
      client,
      repository: 'octo-org/shop',
      pullRequest: 7,
      sha: 'c0ffee'.padEnd(40, '0'),
      ref: 'refs/pull/7/merge',
      commentMode: 'on-failure',
      uploadSarif: false,
      sarif: analysisToSarif(document),
      logger: memoryLogger(),
      ...extra,
    });
    return { repository, fake, options };
  }

  it('the two analyses are a failing and a clean pull request', () => {
    expect(failing.summary.result).toBe('fail');
    expect(clean.summary.result).toBe('pass');
    expect(clean.summary.by_status.new).toBe(0);
  });

  it('on-failure: comments once when failing, updates the same comment, flips it to resolved when clean', async () => {
    const { repository, options } = await setUp();
    repository.seedComments(7, ['Thanks!']);
    const first = await publishReports(failing, options(failing));
    expect(first.problems).toEqual([]);
    const ours = () => repository.comments.get(7)!.filter((c) => c.body.startsWith('<!-- secloop-analyze:default -->'));
    expect(ours()).toHaveLength(1);
    expect(ours()[0]!.body).toContain(`### ❌ secloop: ${failing.gate.failing.length} finding(s) fail the gate`);
    expect(first.commentUrl).toBe(`https://github.com/octo-org/shop/pull/7#issuecomment-${ours()[0]!.id}`);

    const second = await publishReports(failing, options(failing, { sha: 'beef'.padEnd(40, '1') }));
    expect(second.commentNote).toMatch(/^PR comment updated: /);
    const resolved = await publishReports(clean, options(clean));
    expect(resolved.commentUrl).toBe(first.commentUrl);
    expect(ours()).toHaveLength(1);
    expect(ours()[0]!.body).toMatch(/^<!-- secloop-analyze:default -->\n### ✅ secloop: resolved/);
    expect(repository.comments.get(7)).toHaveLength(2);
  });

  it('on-failure: a clean PR without an earlier comment gets none', async () => {
    const { repository, fake, options } = await setUp();
    const published = await publishReports(clean, options(clean));
    expect(published).toEqual({ problems: [] });
    expect(repository.comments.get(7)).toBeUndefined();
    expect(fake.requests).toEqual(['GET /repos/octo-org/shop/issues/7/comments?per_page=100']);
  });

  it('never: no request at all, even when failing; always: a comment on a clean PR too', async () => {
    const { repository, fake, options } = await setUp();
    expect(await publishReports(failing, options(failing, { commentMode: 'never' }))).toEqual({ problems: [] });
    expect(fake.requests).toEqual([]);
    await publishReports(clean, options(clean, { commentMode: 'always' }));
    expect(repository.comments.get(7)!.map((c) => c.body.split('\n')[1])).toEqual(['### ✅ secloop: resolved']);
  });

  it('a separate comment per sarif-category', async () => {
    const { repository, options } = await setUp();
    await publishReports(failing, options(failing));
    await publishReports(failing, options(failing, { category: 'backend' }));
    expect(repository.comments.get(7)!.map((c) => c.body.split('\n')[0])).toEqual(['<!-- secloop-analyze:default -->', '<!-- secloop-analyze:backend -->']);
  });

  it('uploads the full SARIF and waits until code scanning has processed it', async () => {
    const { repository, options } = await setUp();
    repository.pendingPolls = 1;
    const published = await publishReports(failing, options(failing, { uploadSarif: true, commentMode: 'never', sarifWait: { pollIntervalMs: 10, sleep: async () => undefined } }));
    expect(published.problems).toEqual([]);
    expect(published.sarifId).toBe(repository.sarifs[0]!.id);
    expect(published.sarifNote).toBe(`SARIF uploaded to code scanning (id ${published.sarifId}, complete).`);
    const sent = repository.sarifs[0]!;
    expect(sent).toMatchObject({ commitSha: 'c0ffee'.padEnd(40, '0'), ref: 'refs/pull/7/merge' });
    expect(sent.sarif.runs!.flatMap((r) => r.results ?? [])).toHaveLength(failing.findings.length);
  });

  it('does not upload an incomplete analysis (it would close the alerts of what it could not read)', async () => {
    const { repository, options } = await setUp();
    const broken: AnalysisDocument = { ...failing, errors: ['artifact secloop-scan-b holds no findings.json'], summary: { ...failing.summary, result: 'error' } };
    const published = await publishReports(broken, options(broken, { uploadSarif: true, commentMode: 'never' }));
    expect(repository.sarifs).toEqual([]);
    expect(published.sarifNote).toMatch(/^SARIF not uploaded: the analysis is incomplete/);
  });

  it('403s become problems naming the permission, and one refusal does not stop the other report', async () => {
    const { repository, options } = await setUp();
    repository.refuse.set('code-scanning/upload-sarif', { status: 403, message: 'Resource not accessible by integration' });
    repository.refuse.set('issues/list-comments', { status: 403, message: 'Resource not accessible by integration' });
    const published = await publishReports(failing, options(failing, { uploadSarif: true }));
    expect(published.problems).toHaveLength(2);
    expect(published.problems[0]).toMatch(/^uploading SARIF to code scanning of octo-org\/shop failed: GitHub answered "Resource not accessible by integration": .*`security-events: write` \(and code scanning enabled: GitHub Advanced Security on private repositories/);
    expect(published.problems[1]).toMatch(/^listing the comments of octo-org\/shop#7 failed: .*`pull-requests: read`/);
    repository.refuse.clear();
    repository.refuse.set('issues/create-comment', { status: 403, message: 'Resource not accessible by integration' });
    const refused = await publishReports(failing, options(failing));
    expect(refused.problems).toEqual([expect.stringContaining('was not granted `pull-requests: write`')]);
  });

  it('without a token, says which setting is missing instead of skipping', async () => {
    const { options } = await setUp();
    const { client: _client, ...withoutClient } = options(failing, { uploadSarif: true });
    const published = await publishReports(failing, withoutClient);
    expect(published.problems).toEqual([
      'upload-sarif is true, but github-token is not set: cannot upload to code scanning',
      'a PR comment is due (comment-mode on-failure), but github-token is not set',
    ]);
  });
});
