import { describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { discoverFiles } from './discovery.js';

async function tree(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'secloop-walk-'));
  for (const [rel, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await writeFile(path.join(root, rel), content);
  }
  return root;
}

const lockfiles = (_rel: string, base: string) => base === 'package-lock.json' || base === 'go.mod';

describe('discoverFiles', () => {
  it('finds lockfiles by exact name in a monorepo and skips node_modules, vendor and .git', async () => {
    const root = await tree({
      'package-lock.json': '{}',
      'services/api/package-lock.json': '{}',
      'services/api/node_modules/dep/package-lock.json': '{}',
      'tools/vendor/x/go.mod': 'module x',
      '.git/go.mod': 'module x',
      'services/edge/go.mod': 'module edge',
      'services/edge/package-lock.json.bak': '{}',
    });
    const result = await discoverFiles({ root, wants: lockfiles });
    expect(result.files.map((f) => f.relativePath)).toEqual(['package-lock.json', 'services/api/package-lock.json', 'services/edge/go.mod']);
    expect(result.warnings).toEqual([]);
    expect(result.filesSeen).toBe(4);
  });

  it('applies exclude globs to files and directories', async () => {
    const root = await tree({ 'a/package-lock.json': '{}', 'b/test/package-lock.json': '{}', 'c/go.mod': 'module c' });
    const result = await discoverFiles({ root, exclude: ['**/test/**', 'c/go.mod'], wants: lockfiles });
    expect(result.files.map((f) => f.relativePath)).toEqual(['a/package-lock.json']);
  });

  it('refuses a symlink leading outside the tree, with a warning naming it', async () => {
    const outside = await tree({ 'package-lock.json': '{"secret": true}' });
    const root = await tree({ 'app/go.mod': 'module app' });
    await symlink(path.join(outside, 'package-lock.json'), path.join(root, 'app', 'package-lock.json'));
    await symlink(outside, path.join(root, 'linked-dir'));
    const result = await discoverFiles({ root, wants: lockfiles });
    expect(result.files.map((f) => f.relativePath)).toEqual(['app/go.mod']);
    expect(result.warnings.map((w) => w.file).sort()).toEqual(['app/package-lock.json', 'linked-dir']);
    expect(result.warnings[0]!.reason).toMatch(/outside the scanned tree/);
  });

  it('follows a symlinked file that stays inside the tree', async () => {
    const root = await tree({ 'real/package-lock.json': '{}' });
    await mkdir(path.join(root, 'app'));
    await symlink(path.join(root, 'real', 'package-lock.json'), path.join(root, 'app', 'package-lock.json'));
    const result = await discoverFiles({ root, wants: lockfiles });
    expect(result.files.map((f) => f.relativePath)).toEqual(['app/package-lock.json', 'real/package-lock.json']);
  });

  it('refuses files over the size limit with a warning', async () => {
    const root = await tree({ 'package-lock.json': 'x'.repeat(2048) });
    const result = await discoverFiles({ root, maxFileBytes: 1024, wants: lockfiles });
    expect(result.files).toEqual([]);
    expect(result.warnings[0]).toMatchObject({ file: 'package-lock.json', scanner: 'discovery' });
    expect(result.warnings[0]!.reason).toMatch(/2048 bytes, over the limit of 1024/);
  });

  it('scans a single file given as the root', async () => {
    const root = await tree({ 'go.mod': 'module x' });
    const result = await discoverFiles({ root: path.join(root, 'go.mod'), wants: lockfiles });
    expect(result.files.map((f) => f.relativePath)).toEqual(['go.mod']);
  });
});
