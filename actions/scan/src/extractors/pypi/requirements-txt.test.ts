import { describe, expect, it } from '@jest/globals';
import { extractorFor } from '../registry.js';
import { isRequirementsFile, logicalLines, parseRequirement, requirementsTxtExtractor } from './requirements-txt.js';
import { corpusInput, memoryInput } from './test-support.js';

const extract = async (content: string, siblings: Record<string, string> = {}, file = 'requirements.txt') => {
  const input = memoryInput(file, content, siblings);
  const result = await requirementsTxtExtractor.extract(input);
  return { ...result, reads: input.reads };
};

describe('requirements.txt lines', () => {
  it('joins backslash continuations and keeps the first line number', () => {
    expect(logicalLines('a==1 \\\n  --hash=sha256:1 \\\n  --hash=sha256:2\nb==2')).toEqual([
      { text: 'a==1   --hash=sha256:1   --hash=sha256:2', line: 1 },
      { text: 'b==2', line: 4 },
    ]);
  });

  it('reports each package on the line of its entry, direct, with comparator and raw requirement', async () => {
    const { packages } = await extract('# deps\n\nflask>=2.0 # web\n\nrequests==2.31.0 \\\n    --hash=sha256:abc\nsix\n');
    expect(packages).toEqual([
      { name: 'flask', version: '2.0', ecosystem: 'PyPI', line: 3, direct: true, versionComparator: '>=', requirement: 'flask>=2.0' },
      { name: 'requests', version: '2.31.0', ecosystem: 'PyPI', line: 5, direct: true, versionComparator: '==', requirement: 'requests==2.31.0' },
      { name: 'six', version: '', ecosystem: 'PyPI', line: 7, direct: true, requirement: 'six' },
    ]);
  });

  it('skips paths, URLs, direct references and editable installs', async () => {
    const { packages } = await extract(
      ['./local/pkg', '-e git+https://github.com/a/b#egg=b', 'https://x.org/a-1.0.whl', 'pkg @ https://x.org/p.zip', 'ok==1'].join('\n'),
    );
    expect(packages.map((p) => p.name)).toEqual(['ok']);
  });

  it('keeps no version for ranges it cannot reduce to one version', () => {
    expect(parseRequirement('a!=1.0')?.version).toBe('');
    expect(parseRequirement('a<2')?.version).toBe('');
    expect(parseRequirement('a>=1,<2')?.version).toBe('');
    expect(parseRequirement('a==1.*')?.version).toBe('');
    expect(parseRequirement('a (==1.4)')).toEqual({ name: 'a', version: '1.4', versionComparator: '==', requirement: 'a (==1.4)' });
    expect(parseRequirement('a==')).toBeUndefined();
  });

  it('warns about and skips lines that need an environment variable', async () => {
    const { packages, warnings } = await extract('a==${VERSION}\nb==1\n');
    expect(packages.map((p) => p.name)).toEqual(['b']);
    expect(warnings?.[0]).toContain('requirements.txt:1');
  });
});

describe('requirements.txt includes', () => {
  it('follows -r includes relative to the including file, each once, even through cycles', async () => {
    const { packages, reads } = await extract('root==1\n-r base.txt\n--requirement=sub/more.txt\n', {
      'base.txt': 'base==1\n-r sub/more.txt\n-r requirements.txt\n',
      'sub/more.txt': 'more==1\n-r ../base.txt\n-r deeper.txt\n',
      'sub/deeper.txt': 'deep==1\n-r more.txt\n',
    });
    expect(packages.map((p) => [p.name, p.line])).toEqual([
      ['root', 1],
      ['base', 2],
      ['more', 2],
      ['deep', 2],
    ]);
    expect(packages.every((p) => p.direct === true)).toBe(true);
    // Every file was read exactly once; the cycle back to requirements.txt was not followed.
    expect(reads.sort()).toEqual(['base.txt', 'sub/deeper.txt', 'sub/more.txt']);
  });

  it('terminates on a file that includes itself', async () => {
    const { packages } = await extract('-r requirements.txt\n-r a.txt\na==1\n', { 'a.txt': '-r a.txt\n-r requirements.txt\nb==1\n' });
    expect(packages.map((p) => p.name)).toEqual(['b', 'a']);
  });

  it('warns about a missing include and a remote one', async () => {
    const { packages, warnings } = await extract('-r missing.txt\n-r https://example.org/r.txt\nx==1\n');
    expect(packages.map((p) => p.name)).toEqual(['x']);
    expect(warnings).toHaveLength(2);
    expect(warnings?.[0]).toContain('missing.txt');
  });

  it('applies exact pins from -c constraints without reporting constraint-only packages', async () => {
    const { packages } = await extract('requests\nflask>=2\nsix==1.16.0\n-c constraints.txt\n', {
      'constraints.txt': 'requests==2.31.0\nflask===3.0.0\nsix==1.0\nurllib3==2.0.0\n-r more-constraints.txt\n',
      'more-constraints.txt': 'idna==3.4\n',
    });
    expect(packages.map((p) => [p.name, p.version, p.versionComparator])).toEqual([
      ['requests', '2.31.0', '=='],
      ['flask', '3.0.0', '=='],
      ['six', '1.16.0', '=='],
    ]);
  });

  it('gives packages of the corpus include the line of the -r that pulls them in', async () => {
    const { packages } = await requirementsTxtExtractor.extract(corpusInput('requirements-txt', 'example.txt'));
    expect(packages.find((p) => p.name === 'pandas')).toMatchObject({ version: '2.2.3', line: 21, direct: true });
  });
});

describe('requirements.txt file names', () => {
  it('recognises the usual naming patterns', () => {
    for (const name of ['requirements.txt', 'a/requirements-dev.txt', 'requirements_prod.txt', 'ci-requirements.txt', 'requirements/base.txt', 'constraints.txt']) {
      expect(isRequirementsFile(name)).toBe(true);
    }
    for (const name of ['requirements.in', 'notes.txt', 'requirements/sub/x.md', 'myrequirements.txt']) {
      expect(isRequirementsFile(name)).toBe(false);
    }
  });

  it('is the registry choice for its canonical names', () => {
    expect(extractorFor('app/requirements-dev.txt')?.id).toBe('PyPI/requirements-txt');
    expect(extractorFor('dev-requirements.txt')?.id).toBe('PyPI/requirements-txt');
  });

  it('returns no packages for an empty file and never throws on it', async () => {
    await expect(extract('')).resolves.toMatchObject({ packages: [] });
    await expect(extract('\n# only a comment\n\n')).resolves.toMatchObject({ packages: [] });
  });
});
