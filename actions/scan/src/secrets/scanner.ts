import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { ScanWarning } from '../../../../src/shared/contracts/findings.js';
import { ConfigurationError, errorMessage, isUserError } from '../../../../src/shared/errors.js';
import type { DiscoveredFile } from '../discovery.js';
import type { ScannerContext, ScannerResult, ScannerSetup, TextFile, TextScanner } from '../scanners/types.js';
import { type PieceLimits, DEFAULT_PIECE_LIMITS } from './chunks.js';
import { loadConfigFile, loadDefaultConfig, type SecretsConfig } from './config.js';
import { DEFAULT_MAX_DECODE_DEPTH, SecretDetector } from './detector.js';
import { scanInputForSecrets, scanTextForSecrets, type SecretsInput, type TextScanResult } from './file-scan.js';
import { buildFindings, fingerprintKey, type Occurrence } from './findings.js';
import { SecretsWorkerPool, workerEntry } from './pool.js';
import { ensureHistory, forEachAddedFile, parseHistorySelection, type HistorySelection } from './history.js';

/**
 * The secrets scanner. Inputs:
 * - secrets-config: a gitleaks-format TOML file (relative to the workspace); `[extend] useDefault = true` layers
 *   it on the default rules (gitleaks' own), otherwise it replaces them.
 * - secrets-hash-key: key of the secrets' HMAC fingerprints (default: derived from the repository name).
 * - secrets-history: none (default) | <base>..<head> | since:<date>: also scan the lines added by those commits.
 * - secrets-deepen: true lets a shallow clone be deepened to reach that history (default false: an error).
 * - secrets-max-decode-depth: decoding passes over base64/hex/percent/unicode-encoded text (gitleaks'
 *   --max-decode-depth; default 5, 0 turns decoding off).
 */
export async function createSecretsScanner({ inputs, workspace, root, logger }: ScannerSetup): Promise<TextScanner> {
  const configInput = inputs.optional('secrets-config');
  const configPath = configInput ? path.resolve(workspace, configInput) : undefined;
  const config = configPath ? loadConfigFile(configPath) : loadDefaultConfig();
  const history = parseHistorySelection(inputs.optional('secrets-history'));
  const deepen = inputs.boolean('secrets-deepen', false);
  const maxDecodeDepth = parseDecodeDepth(inputs.optional('secrets-max-decode-depth'));
  const repository = process.env.GITHUB_REPOSITORY || path.basename(path.resolve(root));
  const key = fingerprintKey(inputs.optional('secrets-hash-key'), repository);
  logger.info(`secrets: ${config.rules.length} rule(s) from ${config.description}`);
  return secretsScanner({ config, configPath, key, history, deepen, maxDecodeDepth, threads: scanThreads(process.env.SECLOOP_SCAN_THREADS), info: (m) => logger.info(m) });
}

export interface SecretsScannerOptions {
  config: SecretsConfig;
  /** The rules file `config` came from (absent for the default rules): worker threads load it themselves. */
  configPath?: string;
  /** Cores the scan of a large tree may keep busy, the main thread's included (0 or 1: no worker threads). */
  threads?: number;
  /** Where to say that the scan went to worker threads. */
  info?: (message: string) => void;
  /** The bundle the workers run (exports serveSecretsWorker); default: the bundle this code is in. */
  workerEntry?: string;
  key: Buffer;
  history?: HistorySelection;
  deepen?: boolean;
  limits?: PieceLimits;
  /** Decoding passes (default DEFAULT_MAX_DECODE_DEPTH). */
  maxDecodeDepth?: number;
}

const MAX_DEFAULT_THREADS = 8;

/** Below this many characters of text a tree is scanned in the calling thread: starting workers costs more. */
const THREADS_AFTER_CHARS = 8 << 20;

/**
 * A walk that has found this many files for the secrets scan is a large tree: the workers start then, so that they
 * are ready when the walk ends (their start-up, ~0.15 s, overlaps the rest of the walk).
 */
const THREADS_AFTER_FILES = 1000;

/** Deeper than this, a pass would only decode what 20 layers of encoding hid: a bound on the work per file. */
const MAX_DECODE_DEPTH_LIMIT = 20;

/**
 * Worker threads for the secrets scan: SECLOOP_SCAN_THREADS when set (0 or 1 keeps it in one thread), else one
 * per core the process may use, at most MAX_DEFAULT_THREADS.
 */
export function scanThreads(setting: string | undefined): number {
  if (setting !== undefined && setting.trim() !== '') {
    const n = Number(setting.trim());
    if (!Number.isInteger(n) || n < 0 || n > 64) throw new ConfigurationError(`expected an integer from 0 to 64, got "${setting}"`, 'environment', 'SECLOOP_SCAN_THREADS');
    return n;
  }
  // Each worker holds its own compiled rules and heap (~40 MB): a 64-core host does not get 64 of them.
  return Math.min(availableParallelism(), MAX_DEFAULT_THREADS);
}

export function parseDecodeDepth(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_MAX_DECODE_DEPTH;
  const depth = Number(value.trim());
  if (!Number.isInteger(depth) || depth < 0 || depth > MAX_DECODE_DEPTH_LIMIT) {
    throw new ConfigurationError(`expected an integer from 0 to ${MAX_DECODE_DEPTH_LIMIT}, got "${value}"`, 'input', 'secrets-max-decode-depth');
  }
  return depth;
}

export function secretsScanner(options: SecretsScannerOptions): TextScanner {
  const detector = new SecretDetector(options.config, { maxDecodeDepth: options.maxDecodeDepth ?? DEFAULT_MAX_DECODE_DEPTH });
  const rulesById = new Map(options.config.rules.map((r) => [r.id, r]));
  const limits = options.limits ?? DEFAULT_PIECE_LIMITS;
  const threads = options.threads ?? 0;
  const entry = threads > 1 ? (options.workerEntry ?? workerEntry()) : undefined;
  let occurrences: Occurrence[] = [];
  /** Per file handed over (scanText or scanFile), in that order, whichever thread scanned it. */
  let perText: (TextScanResult | undefined)[] = [];
  let pool: SecretsWorkerPool | undefined;
  let textChars = 0;
  let inputs = 0;
  /** Inputs sent to the pool, and for each input handed over (perText's index) its index there, if it went. */
  let poolInputs = 0;
  let pooled: (number | undefined)[] = [];
  /** Files sent to the pool while the walk went on (discovered), by path: scanFile then finds them there. */
  const sentEarly = new Map<string, number>();
  /** How many files went to the pool while the walk went on (they have the first pool indexes). */
  let earlySent = 0;
  let examined = 0;
  const pathsSeen = new Set<string>();
  /** Paths a global allowlist excludes (the scanner does not want them). */
  const pathsAllowed = new Set<string>();

  const startPool = (workers: number) => {
    if (pool || workers < 1) return;
    pool = new SecretsWorkerPool(entry!, workers, { configPath: options.configPath, maxDecodeDepth: options.maxDecodeDepth ?? DEFAULT_MAX_DECODE_DEPTH, limits });
    options.info?.(`secrets: scanning on ${workers} worker thread${workers === 1 ? '' : 's'}`);
  };

  /** Sends an input to the pool; returns its index there. */
  const toPool = (input: SecretsInput): number => {
    const at = poolInputs++;
    pool!.submit(at, input);
    return at;
  };

  /** One text or unread file: scanned here, or by the worker pool once the tree proves large. */
  const scan = (input: SecretsInput, chars: number): void => {
    const index = inputs++;
    textChars += chars;
    // Without prepare (a caller feeding texts one by one), the pool starts once the texts add up.
    if (!pool && entry && textChars > THREADS_AFTER_CHARS) startPool(threads - 1);
    const early = sentEarly.get(input.path);
    if (early !== undefined) {
      sentEarly.delete(input.path);
      pooled[index] = early;
    } else if (pool?.ready && !pool.busy) {
      pooled[index] = toPool(input);
    } else {
      // While the workers start, and whenever they have enough queued, this thread scans too.
      perText[index] = scanInputForSecrets(detector, limits, input);
    }
  };

  const absorb = (result: TextScanResult, commit?: string) => {
    for (const o of result.occurrences) occurrences.push({ ...o, rule: rulesById.get(o.ruleId)!, ...(commit ? { commit } : {}) });
  };

  return {
    kind: 'text',
    name: 'secrets',
    sources: [{ name: 'secret rules', detail: `${options.config.description}, ${options.config.rules.length} rules` }],
    wants(relativePath) {
      // Asked several times per file (the walk, then who takes it): the allowlists' path regexes run once.
      if (pathsSeen.has(relativePath)) return true;
      if (pathsAllowed.has(relativePath)) return false;
      if (detector.pathAllowed(relativePath)) {
        pathsAllowed.add(relativePath);
        return false;
      }
      // Path-only rules (key stores such as .p12) judge the name; a binary file's content is never scanned.
      pathsSeen.add(relativePath);
      if (pathsSeen.size === THREADS_AFTER_FILES && entry) startPool(threads - 1);
      for (const raw of detector.detectPath(relativePath)) {
        occurrences.push({ rule: rulesById.get(raw.ruleId)!, secret: raw.secret, entropy: raw.entropy, location: { path: relativePath } });
      }
      return true;
    },
    prepare(files) {
      // Workers start while the first files are read, when the tree is known to be large enough to pay for them:
      // one core fewer than the scan may use, as this thread scans too whenever they have enough queued (pool.busy).
      // When other scanners keep it busy (the code scanner parses every source file), it simply takes less.
      if (entry && files.reduce((sum, f) => sum + f.size, 0) > THREADS_AFTER_CHARS) startPool(threads - 1);
    },
    scanText(file: TextFile) {
      return scan({ path: file.relativePath, text: file.text, ascii: file.ascii }, file.text.length);
    },
    scanFile(file: DiscoveredFile) {
      return scan({ path: file.relativePath, absolutePath: file.absolutePath, size: file.size }, file.size);
    },
    discovered(file: DiscoveredFile) {
      // The worker is up before the walk ends (it starts at THREADS_AFTER_FILES): it scans while this thread walks.
      // A failed pool is left to scanFile, which reports it as this scanner's error: the walk itself goes on.
      if (!pool?.ready || pool.failed !== undefined || pool.busy || sentEarly.has(file.relativePath)) return;
      sentEarly.set(file.relativePath, toPool({ path: file.relativePath, absolutePath: file.absolutePath, size: file.size }));
      earlySent = poolInputs;
    },
    async finish(context: ScannerContext): Promise<ScannerResult> {
      const errors: string[] = [];
      const warnings: ScanWarning[] = [];
      if (pool) {
        if (earlySent > 0) context.logger.info(`secrets: ${earlySent} file(s) were scanned on the worker while the walk went on`);
        const fromWorkers = await pool.drain();
        pooled.forEach((at, index) => {
          if (at !== undefined) perText[index] = fromWorkers[at];
        });
        // Every text was scanned (here, when no worker came up), but a broken worker set-up should not pass unseen.
        if (pool.failed) context.logger.warning(`secrets: a worker thread failed (${pool.failed}); every text was still scanned`);
        pool = undefined;
      }
      let binary = 0;
      for (let i = 0; i < inputs; i++) {
        const result = perText[i];
        if (!result) throw new Error(`secrets: no result for file ${i + 1} of ${inputs}`);
        if (result.binary) binary++;
        else examined++;
        absorb(result);
        warnings.push(...result.warnings);
      }
      if (binary > 0) context.logger.info(`secrets: ${binary} binary file(s) left out`);
      if (options.history && options.history.mode !== 'none') {
        try {
          examined += await scanHistory(context, options.history, options.deepen ?? false, (file) => {
            if (detector.pathAllowed(file.path, file.commit)) return;
            for (const raw of detector.detectPath(file.path, file.commit)) {
              occurrences.push({ rule: rulesById.get(raw.ruleId)!, secret: raw.secret, entropy: raw.entropy, location: { path: file.path, commit: file.commit }, commit: file.commit });
            }
            const result = scanTextForSecrets(detector, limits, file.text, file.path, file.commit, (line) => file.lineNumbers[line - 1] ?? line);
            absorb(result, file.commit);
            warnings.push(...result.warnings);
          });
        } catch (error) {
          if (isUserError(error)) throw error;
          errors.push(errorMessage(error));
          context.logger.error(errorMessage(error));
        }
      }
      const findings = buildFindings(occurrences, options.key, context.detectedAt);
      const result: ScannerResult = { findings, warnings, errors, examined: examined + (pathsSeen.size > 0 && examined === 0 ? pathsSeen.size : 0) };
      occurrences = [];
      perText = [];
      pooled = [];
      sentEarly.clear();
      earlySent = 0;
      poolInputs = 0;
      textChars = 0;
      inputs = 0;
      examined = 0;
      pathsSeen.clear();
      pathsAllowed.clear();
      return result;
    },
  };
}

async function scanHistory(
  context: ScannerContext,
  selection: Exclude<HistorySelection, { mode: 'none' }>,
  deepen: boolean,
  visit: Parameters<typeof forEachAddedFile>[2],
): Promise<number> {
  await ensureHistory(context.root, selection, deepen, (m) => context.logger.info(m));
  const commits = await forEachAddedFile(context.root, selection, visit);
  context.logger.info(`secrets: scanned the lines added by ${commits} commit(s)`);
  return commits;
}
