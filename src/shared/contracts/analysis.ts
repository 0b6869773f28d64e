/**
 * The analysis document (`secloop.analysis/v1`, analysis.json): what the analyze agent writes and remediate,
 * the PR reporter and the MTTR report read. Every finding of the merged scan documents, with its baseline
 * status, alias group, correlations, suppression and decision; the findings the baseline had and this run
 * no longer has (`fixed`); the gate result; which suppressions expired or went unused; and every input.
 *
 * The schema (analysis-schema.ts) reuses the findings schema's finding item and adds the analyze fields, so
 * the two cannot drift. Its validator is generated like the other contracts' (scripts/generate-validators.js).
 */
import type { AnalyzedFinding, GateResult } from '../../../actions/analyze/src/types.js';
import { documentKind } from './documents.js';
import { ANALYSIS_SCHEMA_ID, analysisSchema, BASELINE_STATUSES, DECISION_OUTCOMES } from './analysis-schema.js';
import type { Finding, RunMetadata, SeverityLevel } from './findings.js';
import { assertValid } from './validate.js';

export { ANALYSIS_SCHEMA_ID, analysisSchema, BASELINE_STATUSES, DECISION_OUTCOMES };

/** One findings document that was read (or could not be read). */
export interface AnalysisInput {
  /** The artifact name or the directory given. */
  source: string;
  /** The findings.json inside it. */
  file: string;
  schema?: string;
  correlation_id?: string;
  findings: number;
  /** The scan's own result, or "unreadable" when the document could not be read. */
  result: 'pass' | 'fail' | 'error' | 'unreadable';
  error?: string;
}

/** A config-as-code ignore entry, as reported when it expired or matched nothing. */
export interface IgnoreEntryReport {
  /** `secloop.yml#ignore[2]` */
  source: string;
  line?: number;
  id?: string;
  fingerprint?: string;
  package?: string;
  reason: string;
  expires?: string;
  owner?: string;
}

/** A finding of the baseline that this run no longer has. */
export type FixedFinding = Finding & { status: 'fixed' };

export interface AnalysisSummary {
  /** Findings after merging duplicates (matrix cells that found the same thing count once). */
  total: number;
  /** Alias groups: one vulnerability of one package reached through several ids or sources counts once. */
  groups: number;
  by_severity: Record<SeverityLevel, number>;
  by_status: Record<(typeof BASELINE_STATUSES)[number], number>;
  suppressed: number;
  by_outcome: Record<(typeof DECISION_OUTCOMES)[number], number>;
  max_severity: SeverityLevel | 'none';
  result: 'pass' | 'fail' | 'error';
}

export interface AnalysisDocument {
  schema: typeof ANALYSIS_SCHEMA_ID;
  run: Pick<RunMetadata, 'tool' | 'repository' | 'ref' | 'sha' | 'workflow_run' | 'started_at' | 'finished_at' | 'correlation_id'> & {
    agent: 'analyze';
    config_file?: string;
    vex_files: string[];
    /** Where the baseline came from and how many findings it had; absent when there was none. */
    baseline?: { source: string; findings: number };
  };
  inputs: AnalysisInput[];
  summary: AnalysisSummary;
  gate: GateResult;
  findings: AnalyzedFinding[];
  fixed: FixedFinding[];
  suppressions: { expired: IgnoreEntryReport[]; unused: IgnoreEntryReport[] };
  warnings: { source?: string; reason: string }[];
  /** When result is "error": what failed (an unreadable artifact, a crashed scan). Never a pass. */
  errors: string[];
}

export function assertValidAnalysis(document: unknown, source: string): asserts document is AnalysisDocument {
  assertValid<AnalysisDocument>(analysisSchema, document, source);
}
/** Validated on write (a writer that emits an invalid document is a bug) and on read, like findings. */
const analysisDocuments = documentKind<AnalysisDocument>(ANALYSIS_SCHEMA_ID, analysisSchema);
export const writeAnalysisDocument = analysisDocuments.write;
export const readAnalysisDocument = analysisDocuments.read;
export const parseAnalysisDocument = analysisDocuments.parse;
