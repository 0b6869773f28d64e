import { parentPort, workerData } from 'node:worker_threads';
import type { PieceLimits } from './chunks.js';
import { loadConfigFile, loadDefaultConfig } from './config.js';
import { SecretDetector } from './detector.js';
import { scanInputForSecrets, type SecretsInput, type TextScanResult } from './file-scan.js';

/**
 * The secrets scanner's worker thread: it builds the same detector as the main thread (from the same rules
 * file) and scans the texts it is sent, batch by batch. Rules hold RegExps, which cannot cross threads, so
 * each side compiles its own; what comes back is plain data (rule ids, locations, the secret for the
 * fingerprint, which never leaves the process).
 */

export interface SecretsWorkerSetup {
  /** Absolute path of the user's rules file; the default rules when absent. */
  configPath?: string;
  maxDecodeDepth: number;
  limits: PieceLimits;
}

export interface SecretsBatch {
  batch: number;
  files: ({ index: number } & SecretsInput)[];
}

export type SecretsBatchReply = { batch: number; results: { index: number; result: TextScanResult }[] } | { batch: number; error: string };

/** What workerData carries (a key of our own, so a worker started for something else is never mistaken). */
export const WORKER_DATA_KEY = 'secloopSecretsWorker';
/** A shared counter each worker increments once its rules are compiled (read by the main thread without waiting). */
export const READY_COUNTER_KEY = 'secloopSecretsWorkersReady';

export function serveSecretsWorker(): void {
  const port = parentPort;
  const setup = (workerData as Record<string, SecretsWorkerSetup | undefined> | undefined)?.[WORKER_DATA_KEY];
  if (!port || !setup) throw new Error('serveSecretsWorker runs only in a worker thread started by the secrets scanner');
  const config = setup.configPath ? loadConfigFile(setup.configPath) : loadDefaultConfig();
  const detector = new SecretDetector(config, { maxDecodeDepth: setup.maxDecodeDepth });
  detector.prepareContentMatching();
  const ready = (workerData as Record<string, unknown>)[READY_COUNTER_KEY];
  if (ready instanceof SharedArrayBuffer) Atomics.add(new Int32Array(ready), 0, 1);
  port.on('message', (message: SecretsBatch) => {
    let reply: SecretsBatchReply;
    try {
      reply = { batch: message.batch, results: message.files.map((f) => ({ index: f.index, result: scanInputForSecrets(detector, setup.limits, f) })) };
    } catch (error) {
      reply = { batch: message.batch, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    }
    port.postMessage(reply);
  });
}
