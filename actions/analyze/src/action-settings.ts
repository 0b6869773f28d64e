/**
 * What the action reads besides the analysis settings (pipeline/config.ts): the event it runs for, and the
 * reporting inputs. Bad values are ConfigurationErrors naming the input, raised before any work is done.
 */
import { readFile } from 'node:fs/promises';
import { ConfigurationError, errorMessage } from '../../../src/shared/errors.js';
import type { Inputs } from '../../../src/shared/inputs.js';
import { parseConfigFile, type AnalyzeSettings } from './pipeline/config.js';
import type { CommentMode } from './report/pr-comment.js';

export interface RunEvent {
  name: string;
  /** Set on pull_request and pull_request_target events. */
  pullRequest?: { number: number; baseRef?: string; headSha?: string };
}

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);

/** The event from GITHUB_EVENT_NAME and the payload at GITHUB_EVENT_PATH (absent outside Actions). */
export async function readRunEvent(env: NodeJS.ProcessEnv): Promise<RunEvent> {
  const name = env.GITHUB_EVENT_NAME ?? '';
  if (!PULL_REQUEST_EVENTS.has(name) || !env.GITHUB_EVENT_PATH) return { name };
  let payload: { pull_request?: { number?: unknown; base?: { ref?: unknown }; head?: { sha?: unknown } } };
  try {
    payload = JSON.parse(await readFile(env.GITHUB_EVENT_PATH, 'utf8')) as typeof payload;
  } catch (error) {
    throw new ConfigurationError(`the event payload cannot be read: ${errorMessage(error)}`, env.GITHUB_EVENT_PATH, 'GITHUB_EVENT_PATH');
  }
  const pr = payload.pull_request;
  if (!pr || typeof pr.number !== 'number') throw new ConfigurationError(`a ${name} event without pull_request.number`, env.GITHUB_EVENT_PATH, 'pull_request.number');
  return {
    name,
    pullRequest: {
      number: pr.number,
      ...(typeof pr.base?.ref === 'string' ? { baseRef: pr.base.ref } : {}),
      ...(typeof pr.head?.sha === 'string' ? { headSha: pr.head.sha } : {}),
    },
  };
}

export function isPullRequest(event: RunEvent): boolean {
  return PULL_REQUEST_EVENTS.has(event.name);
}

/**
 * gate-on when nobody chose it (no input, no SECLOOP_GATE_ON, nothing in secloop.yml): only new findings on
 * a pull request — the change is judged by what it adds — and all of them on a push or a schedule, where
 * there is nothing to compare with.
 */
export async function gateOnForEvent(settings: AnalyzeSettings, inputs: Inputs, env: NodeJS.ProcessEnv, event: RunEvent): Promise<AnalyzeSettings['gateOn']> {
  if (inputs.optional('gate-on') || env.SECLOOP_GATE_ON?.trim()) return settings.gateOn;
  if (settings.configFile) {
    const file = parseConfigFile(await readFile(settings.configFile, 'utf8'), settings.configFile);
    if (file.gateOn) return file.gateOn;
  }
  return isPullRequest(event) ? 'new' : 'all';
}

export interface ReportSettings {
  commentMode: CommentMode;
  uploadSarif: boolean;
  sarifCategory?: string;
  baselineFromBranch: boolean;
}

export function reportSettings(inputs: Inputs): ReportSettings {
  const category = inputs.optional('sarif-category');
  if (category && /[\s<>]|--/.test(category)) {
    throw new ConfigurationError(`input 'sarif-category' is ${JSON.stringify(category)}; use letters, digits, / . _ - without spaces`);
  }
  return {
    commentMode: inputs.enumOf('comment-mode', ['always', 'on-failure', 'never'] as const, 'on-failure'),
    uploadSarif: inputs.boolean('upload-sarif', false),
    ...(category ? { sarifCategory: category } : {}),
    baselineFromBranch: inputs.boolean('baseline-from-branch', false),
  };
}

/** The workflow file of this run (GITHUB_WORKFLOW_REF: owner/repo/.github/workflows/security.yml@ref). */
export function workflowFile(env: NodeJS.ProcessEnv): string | undefined {
  const ref = env.GITHUB_WORKFLOW_REF?.split('@')[0];
  const match = ref ? /\/\.github\/workflows\/([^/]+)$/.exec(ref) : null;
  return match?.[1];
}
