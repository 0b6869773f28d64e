/**
 * The analyze action as the runner starts it: the bundle (actions/analyze/dist, built by `npm run bundle`) run
 * with node, inputs as INPUT_* variables, a pull_request event payload, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY
 * files, and GITHUB_API_URL pointing at a fake GitHub API on 127.0.0.1 that checks every request and response
 * against GitHub's OpenAPI description. The scan outputs come from the real scanner, read through the `in` input
 * (workflow artifacts need the runner's artifact service).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { load } from 'js-yaml';
import { EXAMPLE_APPS, scanInto } from '../actions/analyze/src/pipeline/fixtures.test-util.js';
import { FakeRepository, OpenApiChecker, serveFakeGitHub, type FakeGitHub } from '../src/shared/github/fake-github.test-util.js';
import { inputsReadBy, parseOutputFile } from './action-util.js';
import { REPO_ROOT } from './corpus.js';

const BUNDLE = path.join(REPO_ROOT, 'actions/analyze/dist/index.js');

/** Runs the bundle without blocking this process: the fake API answers from it. */
function runAction(env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BUNDLE], { cwd: env.GITHUB_WORKSPACE, env: { PATH: process.env.PATH ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill(), 60_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

describe('the analyze action as the runner starts it', () => {
  let checker: OpenApiChecker;
  let repository: FakeRepository;
  let fake: FakeGitHub;
  let scanDir: string;
  let root: string;

  beforeAll(async () => {
    expect(existsSync(BUNDLE)).toBe(true);
    checker = await OpenApiChecker.load();
    repository = new FakeRepository(checker);
    fake = await serveFakeGitHub(checker, repository.handler);
    root = await mkdtemp(path.join(os.tmpdir(), 'secloop-analyze-action-'));
    scanDir = path.join(root, 'scan');
    await scanInto(scanDir, EXAMPLE_APPS, { scanners: 'all' });
  });
  afterAll(async () => {
    await fake.close();
  });

  /** A fresh runner: workspace, event payload, output and summary files. */
  async function runner(
    name: string,
    inputs: Record<string, string>,
    event: { name: string; payload: Record<string, unknown> } = { name: 'pull_request', payload: { pull_request: { number: 7, base: { ref: 'main' }, head: { sha: 'b'.repeat(40) } } } },
  ) {
    const dir = path.join(root, name);
    const workspace = path.join(dir, 'workspace');
    await mkdir(path.join(dir, 'tmp'), { recursive: true });
    await mkdir(workspace);
    const files = { output: path.join(dir, 'output'), summary: path.join(dir, 'summary'), event: path.join(dir, 'event.json') };
    await writeFile(files.output, '');
    await writeFile(files.summary, '');
    await writeFile(files.event, JSON.stringify(event.payload));
    const env: Record<string, string> = {
      GITHUB_WORKSPACE: workspace,
      GITHUB_OUTPUT: files.output,
      GITHUB_STEP_SUMMARY: files.summary,
      GITHUB_EVENT_PATH: files.event,
      GITHUB_EVENT_NAME: event.name,
      GITHUB_REPOSITORY: 'octo-org/shop',
      GITHUB_SHA: 'a'.repeat(40),
      GITHUB_REF: 'refs/pull/7/merge',
      GITHUB_RUN_ID: '4242',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_API_URL: fake.baseUrl,
      RUNNER_TEMP: path.join(dir, 'tmp'),
      // What the runner passes for `github-token: ${{ github.token }}` (the default).
      'INPUT_GITHUB-TOKEN': 'ghs_test',
      ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
    };
    const result = await runAction(env);
    return {
      ...result,
      outputs: parseOutputFile(await readFile(files.output, 'utf8')),
      summary: await readFile(files.summary, 'utf8'),
    };
  }

  const ours = () => (repository.comments.get(7) ?? []).filter((c) => c.body.startsWith('<!-- secloop-analyze:default -->'));

  it('a failing pull request: outputs, summary, annotations, the SARIF uploaded and one PR comment', async () => {
    const run = await runner('failing', { in: scanDir, 'upload-sarif': 'true' });
    expect(checker.violations).toEqual([]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const analysis = JSON.parse(await readFile(run.outputs['analysis-file']!, 'utf8'));
    expect(run.outputs).toMatchObject({
      result: 'fail',
      'new-count': String(analysis.summary.by_status.new),
      'unchanged-count': '0',
      'fixed-count': '0',
      'suppressed-count': '0',
      'max-severity': 'critical',
      'sarif-id': repository.sarifs[0]!.id,
      'comment-url': `https://github.com/octo-org/shop/pull/7#issuecomment-${ours()[0]!.id}`,
    });
    expect(Number(run.outputs['new-count'])).toBeGreaterThan(50);
    // On a pull request the gate counts new findings only (no gate-on given anywhere).
    expect(analysis.gate.considered).toBe('new');
    expect(repository.sarifs[0]).toMatchObject({ commitSha: 'a'.repeat(40), ref: 'refs/pull/7/merge' });
    expect(JSON.parse(await readFile(run.outputs['sarif-file']!, 'utf8'))).toEqual(repository.sarifs[0]!.sarif);
    expect(ours()).toHaveLength(1);
    expect(ours()[0]!.body).toContain(`fail the gate`);
    expect(ours()[0]!.body).toContain('[run](https://github.com/octo-org/shop/actions/runs/4242)');
    expect(run.summary).toMatch(/^## ❌ secloop analyze: fail/);
    expect(run.summary).toContain(`SARIF uploaded to code scanning (id ${repository.sarifs[0]!.id}, complete).`);
    expect(run.summary).toContain(`PR comment created: ${run.outputs['comment-url']}`);
    const annotations = run.stdout.split('\n').filter((l) => /^::(error|warning|notice) title=/.test(l));
    expect(annotations.length).toBe(50);
    expect(run.stdout).toMatch(/::error::secloop analyze: \d+ new finding\(s\) at or above high fail the gate/);
  });

  it('the same PR made clean: the comment flips to resolved in place and the step passes', async () => {
    const run = await runner('clean', { in: scanDir, baseline: scanDir });
    expect(checker.violations).toEqual([]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.outputs).toMatchObject({ result: 'pass', 'new-count': '0', 'sarif-id': '' });
    expect(Number(run.outputs['unchanged-count'])).toBeGreaterThan(50);
    expect(ours()).toHaveLength(1);
    expect(ours()[0]!.body).toMatch(/^<!-- secloop-analyze:default -->\n### ✅ secloop: resolved/);
    expect(run.outputs['comment-url']).toBe(`https://github.com/octo-org/shop/pull/7#issuecomment-${ours()[0]!.id}`);
    expect(run.summary).toContain('PR comment updated');
  });

  it('a push gates on all findings; no PR, so no comment', async () => {
    const before = fake.requests.length;
    const run = await runner('push', { in: scanDir, baseline: scanDir }, { name: 'push', payload: { ref: 'refs/heads/main' } });
    expect(run.status).toBe(1);
    expect(run.outputs.result).toBe('fail');
    expect(JSON.parse(await readFile(run.outputs['analysis-file']!, 'utf8')).gate.considered).toBe('all');
    expect(fake.requests.length).toBe(before);
  });

  it('a refused comment fails a passing gate, naming the permission', async () => {
    repository.refuse.set('issues/update-comment', { status: 403, message: 'Resource not accessible by integration' });
    try {
      const run = await runner('refused', { in: scanDir, baseline: scanDir, 'comment-mode': 'always', 'fail-on-severity': 'critical' });
      expect(checker.violations).toEqual([]);
      expect(run.status).toBe(1);
      expect(run.outputs.result).toBe('error');
      expect(run.stdout).toMatch(/::error::secloop analyze: updating comment \d+ on octo-org\/shop#7 failed: GitHub answered "Resource not accessible by integration": .*`pull-requests: write`/);
      expect(run.summary).toContain('**Reporting problems:**');
    } finally {
      repository.refuse.clear();
    }
  });

  it('a bad input is a configuration error naming it, and result error', async () => {
    const run = await runner('bad-input', { in: scanDir, 'comment-mode': 'sometimes' });
    expect(run.status).toBe(1);
    expect(run.outputs.result).toBe('error');
    expect(run.stdout).toMatch(/::error::secloop analyze: configuration error: input 'comment-mode' is "sometimes"; expected one of always, on-failure, never/);
  });

  it('without `in` outside a workflow run, says what to give', async () => {
    const run = await runner('no-input', {});
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/::error::secloop analyze: configuration error: in: nothing to analyse/);
  });
});

describe('analyze inputs and outputs are declared in action.yml', () => {
  const read = inputsReadBy(path.join(REPO_ROOT, 'actions/analyze/src'));
  // An alias the CLI accepts for fail-on-severity (grype's name); the action declares one name per setting.
  read.delete('severity-cutoff');
  const action = load(readFileSync(path.join(REPO_ROOT, 'actions/analyze/action.yml'), 'utf8')) as {
    inputs: Record<string, { description: string; default?: string }>;
    outputs: Record<string, { description: string }>;
    runs: { using: string; main: string };
  };

  it('declares every input the code reads, each with a description, and none that nothing reads', () => {
    expect(read.size).toBeGreaterThan(15);
    expect([...read].filter((name) => !(name in action.inputs))).toEqual([]);
    expect(Object.keys(action.inputs).filter((name) => !read.has(name))).toEqual([]);
    for (const [name, input] of Object.entries(action.inputs)) expect(`${name}: ${input.description.length > 20}`).toBe(`${name}: true`);
  });

  it('sets no default that would override secloop.yml (only the token has one)', () => {
    expect(Object.entries(action.inputs).filter(([, i]) => i.default !== undefined)).toEqual([['github-token', { description: expect.any(String), required: false, default: '${{ github.token }}' }]]);
  });

  it('declares every output main.ts sets', () => {
    const main = readFileSync(path.join(REPO_ROOT, 'actions/analyze/src/main.ts'), 'utf8');
    const block = /setOutputs\(\{([\s\S]*?)\}\);/.exec(main)![1]!;
    const set = [...block.matchAll(/^\s*'?([a-z-]+)'?[:,]/gm)].map((m) => m[1]!);
    expect(set.length).toBeGreaterThan(10);
    expect(set.filter((name) => !(name in action.outputs)).sort()).toEqual([]);
    expect(Object.keys(action.outputs).filter((name) => !set.includes(name))).toEqual([]);
  });

  it('runs on node24 from the bundle', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
  });
});
