import type { DirectoryCache } from './cache.js';

/** @actions/cache behind DirectoryCache, imported on first use: it is heavy, and most runs never download. */
export function actionsCache(): DirectoryCache {
  return {
    async restore(directory, key) {
      const cache = await import('@actions/cache');
      return (await cache.restoreCache([directory], key)) !== undefined;
    },
    async save(directory, key) {
      const cache = await import('@actions/cache');
      await cache.saveCache([directory], key);
    },
  };
}
