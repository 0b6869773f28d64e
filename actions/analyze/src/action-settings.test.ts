import { describe, expect, it } from '@jest/globals';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Inputs } from '../../../src/shared/inputs.js';
import { gateOnForEvent, readRunEvent, reportSettings, workflowFile } from './action-settings.js';
import { resolveSettings } from './pipeline/config.js';

async function workspaceWith(config?: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'secloop-action-settings-'));
  if (config !== undefined) await writeFile(path.join(dir, 'secloop.yml'), config);
  return dir;
}

async function gateOn(values: Record<string, string>, env: NodeJS.ProcessEnv, config: string | undefined, eventName: string) {
  const inputs = new Inputs((name) => values[name]);
  const workspace = await workspaceWith(config);
  const settings = await resolveSettings({ inputs, env, workspace });
  return gateOnForEvent(settings, inputs, env, { name: eventName });
}

describe('the action\'s settings', () => {
  it('gate-on: input > SECLOOP_GATE_ON > secloop.yml > new on pull requests, all otherwise', async () => {
    expect(await gateOn({}, {}, undefined, 'pull_request')).toBe('new');
    expect(await gateOn({}, {}, undefined, 'pull_request_target')).toBe('new');
    expect(await gateOn({}, {}, undefined, 'push')).toBe('all');
    expect(await gateOn({}, {}, undefined, 'schedule')).toBe('all');
    expect(await gateOn({}, {}, 'gate-on: all\n', 'pull_request')).toBe('all');
    expect(await gateOn({}, {}, 'gate-on: new\n', 'push')).toBe('new');
    expect(await gateOn({}, {}, 'fail-on-severity: critical\n', 'push')).toBe('all');
    expect(await gateOn({}, { SECLOOP_GATE_ON: 'new' }, 'gate-on: all\n', 'push')).toBe('new');
    expect(await gateOn({ 'gate-on': 'all' }, { SECLOOP_GATE_ON: 'new' }, 'gate-on: new\n', 'pull_request')).toBe('all');
  });

  it('reads the pull request from the event payload, and names a broken one', async () => {
    const dir = await workspaceWith();
    const event = path.join(dir, 'event.json');
    await writeFile(event, JSON.stringify({ pull_request: { number: 12, base: { ref: 'main' }, head: { sha: 'f'.repeat(40) } } }));
    expect(await readRunEvent({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: event })).toEqual({
      name: 'pull_request',
      pullRequest: { number: 12, baseRef: 'main', headSha: 'f'.repeat(40) },
    });
    expect(await readRunEvent({ GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: event })).toEqual({ name: 'push' });
    await writeFile(event, '{"pull_request": {}}');
    await expect(readRunEvent({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: event })).rejects.toThrow(`${event} (pull_request.number): a pull_request event without pull_request.number`);
    await writeFile(event, '{not json');
    await expect(readRunEvent({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: event })).rejects.toThrow(/the event payload cannot be read/);
  });

  it('report inputs: defaults, and bad values named', () => {
    expect(reportSettings(new Inputs(() => undefined))).toEqual({ commentMode: 'on-failure', uploadSarif: false, baselineFromBranch: false });
    const values: Record<string, string> = { 'comment-mode': 'ALWAYS', 'upload-sarif': 'true', 'sarif-category': 'backend/api', 'baseline-from-branch': 'yes' };
    expect(reportSettings(new Inputs((n) => values[n]))).toEqual({ commentMode: 'always', uploadSarif: true, sarifCategory: 'backend/api', baselineFromBranch: true });
    expect(() => reportSettings(new Inputs((n) => ({ 'upload-sarif': 'maybe' })[n]))).toThrow(`input 'upload-sarif' is "maybe"; expected true or false`);
    expect(() => reportSettings(new Inputs((n) => ({ 'sarif-category': 'a -->b' })[n]))).toThrow(/input 'sarif-category'/);
  });

  it('the workflow file of the run, for the baseline run lookup', () => {
    expect(workflowFile({ GITHUB_WORKFLOW_REF: 'octo-org/shop/.github/workflows/security.yml@refs/pull/7/merge' })).toBe('security.yml');
    expect(workflowFile({})).toBeUndefined();
  });
});
