import path from 'node:path';
import type { ScanWarning } from '../../../../src/shared/contracts/findings.js';
import { ConfigurationError, errorMessage, isUserError } from '../../../../src/shared/errors.js';
import type { ScannerContext, ScannerResult, ScannerSetup, TextFile, TextScanner } from '../scanners/types.js';
import { forEachPiece, type PieceLimits, DEFAULT_PIECE_LIMITS } from './chunks.js';
import { loadConfigFile, loadDefaultConfig, type SecretsConfig } from './config.js';
import { DEFAULT_MAX_DECODE_DEPTH, SecretDetector, type RawFinding } from './detector.js';
import { buildFindings, fingerprintKey, type Occurrence } from './findings.js';
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
  const configPath = inputs.optional('secrets-config');
  const config = configPath ? loadConfigFile(path.resolve(workspace, configPath)) : loadDefaultConfig();
  const history = parseHistorySelection(inputs.optional('secrets-history'));
  const deepen = inputs.boolean('secrets-deepen', false);
  const maxDecodeDepth = parseDecodeDepth(inputs.optional('secrets-max-decode-depth'));
  const repository = process.env.GITHUB_REPOSITORY || path.basename(path.resolve(root));
  const key = fingerprintKey(inputs.optional('secrets-hash-key'), repository);
  logger.info(`secrets: ${config.rules.length} rule(s) from ${config.description}`);
  return secretsScanner({ config, key, history, deepen, maxDecodeDepth });
}

export interface SecretsScannerOptions {
  config: SecretsConfig;
  key: Buffer;
  history?: HistorySelection;
  deepen?: boolean;
  limits?: PieceLimits;
  /** Decoding passes (default DEFAULT_MAX_DECODE_DEPTH). */
  maxDecodeDepth?: number;
}

/** Deeper than this, a pass would only decode what 20 layers of encoding hid: a bound on the work per file. */
const MAX_DECODE_DEPTH_LIMIT = 20;

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
  let occurrences: Occurrence[] = [];
  let warnings: ScanWarning[] = [];
  let examined = 0;
  const pathsSeen = new Set<string>();

  const record = (raw: RawFinding, location: Occurrence['location'], commit?: string) => {
    const decodedFrom = raw.decodeDepth > 0 ? decodedEncodings(raw.tags) : [];
    occurrences.push({
      rule: rulesById.get(raw.ruleId)!,
      secret: raw.secret,
      entropy: raw.entropy,
      location,
      ...(commit ? { commit } : {}),
      ...(decodedFrom.length > 0 ? { decodedFrom } : {}),
    });
  };

  /** Runs the detector over a text piece by piece; `lineOf` maps a 1-based text line to the reported line. */
  const scanContent = (text: string, file: string, commit: string | undefined, lineOf: (line: number) => number) => {
    const seen = new Set<string>();
    forEachPiece(
      text,
      (piece) => {
        for (const raw of detector.detect({ text: piece.text, path: file, commit })) {
          const startLine = piece.line + raw.startLine - 1;
          const endLine = piece.line + raw.endLine - 1;
          const startColumn = raw.startColumn + (raw.startLine === 1 ? piece.column : 0);
          const endColumn = raw.endColumn + (raw.endLine === 1 ? piece.column : 0);
          // Overlapping windows of a long line see the same match twice (a decoded one at the same encoded text).
          const dedupe = `${raw.ruleId}\0${piece.offset + raw.start}\0${raw.decodeDepth}`;
          if (seen.has(dedupe)) continue;
          seen.add(dedupe);
          record(raw, { path: file, start_line: lineOf(startLine), end_line: lineOf(endLine), start_column: startColumn, end_column: Math.max(1, endColumn) }, commit);
        }
      },
      limits,
      (line, length) =>
        warnings.push({
          file,
          line: lineOf(line),
          scanner: 'secrets',
          reason: `line of ${length} characters scanned in overlapping windows of ${limits.maxLine}; a secret-like match longer than ${limits.overlap} characters across a window edge can be missed`,
        }),
    );
  };

  return {
    kind: 'text',
    name: 'secrets',
    sources: [{ name: 'secret rules', detail: `${options.config.description}, ${options.config.rules.length} rules` }],
    wants(relativePath) {
      if (detector.pathAllowed(relativePath)) return false;
      // Path-only rules (key stores such as .p12) judge the name, and binary files never reach scanText.
      if (!pathsSeen.has(relativePath)) {
        pathsSeen.add(relativePath);
        for (const raw of detector.detectPath(relativePath)) record(raw, { path: relativePath });
      }
      return true;
    },
    scanText(file: TextFile) {
      examined++;
      scanContent(file.text, file.relativePath, undefined, (line) => line);
    },
    async finish(context: ScannerContext): Promise<ScannerResult> {
      const errors: string[] = [];
      if (options.history && options.history.mode !== 'none') {
        try {
          examined += await scanHistory(context, options.history, options.deepen ?? false, (file) => {
            if (detector.pathAllowed(file.path, file.commit)) return;
            for (const raw of detector.detectPath(file.path, file.commit)) record(raw, { path: file.path }, file.commit);
            scanContent(file.text, file.path, file.commit, (line) => file.lineNumbers[line - 1] ?? line);
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
      warnings = [];
      examined = 0;
      pathsSeen.clear();
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

/** The encodings of a decoded finding, from its `decoded:<encoding>` tags (in gitleaks' order: percent, unicode, hex, base64). */
function decodedEncodings(tags: readonly string[]): string[] {
  return tags.filter((t) => t.startsWith('decoded:')).map((t) => t.slice('decoded:'.length));
}
