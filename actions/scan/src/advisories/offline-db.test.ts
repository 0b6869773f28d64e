import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { corpusPath } from '../../../../test/corpus.js';
import { ConfigurationError } from '../../../../src/shared/errors.js';
import { memoryLogger } from '../../../../src/shared/logger.js';
import { OfflineDatabaseSource } from './offline-db.js';

const ADVISORIES = corpusPath('advisories');
const PYPI_ZIP = corpusPath('osv-db', 'PyPI', 'all.zip');
const OSV_DB = corpusPath('osv-db');

describe('OfflineDatabaseSource on the corpus', () => {
  let source: OfflineDatabaseSource;
  const logger = memoryLogger();
  let deferredAfterLoad: Record<string, number> = {};

  beforeAll(async () => {
    source = await OfflineDatabaseSource.load([OSV_DB, ADVISORIES], { logger });
    deferredAfterLoad = { ...source.statistics };
    await source.match([{ ecosystem: 'PyPI', name: 'django', version: '4.2.1' }]);
  });

  // How fast this is belongs to `npm run bench` (the whole-tree scan row loads this same database), not to a
  // timed unit test on a shared machine.
  it('reads the PyPI export only on the first PyPI query: all 2,661 records plus the 40 loose ones', () => {
    expect(deferredAfterLoad).toMatchObject({ records: 40, deferredZips: 1, zipEntries: 0 });
    expect(source.statistics).toMatchObject({ records: 2661 + 40, deferredZips: 0, zipEntries: 2661 });
  });

  it('skips advisories/index.json (not a record) with a warning naming it', () => {
    const warnings = logger.lines.filter((l) => l.level === 'warning').map((l) => l.message);
    expect(warnings).toEqual([expect.stringMatching(/advisories\/index\.json: not an OSV record/)]);
    expect(source.statistics.skipped).toBe(1);
  });

  it('answers one list per query, in order, merging PYSEC and GHSA of one CVE', async () => {
    const results = await source.match([
      { ecosystem: 'PyPI', name: 'requests', version: '2.19.1' },
      { ecosystem: 'npm', name: 'lodash', version: '4.17.15' },
      { ecosystem: 'PyPI', name: 'requests', version: '' },
      { ecosystem: 'Go', name: 'k8s.io/kubernetes', version: '1.20.0' },
    ]);
    expect(results).toHaveLength(4);
    const requests = results[0]!;
    const cve202332681 = requests.filter((m) => m.id === 'GHSA-j8r2-6x86-q33q' || m.aliases.includes('GHSA-j8r2-6x86-q33q'));
    expect(cve202332681).toHaveLength(1);
    expect(cve202332681[0]).toMatchObject({ id: 'GHSA-j8r2-6x86-q33q', fixedVersions: ['2.31.0'] });
    expect(cve202332681[0]!.aliases).toEqual(['CVE-2023-32681', 'PYSEC-2023-74']);
    // PYSEC-2018-28 (fixed 2.20.0) has no GHSA record loaded: it stays primary, its GHSA an alias.
    expect(requests.map((m) => [m.id, m.fixedVersions])).toEqual([
      ['GHSA-j8r2-6x86-q33q', ['2.31.0']],
      ['PYSEC-2018-28', ['2.20.0']],
    ]);
    expect(results[1]!.map((m) => m.id)).toEqual(['GHSA-35jh-r3h4-6jhm', 'GHSA-p6mc-m468-83gw']);
    expect(results[2]).toEqual([]);
    expect(results[3]).toEqual([]); // GO-2022-0617 is withdrawn
  });

  it('finds PyPI packages under any PEP 503 spelling and ignores withdrawn PYSEC records', async () => {
    const [canonical, odd] = await source.match([
      { ecosystem: 'PyPI', name: 'pyyaml', version: '5.3.1' },
      { ecosystem: 'PyPI', name: 'PyYAML', version: '5.3.1' },
    ]);
    expect(odd!.map((m) => m.id)).toEqual(canonical!.map((m) => m.id));
    expect(canonical!.find((m) => m.aliases.includes('PYSEC-2021-142'))?.id).toBe('GHSA-8q59-q68h-6hv4');
    const [aiohttp] = await source.match([{ ecosystem: 'PyPI', name: 'aiohttp', version: '3.8.1' }]);
    expect(aiohttp!.flatMap((m) => [m.id, ...m.aliases])).not.toContain('PYSEC-2022-43059');
  });
});

describe('OfflineDatabaseSource safety and errors', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'secloop-offline-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('throws on a missing or unreadable database path instead of reporting nothing', async () => {
    await expect(OfflineDatabaseSource.load([path.join(dir, 'missing')])).rejects.toThrow(ConfigurationError);
    await expect(OfflineDatabaseSource.load([path.join(dir, 'missing')])).rejects.toThrow(/missing: cannot read the advisory database/);
    const locked = path.join(dir, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o000);
    try {
      // root ignores permissions; then the directory is readable and empty, which is not an error.
      if (process.getuid?.() !== 0) await expect(OfflineDatabaseSource.load([locked])).rejects.toThrow(ConfigurationError);
      else await expect(OfflineDatabaseSource.load([locked])).resolves.toBeInstanceOf(OfflineDatabaseSource);
    } finally {
      chmodSync(locked, 0o755);
    }
    await expect(OfflineDatabaseSource.load([])).rejects.toThrow(/no offline advisory database path/);
  });

  it('refuses escaping and oversized zip entries, with warnings, and loads the rest', async () => {
    const lodash = readFileSync(path.join(ADVISORIES, 'npm', 'GHSA-p6mc-m468-83gw.json'));
    const minimist = readFileSync(path.join(ADVISORIES, 'npm', 'GHSA-xvch-5gv4-984h.json'));
    const big = readFileSync(path.join(ADVISORIES, 'Maven', 'GHSA-jfh8-c2jp-5v3q.json'));
    const zipDir = path.join(dir, 'zips', 'npm');
    mkdirSync(zipDir, { recursive: true });
    writeFileSync(
      path.join(zipDir, 'all.zip'),
      zipSync({
        'GHSA-p6mc-m468-83gw.json': lodash,
        '../GHSA-xvch-5gv4-984h.json': minimist,
        '/etc/GHSA-xvch-5gv4-984h.json': minimist,
        'GHSA-jfh8-c2jp-5v3q.json': big,
        'broken.json': strToU8('{"id": "X", "modified": '),
      }),
    );
    const logger = memoryLogger();
    const source = await OfflineDatabaseSource.load([path.join(dir, 'zips')], {
      logger,
      maxEntryBytes: Math.max(lodash.length, minimist.length) + 1,
        });
    expect(source.statistics.deferredZips).toBe(1); // zips/npm/all.zip: read on the first npm query
    const [lodashMatches] = await source.match([{ ecosystem: 'npm', name: 'lodash', version: '4.17.0' }]);
    expect(lodashMatches!.map((m) => m.id)).toEqual(['GHSA-p6mc-m468-83gw']);
    expect(source.statistics.records).toBe(1);
    const warnings = logger.lines.filter((l) => l.level === 'warning').map((l) => l.message);
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/"\.\.\/GHSA-xvch-5gv4-984h\.json" has a path that escapes/),
        expect.stringMatching(/"\/etc\/GHSA-xvch-5gv4-984h\.json" has a path that escapes/),
        expect.stringMatching(/"GHSA-jfh8-c2jp-5v3q\.json" is \d+ bytes, over the \d+-byte limit/),
        expect.stringMatching(/all\.zip!broken\.json: not valid JSON/),
      ]),
    );
  });

  it('ignores symbolic links leading outside the given path, follows those inside', async () => {
    const root = path.join(dir, 'links');
    mkdirSync(path.join(root, 'inner'), { recursive: true });
    writeFileSync(path.join(root, 'inner', 'GHSA-27h2-hvpr-p74q.json'), readFileSync(path.join(ADVISORIES, 'npm', 'GHSA-27h2-hvpr-p74q.json')));
    symlinkSync(path.join(ADVISORIES, 'npm'), path.join(root, 'outside'));
    symlinkSync(path.join(root, 'inner'), path.join(root, 'again'));
    symlinkSync(root, path.join(root, 'inner', 'loop'));
    const logger = memoryLogger();
    const source = await OfflineDatabaseSource.load([root], { logger });
    expect(source.statistics.records).toBe(1);
    expect(logger.lines.filter((l) => l.level === 'warning').map((l) => l.message)).toEqual([
      expect.stringMatching(/outside: symbolic link leads outside/),
    ]);
    const [jwt] = await source.match([{ ecosystem: 'npm', name: 'jsonwebtoken', version: '8.5.1' }]);
    expect(jwt!.map((m) => m.id)).toEqual(['GHSA-27h2-hvpr-p74q']);
  });

  it('accepts a single record or export file as a path', async () => {
    const source = await OfflineDatabaseSource.load([PYPI_ZIP, path.join(ADVISORIES, 'Go', 'GO-2022-1144.json')], {});
    expect(source.statistics.records).toBe(1);
    const [stdlib] = await source.match([{ ecosystem: 'Go', name: 'stdlib', version: '1.19.1' }]);
    expect(stdlib!.map((m) => m.fixedVersions)).toEqual([['1.19.4']]);
    expect(source.statistics.records).toBe(1); // no PyPI query yet
    await source.loadAll();
    expect(source.statistics.records).toBe(2662);
    await expect(OfflineDatabaseSource.load([path.join(ADVISORIES, '..', 'README.md')])).rejects.toThrow(/README\.md: expected an OSV record/);
  });
});
