import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { corpusPath } from '../../../../../test/corpus.js';
import { readSiblingWithin } from '../sibling.js';
import { ExtractionError, type ExtractedPackage } from '../types.js';
import { goModExtractor } from './go-mod.js';

async function extractFixture(name: string) {
  const file = corpusPath('lockfiles', 'Go', 'go-mod', name);
  const dir = path.dirname(file);
  return goModExtractor.extract({
    path: `Go/go-mod/${name}`,
    content: readFileSync(file, 'utf8'),
    readSibling: (rel) => readSiblingWithin(dir, dir, rel),
  });
}

function extractText(content: string, siblings: Record<string, string> = {}, file = 'go.mod') {
  const asked: string[] = [];
  const result = goModExtractor.extract({
    path: file,
    content,
    readSibling: async (rel) => {
      asked.push(rel);
      return siblings[rel];
    },
  });
  return { result: Promise.resolve(result), asked };
}

const find = (packages: ExtractedPackage[], name: string) => packages.find((p) => p.name === name);

describe('go.mod extractor', () => {
  it('marks `// indirect` requirements as not direct and the others as direct', async () => {
    const { packages } = await extractFixture('indirect-packages.mod');
    expect(find(packages, 'github.com/BurntSushi/toml')).toMatchObject({ direct: true, line: 6 });
    expect(find(packages, 'gopkg.in/yaml.v2')).toMatchObject({ direct: true, line: 7 });
    expect(find(packages, 'github.com/mattn/go-colorable')).toMatchObject({ direct: false, line: 11 });
    expect(find(packages, 'golang.org/x/sys')).toMatchObject({ direct: false, line: 13 });
    // The Go release is neither a direct nor an indirect requirement.
    expect(find(packages, 'stdlib')?.direct).toBeUndefined();
  });

  it('before go 1.17 adds go.sum modules as indirect, without a line, keeping go.mod data for listed ones', async () => {
    const { packages } = await extractFixture('indirect-1.16.mod');
    expect(find(packages, 'github.com/sirupsen/logrus')).toMatchObject({ version: '1.9.3', line: 5, direct: true });
    const spew = find(packages, 'github.com/davecgh/go-spew')!;
    expect(spew).toMatchObject({ version: '1.1.1', direct: false });
    expect(spew.line).toBeUndefined();
    // Modules whose go.mod alone is hashed were never built.
    expect(find(packages, 'github.com/stretchr/objx')).toBeUndefined();
    expect(packages.filter((p) => p.name === 'github.com/davecgh/go-spew')).toHaveLength(1);
  });

  it('from go 1.17 on does not read go.sum at all', async () => {
    const { result, asked } = extractText('module m\n\ngo 1.17\n\nrequire a.example/b v1.0.0\n', { 'go.sum': 'a.example/c v1.0.0 h1:x=\n' });
    expect((await result).packages.map((p) => p.name)).toEqual(['a.example/b', 'stdlib']);
    expect(asked).toEqual([]);
  });

  it('looks for <name>.sum before go.sum, and for a real go.mod asks only for go.sum', async () => {
    const fixture = extractText('go 1.16\n', {}, 'x/indirect-1.16.mod');
    await fixture.result;
    expect(fixture.asked).toEqual(['indirect-1.16.sum', 'go.sum']);
    const real = extractText('go 1.16\n', {}, 'svc/go.mod');
    await real.result;
    expect(real.asked).toEqual(['go.sum']);
  });

  it('reports a path-wide replacement of two versions once, on the replace line', async () => {
    const { packages } = await extractFixture('replace-no-version.mod');
    expect(packages).toEqual([{ name: 'example.com/fork/net', version: '1.4.5', ecosystem: 'Go', line: 7, direct: true }]);
  });

  it('prefers an exact `path version =>` replace over a path-wide one, whatever their order', async () => {
    const { result } = extractText(
      'require (\n  a.example/m v1.0.0\n  a.example/m v2.0.0\n)\nreplace a.example/m => b.example/any v9.0.0\nreplace a.example/m v1.0.0 => ../local\n',
    );
    const { packages } = await result;
    expect(packages.map((p) => [p.name, p.version, p.line])).toEqual([
      ['../local', '', 6],
      ['b.example/any', '9.0.0', 5],
    ]);
  });

  it('ignores exclude, retract, tool and godebug, and reads quoted paths and trailing comments', async () => {
    const { result } = extractText(
      [
        'module "example.com/m" // the module',
        'go 1.22',
        'godebug default=go1.21',
        'tool golang.org/x/tools/cmd/stringer',
        'exclude golang.org/x/net v0.1.0',
        'retract (',
        '  v1.0.0 // published by mistake',
        ')',
        'require `golang.org/x/net` v0.2.0 // indirect; keep',
        'require golang.org/x/text v0.3.0 // needed by the parser',
      ].join('\n'),
    );
    const { packages, warnings } = await result;
    expect(warnings).toBeUndefined();
    expect(packages).toEqual([
      { name: 'golang.org/x/net', version: '0.2.0', ecosystem: 'Go', line: 9, direct: false },
      { name: 'golang.org/x/text', version: '0.3.0', ecosystem: 'Go', line: 10, direct: true },
      { name: 'stdlib', version: '1.22', ecosystem: 'Go', line: 2 },
    ]);
  });

  it('takes stdlib from the toolchain line, dropping a custom build suffix, unless it is "default"', async () => {
    expect(find((await extractFixture('toolchain-with-suffix.mod')).packages, 'stdlib')).toMatchObject({ version: '1.23.6', line: 5 });
    const { result } = extractText('go 1.21.0\ntoolchain default\n');
    expect(find((await result).packages, 'stdlib')).toMatchObject({ version: '1.21.0', line: 1 });
  });

  it('rejects malformed directives with the file and line', async () => {
    await expect(extractText('require (\n  a.example/m v1.0.0\n').result).rejects.toThrow(new ExtractionError('go.mod', "'require (' block is never closed", 1));
    await expect(extractText('go 1.20\nrequire a.example/m\n').result).rejects.toThrow(/go\.mod:2: require expects/);
    await expect(extractText('replace a.example/m v1.0.0 => b.example/n\n').result).rejects.toThrow(/go\.mod:1: replace expects/);
    await expect(extractText(')\n').result).rejects.toBeInstanceOf(ExtractionError);
  });

  it('reports unreadable go.sum lines as warnings, not failures', async () => {
    const { result } = extractText('go 1.16\n', { 'go.sum': 'garbage\na.example/m v1.0.0 h1:abc=\n' });
    const { packages, warnings } = await result;
    expect(find(packages, 'a.example/m')).toMatchObject({ version: '1.0.0', direct: false });
    expect(warnings).toEqual(['go.sum:1: not a go.sum line, skipped']);
  });
});
