import type { FindingLocation, ScanWarning } from '../../../../src/shared/contracts/findings.js';
import { forEachPiece, type PieceLimits } from './chunks.js';
import type { SecretDetector } from './detector.js';
import { readTextFile } from '../text-files.js';

/**
 * One text's secrets, as plain data (a rule id, not the rule): what a worker thread sends back, and what the
 * in-process scan produces, so both paths are the same code.
 */
export interface TextOccurrence {
  ruleId: string;
  secret: string;
  entropy: number;
  location: FindingLocation;
  /** The encodings the secret was found under (base64, hex, percent, unicode), when it was decoded. */
  decodedFrom?: string[];
}

export interface TextScanResult {
  occurrences: TextOccurrence[];
  warnings: ScanWarning[];
  /** Set when the file was handed over unread and turned out binary (nothing scanned). */
  binary?: boolean;
}

/** A file a worker reads itself (the agent did not read it: no other scanner wanted it), or a text already read. */
export type SecretsInput = { path: string; text: string; ascii?: boolean } | { path: string; absolutePath: string; size: number };

/** Reads the file when it was handed over unread, then scans it; a binary or unreadable file is reported so. */
export function scanInputForSecrets(detector: SecretDetector, limits: PieceLimits, input: SecretsInput): TextScanResult {
  if ('text' in input) return scanTextForSecrets(detector, limits, input.text, input.path, undefined, undefined, input.ascii);
  const outcome = readTextFile({ relativePath: input.path, absolutePath: input.absolutePath, size: input.size });
  if ('skipped' in outcome) return { occurrences: [], warnings: [], binary: true };
  if ('warning' in outcome) return { occurrences: [], warnings: [outcome.warning] };
  return scanTextForSecrets(detector, limits, outcome.text.text, input.path, undefined, undefined, outcome.text.ascii);
}

/**
 * Runs the detector over a text piece by piece (chunks.ts bounds what one regex sees). `lineOf` maps a 1-based
 * line of the text to the reported line (the identity for a file; the file's line for added lines of a commit).
 * The caller has checked the path against the global allowlists (detector.pathAllowed): the scanner's wants, the
 * history walk.
 */
export function scanTextForSecrets(
  detector: SecretDetector,
  limits: PieceLimits,
  text: string,
  file: string,
  commit?: string,
  lineOf: (line: number) => number = (line) => line,
  /** The text is all ASCII (see TextFile.ascii). */
  ascii = false,
): TextScanResult {
  const occurrences: TextOccurrence[] = [];
  const warnings: ScanWarning[] = [];
  const seen = new Set<string>();
  forEachPiece(
    text,
    (piece) => {
      for (const raw of detector.detect({ text: piece.text, path: file, commit, pathChecked: true, ascii })) {
        const startLine = piece.line + raw.startLine - 1;
        const endLine = piece.line + raw.endLine - 1;
        const startColumn = raw.startColumn + (raw.startLine === 1 ? piece.column : 0);
        const endColumn = raw.endColumn + (raw.endLine === 1 ? piece.column : 0);
        // Overlapping windows of a long line see the same match twice (a decoded one at the same encoded text).
        const dedupe = `${raw.ruleId}\0${piece.offset + raw.start}\0${raw.decodeDepth}`;
        if (seen.has(dedupe)) continue;
        seen.add(dedupe);
        const decodedFrom = raw.decodeDepth > 0 ? decodedEncodings(raw.tags) : [];
        occurrences.push({
          ruleId: raw.ruleId,
          secret: raw.secret,
          entropy: raw.entropy,
          location: { path: file, start_line: lineOf(startLine), end_line: lineOf(endLine), start_column: startColumn, end_column: Math.max(1, endColumn), ...(commit ? { commit } : {}) },
          ...(decodedFrom.length > 0 ? { decodedFrom } : {}),
        });
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
  return { occurrences, warnings };
}

/** The encodings of a decoded finding, from its `decoded:<encoding>` tags (in gitleaks' order: percent, unicode, hex, base64). */
function decodedEncodings(tags: readonly string[]): string[] {
  return tags.filter((t) => t.startsWith('decoded:')).map((t) => t.slice('decoded:'.length));
}
