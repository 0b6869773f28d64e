/**
 * The SARIF of an analysis, for code scanning: the full report, not the gate's view — every merged finding,
 * new or old, with suppressed ones marked by a SARIF `suppressions` entry (kind external, with the reason)
 * so code scanning shows them dismissed rather than open. The gate filters; the report does not.
 *
 * Built with the scan's own SARIF writer (src/shared/sarif/write.ts), so rules, categories, fingerprints and
 * limits are the same as the scan's SARIF: uploading this one replaces the scan cells' alerts, not adds to them.
 */
import type { AnalysisDocument } from '../../../../src/shared/contracts/analysis.js';
import type { FindingsDocument } from '../../../../src/shared/contracts/findings.js';
import { toSarif } from '../../../../src/shared/sarif/write.js';
import { TOOL_VERSION } from '../../../../src/shared/version.js';
import type { AnalyzedFinding } from '../types.js';

type Json = Record<string, unknown>;

/** Scanner kinds whose empty run closes their alerts when nothing of that kind is found any more. */
const ALL_KINDS = ['code', 'container', 'dependency', 'kubernetes', 'runtime', 'secret', 'workflow'];

export interface AnalysisSarifOptions {
  /** `sarif-category`: appended to each run's category (secloop-<kind>/<category>). */
  category?: string;
  toolVersion?: string;
}

function asFindingsDocument(document: AnalysisDocument, findings: AnalyzedFinding[], kinds: string[]): FindingsDocument {
  return {
    schema: 'secloop.findings/v1',
    run: {
      tool: document.run.tool,
      agent: 'analyze',
      target: '.',
      started_at: document.run.started_at,
      finished_at: document.run.finished_at,
      correlation_id: document.run.correlation_id,
      // Read by toSarif only without findings: the kinds that need an empty run.
      scanners: kinds,
      advisory_sources: [],
    },
    summary: { result: document.summary.result } as FindingsDocument['summary'],
    warnings: document.warnings.map((w) => ({ scanner: 'analyze', reason: w.source ? `${w.source}: ${w.reason}` : w.reason })),
    errors: document.errors,
    findings,
  };
}

export function analysisToSarif(document: AnalysisDocument, options: AnalysisSarifOptions = {}): Json {
  const sarifOptions = { toolVersion: options.toolVersion ?? TOOL_VERSION, ...(options.category ? { category: options.category } : {}) };
  const present = new Set(document.findings.filter((f) => f.kind !== 'sarif').map((f) => f.kind));
  // A kind the baseline had and this run no longer has still needs its (empty) run, or its alerts stay open;
  // with nothing found at all, every kind gets one.
  const emptyKinds = present.size === 0 ? ALL_KINDS : [...new Set(document.fixed.map((f) => f.kind))].filter((k) => k !== 'sarif' && !present.has(k));
  const sarif = toSarif(asFindingsDocument(document, document.findings, []), sarifOptions);
  const runs = (present.size > 0 ? (sarif.runs as Json[]) : []).concat(
    emptyKinds.length > 0 ? (toSarif(asFindingsDocument(document, [], emptyKinds), sarifOptions).runs as Json[]) : [],
  );
  const byFingerprint = new Map(document.findings.map((f) => [f.fingerprint, f]));
  const failing = new Set(document.gate.failing);
  for (const run of runs) {
    for (const result of run.results as Json[]) {
      const fingerprint = (result.partialFingerprints as Record<string, string>)['secloop/v1']!;
      const finding = byFingerprint.get(fingerprint);
      if (!finding) continue;
      const properties = result.properties as Json;
      properties['secloop-status'] = finding.status;
      properties['secloop-decision'] = finding.decision.outcome;
      if (failing.has(fingerprint)) properties['secloop-gate'] = 'fail';
      if (finding.suppressed) {
        const s = finding.suppressed;
        const justification = [s.reason, `(${s.by === 'vex' ? 'VEX' : 'secloop.yml'}: ${s.source}${s.expires ? `, until ${s.expires}` : ''}${s.owner ? `, owner ${s.owner}` : ''})`].join(' ');
        result.suppressions = [{ kind: 'external', status: 'accepted', justification }];
      }
    }
  }
  return { ...sarif, runs };
}
