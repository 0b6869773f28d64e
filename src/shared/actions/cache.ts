/**
 * A directory cached between workflow runs under a key. Inside Actions it is @actions/cache (imported on first
 * use: it is heavy, and most runs never need it); outside, nothing is cached and every run starts empty.
 */
export interface DirectoryCache {
  /** Restores `directory` for `key`; true on a hit. */
  restore(directory: string, key: string): Promise<boolean>;
  save(directory: string, key: string): Promise<void>;
}

export const noCache: DirectoryCache = {
  restore: async () => false,
  save: async () => undefined,
};

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
