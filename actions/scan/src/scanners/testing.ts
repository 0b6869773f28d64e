/**
 * Test support for scanners: run a text scanner over in-memory files the way the scan agent does, and check
 * findings against the findings contract (as the agent does when it writes the document), not by eye.
 */
import { FINDINGS_SCHEMA_ID, findingsSchema, type Finding, type FindingsDocument } from '../../../../src/shared/contracts/findings.js';
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

/** A findings document around `findings`, minimal but complete. */
export function findingsDocumentOf(findings: Finding[], scanner = 'test'): FindingsDocument {
  return {
    schema: FINDINGS_SCHEMA_ID,
    run: {
      tool: { name: 'secloop', version: '0.0.0-test' },
      agent: 'scan',
      target: '.',
      started_at: DETECTED_AT,
      finished_at: DETECTED_AT,
      correlation_id: 'test',
      scanners: [scanner],
      advisory_sources: [],
    },
    summary: {
      total: findings.length,
      by_severity: { critical: 0, high: 0, medium: 0, low: 0, info: 0 },
      max_severity: 'none',
      lockfiles: 0,
      packages: 0,
      ecosystems: [],
      result: 'pass',
    },
    warnings: [],
    errors: [],
    findings,
  };
}

/** Throws (naming every bad field) unless the findings validate against the findings document schema. */
export function assertFindingsValid(findings: Finding[], scanner = 'test'): void {
  assertValid(findingsSchema, findingsDocumentOf(findings, scanner), `${scanner} findings`);
}
