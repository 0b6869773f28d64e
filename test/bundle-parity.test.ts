import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readFindingsDocument } from '../src/shared/contracts/documents.js';
import { discoverFiles } from '../actions/scan/src/discovery.js';
import { extractLockfiles } from '../actions/scan/src/dependencies/extract.js';
import { extractorFor } from '../actions/scan/src/extractors/registry.js';
import { REPO_ROOT, corpusPath } from './corpus.js';

const CANONICAL = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'test/canonical-lockfile-names.json'), 'utf8')) as { names: Record<string, string> }).names;

/**
 * The committed bundle is what users run. A library that loads one way under Node and another way under the
 * bundler (a default export that exists in one and not the other) breaks only there, so every corpus
 * lockfile goes through the bundled CLI and must give what the sources give.
 */
describe('the bundled CLI extracts every corpus lockfile like the sources do', () => {
  it('has the same packages and warnings, and no extractor crash', async () => {
    const tree = await mkdtemp(path.join(os.tmpdir(), 'secloop-parity-'));
    const index = JSON.parse(readFileSync(corpusPath('lockfiles', 'index.json'), 'utf8')) as {
      fixtures: { fixture: string; companionFiles?: string[] }[];
    };
    for (const entry of index.fixtures) {
      const [ecosystem, format, ...rest] = entry.fixture.split('/');
      const dir = path.join(tree, ecosystem!, format!, rest.join('__'));
      mkdirSync(dir, { recursive: true });
      cpSync(corpusPath('lockfiles', entry.fixture), path.join(dir, CANONICAL[format!]!));
      for (const companion of entry.companionFiles ?? []) {
        const target = format === 'go-mod' && companion.endsWith('.sum') ? 'go.sum' : companion;
        mkdirSync(path.dirname(path.join(dir, target)), { recursive: true });
        cpSync(corpusPath('lockfiles', path.dirname(entry.fixture), companion), path.join(dir, target));
      }
    }

    const discovered = await discoverFiles({ root: tree, wants: (rel) => extractorFor(rel) !== undefined });
    const fromSource = await extractLockfiles(tree, discovered.files);
    expect(fromSource.failed).toEqual([]);
    const sourcePackages = fromSource.lockfiles.reduce((n, l) => n + l.packages.length, 0);

    const out = path.join(tree, '..', `${path.basename(tree)}-out`);
    const run = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin/secloop.js'), 'scan', tree, '--out', out, '--offline-db', path.join(REPO_ROOT, 'examples/osv-db'), '--quiet', '--scanners', 'dependencies'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(0);
    const bundled = await readFindingsDocument(path.join(out, 'findings.json'));
    expect(bundled.warnings.filter((w) => /failed:/.test(w.reason))).toEqual([]);
    expect(bundled.summary.lockfiles).toBe(fromSource.lockfiles.length);
    expect(bundled.summary.packages).toBe(sourcePackages);
    expect(bundled.warnings.map((w) => `${w.file}: ${w.reason}`).sort()).toEqual(
      fromSource.warnings.map((w) => `${w.file}: ${w.reason}`).sort(),
    );
  });
});
