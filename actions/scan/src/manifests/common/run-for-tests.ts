import { FINDINGS_SCHEMA_ID, findingsSchema, type Finding } from '../../../../../src/shared/contracts/findings.js';
import { assertValid } from '../../../../../src/shared/contracts/validate.js';
import { memoryLogger } from '../../../../../src/shared/logger.js';
import type { ScannerResult, TextScanner } from '../../scanners/types.js';

/** Runs a text scanner over in-memory files, the way the scan agent does (used by the tests). */
export async function runOnTexts(scanner: TextScanner, files: Record<string, string>): Promise<ScannerResult> {
  const context = { root: '/repo', logger: memoryLogger(), detectedAt: '2025-01-02T03:04:05.000Z', settings: {} };
  for (const [relativePath, text] of Object.entries(files)) {
    const base = relativePath.slice(relativePath.lastIndexOf('/') + 1);
    if (!scanner.wants(relativePath, base)) continue;
    await scanner.scanText({ relativePath, absolutePath: `/repo/${relativePath}`, size: text.length, text }, context);
  }
  return scanner.finish(context);
}

/** Throws (naming every bad field) unless the findings validate against the findings document schema. */
export function assertFindingsValid(findings: Finding[]): void {
  const document = {
    schema: FINDINGS_SCHEMA_ID,
    run: {
      tool: { name: 'secloop', version: '0.0.0' },
      agent: 'scan',
      target: '.',
      started_at: '2025-01-02T03:04:05.000Z',
      finished_at: '2025-01-02T03:04:05.000Z',
      correlation_id: 'test',
      scanners: [],
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
  assertValid(findingsSchema, document, 'test findings');
}
