import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { corpusPath } from '../../../../../test/corpus.js';
import { ExtractionError, type ExtractedPackage } from '../types.js';
import { packagesLockExtractor } from './packages-lock.js';

async function extract(content: string) {
  return packagesLockExtractor.extract({ path: 'packages.lock.json', content, readSibling: async () => undefined });
}
const fixture = (...parts: string[]) => readFileSync(corpusPath('lockfiles', 'NuGet', 'packages-lock-json', ...parts), 'utf8');
const find = (packages: ExtractedPackage[], name: string, version?: string) =>
  packages.find((p) => p.name === name && (version === undefined || p.version === version));

describe('packages.lock.json extractor', () => {
  it('gives each package the line of its key and marks type Direct as direct', async () => {
    const { packages } = await extract(fixture('valid', 'packages.lock.json'));
    expect(find(packages, 'Core.Dep')).toMatchObject({ line: 5, direct: true });
    expect(find(packages, 'Some.Dep.Three')).toMatchObject({ line: 30, direct: false });
    expect(find(packages, 'Another.Longer.Name.Dep')).toMatchObject({ line: 54, direct: false });
  });

  it('links dependencies to the version resolved for the same framework, not the requested minimum', async () => {
    const { packages } = await extract(fixture('valid', 'packages.lock.json'));
    expect(find(packages, 'Some.Dep.Three')?.dependencies).toEqual(['Some.Longer.Name.Dep@4.7.2', 'Some.Dep.Five@4.7.2']);
    expect(find(packages, 'Core.Dep')?.dependencies).toHaveLength(7);
    const mixed = await extract(fixture('osv-scanner-legacy', 'two-frameworks-mixed-packages.v1.json'));
    expect(find(mixed.packages, 'Test.System', '0.13.0-beta4')?.dependencies).toEqual(['Test.Core@6.0.5']);
    expect(find(mixed.packages, 'Test.System', '2.15.0')).toMatchObject({ line: 28, dependencies: ['Test.Core@6.0.5'] });
  });

  it('reports a package locked for several frameworks once, on its first line, direct if direct anywhere', async () => {
    const duplicate = await extract(fixture('osv-scanner-legacy', 'two-frameworks-duplicate-packages.v1.json'));
    expect(duplicate.packages).toEqual([{ name: 'Test.Core', version: '6.0.5', ecosystem: 'NuGet', line: 5, direct: true }]);
    const lock = {
      version: 1,
      dependencies: {
        net6: { A: { type: 'Transitive', resolved: '1.0.0' } },
        net8: { A: { type: 'Direct', requested: '[1.0.0, )', resolved: '1.0.0' } },
      },
    };
    expect((await extract(JSON.stringify(lock, null, 2))).packages).toEqual([{ name: 'A', version: '1.0.0', ecosystem: 'NuGet', line: 5, direct: true }]);
  });

  it('leaves out project references and edges to them', async () => {
    const lock = {
      version: 2,
      dependencies: {
        'net8.0': {
          'My.Lib': { type: 'Project', dependencies: { 'Json.Lib': '[13.0.1, )' } },
          'Json.Lib': { type: 'CentralTransitive', requested: '[13.0.1, )', resolved: '13.0.3' },
          'App.Dep': { type: 'Direct', requested: '[1.0.0, )', resolved: '1.0.0', dependencies: { 'my.lib': '1.0.0', 'json.lib': '13.0.1' } },
        },
      },
    };
    const { packages } = await extract(JSON.stringify(lock));
    expect(packages.map((p) => [p.name, p.version, p.direct, p.dependencies])).toEqual([
      ['Json.Lib', '13.0.3', false, undefined],
      ['App.Dep', '1.0.0', true, ['Json.Lib@13.0.3']],
    ]);
  });

  it('returns no packages for empty input and rejects malformed entries clearly', async () => {
    await expect(extract('')).resolves.toEqual({ packages: [] });
    await expect(extract(fixture('osv-scanner-legacy', 'empty.v1.json'))).resolves.toEqual({ packages: [] });
    await expect(extract('{"dependencies": {"net6.0": {"A": {"type": "Direct"}}}}')).rejects.toThrow(
      new ExtractionError('packages.lock.json', 'dependencies["net6.0"]["A"] has no string "resolved" version'),
    );
    await expect(extract('{"dependencies": []}')).rejects.toBeInstanceOf(ExtractionError);
    await expect(extract('{"version": 1,')).rejects.toThrow(/^packages\.lock\.json:1: not valid JSON: /);
  });
});
