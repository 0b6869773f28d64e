import { describe, expect, it } from '@jest/globals';
import { ExtractionError } from '../types.js';
import { extractFixture, lineContaining, pkg } from './fixture-helpers.test-util.js';
import { packageLockExtractor } from './package-lock.js';

const extract = (fixture: string, siblings?: Record<string, string>) =>
  extractFixture(packageLockExtractor, `package-lock/${fixture}`, siblings);

describe('package-lock.json v2/v3', () => {
  it('reports the line of each package entry key', async () => {
    const result = await extract('nested-dependencies.v2.json');
    const { text } = result;
    expect(pkg(result, 'postcss', '6.0.23').line).toBe(lineContaining(text, '"node_modules/postcss": {'));
    expect(pkg(result, 'postcss', '7.0.16').line).toBe(lineContaining(text, '"node_modules/postcss-calc/node_modules/postcss": {'));
    expect(pkg(result, 'supports-color', '5.5.0').line).toBe(lineContaining(text, '"node_modules/supports-color": {'));
  });

  it('resolves dependency edges the way node does: nearest node_modules first', async () => {
    const result = await extract('nested-dependencies.v2.json');
    expect(pkg(result, 'postcss-calc', '7.0.1').dependencies).toContain('postcss@7.0.16');
    expect(pkg(result, 'postcss-calc', '7.0.1').dependencies).not.toContain('postcss@6.0.23');
    // The nested postcss finds its sibling supports-color, the top-level one finds the hoisted copy.
    expect(pkg(result, 'postcss', '7.0.16').dependencies).toContain('supports-color@6.1.0');
    expect(pkg(result, 'postcss', '6.0.23').dependencies).toContain('supports-color@5.5.0');
  });

  it('marks what the root entry declares as direct, in any dependency group', async () => {
    const result = await extract('bundled-dependencies.v3.json');
    expect(pkg(result, 'strip-ansi', '7.1.2').direct).toBe(true);
    expect(pkg(result, 'semver', '7.7.2').direct).toBe(true); // a devDependency
    expect(pkg(result, 'ansi-regex', '6.2.2').direct).toBe(false); // only pulled in by strip-ansi
    expect(pkg(result, 'strip-ansi', '7.1.2').dependencies).toEqual(['ansi-regex@6.2.2']);
  });

  it('follows aliases to the real package for direct deps', async () => {
    const result = await extract('alias.v2.json');
    expect(result.packages.map((p) => [p.name, p.version, p.direct]).sort()).toEqual([
      ['@babel/code-frame', '7.0.0', true],
      ['string-width', '4.2.0', true],
      ['string-width', '5.1.2', true],
    ]);
  });

  it('keeps dev and optional groups, merging copies of one package the way npm does', async () => {
    const result = await extract('same-package-different-groups.v2.json');
    expect(pkg(result, 'eslint', '1.2.3').depGroups).toEqual(['dev']);
    // ajv@5.5.2 is installed four times; one copy is a production dependency, so the package is.
    expect(pkg(result, 'ajv', '5.5.2').depGroups).toEqual([]);
  });

  it('reports a workspace once (not its link) and counts its declarations as direct', async () => {
    const content = JSON.stringify(
      {
        lockfileVersion: 3,
        packages: {
          '': { name: 'root', workspaces: ['packages/*'] },
          'node_modules/ws-a': { resolved: 'packages/a', link: true },
          'node_modules/lodash': { version: '4.17.21' },
          'packages/a': { name: 'ws-a', version: '1.0.0', dependencies: { lodash: '^4.0.0' } },
        },
      },
      null,
      2,
    );
    const result = await packageLockExtractor.extract({ path: 'package-lock.json', content, readSibling: async () => undefined });
    expect(result.packages.map((p) => [p.name, p.version, p.direct, p.dependencies])).toEqual([
      ['lodash', '4.17.21', true, []],
      ['ws-a', '1.0.0', false, ['lodash@4.17.21']],
    ]);
  });

  it('skips a package-lock.json when npm-shrinkwrap.json sits beside it', async () => {
    const result = await packageLockExtractor.extract({
      path: 'app/package-lock.json',
      content: '{"lockfileVersion":3,"packages":{"node_modules/a":{"version":"1.0.0"}}}',
      readSibling: async (rel) => (rel === 'npm-shrinkwrap.json' ? '{}' : undefined),
    });
    expect(result.packages).toEqual([]);
    expect(result.warnings?.[0]).toMatch(/npm-shrinkwrap\.json/);
  });

  it('finds lines in a minified lockfile too', async () => {
    const content = '{"lockfileVersion":3,"packages":{"":{"dependencies":{"a":"1"}},\n"node_modules/a":{"version":"1.0.0"}}}';
    const result = await packageLockExtractor.extract({ path: 'package-lock.json', content, readSibling: async () => undefined });
    expect(result.packages).toEqual([expect.objectContaining({ name: 'a', version: '1.0.0', line: 2, direct: true })]);
  });

  it('rejects text that is not JSON with an ExtractionError naming the file', async () => {
    const run = packageLockExtractor.extract({ path: 'x/package-lock.json', content: '{"packages": {', readSibling: async () => undefined });
    await expect(run).rejects.toThrow(ExtractionError);
    await expect(run).rejects.toThrow(/x\/package-lock\.json: not valid JSON/);
  });

  it('returns no packages for an empty file', async () => {
    const result = await packageLockExtractor.extract({ path: 'package-lock.json', content: '', readSibling: async () => undefined });
    expect(result.packages).toEqual([]);
  });
});

describe('package-lock.json v1', () => {
  it('reports the line of nested entries and resolves requires through the nesting', async () => {
    const result = await extract('nested-dependencies.v1.json');
    const { text } = result;
    const nested = pkg(result, 'postcss', '7.0.16');
    // The nested "postcss" key is the second line declaring that key.
    const postcssLines = text.split('\n').flatMap((line, i) => (line.includes('"postcss": {') ? [i + 1] : []));
    expect(postcssLines).toHaveLength(2);
    expect(pkg(result, 'postcss', '6.0.23').line).toBe(postcssLines[0]);
    expect(nested.line).toBe(postcssLines[1]);
    expect(nested.dependencies).toContain('supports-color@6.1.0');
    expect(pkg(result, 'postcss-calc', '7.0.1').dependencies).toContain('postcss@7.0.16');
    expect(pkg(result, 'postcss', '6.0.23').dependencies).toContain('supports-color@5.5.0');
  });

  it('takes direct dependencies from the package.json beside it, and leaves them unknown without one', async () => {
    const manifest = JSON.stringify({ dependencies: { postcss: '^6.0.0' }, devDependencies: { 'postcss-calc': '^7.0.0' } });
    const withManifest = await extract('nested-dependencies.v1.json', { 'package.json': manifest });
    expect(pkg(withManifest, 'postcss', '6.0.23').direct).toBe(true);
    expect(pkg(withManifest, 'postcss-calc', '7.0.1').direct).toBe(true);
    expect(pkg(withManifest, 'postcss', '7.0.16').direct).toBe(false);
    expect(pkg(withManifest, 'supports-color', '5.5.0').direct).toBe(false);
    const without = await extract('nested-dependencies.v1.json');
    expect(without.packages.every((p) => p.direct === undefined)).toBe(true);
  });

  it('keeps the dev group', async () => {
    const result = await extract('one-package-dev.v1.json');
    expect(result.packages.map((p) => p.depGroups)).toEqual([['dev']]);
  });
});
