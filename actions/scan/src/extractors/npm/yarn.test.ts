import { describe, expect, it } from '@jest/globals';
import { ExtractionError } from '../types.js';
import { extractFixture, lineContaining, pkg } from './fixture-helpers.test-util.js';
import { yarnBerryExtractor, yarnV1Extractor } from './yarn.js';

const run = (content: string, siblings: Record<string, string> = {}) =>
  yarnV1Extractor.extract({ path: 'yarn.lock', content, readSibling: async (rel) => siblings[rel] });

describe('yarn.lock v1', () => {
  it('reports the line of each entry header', async () => {
    const result = await extractFixture(yarnV1Extractor, 'yarn-v1/multiple-constraints.v1.lock');
    expect(pkg(result, '@babel/code-frame', '7.12.13').line).toBe(lineContaining(result.text, '"@babel/code-frame@^7.0.0"'));
    expect(pkg(result, 'domelementtype', '1.3.1').line).toBe(lineContaining(result.text, 'domelementtype@1,'));
  });

  it('takes direct dependencies from package.json, resolving aliases through their descriptors', async () => {
    const manifest = JSON.stringify({ dependencies: { 'ansi-regex': '^6.0.0' }, devDependencies: { 'ansi-regex-cjs': 'npm:ansi-regex@^5.0.0' } });
    const result = await extractFixture(yarnV1Extractor, 'yarn-v1/with-aliases.v1.lock', { 'package.json': manifest });
    expect(pkg(result, 'ansi-regex', '6.0.1').direct).toBe(true);
    expect(pkg(result, 'ansi-regex', '5.0.1').direct).toBe(true);
    expect(pkg(result, '@babel/helper-validator-identifier', '7.22.20').direct).toBe(false);
    const without = await extractFixture(yarnV1Extractor, 'yarn-v1/with-aliases.v1.lock');
    expect(without.packages.every((p) => p.direct === undefined)).toBe(true);
  });

  it('records dependency edges by descriptor', async () => {
    const lock = [
      '# yarn lockfile v1',
      '',
      'debug@^4.1.0:',
      '  version "4.3.4"',
      '  dependencies:',
      '    ms "2.1.2"',
      '',
      'ms@2.1.2:',
      '  version "2.1.2"',
      '',
    ].join('\n');
    const result = await run(lock);
    expect(pkg(result, 'debug', '4.3.4').dependencies).toEqual(['ms@2.1.2']);
    expect(pkg(result, 'ms', '2.1.2').dependencies).toEqual([]);
  });

  it('rejects an indented line before any entry with the line number', async () => {
    await expect(run('  version "1.0.0"\n')).rejects.toThrow(ExtractionError);
    await expect(run('# c\n  version "1.0.0"\n')).rejects.toThrow(/yarn\.lock:2: indented line before any entry header/);
  });

  it('returns no packages for an empty file', async () => {
    expect((await run('')).packages).toEqual([]);
  });
});

describe('yarn.lock berry', () => {
  it('reports header lines and takes direct dependencies from the root workspace', async () => {
    const result = await extractFixture(yarnBerryExtractor, 'yarn-berry/with-aliases.v2.lock');
    expect(pkg(result, 'ansi-regex', '6.0.1').line).toBe(lineContaining(result.text, '"ansi-regex@npm:^6.0.0":'));
    expect(result.packages.map((p) => p.direct)).toEqual([true, true, true]);
  });

  it('links a workspace to what it depends on and counts workspace declarations as direct', async () => {
    const result = await extractFixture(yarnBerryExtractor, 'yarn-berry/exclude-root.v2.lock');
    expect(pkg(result, '@ws/ansi-regex', '0.0.0-use.local').dependencies).toEqual(['ansi-regex@6.1.0']);
    expect(pkg(result, 'ansi-regex', '6.1.0').direct).toBe(true);
    expect(pkg(result, '@ws/ansi-regex', '0.0.0-use.local').direct).toBe(true);
  });

  it('resolves older berry ranges written without the npm: protocol', async () => {
    const lock = [
      '__metadata:',
      '  version: 4',
      '',
      '"compare-func@npm:^2.0.0":',
      '  version: 2.0.0',
      '  dependencies:',
      '    array-ify: ^1.0.0',
      '',
      '"array-ify@npm:^1.0.0":',
      '  version: 1.0.0',
      '',
    ].join('\n');
    const result = await run(lock);
    expect(pkg(result, 'compare-func', '2.0.0').dependencies).toEqual(['array-ify@1.0.0']);
  });
});
