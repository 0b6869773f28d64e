import { isMainThread } from 'node:worker_threads';
import { run } from './main.js';

// The secrets scanner's worker threads start from this module too (secrets/pool.ts): only the main thread runs the action.
if (isMainThread) await run();

/** What a worker thread of the secrets scanner runs. */
export async function serveSecretsWorker(): Promise<void> {
  (await import('./secrets/worker.js')).serveSecretsWorker();
}
