import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseOutputFile } from './action-util.js';
import { REPO_ROOT } from './corpus.js';

async function runnerFiles() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'secloop-runner-'));
  const files = { output: path.join(dir, 'output'), summary: path.join(dir, 'summary'), temp: path.join(dir, 'tmp') };
  await writeFile(files.output, '');
  await writeFile(files.summary, '');
  await mkdir(files.temp);
  return { dir, ...files };
}

describe('the scan action as the runner starts it', () => {
  it('runs the committed ESM bundle with node, writing outputs and the job summary', async () => {
    const runner = await runnerFiles();
    const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'actions/scan/dist/index.js')], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH,
        GITHUB_WORKSPACE: REPO_ROOT,
        GITHUB_OUTPUT: runner.output,
        GITHUB_STEP_SUMMARY: runner.summary,
        RUNNER_TEMP: runner.temp,
        'INPUT_PATH': 'examples/apps',
        'INPUT_OFFLINE-DB': 'examples/osv-db',
        'INPUT_UPLOAD-ARTIFACT': 'false',
      },
      timeout: 60_000,
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const outputs = parseOutputFile(await readFile(runner.output, 'utf8'));
    expect(outputs.result).toBe('pass');
    expect(Number(outputs['findings-count'])).toBeGreaterThan(0);
    expect(outputs['max-severity']).toBe('critical');
    expect(existsSync(outputs['sarif-file']!)).toBe(true);
    // Annotations name the lockfile lines (workflow commands on stdout).
    expect(result.stdout).toMatch(/::error title=[^,]+,file=examples\/apps\/[^,]+,line=\d+::/);
    expect(await readFile(runner.summary, 'utf8')).toMatch(/secloop scan: pass/);
  });

  it('fails the step with a configuration error naming the input', async () => {
    const runner = await runnerFiles();
    const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'actions/scan/dist/index.js')], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH,
        GITHUB_WORKSPACE: REPO_ROOT,
        GITHUB_OUTPUT: runner.output,
        RUNNER_TEMP: runner.temp,
        'INPUT_PATH': 'examples/apps',
        'INPUT_OFFLINE-DB': 'examples/osv-db',
        'INPUT_FAIL-ON-SEVERITY': 'severe',
      },
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/::error::secloop scan: configuration error: .*severe/);
    expect(parseOutputFile(await readFile(runner.output, 'utf8')).result).toBe('error');
  });

  it('runs from source under @github/local-action, uploading its artifact', async () => {
    const runner = await runnerFiles();
    const artifacts = path.join(runner.dir, 'artifacts');
    await mkdir(artifacts);
    const env = [
      'INPUT_PATH=examples/apps',
      'INPUT_OFFLINE-DB=examples/osv-db',
      `GITHUB_WORKSPACE=${REPO_ROOT}`,
      'GITHUB_JOB=scan',
      `RUNNER_TEMP=${runner.temp}`,
      `LOCAL_ACTION_WORKSPACE=${runner.dir}`,
      `LOCAL_ACTION_ARTIFACT_PATH=${artifacts}`,
    ].join('\n');
    await writeFile(path.join(runner.dir, '.env'), `${env}\n`);
    const result = spawnSync(path.join(REPO_ROOT, 'node_modules/.bin/local-action'), ['run', 'actions/scan', 'src/main.ts', path.join(runner.dir, '.env')], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1' },
      timeout: 120_000,
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/::set-output name=result::pass/);
    expect(existsSync(path.join(artifacts, 'secloop-scan-scan.zip'))).toBe(true);
  });
});
