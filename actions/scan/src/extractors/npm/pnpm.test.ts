import { describe, expect, it } from '@jest/globals';
import { ExtractionError } from '../types.js';
import { extractFixture, lineContaining, pkg } from './fixture-helpers.test-util.js';
import { pnpmExtractor } from './pnpm.js';

const extract = (fixture: string) => extractFixture(pnpmExtractor, `pnpm/${fixture}`);

describe('pnpm-lock.yaml', () => {
  it('5.x: lines, direct dependencies from the top-level maps, edges with peer suffixes', async () => {
    const result = await extract('peer-dependencies-advanced.yaml');
    const direct = result.packages.filter((p) => p.direct).map((p) => p.name);
    expect(direct.length).toBeGreaterThan(0);
    for (const p of result.packages) {
      expect(p.line).toBeGreaterThan(0);
      expect(result.text.split('\n')[p.line! - 1]).toMatch(new RegExp(`^  ['"]?/${p.name.replace(/[/.]/g, '\\$&')}/${p.version}`));
    }
  });

  it('6.0: edges follow `name: version(peers)` references', async () => {
    const result = await extract('peer-dependencies-advanced-v6.yaml');
    const reactDom = pkg(result, 'react-dom', '18.3.0-canary-ab31a9ed2-20230824');
    expect(reactDom.direct).toBe(true);
    expect(reactDom.line).toBe(lineContaining(result.text, '/react-dom@18.3.0'));
    expect([...reactDom.dependencies!].sort()).toEqual([
      'loose-envify@1.4.0',
      'react@18.3.0-canary-ab31a9ed2-20230824',
      'scheduler@0.24.0-canary-ab31a9ed2-20230824',
    ]);
    expect(pkg(result, 'loose-envify', '1.4.0').dependencies).toEqual(['js-tokens@4.0.0']);
    expect(pkg(result, 'loose-envify', '1.4.0').direct).toBe(false);
  });

  it('9.0: importers give direct dependencies in every group, snapshots give edges', async () => {
    const mixed = await extract('mixed-groups.v9.yaml');
    expect(mixed.packages.map((p) => [p.name, p.direct])).toEqual([
      ['ansi-regex', true],
      ['is-number', true],
      ['uuid', true],
    ]);
    const advanced = await extract('peer-dependencies-advanced.v9.yaml');
    const plugin = pkg(advanced, '@typescript-eslint/eslint-plugin', '5.62.0');
    expect(plugin.direct).toBe(true);
    expect(plugin.line).toBe(lineContaining(advanced.text, "'@typescript-eslint/eslint-plugin@5.62.0':"));
    expect(plugin.dependencies).toContain('@typescript-eslint/parser@5.62.0');
    expect(plugin.dependencies).toContain('eslint@8.57.0');
  });

  it('keeps the dev flag of 5.x/6.x entries', async () => {
    const result = await extract('tarball.yaml');
    expect(pkg(result, '@my-org/my-package', '3.2.3').depGroups).toEqual(['dev']);
    expect(pkg(result, '@my-org/my-package', '3.2.3').direct).toBe(true);
  });

  it('rejects invalid YAML with an ExtractionError carrying the line', async () => {
    const run = () => pnpmExtractor.extract({ path: 'pnpm-lock.yaml', content: 'lockfileVersion: 5.3\npackages:\n  - a\n b: [', readSibling: async () => undefined });
    await expect(run()).rejects.toThrow(ExtractionError);
    await expect(run()).rejects.toThrow(/^pnpm-lock\.yaml:\d+: not valid YAML/);
  });

  it('returns no packages for an empty file', async () => {
    await expect(pnpmExtractor.extract({ path: 'pnpm-lock.yaml', content: '', readSibling: async () => undefined })).resolves.toEqual({ packages: [] });
  });
});
