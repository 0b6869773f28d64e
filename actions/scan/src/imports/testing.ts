/** Test helpers for the importers: findings checked against the findings contract, not by eye. */
import { FINDINGS_SCHEMA_ID, findingsSchema, type Finding, type FindingsDocument } from '../../../../src/shared/contracts/findings.js';
import { assertValid } from '../../../../src/shared/contracts/validate.js';

export const DETECTED_AT = '2024-06-01T12:00:00.000Z';

export function assertFindingsValid(findings: Finding[], scanner: string): void {
  const document: FindingsDocument = {
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
  assertValid(findingsSchema, document, `${scanner} findings`);
}
