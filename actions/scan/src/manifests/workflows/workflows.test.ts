import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { REPO_ROOT } from '../../../../../test/corpus.js';
import { assertFindingsValid, runOnTexts } from '../../scanners/testing.js';
import { workflowScanner } from './scanner.js';

async function scan(files: Record<string, string>) {
  const result = await runOnTexts(workflowScanner(), files);
  assertFindingsValid(result.findings);
  return result;
}

const rows = (findings: { rule: { id: string }; location: { start_line?: number }; severity: string }[]) =>
  findings.map((f) => [f.rule.id.replace('secloop.workflow.', ''), f.location.start_line, f.severity]);

/** An issue-triage workflow of the kind GitHub Security Lab keeps finding: the title goes into the shell. */
const TRIAGE = `name: Triage
on:
  issues:
    types: [opened, edited]
jobs:
  label:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Classify
        run: |
          echo "New issue #\${{ github.event.issue.number }}"
          echo "Title: \${{ github.event.issue.title }}" >> "$GITHUB_STEP_SUMMARY"
          ./scripts/classify.sh "\${{ github.event.issue.body }}"
      - uses: peter-evans/create-or-update-comment@main
        with:
          issue-number: \${{ github.event.issue.number }}
          body: Thanks for the report!
      - uses: actions/github-script@v7
        with:
          script: |
            const title = "\${{ github.event.issue.title }}";
            await github.rest.issues.addLabels({ ...context.repo, issue_number: context.issue.number, labels: [title.split(' ')[0]] });
`;

/** The same triage done safely: values through env, everything pinned, least privilege. */
const TRIAGE_SAFE = `name: Triage
on:
  issues:
    types: [opened, edited]
permissions:
  contents: read
jobs:
  label:
    runs-on: ubuntu-latest
    permissions:
      issues: write
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
      - name: Classify
        env:
          TITLE: \${{ github.event.issue.title }}
          BODY: \${{ github.event.issue.body }}
        run: |
          echo "New issue #\${{ github.event.issue.number }} by \${{ github.actor }} at \${{ github.event.issue.created_at }}"
          echo "Title: $TITLE" >> "$GITHUB_STEP_SUMMARY"
          ./scripts/classify.sh "$BODY"
      - uses: ./.github/actions/label
      - uses: docker://ghcr.io/org/labeler@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
      - uses: actions/github-script@60a0d83039c74a4aee543508d2ffcb1c3799cdea # v7.0.1
        with:
          script: |
            const title = context.payload.issue.title;
            core.info(\`labelling \${title}\`);
`;

/** A "pwn request": the fork's code is checked out and built with the base repository's secrets. */
const PWN_REQUEST = `name: Preview
on:
  pull_request_target:
    types: [opened, synchronize]
permissions:
  contents: read
  pull-requests: write
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683
        with:
          ref: \${{ github.event.pull_request.head.sha }}
      - uses: actions/setup-node@39370e3970a6d050c480ffad4ff0ed4d3fdee5af
        with:
          node-version: 20
      - run: npm ci && npm run build
        env:
          DEPLOY_TOKEN: \${{ secrets.DEPLOY_TOKEN }}
      - run: echo "Preview for \${{ github.head_ref }}"
  label:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683
      - uses: actions/labeler@8558fd74291d67161a8a78ce36a881fa63b766a9
`;

describe('workflows scanner', () => {
  test('flags script injection, unpinned actions and missing permissions in an issue workflow', async () => {
    const { findings, examined } = await scan({ '.github/workflows/triage.yml': TRIAGE });
    expect(examined).toBe(1);
    expect(rows(findings)).toEqual([
      ['permissions', 6, 'medium'],
      ['unpinned-action', 9, 'low'],
      ['script-injection', 13, 'critical'],
      ['script-injection', 14, 'critical'],
      ['unpinned-action', 15, 'high'],
      ['unpinned-action', 19, 'low'],
      ['script-injection', 22, 'critical'],
    ]);
    expect(findings.find((f) => f.location.start_line === 13)!.message).toBe(
      'step "Classify" of job label expands github.event.issue.title into its run script; an outsider controls that text. Pass it via env: and quote the variable.',
    );
    expect(findings.find((f) => f.location.start_line === 15)!.message).toContain('peter-evans/create-or-update-comment by branch main');
    for (const f of findings) {
      expect(f.kind).toBe('workflow');
      expect(f.event_type).toBe('misconfiguration.workflow');
    }
  });

  test('the safe triage workflow (env indirection, SHA pins, local and digest-pinned actions) is clean', async () => {
    const { findings, examined } = await scan({ '.github/workflows/triage.yml': TRIAGE_SAFE });
    expect(examined).toBe(1);
    expect(findings).toEqual([]);
  });

  test('pull_request_target checking out the PR head and then running it is critical', async () => {
    const { findings } = await scan({ '.github/workflows/preview.yml': PWN_REQUEST });
    expect(rows(findings)).toEqual([
      ['untrusted-checkout', 14, 'critical'],
      ['script-injection', 21, 'critical'],
    ]);
    expect(findings[0]!.message).toBe(
      'job build checks out the pull request head (step 1) in a pull_request_target workflow and then runs code from it (step 3, line 18).',
    );
  });

  test('workflow_run: a head checkout followed by a local action; checkout alone is reported lower; base checkout is fine', async () => {
    const text = `on:
  workflow_run:
    workflows: [CI]
    types: [completed]
permissions: read-all
jobs:
  report:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683
        with:
          repository: \${{ github.event.workflow_run.head_repository.full_name }}
          ref: \${{ github.event.workflow_run.head_sha }}
      - uses: ./.github/actions/coverage-report
  inspect:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683
        with:
          ref: \${{ github.event.workflow_run.head_branch }}
          path: pr
      - uses: actions/upload-artifact@ea165f8d65b6e75b540449e92b4886f43607fa02
  base:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683
      - run: ./scripts/report.sh
`;
    const { findings } = await scan({ '.github/workflows/report.yml': text });
    expect(rows(findings)).toEqual([
      ['untrusted-checkout', 13, 'critical'],
      ['untrusted-checkout', 20, 'medium'],
    ]);
  });

  test('a plain pull_request workflow checking out the head is not a privileged checkout', async () => {
    const text = `on: [pull_request]
permissions: {contents: read}
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683
        with:
          ref: \${{ github.event.pull_request.head.sha }}
      - run: make test
      - run: echo "branch \${{ github.head_ref }}"
`;
    const { findings } = await scan({ '.github/workflows/test.yaml': text });
    // Fork PRs run without secrets here, but the branch name is still code in the script.
    expect(rows(findings)).toEqual([['script-injection', 11, 'high']]);
  });

  test('permissions: write-all at either level, and jobs left without any', async () => {
    const text = `on: push
permissions: write-all
jobs:
  a:
    runs-on: ubuntu-latest
    steps: [{run: make}]
`;
    const perJob = `on: push
jobs:
  release:
    permissions: write-all
    runs-on: ubuntu-latest
    steps: [{run: make release}]
  scoped:
    permissions: {contents: read}
    runs-on: ubuntu-latest
    steps: [{run: make}]
  reuse:
    uses: org/shared/.github/workflows/build.yml@v2
`;
    const { findings } = await scan({ '.github/workflows/a.yml': text, '.github/workflows/b.yml': perJob });
    expect(findings.map((f) => [f.location.path, ...rows([f])[0]!])).toEqual([
      ['.github/workflows/a.yml', 'permissions', 2, 'high'],
      ['.github/workflows/b.yml', 'permissions', 4, 'high'],
      ['.github/workflows/b.yml', 'permissions', 11, 'medium'],
      ['.github/workflows/b.yml', 'unpinned-action', 12, 'medium'],
    ]);
    expect(findings[3]!.message).toBe('job reuse (reusable workflow) uses org/shared/.github/workflows/build.yml by tag v2, which can be moved to other code; pin a full commit SHA.');
  });

  test('composite actions: injected event fields and unpinned actions; Docker actions by tag', async () => {
    const composite = `name: Comment on PR
description: Posts a comment
runs:
  using: composite
  steps:
    - uses: actions/setup-python@v5
    - shell: bash
      run: python comment.py --title "\${{ github.event.pull_request.title }}" --sha "\${{ github.event.pull_request.head.sha }}"
    - uses: someone/post-comment@a1b2c3d
`;
    const docker = `name: Lint
runs:
  using: docker
  image: docker://ghcr.io/org/linter:1.4
`;
    const { findings } = await scan({ 'tools/comment/action.yml': composite, 'tools/lint/action.yaml': docker, 'tools/node/action.yml': 'name: n\nruns:\n  using: node20\n  main: dist/index.js\n' });
    expect(findings.map((f) => [f.location.path, ...rows([f])[0]!])).toEqual([
      ['tools/comment/action.yml', 'unpinned-action', 6, 'low'],
      ['tools/comment/action.yml', 'script-injection', 8, 'high'],
      ['tools/comment/action.yml', 'unpinned-action', 9, 'medium'],
      ['tools/lint/action.yaml', 'unpinned-action', 4, 'medium'],
    ]);
    expect(findings[2]!.message).toContain('by an abbreviated SHA (a1b2c3d)');
    expect(findings.some((f) => f.message.includes('head.sha'))).toBe(false);
  });

  test("this repository's own CI workflow and action definitions come out clean", async () => {
    const files: Record<string, string> = {};
    for (const rel of ['.github/workflows/ci.yml', 'actions/scan/action.yml']) files[rel] = await readFile(path.join(REPO_ROOT, rel), 'utf8');
    const { findings, examined, warnings } = await scan(files);
    expect(examined).toBe(2);
    expect(warnings).toEqual([]);
    expect(findings).toEqual([]);
  });

  test('fingerprints survive inserted steps and lines; the same action in two jobs is two findings', async () => {
    const before = await scan({ '.github/workflows/t.yml': TRIAGE });
    const edited = TRIAGE.replace('    steps:\n', '    steps:\n      - name: Harden\n        run: echo hardening\n').replace('name: Triage\n', 'name: Triage\n# owned by the support team\n');
    const after = await scan({ '.github/workflows/t.yml': edited });
    expect(after.findings.map((f) => f.fingerprint).sort()).toEqual(before.findings.map((f) => f.fingerprint).sort());
    expect(after.findings[1]!.location.start_line).toBe(before.findings[1]!.location.start_line! + 3);
    const twoJobs = await scan({ '.github/workflows/two.yml': 'on: push\npermissions: {}\njobs:\n  a:\n    steps: [{uses: foo/bar@v1}]\n  b:\n    steps: [{uses: foo/bar@v1}]\n' });
    expect(new Set(twoJobs.findings.map((f) => f.fingerprint)).size).toBe(2);
  });

  test('only workflow folders and action definitions are wanted; bad files become warnings', async () => {
    const scanner = workflowScanner();
    expect(scanner.wants('.github/workflows/ci.yml', 'ci.yml')).toBe(true);
    expect(scanner.wants('apps/web/.github/workflows/deploy.yaml', 'deploy.yaml')).toBe(true);
    expect(scanner.wants('.github/dependabot.yml', 'dependabot.yml')).toBe(false);
    expect(scanner.wants('deploy/k8s.yaml', 'k8s.yaml')).toBe(false);
    const { warnings, errors, examined } = await scan({
      '.github/workflows/broken.yml': 'on: push\njobs:\n  a:\n    steps:\n      - run: echo "unterminated\n    - bad indent\n',
      '.github/workflows/list.yml': '- just\n- a list\n',
      '.github/workflows/bomb.yml': `on: push\njobs: ${'{a: '.repeat(300)}x${'}'.repeat(300)}\n`,
    });
    expect(errors).toEqual([]);
    expect(examined).toBe(0);
    const byFile = Object.fromEntries(warnings.map((w) => [w.file, w.reason]));
    expect(byFile['.github/workflows/broken.yml']).toMatch(/^YAML document does not parse/);
    expect(byFile['.github/workflows/list.yml']).toBe('not a workflow (no mapping at the top)');
    expect(byFile['.github/workflows/bomb.yml']).toBe('not analysed: flow collections nested 257 levels deep (limit 256)');
  });
});
