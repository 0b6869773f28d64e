import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { SCAN_FLAGS } from '../src/cli/main.js';
import { inputsReadBy } from './action-util.js';
import { REPO_ROOT } from './corpus.js';

const ACTION_ONLY = new Set(['matrix', 'upload-artifact', 'artifact-name', 'retention-days']);
const CLI_POSITIONAL = new Set(['path']);

describe('scan inputs are declared where users set them', () => {
  const read = inputsReadBy(path.join(REPO_ROOT, 'actions/scan/src'));
  const action = load(readFileSync(path.join(REPO_ROOT, 'actions/scan/action.yml'), 'utf8')) as {
    inputs: Record<string, { description: string }>;
    runs: { using: string; main: string };
  };

  it('reads a plausible set of inputs', () => {
    expect(read.size).toBeGreaterThan(15);
  });

  it('declares every input the code reads in action.yml, each with a description', () => {
    expect([...read].filter((name) => !(name in action.inputs))).toEqual([]);
    for (const [name, input] of Object.entries(action.inputs)) expect(`${name}: ${input.description.length > 10}`).toBe(`${name}: true`);
  });

  it('declares no action input that nothing reads', () => {
    expect(Object.keys(action.inputs).filter((name) => !read.has(name))).toEqual([]);
  });

  it('offers every non-action input as a CLI flag', () => {
    const missing = [...read].filter((name) => !ACTION_ONLY.has(name) && !CLI_POSITIONAL.has(name) && !(name in SCAN_FLAGS));
    expect(missing).toEqual([]);
  });

  it('runs on node24 from the committed bundle', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
  });
});
