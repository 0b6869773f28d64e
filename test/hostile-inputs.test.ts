import { describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { main, type CliIo } from '../src/cli/main.js';
import { readFindingsDocument } from '../src/shared/contracts/documents.js';
import { REPO_ROOT } from './corpus.js';

/**
 * The issue's bad inputs, all in one tree scanned by every scanner: each must cost bounded time and memory and
 * end as a warning naming the file, while the real finding planted beside them is still reported.
 */
describe('a tree of hostile files', () => {
  it('is scanned in bounded time; each bad file is a warning naming it; the real finding survives', async () => {
    const tree = await mkdtemp(path.join(os.tmpdir(), 'secloop-hostile-'));
    const put = async (rel: string, content: string | Buffer) => {
      await mkdir(path.dirname(path.join(tree, rel)), { recursive: true });
      await writeFile(path.join(tree, rel), content);
    };
    // 100 MB on one line: over the default size limit, refused before it is read.
    await put('data/huge.txt', Buffer.alloc(100 * 1024 * 1024, 'a'));
    // 20 MB on one line under the limit: scanned in bounded pieces.
    await put('data/long-line.js', `const x = "${'b'.repeat(20 * 1024 * 1024)}";\n`);
    await put('bin/tool', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3]));
    await put('src/latin1.py', Buffer.concat([Buffer.from('name = "'), Buffer.from([0xe9, 0xff, 0xfe]), Buffer.from('"\nimport yaml\n')]));
    // A YAML alias bomb (9^10 nodes once expanded) where the Kubernetes scanner must read it: the containers.
    const bomb = ['x-bomb:', '  a: &a [{name: c, image: "nginx:1.27"}, {name: c, image: "nginx:1.27"}, {name: c, image: "nginx:1.27"}]'];
    for (let i = 1; i < 10; i++) bomb.push(`  ${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    bomb.push('apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: bomb}', 'spec:', '  template:', '    spec:', '      containers: *j');
    await put('deploy/bomb.yaml', bomb.join('\n') + '\n');
    // Deeply nested JSON as a lockfile and as an imported SARIF file.
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    // A v1 lockfile's dependency tree nested 20,000 levels deep: refused (a real install cannot nest so deep),
    // where walking it would cost quadratic memory in install paths.
    const levels = 20_000;
    await put('web/package-lock.json', `{"lockfileVersion": 1, "dependencies": ${'{"a": {"version": "1.0.0", "dependencies": '.repeat(levels)}{}${'}}'.repeat(levels)}}`);
    await put('reports/deep.sarif', `{"version": "2.1.0", "runs": ${deep}}`);
    await put('deploy/broken.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: [unclosed\n');
    // The real thing among them.
    await put('app/requirements.txt', 'PyYAML==5.3.1\n');

    const out = await mkdtemp(path.join(os.tmpdir(), 'secloop-hostile-out-'));
    let stdout = '';
    const io: CliIo = { stdout: (t) => void (stdout += t), stderr: () => undefined, cwd: REPO_ROOT, env: {} };
    const started = Date.now();
    const code = await main(
      ['scan', tree, '--out', out, '--offline-db', path.join(REPO_ROOT, 'examples/osv-db'), '--sarif', path.join(tree, 'reports'), '--quiet'],
      io,
    );
    const elapsed = Date.now() - started;
    const doc = await readFindingsDocument(path.join(out, 'findings.json'));
    const warned = new Set(doc.warnings.map((w) => w.file));

    expect(code).toBe(0);
    expect(doc.summary.result).toBe('pass');
    // (The alias bomb needs no warning: the scanner dereferences lazily and never expands it; the time bound
    // below is what it must respect.)
    for (const file of ['data/huge.txt', 'web/package-lock.json', 'deploy/broken.yaml']) {
      expect([file, warned.has(file)]).toEqual([file, true]);
    }
    expect(doc.warnings.some((w) => /deep\.sarif/.test(`${w.file} ${w.reason}`))).toBe(true);
    expect(doc.findings.some((f) => f.package?.name === 'PyYAML')).toBe(true);
    expect(doc.warnings.find((w) => w.file === 'web/package-lock.json')?.reason).toMatch(/nests deeper than 1000 levels/);
    expect(doc.warnings.filter((w) => /failed:/.test(w.reason))).toEqual([]);
    expect(doc.findings.some((f) => f.location.path === 'src/latin1.py')).toBe(false);
    // Generous bound for a loaded 2-core machine; a quadratic path or a hang would take minutes.
    expect(elapsed).toBeLessThan(60_000);
    expect(stdout).toMatch(/warning: data\/huge\.txt/);
  });
});
