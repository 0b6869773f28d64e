import { FINDINGS_SCHEMA_ID, type Finding, type FindingsDocument } from '../src/shared/contracts/findings.js';
import { TOOL_VERSION } from '../src/shared/version.js';

/** A minimal, complete findings document around `findings`, for tests of anything that reads one. */
export function findingsDocumentOf(
  findings: Finding[],
  options: { agent?: string; scanners?: string[]; correlationId?: string; at?: string } = {},
): FindingsDocument {
  const at = options.at ?? '2025-01-02T03:04:05.000Z';
  const bySeverity = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const f of findings) bySeverity[f.severity]++;
  return {
    schema: FINDINGS_SCHEMA_ID,
    run: {
      tool: { name: 'secloop', version: TOOL_VERSION },
      agent: options.agent ?? 'scan',
      target: '.',
      started_at: at,
      finished_at: at,
      correlation_id: options.correlationId ?? 'test',
      scanners: options.scanners ?? [],
      advisory_sources: [],
    },
    summary: { total: findings.length, by_severity: bySeverity, max_severity: 'none', lockfiles: 0, packages: 0, ecosystems: [], result: 'pass' },
    warnings: [],
    errors: [],
    findings,
  };
}
