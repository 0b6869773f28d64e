import * as core from '@actions/core';
import { Inputs } from '../inputs.js';
import type { Logger } from '../logger.js';
import type { RunMetadata } from '../contracts/findings.js';

/**
 * The only module (with the entry points) that touches @actions/core: everything else takes a Logger and an
 * Inputs, so it runs the same under the CLI and in tests.
 */
export function actionsLogger(): Logger {
  return {
    debug: (m) => core.debug(m),
    info: (m) => core.info(m),
    warning: (m, loc) => core.warning(m, loc?.file ? { file: loc.file, startLine: loc.line } : undefined),
    error: (m, loc) => core.error(m, loc?.file ? { file: loc.file, startLine: loc.line } : undefined),
    group: (name, body) => core.group(name, body),
  };
}

export function actionInputs(): Inputs {
  return new Inputs((name) => core.getInput(name));
}

/** What the runner tells us about this run; the matrix comes in as an input (`matrix: ${{ toJson(matrix) }}`). */
export function runContext(env: NodeJS.ProcessEnv, matrix?: string): Partial<Pick<RunMetadata, 'repository' | 'ref' | 'sha' | 'workflow_run'>> {
  const context: Partial<Pick<RunMetadata, 'repository' | 'ref' | 'sha' | 'workflow_run'>> = {};
  if (env.GITHUB_REPOSITORY) context.repository = env.GITHUB_REPOSITORY;
  if (env.GITHUB_REF) context.ref = env.GITHUB_REF;
  if (env.GITHUB_SHA) context.sha = env.GITHUB_SHA;
  if (env.GITHUB_RUN_ID) {
    context.workflow_run = { id: env.GITHUB_RUN_ID };
    if (env.GITHUB_RUN_ATTEMPT) context.workflow_run.attempt = env.GITHUB_RUN_ATTEMPT;
    if (env.GITHUB_JOB) context.workflow_run.job = env.GITHUB_JOB;
    if (matrix && matrix !== 'null') context.workflow_run.matrix = matrix;
  }
  return context;
}

/** GitHub shows at most 10 error and 10 warning annotations per step, 50 per job: send the most severe. */
export const MAX_ANNOTATIONS = 50;

export function annotate(items: { level: 'error' | 'warning' | 'notice'; message: string; title: string; file: string; line?: number }[]): void {
  for (const item of items.slice(0, MAX_ANNOTATIONS)) {
    const props = { title: item.title, file: item.file, ...(item.line ? { startLine: item.line } : {}) };
    if (item.level === 'error') core.error(item.message, props);
    else if (item.level === 'warning') core.warning(item.message, props);
    else core.notice(item.message, props);
  }
}

export function setOutputs(outputs: Record<string, string | number>): void {
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, String(value));
}

export async function writeSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  await core.summary.addRaw(markdown).write();
}

export function fail(message: string): void {
  core.setFailed(message);
}

export function mask(secret: string): void {
  core.setSecret(secret);
}
