/**
 * Test support for scanners: run a text scanner over in-memory files the way the scan agent does, and check
 * findings against the findings contract (as the agent does when it writes the document), not by eye.
 */
import { findingsSchema, type Finding } from '../../../../src/shared/contracts/findings.js';
import { findingsDocumentOf } from '../../../../test/findings-document.js';

export { findingsDocumentOf };
import { assertValid } from '../../../../src/shared/contracts/validate.js';
import { memoryLogger } from '../../../../src/shared/logger.js';
import type { ScannerResult, TextScanner } from './types.js';

export const DETECTED_AT = '2025-01-02T03:04:05.000Z';

/** Runs a text scanner over `files` (relative path → text) under a pretend root, in the agent's order. */
export async function runOnTexts(scanner: TextScanner, files: Record<string, string>, root = '/repo'): Promise<ScannerResult> {
  const context = { root, logger: memoryLogger(), detectedAt: DETECTED_AT, settings: {} };
  for (const [relativePath, text] of Object.entries(files)) {
    const base = relativePath.slice(relativePath.lastIndexOf('/') + 1);
    if (!scanner.wants(relativePath, base)) continue;
    await scanner.scanText({ relativePath, absolutePath: `${root}/${relativePath}`, size: Buffer.byteLength(text), text }, context);
  }
  return scanner.finish(context);
}

/** Throws (naming every bad field) unless the findings validate against the findings document schema. */
export function assertFindingsValid(findings: Finding[], scanner = 'test'): void {
  assertValid(findingsSchema, findingsDocumentOf(findings, { scanners: [scanner] }), `${scanner} findings`);
}
