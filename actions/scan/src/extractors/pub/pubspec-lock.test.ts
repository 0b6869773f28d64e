import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { corpusPath } from '../../../../../test/corpus.js';
import { ExtractionError } from '../types.js';
import { pubspecLockExtractor } from './pubspec-lock.js';

const extract = async (content: string) =>
  pubspecLockExtractor.extract({ path: 'pubspec.lock', content, readSibling: async () => undefined });
const corpus = (name: string) => readFileSync(corpusPath('lockfiles', 'Pub', 'pubspec-lock', name), 'utf8');

describe('pubspec.lock extractor', () => {
  it('reports the line of each package key, direct/transitive and the dev group', async () => {
    const { packages } = await extract(corpus('mixed-packages.lock'));
    expect(packages.map((p) => [p.name, p.line, p.direct, p.depGroups])).toEqual([
      ['back_button_interceptor', 4, true, []],
      ['build_runner', 11, true, ['dev']],
      ['shelf', 18, false, []],
      ['shelf_web_socket', 25, false, []],
    ]);
  });

  it('finds keys at unusual indentation and git commits', async () => {
    expect((await extract(corpus('source-path.lock'))).packages[0]).toMatchObject({ name: 'maa_core', line: 4, commit: undefined });
    const git = (await extract(corpus('source-git.lock'))).packages;
    expect(git.find((p) => p.name === 'screen_retriever')).toMatchObject({ line: 13, commit: '406b9b038b2c1d779f1e7bf609c8c248be247372' });
    expect(git.find((p) => p.name === 'toggle_switch')?.commit).toBeUndefined();
  });

  it('keeps versions as written and reads flow-style, quoted keys', async () => {
    const { packages } = await extract('packages: {\n  "a": {version: 1.10, dependency: transitive},\n  b: {version: "2.0", source: hosted}\n }\n');
    expect(packages.map((p) => [p.name, p.version, p.line, p.direct])).toEqual([
      ['a', '1.10', 2, false],
      ['b', '2.0', 3, undefined],
    ]);
  });

  it('throws ExtractionError with a line for invalid YAML and for a non-mapping packages field', async () => {
    await expect(extract('packages:\n  a: [\n')).rejects.toThrow(ExtractionError);
    await expect(extract('packages:\n  - a\n')).rejects.toThrow(/"packages" must be a mapping/);
    try {
      await extract('packages:\n  a:\n    version: "1\n');
      throw new Error('no error');
    } catch (err) {
      expect(err).toBeInstanceOf(ExtractionError);
      expect((err as ExtractionError).line).toBeGreaterThan(1);
    }
  });

  it('returns nothing for empty input and an empty packages map', async () => {
    expect((await extract('')).packages).toEqual([]);
    expect((await extract(corpus('no-packages.lock'))).packages).toEqual([]);
  });
});
