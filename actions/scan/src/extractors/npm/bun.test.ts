import { describe, expect, it } from '@jest/globals';
import { ExtractionError } from '../types.js';
import { bunExtractor } from './bun.js';
import { extractFixture, lineContaining, pkg } from './fixture-helpers.test-util.js';

describe('bun.lock', () => {
  it('reports lines, direct dependencies of the root workspace and nested resolution', async () => {
    const result = await extractFixture(bunExtractor, 'bun/nested-dependencies-dup.json5');
    expect(pkg(result, 'has-flag', '4.0.0').line).toBe(lineContaining(result.text, '"supports-color/has-flag":'));
    expect(pkg(result, 'chalk', '4.1.2').line).toBe(lineContaining(result.text, '"chalk": ['));
    expect(pkg(result, 'has-flag', '2.0.0').direct).toBe(true);
    expect(pkg(result, 'chalk', '4.1.2').direct).toBe(true); // a devDependency
    expect(pkg(result, 'has-flag', '4.0.0').direct).toBe(false);
    // supports-color has its own has-flag nested under its path; chalk finds the hoisted supports-color.
    expect(pkg(result, 'supports-color', '7.2.0').dependencies).toEqual(['has-flag@4.0.0']);
    expect([...pkg(result, 'chalk', '4.1.2').dependencies!].sort()).toEqual(['ansi-styles@4.3.0', 'supports-color@7.2.0']);
  });

  it('resolves aliases to the real package and git dependencies to their commit', async () => {
    const alias = await extractFixture(bunExtractor, 'bun/alias.json5');
    expect(pkg(alias, 'supports-color', '6.1.0').direct).toBe(true);
    expect(pkg(alias, 'supports-color', '6.1.0').dependencies).toEqual(['has-flag@3.0.0']);
    const commits = await extractFixture(bunExtractor, 'bun/commits.json5');
    const prettierSync = commits.packages.find((p) => p.name === '@prettier/sync')!;
    expect(prettierSync.commit).toBe('527e8ce');
    // bun installs peers, so the peer prettier is an edge too.
    expect([...prettierSync.dependencies!].sort()).toEqual(['make-synchronized@0.2.9', 'prettier@3.4.2']);
  });

  it('accepts comments and trailing commas, and rejects other broken text with an ExtractionError', () => {
    const ok = bunExtractor.extract({
      path: 'bun.lock',
      content: '{\n  // comment\n  "packages": {\n    "a": ["a@1.0.0", "", {},],\n  },\n}\n',
      readSibling: async () => undefined,
    });
    expect(ok).toEqual({ packages: [expect.objectContaining({ name: 'a', version: '1.0.0', line: 4 })] });
    const broken = () => bunExtractor.extract({ path: 'bun.lock', content: '{"packages": {"a": [', readSibling: async () => undefined });
    expect(broken).toThrow(ExtractionError);
    expect(broken).toThrow(/^bun\.lock: not valid JSONC/);
  });
});
