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
/**
 * Shared counters the main thread reads without waiting for its event loop (which does not turn while it scans):
 * [0] workers whose rules are compiled, [1] kilobytes of text scanned so far (scannedUnits of each input).
 */
export const READY_COUNTER_KEY = 'secloopSecretsWorkersReady';
export const SCANNED_UNITS = 1;

/** An input's size in the units of the scanned counter (whole kilobytes, so that a large tree fits in 32 bits). */
export function scannedUnits(input: SecretsInput): number {
  return Math.ceil(('text' in input ? input.text.length : input.size) / 1024);
}

export function serveSecretsWorker(): void {
  const port = parentPort;
  const setup = (workerData as Record<string, SecretsWorkerSetup | undefined> | undefined)?.[WORKER_DATA_KEY];
  if (!port || !setup) throw new Error('serveSecretsWorker runs only in a worker thread started by the secrets scanner');
  const config = setup.configPath ? loadConfigFile(setup.configPath) : loadDefaultConfig();
  const detector = new SecretDetector(config, { maxDecodeDepth: setup.maxDecodeDepth });
  detector.prepareContentMatching();
  const shared = (workerData as Record<string, unknown>)[READY_COUNTER_KEY];
  const counters = shared instanceof SharedArrayBuffer ? new Int32Array(shared) : new Int32Array(2);
  Atomics.add(counters, 0, 1);
  port.on('message', (message: SecretsBatch) => {
    let reply: SecretsBatchReply;
    try {
      reply = {
        batch: message.batch,
        results: message.files.map((f) => {
          const result = scanInputForSecrets(detector, setup.limits, f);
          Atomics.add(counters, SCANNED_UNITS, scannedUnits(f));
          return { index: f.index, result };
        }),
      };
    } catch (error) {
      reply = { batch: message.batch, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    }
    port.postMessage(reply);
  });
}
