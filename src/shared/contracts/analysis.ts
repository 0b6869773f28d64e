/**
 * The analysis document (`secloop.analysis/v1`, analysis.json): what the analyze agent writes and remediate,
 * the PR reporter and the MTTR report read. Every finding of the merged scan documents, with its baseline
 * status, alias group, correlations, suppression and decision; the findings the baseline had and this run
 * no longer has (`fixed`); the gate result; which suppressions expired or went unused; and every input.
 *
 * The schema reuses the findings schema's finding item and adds the analyze fields, so the two cannot drift.
 * Its validator is compiled on first use (unlike findings/events, whose validators are generated): this
 * module imports findings.ts, which scripts/generate-validators.js cannot load. If the generator learns to
 * follow imports, add this schema there; validatorFor() below picks a generated validator up by $id.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule, { type FormatsPlugin } from 'ajv-formats';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AnalyzedFinding, GateResult } from '../../../actions/analyze/src/types.js';
import { InvalidDocumentError } from '../errors.js';
import { findingsSchema, SEVERITY_LEVELS, type Finding, type RunMetadata, type SeverityLevel } from './findings.js';
import { describeErrors } from './validate.js';
import { validatorsById } from './validators.generated.js';

export const ANALYSIS_SCHEMA_ID = 'secloop.analysis/v1';

export const DECISION_OUTCOMES = ['auto_heal', 'fix_pr', 'issue', 'escalate', 'none'] as const;
export const BASELINE_STATUSES = ['new', 'unchanged', 'fixed'] as const;

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

const str = { type: 'string' } as const;
const nonEmpty = { type: 'string', minLength: 1 } as const;
const count = { type: 'integer', minimum: 0 } as const;
const strList = { type: 'array', items: str } as const;
const findingItem = findingsSchema.properties.findings.items;
const scanRun = findingsSchema.properties.run.properties;

const suppression = {
  type: 'object',
  required: ['by', 'reason', 'source'],
  additionalProperties: false,
  properties: {
    by: { enum: ['config', 'vex'] },
    reason: nonEmpty,
    source: nonEmpty,
    expires: str,
    owner: str,
    vex_status: str,
    justification: str,
  },
} as const;

const decision = {
  type: 'object',
  required: ['outcome', 'require_approval', 'confidence', 'conditions', 'reasons'],
  additionalProperties: false,
  properties: {
    outcome: { enum: [...DECISION_OUTCOMES] },
    action: str,
    policy: str,
    immediate: { type: 'boolean' },
    require_approval: { type: 'boolean' },
    rollback_enabled: { type: 'boolean' },
    test_required: { type: 'boolean' },
    validation: strList,
    confidence: {
      type: 'object',
      required: ['value', 'met'],
      additionalProperties: false,
      properties: { value: { type: 'number', minimum: 0, maximum: 1 }, threshold: { type: 'number', minimum: 0, maximum: 1 }, met: { type: 'boolean' } },
    },
    severity_allowed: { type: 'boolean' },
    conditions: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'value', 'fact'],
        additionalProperties: false,
        properties: { name: nonEmpty, value: { type: 'boolean' }, fact: str },
      },
    },
    reasons: strList,
  },
} as const;

const scoring = {
  type: 'object',
  required: ['severity_from', 'base_confidence', 'factors'],
  additionalProperties: false,
  properties: {
    severity_from: nonEmpty,
    base_confidence: { type: 'number', minimum: 0, maximum: 1 },
    factors: strList,
  },
} as const;

const analyzedFinding = {
  ...findingItem,
  required: [...findingItem.required, 'status', 'group', 'correlated', 'sources', 'decision'],
  properties: {
    ...findingItem.properties,
    status: { enum: [...BASELINE_STATUSES] },
    group: nonEmpty,
    correlated: { type: 'array', items: findingItem.properties.fingerprint },
    sources: { type: 'array', minItems: 1, items: nonEmpty },
    suppressed: suppression,
    decision,
    scoring,
  },
} as const;

const fixedFinding = {
  ...findingItem,
  required: [...findingItem.required, 'status'],
  properties: { ...findingItem.properties, status: { const: 'fixed' } },
} as const;

const ignoreEntryReport = {
  type: 'object',
  required: ['source', 'reason'],
  additionalProperties: false,
  properties: {
    source: nonEmpty,
    line: { type: 'integer', minimum: 1 },
    id: str,
    fingerprint: str,
    package: str,
    reason: nonEmpty,
    expires: str,
    owner: str,
  },
} as const;

const byKeys = (keys: readonly string[]) => ({
  type: 'object',
  required: [...keys],
  additionalProperties: false,
  properties: Object.fromEntries(keys.map((k) => [k, count])),
});

export const analysisSchema = {
  $id: 'https://secloop.dev/schemas/analysis.v1.json',
  type: 'object',
  required: ['schema', 'run', 'inputs', 'summary', 'gate', 'findings', 'fixed', 'suppressions', 'warnings', 'errors'],
  additionalProperties: false,
  properties: {
    schema: { const: ANALYSIS_SCHEMA_ID },
    run: {
      type: 'object',
      required: ['tool', 'agent', 'started_at', 'finished_at', 'correlation_id', 'vex_files'],
      additionalProperties: false,
      properties: {
        tool: scanRun.tool,
        agent: { const: 'analyze' },
        repository: str,
        ref: str,
        sha: str,
        workflow_run: scanRun.workflow_run,
        started_at: scanRun.started_at,
        finished_at: scanRun.finished_at,
        correlation_id: nonEmpty,
        config_file: str,
        vex_files: strList,
        baseline: {
          type: 'object',
          required: ['source', 'findings'],
          additionalProperties: false,
          properties: { source: nonEmpty, findings: count },
        },
      },
    },
    inputs: {
      type: 'array',
      items: {
        type: 'object',
        required: ['source', 'file', 'findings', 'result'],
        additionalProperties: false,
        properties: {
          source: nonEmpty,
          file: nonEmpty,
          schema: str,
          correlation_id: str,
          findings: count,
          result: { enum: ['pass', 'fail', 'error', 'unreadable'] },
          error: str,
        },
      },
    },
    summary: {
      type: 'object',
      required: ['total', 'groups', 'by_severity', 'by_status', 'suppressed', 'by_outcome', 'max_severity', 'result'],
      additionalProperties: false,
      properties: {
        total: count,
        groups: count,
        by_severity: byKeys(SEVERITY_LEVELS),
        by_status: byKeys(BASELINE_STATUSES),
        suppressed: count,
        by_outcome: byKeys(DECISION_OUTCOMES),
        max_severity: { enum: [...SEVERITY_LEVELS, 'none'] },
        result: { enum: ['pass', 'fail', 'error'] },
      },
    },
    gate: {
      type: 'object',
      required: ['threshold', 'considered', 'failing', 'result'],
      additionalProperties: false,
      properties: {
        threshold: { enum: [...SEVERITY_LEVELS, 'none'] },
        considered: { enum: ['new', 'all'] },
        failing: { type: 'array', items: findingItem.properties.fingerprint },
        result: { enum: ['pass', 'fail', 'error'] },
      },
    },
    findings: { type: 'array', items: analyzedFinding },
    fixed: { type: 'array', items: fixedFinding },
    suppressions: {
      type: 'object',
      required: ['expired', 'unused'],
      additionalProperties: false,
      properties: { expired: { type: 'array', items: ignoreEntryReport }, unused: { type: 'array', items: ignoreEntryReport } },
    },
    warnings: {
      type: 'array',
      items: { type: 'object', required: ['reason'], additionalProperties: false, properties: { source: str, reason: nonEmpty } },
    },
    errors: strList,
  },
} as const;

// ajv-formats is CommonJS; under NodeNext its default export may arrive wrapped in `default`.
const addFormats: FormatsPlugin =
  (addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? (addFormatsModule as unknown as FormatsPlugin);

let compiled: ValidateFunction | undefined;

function analysisValidator(): ValidateFunction {
  const generated = (validatorsById as Record<string, ValidateFunction | undefined>)[analysisSchema.$id];
  if (generated) return generated;
  if (!compiled) {
    // Same options as the generated contract validators, so error messages read alike.
    const ajv = addFormats(new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }), ['date-time', 'uri']);
    compiled = ajv.compile(analysisSchema);
  }
  return compiled;
}

export function assertValidAnalysis(document: unknown, source: string): asserts document is AnalysisDocument {
  const validate = analysisValidator();
  if (!validate(document)) throw new InvalidDocumentError(source, describeErrors(validate.errors));
}

/** Validated on write: a writer that emits an invalid document is a bug, caught before anyone reads it. */
export async function writeAnalysisDocument(file: string, document: AnalysisDocument): Promise<void> {
  assertValidAnalysis(document, file);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(document, null, 2) + '\n', 'utf8');
}

export async function readAnalysisDocument(file: string): Promise<AnalysisDocument> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InvalidDocumentError(file, [`cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`]);
  }
  return parseAnalysisDocument(text, file);
}

export function parseAnalysisDocument(text: string, source: string): AnalysisDocument {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InvalidDocumentError(source, [`not JSON: ${(error as Error).message}`]);
  }
  const schema = (value as { schema?: unknown } | null)?.schema;
  if (schema !== ANALYSIS_SCHEMA_ID) {
    throw new InvalidDocumentError(source, [`schema is ${JSON.stringify(schema)}; this secloop reads ${ANALYSIS_SCHEMA_ID}`]);
  }
  assertValidAnalysis(value, source);
  return value;
}
