/**
 * A directory cached between workflow runs under a key. Inside Actions it is @actions/cache (actions-cache.ts,
 * a module of its own so the CLI bundle never contains it); outside, nothing is cached.
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
