import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigurationError, errorMessage, isUserError } from '../../../src/shared/errors.js';
import { actionInputs, actionsLogger, annotate, fail, runContext, setOutputs, writeSummary } from '../../../src/shared/actions/runtime.js';
import { ActionsArtifactStore } from '../../../src/shared/artifacts/actions-store.js';
import { createGitHubClient, type GitHubClient } from '../../../src/shared/github/octokit.js';
import type { Logger } from '../../../src/shared/logger.js';
import type { Inputs } from '../../../src/shared/inputs.js';
import { gateOnForEvent, readRunEvent, reportSettings, workflowFile, type RunEvent } from './action-settings.js';
import { policyDecider } from './decider.js';
import { loadBaseline, type Baseline } from './pipeline/baseline.js';
import { downloadBaselineRun } from './pipeline/baseline-run.js';
import { resolveSettings, type AnalyzeSettings } from './pipeline/config.js';
import { runAnalysis } from './pipeline/run.js';
import { renderAnalysisSummary } from './pipeline/summary.js';
import { annotationsFor } from './report/annotations.js';
import { renderJobSummary } from './report/job-summary.js';
import { publishReports } from './report/publish.js';
import { analysisToSarif } from './report/sarif.js';

export const SARIF_FILE = 'analysis.sarif';

function githubClient(inputs: Inputs, env: NodeJS.ProcessEnv, logger: Logger): { client?: GitHubClient; token?: string } {
  const token = inputs.optional('github-token') ?? env.GITHUB_TOKEN?.trim();
  if (!token) return {};
  return { client: createGitHubClient(token, { logger, ...(env.GITHUB_API_URL ? { baseUrl: env.GITHUB_API_URL } : {}) }), token };
}

/** The base branch's latest successful run, as the baseline (baseline-from-branch: true). */
async function baselineFromBranch(
  github: { client?: GitHubClient; token?: string },
  env: NodeJS.ProcessEnv,
  event: RunEvent,
  outDir: string,
  logger: Logger,
): Promise<Baseline | undefined> {
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  const branch = event.pullRequest?.baseRef ?? env.GITHUB_REF_NAME;
  if (!github.client || !github.token) throw new ConfigurationError('baseline-from-branch needs a token (github-token, with actions: read)', 'baseline-from-branch');
  if (!owner || !repo || !branch) throw new ConfigurationError('baseline-from-branch needs GITHUB_REPOSITORY and a branch (the PR base or GITHUB_REF_NAME)', 'baseline-from-branch');
  const workflowId = workflowFile(env);
  const found = await downloadBaselineRun(github.client, new ActionsArtifactStore(), {
    owner,
    repo,
    branch,
    ...(workflowId ? { workflowId } : {}),
    ...(env.GITHUB_RUN_ID ? { excludeRunId: Number(env.GITHUB_RUN_ID) } : {}),
    token: github.token,
    destination: path.join(outDir, 'baseline'),
  });
  if (!found || found.directories.length === 0) {
    // A first PR, or the base branch's artifacts expired: every finding counts as new, and the summary says so.
    logger.warning(`no baseline: ${found ? `run ${found.run.url} on ${branch} has no secloop-scan artifacts (expired?)` : `no successful run on ${branch}`}; every finding counts as new`);
    return undefined;
  }
  logger.info(`baseline: run ${found.run.url} (${found.run.headSha.slice(0, 7)}) on ${branch}`);
  return loadBaseline(found.root);
}

/**
 * The analyze action. Everything stays inside the try: a bad input is reported as the user's error (naming
 * the input), anything else as a failure of secloop; neither, and no undelivered report, is ever a pass.
 */
export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const logger = actionsLogger();
  logger.info('secloop analyze starting');
  try {
    const inputs = actionInputs();
    const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
    const outDir = path.resolve(workspace, inputs.optional('out') ?? path.join(env.RUNNER_TEMP ?? path.join(workspace, '.secloop'), 'secloop-analyze'));
    const event = await readRunEvent(env);
    const report = reportSettings(inputs);
    const resolved = await resolveSettings({ inputs, env, workspace });
    const settings: AnalyzeSettings = { ...resolved, gateOn: await gateOnForEvent(resolved, inputs, env, event) };
    for (const warning of settings.warnings) logger.warning(warning);
    const policyFile = inputs.optional('policy-file');
    const { decide } = await policyDecider({
      ...(policyFile ? { policyFile: path.resolve(workspace, policyFile) } : {}),
      testEnvironment: inputs.boolean('test-environment', false),
    });

    // `in` (directories) for local runs and tests; otherwise this run's artifacts, which need the runner's token.
    const inputDirs = inputs.list('in').map((d) => path.resolve(workspace, d));
    if (inputDirs.length === 0 && !env.ACTIONS_RUNTIME_TOKEN) {
      throw new ConfigurationError('nothing to analyse: outside a workflow run there are no artifacts; give the scan output directories', 'in');
    }
    const artifacts =
      inputDirs.length === 0
        ? {
            store: new ActionsArtifactStore(),
            pattern: inputs.optional('artifact-pattern') ?? 'secloop-scan-*',
            downloadDir: path.join(outDir, 'inputs'),
            ...(inputs.optional('expected-artifacts') ? { expected: inputs.positiveInteger('expected-artifacts', 1) } : {}),
          }
        : undefined;

    const github = githubClient(inputs, env, logger);
    const baseline = report.baselineFromBranch && !settings.baseline ? await baselineFromBranch(github, env, event, outDir, logger) : undefined;

    const { document, outputs } = await runAnalysis({
      inputDirs,
      ...(artifacts ? { artifacts } : {}),
      outDir,
      settings,
      decide,
      ...(baseline ? { baseline } : {}),
      correlationId: inputs.optional('correlation-id'),
      context: runContext(env),
      logger,
    });
    logger.info(renderAnalysisSummary(document));

    const sarif = analysisToSarif(document, report.sarifCategory ? { category: report.sarifCategory } : {});
    const sarifFile = path.join(outDir, SARIF_FILE);
    await writeFile(sarifFile, JSON.stringify(sarif, null, 2));
    annotate(annotationsFor(document));

    const runUrl = env.GITHUB_RUN_ID && env.GITHUB_REPOSITORY ? `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : undefined;
    const published = await publishReports(document, {
      ...(github.client ? { client: github.client } : {}),
      ...(env.GITHUB_REPOSITORY ? { repository: env.GITHUB_REPOSITORY } : {}),
      ...(event.pullRequest ? { pullRequest: event.pullRequest.number } : {}),
      ...(env.GITHUB_SHA ? { sha: env.GITHUB_SHA } : {}),
      ...(env.GITHUB_REF ? { ref: env.GITHUB_REF } : {}),
      ...(report.sarifCategory ? { category: report.sarifCategory } : {}),
      ...(runUrl ? { runUrl } : {}),
      commentMode: report.commentMode,
      uploadSarif: report.uploadSarif,
      sarif,
      logger,
    });
    await writeSummary(
      renderJobSummary(document, {
        ...(published.sarifNote ? { sarif: published.sarifNote } : {}),
        ...(published.commentNote ? { comment: published.commentNote } : {}),
        problems: published.problems,
      }),
    );

    const s = document.summary;
    // The gate passed but a report could not be delivered: not a pass.
    const result = s.result === 'pass' && published.problems.length > 0 ? 'error' : s.result;
    setOutputs({
      result,
      'new-count': s.by_status.new,
      'unchanged-count': s.by_status.unchanged,
      'fixed-count': s.by_status.fixed,
      'suppressed-count': s.suppressed,
      'max-severity': s.max_severity,
      'analysis-file': outputs.analysis,
      'sarif-file': sarifFile,
      'sarif-id': published.sarifId ?? '',
      'comment-url': published.commentUrl ?? '',
      'correlation-id': document.run.correlation_id,
    });
    const messages: string[] = [];
    if (s.result === 'error') messages.push(`the analysis is incomplete: ${document.errors.join('; ')}`);
    if (s.result === 'fail') messages.push(`${document.gate.failing.length} ${document.gate.considered === 'new' ? 'new ' : ''}finding(s) at or above ${document.gate.threshold} fail the gate`);
    messages.push(...published.problems);
    if (messages.length > 0) fail(`secloop analyze: ${messages.join('\n')}`);
  } catch (error) {
    setOutputs({ result: 'error' });
    if (isUserError(error)) fail(`secloop analyze: configuration error: ${errorMessage(error)}`);
    else fail(`secloop analyze failed (this is a bug or an outage, not a finding): ${errorMessage(error)}`);
    if (!(error instanceof ConfigurationError) && error instanceof Error && error.stack) logger.debug(error.stack);
  }
}
