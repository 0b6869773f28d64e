import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { corpusPath } from '../../../../../test/corpus.js';
import { ExtractionError, type ExtractedPackage } from '../types.js';
import { composerLockExtractor } from './composer-lock.js';

async function extract(content: string, file = 'composer.lock', siblings: Record<string, string> = {}) {
  return composerLockExtractor.extract({ path: file, content, readSibling: async (rel) => siblings[rel] });
}
const fixture = (name: string) => readFileSync(corpusPath('lockfiles', 'Packagist', 'composer-lock', name), 'utf8');
const find = (packages: ExtractedPackage[], name: string) => packages.find((p) => p.name === name);

describe('composer.lock extractor', () => {
  it('gives each package the line of its own "name" key, not of nested author names', async () => {
    const { packages } = await extract(fixture('drupal-packages.json'));
    expect(packages.map((p) => [p.name, p.line, p.depGroups])).toEqual([
      ['drupal/core', 10, []],
      ['drupal/tfa', 174, []],
      ['theseer/tokenizer', 261, []],
      ['drupal/field_time', 299, ['dev']],
    ]);
  });

  it('takes a commit from source or dist reference only when it is a hash, not a tag name', async () => {
    const drupal = await extract(fixture('drupal-packages.json'));
    expect(find(drupal.packages, 'drupal/core')?.commit).toBe('5247dbaa65b42b601058555f4a8b2bd541f5611f');
    expect(find(drupal.packages, 'drupal/tfa')?.commit).toBeUndefined();
    const distOnly = await extract(fixture('duplicate-packages.json'));
    expect(distOnly.packages.map((p) => p.commit)).toEqual(Array(3).fill('4c115873c86ad5bd0ac6d962db70ca53bf8fb874'));
  });

  it('links requirements to locked packages, through replace, and skips platform requirements', async () => {
    const { packages } = await extract(fixture('drupal-packages.json'));
    expect(find(packages, 'drupal/tfa')?.dependencies).toEqual(['drupal/core@10.4.5']);
    expect(find(packages, 'drupal/field_time')?.dependencies).toEqual(['drupal/core@10.4.5']);
    expect(find(packages, 'theseer/tokenizer')?.dependencies).toBeUndefined();
    const replaced = await extract(
      JSON.stringify({
        packages: [
          { name: 'drupal/core', version: '10.4.5', replace: { 'drupal/core-utility': 'self.version' } },
          { name: 'acme/module', version: '1.0.0', require: { 'drupal/core-utility': '^10', php: '>=8.1', 'ext-json': '*' } },
        ],
      }),
    );
    expect(find(replaced.packages, 'acme/module')?.dependencies).toEqual(['drupal/core@10.4.5']);
  });

  it('marks what composer.json requires as direct when it sits beside composer.lock', async () => {
    const manifest = JSON.stringify({ require: { 'sentry/sdk': '^2.0' }, 'require-dev': {} });
    const withManifest = await extract(fixture('two-packages.json'), 'app/composer.lock', { 'composer.json': manifest });
    expect(withManifest.packages.map((p) => [p.name, p.direct])).toEqual([
      ['sentry/sdk', true],
      ['theseer/tokenizer', false],
    ]);
    const withoutManifest = await extract(fixture('two-packages.json'));
    expect(withoutManifest.packages.every((p) => p.direct === undefined)).toBe(true);
    // A broken composer.json only costs the direct flags.
    const broken = await extract(fixture('two-packages.json'), 'composer.lock', { 'composer.json': '{' });
    expect(broken.packages.every((p) => p.direct === undefined)).toBe(true);
  });

  it('returns no packages for an empty file and rejects malformed lockfiles clearly', async () => {
    await expect(extract('')).resolves.toEqual({ packages: [] });
    await expect(extract('{"packages": [\n{"name": "a/b",}\n]}')).rejects.toThrow(/^composer\.lock:2: not valid JSON: property name expected$/);
    await expect(extract('{"packages": {}}')).rejects.toThrow(new ExtractionError('composer.lock', '"packages" must be an array'));
    await expect(extract('{"packages-dev": [{"name": "a/b"}]}')).rejects.toThrow('packages-dev[0] (a/b) has no string "version"');
    await expect(extract('[]')).rejects.toBeInstanceOf(ExtractionError);
  });
});
