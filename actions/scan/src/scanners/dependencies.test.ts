import { describe, expect, it } from '@jest/globals';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DirectoryCache } from '../../../../src/shared/actions/cache.js';
import { Inputs } from '../../../../src/shared/inputs.js';
import { memoryLogger } from '../../../../src/shared/logger.js';
import { corpusPath } from '../../../../test/corpus.js';
import { OfflineDatabaseSource } from '../advisories/offline-db.js';
import { startOsvTestServer } from '../advisories/osv-test-server.js';
import { dailyOsvExports } from './dependencies.js';

/** A cache backed by a directory, behaving like @actions/cache: restore copies a saved key back, save copies in. */
async function directoryCache(): Promise<DirectoryCache & { keys: string[] }> {
  const store = await mkdtemp(path.join(os.tmpdir(), 'secloop-cache-'));
  const keys: string[] = [];
  return {
    keys,
    async restore(directory, key) {
      if (!keys.includes(key)) return false;
      await cp(path.join(store, key), directory, { recursive: true });
      return true;
    },
    async save(directory, key) {
      await cp(directory, path.join(store, key), { recursive: true });
      keys.push(key);
    },
  };
}

describe('daily OSV export download', () => {
  it('downloads an export once a day and restores it from the cache afterwards', async () => {
    const zip = await readFile(corpusPath('osv-db', 'PyPI', 'all.zip'));
    const server = await startOsvTestServer({
      database: await OfflineDatabaseSource.load([corpusPath('advisories')]),
      exports: new Map([['PyPI', zip]]),
    });
    try {
      const cache = await directoryCache();
      const setup = async () => ({
        inputs: new Inputs((name) => (name === 'osv-export-url' ? server.baseUrl : undefined)),
        workspace: '/',
        root: '/',
        logger: memoryLogger(),
        cache,
        tempDir: await mkdtemp(path.join(os.tmpdir(), 'secloop-runner-temp-')),
      });
      const day = new Date('2026-11-22T10:00:00Z');
      const first = await dailyOsvExports(['PyPI'], await setup(), day);
      expect((await readFile(path.join(first, 'PyPI', 'all.zip'))).equals(zip)).toBe(true);
      expect(cache.keys).toEqual(['secloop-osv-PyPI-2026-11-22']);
      const downloads = () => server.requests.filter((r) => r.path === '/PyPI/all.zip').length;
      expect(downloads()).toBe(1);

      // A later job the same day (a fresh runner: nothing on disk) restores instead of downloading.
      await rm(first, { recursive: true });
      const second = await dailyOsvExports(['PyPI'], await setup(), day);
      expect((await readFile(path.join(second, 'PyPI', 'all.zip'))).equals(zip)).toBe(true);
      expect(downloads()).toBe(1);

      // The next day's key misses: the database is refreshed.
      await dailyOsvExports(['PyPI'], await setup(), new Date('2026-11-23T01:00:00Z'));
      expect(downloads()).toBe(2);
      expect(cache.keys).toContain('secloop-osv-PyPI-2026-11-23');
    } finally {
      await server.close();
    }
  });
});
