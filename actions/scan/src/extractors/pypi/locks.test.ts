import { describe, expect, it } from '@jest/globals';
import { extractorFor } from '../registry.js';
import { ExtractionError, type ExtractedPackage, type ExtractionResult } from '../types.js';
import { pdmLockExtractor } from './pdm-lock.js';
import { pipfileLockExtractor } from './pipfile-lock.js';
import { poetryLockExtractor } from './poetry-lock.js';
import { pylockExtractor } from './pylock-toml.js';
import { entryLines } from './toml.js';
import { uvLockExtractor } from './uv-lock.js';
import { corpusInput, memoryInput } from './test-support.js';

const byName = (result: ExtractionResult) => new Map<string, ExtractedPackage>(result.packages.map((p) => [`${p.name}@${p.version}`, p]));

describe('uv.lock', () => {
  it('marks the root project dependencies direct, groups them, and records the graph', async () => {
    const packages = byName(await uvLockExtractor.extract(corpusInput('uv-lock', 'grouped-packages.lock')));
    expect(packages.has('uv-lockfiles@0.1.0')).toBe(false); // the project itself
    const direct = [...packages.values()].filter((p) => p.direct).map((p) => p.name).sort();
    expect(direct).toEqual(['black', 'click', 'emoji', 'flake8']);
    expect(packages.get('mccabe@0.7.0')?.direct).toBe(false);
    expect(packages.get('flake8@7.1.1')?.dependencies?.sort()).toEqual(['mccabe@0.7.0', 'pycodestyle@2.12.1', 'pyflakes@3.2.0']);
    expect(packages.get('click@8.1.7')?.dependencies).toEqual(['colorama@0.4.6']);
    expect(packages.get('black@24.10.0')?.dependencies).toHaveLength(7);
  });

  it('picks the locked version a dependency names when a package is locked twice', async () => {
    const lock = [
      '[[package]]', 'name = "app"', 'version = "0.1.0"', 'source = { editable = "." }',
      'dependencies = [{ name = "numpy", version = "2.0.0" }]', '',
      '[[package]]', 'name = "numpy"', 'version = "1.26.4"', '',
      '[[package]]', 'name = "numpy"', 'version = "2.0.0"', '',
      '[[package]]', 'name = "lib"', 'version = "1.0"', 'dependencies = [{ name = "numpy", version = "1.26.4" }]',
    ].join('\n');
    const packages = byName(await uvLockExtractor.extract(memoryInput('uv.lock', lock)));
    expect(packages.get('lib@1.0')?.dependencies).toEqual(['numpy@1.26.4']);
    expect(packages.get('numpy@2.0.0')).toMatchObject({ direct: true, line: 12 });
    expect(packages.get('numpy@1.26.4')?.direct).toBe(true); // direct is by name: the lock does not say which version
  });

  it('leaves direct unknown when the lock has no project entry', async () => {
    const result = await uvLockExtractor.extract(memoryInput('uv.lock', '[[package]]\nname = "a"\nversion = "1"\n'));
    expect(result.packages).toEqual([{ name: 'a', version: '1', ecosystem: 'PyPI', depGroups: [], line: 2, dependencies: [] }]);
  });
});

describe('poetry.lock', () => {
  it('records the dependency graph, narrowing duplicates by specifier', async () => {
    const packages = byName(await poetryLockExtractor.extract(corpusInput('poetry-lock', 'multiple-packages.v2.lock')));
    expect(packages.get('faker@33.3.0')?.dependencies?.sort()).toEqual(['python-dateutil@2.9.0.post0', 'typing-extensions@4.12.2']);
    expect(packages.get('factory-boy@3.3.1')?.dependencies).toEqual(['faker@33.3.0']); // "Faker" matches "faker"
    expect(packages.get('redis@5.2.1')?.dependencies).toEqual(['async-timeout@5.0.1']);
    expect(packages.get('proto-plus@1.22.0')?.dependencies).toEqual(['protobuf@4.25.5']);
    expect(packages.get('six@1.17.0')?.direct).toBeUndefined(); // no pyproject.toml beside it
  });

  it('takes direct dependencies from pyproject.toml beside the lock', async () => {
    const pyproject = [
      '[tool.poetry.dependencies]', 'python = "^3.9"', 'proto-plus = "*"', 'redis = { version = "^5", optional = true }',
      '[tool.poetry.group.dev.dependencies]', 'factory_boy = "^3"', '[tool.poetry.group.test.dependencies]', 'Faker = "*"',
    ].join('\n');
    const result = await poetryLockExtractor.extract(corpusInput('poetry-lock', 'multiple-packages.v2.lock', { 'pyproject.toml': pyproject }));
    const direct = result.packages.filter((p) => p.direct).map((p) => `${p.name}@${p.version}`).sort();
    expect(direct).toEqual(['factory-boy@3.3.1', 'faker@33.3.0', 'proto-plus@1.22.0', 'proto-plus@1.23.0', 'redis@5.2.1']);
    expect(result.packages.find((p) => p.name === 'six')?.direct).toBe(false);
  });

  it('narrows a dependency on a twice-locked name by its PEP 440 specifier', async () => {
    const lock = [
      '[[package]]', 'name = "a"', 'version = "1.0"', '[package.dependencies]', 'b = ">=2.0,<3"', '',
      '[[package]]', 'name = "b"', 'version = "1.5"', '', '[[package]]', 'name = "b"', 'version = "2.1"',
    ].join('\n');
    const packages = byName(await poetryLockExtractor.extract(memoryInput('poetry.lock', lock)));
    expect(packages.get('a@1.0')?.dependencies).toEqual(['b@2.1']);
  });
});

describe('pdm.lock', () => {
  it('records the graph from PEP 508 dependency strings', async () => {
    const packages = byName(await pdmLockExtractor.extract(corpusInput('pdm-lock', 'dev-dependency.toml')));
    expect(packages.get('pyroute2@0.7.11')?.dependencies).toEqual(['win-inet-pton@1.1.0']);
    expect(packages.get('toml@0.10.2')?.dependencies).toEqual([]);
  });

  it('reads direct dependencies from pyproject.toml (project, dependency-groups, tool.pdm)', async () => {
    const pyproject = '[project]\ndependencies = ["toml>=0.10"]\n[tool.pdm.dev-dependencies]\ndev = ["pyroute2"]\n';
    const packages = byName(await pdmLockExtractor.extract(corpusInput('pdm-lock', 'dev-dependency.toml', { 'pyproject.toml': pyproject })));
    expect(packages.get('toml@0.10.2')?.direct).toBe(true);
    expect(packages.get('pyroute2@0.7.11')?.direct).toBe(true);
    expect(packages.get('win-inet-pton@1.1.0')?.direct).toBe(false);
  });
});

describe('pylock.toml', () => {
  it('records dependencies and matches named locks', async () => {
    const packages = byName(await pylockExtractor.extract(corpusInput('pylock-toml', 'example.toml')));
    expect(packages.get('cattrs@24.1.2')?.dependencies).toEqual(['attrs@25.1.0']);
    expect(extractorFor('pylock.toml')?.id).toBe('PyPI/pylock-toml');
    expect(pylockExtractor.matches?.('sub/pylock.dev.toml')).toBe(true);
    expect(pylockExtractor.matches?.('pylock.a.b.toml')).toBe(false);
  });

  it('gives entries of the inline array form the line of their table', async () => {
    const lock = 'lock-version = "1.0"\npackages = [\n  { name = "a", version = "1.0" },\n\n  { name = "b", version = "2.0" },\n]\n';
    const result = await pylockExtractor.extract(memoryInput('pylock.toml', lock));
    expect(result.packages.map((p) => [p.name, p.line])).toEqual([['a', 3], ['b', 5]]);
  });
});

describe('Pipfile.lock', () => {
  it('reports a package locked identically in default and develop once, as production, with Pipfile direct flags', async () => {
    const pipfile = '[packages]\nitsdangerous = "*"\n[dev-packages]\npluggy = "*"\n';
    const result = await pipfileLockExtractor.extract(corpusInput('pipfile-lock', 'multiple-packages.json', { Pipfile: pipfile }));
    expect(result.packages.map((p) => [p.name, p.version, p.depGroups, p.direct, p.line])).toEqual([
      ['itsdangerous', '2.1.2', [], true, 19],
      ['pluggy', '1.0.1', [], true, 27],
      ['markupsafe', '2.1.1', [], false, 32],
      ['pluggy', '1.0.0', ['dev'], true, 88],
    ]);
  });

  it('rejects invalid JSON with the line of the error', async () => {
    const error = await Promise.resolve(pipfileLockExtractor.extract(memoryInput('Pipfile.lock', '{\n  "default": {\n    "a": { "version": "==1" \n}\n'))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExtractionError);
    expect((error as ExtractionError).line).toBeGreaterThanOrEqual(3);
    await expect(pipfileLockExtractor.extract(memoryInput('Pipfile.lock', '{"default": []}'))).rejects.toThrow('"default" must be an object');
  });
});

describe('TOML lockfiles, malformed or empty', () => {
  const tomlExtractors = [poetryLockExtractor, uvLockExtractor, pdmLockExtractor, pylockExtractor];

  it.each(tomlExtractors.map((e) => [e.id, e] as const))('%s: invalid TOML is an ExtractionError naming file and line', async (_id, extractor) => {
    const error = await Promise.resolve()
      .then(() => extractor.extract(memoryInput('lock', '[[package]]\nname = "a"\nversion = \n')))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExtractionError);
    expect((error as ExtractionError).message).toContain('lock:3');
  });

  it.each(tomlExtractors.map((e) => [e.id, e] as const))('%s: an empty file has no packages', async (_id, extractor) => {
    await expect(Promise.resolve(extractor.extract(memoryInput('lock', '')))).resolves.toEqual({ packages: [] });
  });

  it('rejects a package key that is not an array of tables', async () => {
    await expect(poetryLockExtractor.extract(memoryInput('poetry.lock', 'package = "x"\n'))).rejects.toThrow('"package" must be an array of tables');
  });
});

describe('entryLines', () => {
  it('ignores look-alikes in strings, sub-tables, comments and nested arrays', () => {
    const toml = [
      'note = """', '[[package]]', 'name = "fake"', '"""', // 1-4: inside a multi-line string
      'matrix = [', '  [1, 2],', ']', // 5-7: a nested array is no header
      '[[package]]', '# name = "commented"', 'version = "1"', "'name' = 'quoted'", // 8-11
      '[package.extra]', 'name = "sub-table"', // 12-13
      '[[package]]', // 14: no name at all → header line
    ].join('\n');
    expect(entryLines(toml, 'package')).toEqual([11, 14]);
  });
});
