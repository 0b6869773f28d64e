import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { corpusPath } from '../../../../../test/corpus.js';
import { ExtractionError, type ExtractedPackage } from '../types.js';
import { gemfileLockExtractor } from './gemfile-lock.js';

async function extract(content: string) {
  return gemfileLockExtractor.extract({ path: 'Gemfile.lock', content, readSibling: async () => undefined });
}
const fixture = (name: string) => readFileSync(corpusPath('lockfiles', 'RubyGems', 'gemfile-lock', name), 'utf8');
const find = (packages: ExtractedPackage[], name: string) => packages.find((p) => p.name === name);

describe('Gemfile.lock extractor', () => {
  it('marks gems named in DEPENDENCIES as direct, with or without "!" and constraints', async () => {
    const { packages } = await extract(fixture('has-git-gem.lock'));
    expect(find(packages, 'hanami-utils')?.direct).toBe(true);
    expect(find(packages, 'hanami-controller')?.direct).toBe(false);
    expect(find(packages, 'rack')?.direct).toBe(false);
    const constrained = await extract('GEM\n  specs:\n    rails (7.0.0)\n\nDEPENDENCIES\n  rails (~> 7.0)!\n');
    expect(constrained.packages[0]?.direct).toBe(true);
  });

  it('leaves direct unknown when there is no DEPENDENCIES section', async () => {
    const { packages } = await extract('GEM\n  remote: https://rubygems.org/\n  specs:\n    ast (2.4.2)\n');
    expect(packages).toEqual([{ name: 'ast', version: '2.4.2', ecosystem: 'RubyGems', line: 4 }]);
  });

  it('builds the graph from the indented requirements of each spec, skipping gems that are not locked', async () => {
    const { packages } = await extract(fixture('rails.lock'));
    expect(find(packages, 'actioncable')?.dependencies).toEqual(['actionpack@7.0.2.2', 'activesupport@7.0.2.2', 'nio4r@2.5.8', 'websocket-driver@0.7.5']);
    // rails requires bundler, which Bundler never locks.
    expect(find(packages, 'rails')?.dependencies).not.toContain(expect.stringMatching(/^bundler@/));
    expect(find(packages, 'rails')?.dependencies).toHaveLength(12);
    // A requirement on a platform gem resolves to its version without the platform.
    expect(find(packages, 'loofah')?.dependencies).toEqual(['crass@1.0.6', 'nokogiri@1.13.3']);
    expect(find(packages, 'rake')?.dependencies).toBeUndefined();
  });

  it('keeps the revision of GIT gems only', async () => {
    const { packages } = await extract(fixture('has-git-gem.lock'));
    expect(find(packages, 'hanami-controller')?.commit).toBe('027dbe2e56397b534e859fc283990cad1b6addd6');
    expect(find(packages, 'concurrent-ruby')?.commit).toBeUndefined();
    const local = await extract(fixture('has-local-gem.lock'));
    expect(find(local.packages, 'backbone-on-rails')?.commit).toBeUndefined();
  });

  it('reports a gem locked for several platforms once, on its first line, with the edges of all variants', async () => {
    const { packages } = await extract(
      ['GEM', '  specs:', '    nokogiri (1.16.0-arm64-darwin)', '      racc (~> 1.4)', '    nokogiri (1.16.0-x86_64-linux)', '      mini_portile2', '    mini_portile2 (2.8.0)', '    racc (1.7.3)', ''].join('\n'),
    );
    expect(packages.filter((p) => p.name === 'nokogiri')).toEqual([
      { name: 'nokogiri', version: '1.16.0', ecosystem: 'RubyGems', line: 3, dependencies: ['racc@1.7.3', 'mini_portile2@2.8.0'] },
    ]);
  });

  it('reads CRLF files with the same lines', async () => {
    const { packages } = await extract(fixture('some-gems.lock').replace(/\n/g, '\r\n'));
    expect(packages.map((p) => [p.name, p.line, p.direct])).toEqual([
      ['coderay', 4, false],
      ['method_source', 5, false],
      ['pry', 6, true],
    ]);
  });

  it('warns about a spec without version, and rejects text with no Gemfile.lock section at all', async () => {
    const { packages, warnings } = await extract(fixture('invalid.lock'));
    expect(packages).toEqual([]);
    expect(warnings).toEqual(['Gemfile.lock:4: spec "invalid-name" has no "(version)"; skipped']);
    await expect(extract('{"not": "a lockfile"}')).rejects.toBeInstanceOf(ExtractionError);
    await expect(extract('')).resolves.toEqual({ packages: [] });
  });
});
