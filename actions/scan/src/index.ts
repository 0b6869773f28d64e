import { isMainThread } from 'node:worker_threads';

// The secrets scanner's worker threads start from this module too (secrets/pool.ts): only the main thread runs the
// action, and only it imports the action's code, so that a worker does not compile all of it to reach the scanner.
if (isMainThread) await (await import('./main.js')).run();

/** What a worker thread of the secrets scanner runs. */
export async function serveSecretsWorker(): Promise<void> {
  (await import('./secrets/worker.js')).serveSecretsWorker();
}
