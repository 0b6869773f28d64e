/**
 * The analysis document's JSON Schema: `secloop.analysis/v2`, which secloop writes (and `secloop.analysis/v1`,
 * which it still reads). It imports only findings.ts (whose finding item it extends, so the two cannot drift):
 * scripts/generate-validators.js loads it at build time, following that relative import, to generate its
 * validator (validators.generated.js). Keep it free of other imports.
 *
 * v2 stores each rule, advisory and decision once, in the `rules`, `advisories` and `decisions` tables, and a
 * finding names them by index: 200,000 findings of a few hundred advisories repeated each advisory's text,
 * ranges and references, and each decision's conditions and reasons, in every finding (576 MB where v2
 * needs a third of that). Everything else is v1's, field for field. There is one schema, v2's: a v1 document
 * is validated by moving its inline rules, advisories and decisions into tables first (analysis.ts), which
 * keeps the generated validator (bundled into every action) from holding the finding's checks twice.
 */
import { findingsSchema, SEVERITY_LEVELS } from './findings.js';

export const ANALYSIS_SCHEMA_ID = 'secloop.analysis/v2';
export const ANALYSIS_SCHEMA_ID_V1 = 'secloop.analysis/v1';

export const DECISION_OUTCOMES = ['auto_heal', 'fix_pr', 'issue', 'escalate', 'none'] as const;
export const BASELINE_STATUSES = ['new', 'unchanged', 'fixed'] as const;

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

/** An index into one of the document's tables (checked against the table's length when read). */
const tableIndex = { type: 'integer', minimum: 0 } as const;

/** A finding as stored: the findings schema's item with its rule and advisory by reference, plus the analysis. */
const analyzedFinding = {
  ...findingItem,
  required: [...findingItem.required, 'status', 'group', 'correlated', 'sources', 'decision'],
  properties: {
    ...findingItem.properties,
    rule: tableIndex,
    advisory: tableIndex,
    status: { enum: [...BASELINE_STATUSES] },
    group: nonEmpty,
    correlated: { type: 'array', items: findingItem.properties.fingerprint },
    sources: { type: 'array', minItems: 1, items: nonEmpty },
    suppressed: suppression,
    decision: tableIndex,
    scoring,
  },
} as const;

/**
 * A finding row as the writer checks it (analysis-rows.v2.json): the analysis fields in full, the finding's
 * own fields only by name. Analyze writes back findings that the findings schema validated when they were
 * read (merge only unions their locations and sources and puts run.path_prefix before their paths), so
 * checking those bodies again cost 0.75 s of writing 200,000 rows; what analyze itself sets (status, group,
 * correlations, suppression, scoring, the table indexes) is still checked, as are the required fields and
 * that no unknown field slipped in. A document read back is validated with the whole schema.
 */
export const analysisRowsSchema = {
  $id: 'https://secloop.dev/schemas/analysis-rows.v2.json',
  type: 'array',
  items: {
    type: 'object',
    required: analyzedFinding.required,
    additionalProperties: false,
    properties: {
      ...Object.fromEntries(Object.keys(findingItem.properties).map((key) => [key, true])),
      ...Object.fromEntries(Object.entries(analyzedFinding.properties).filter(([key]) => !(key in findingItem.properties) || key === 'rule' || key === 'advisory')),
    },
  },
} as const;

const fixedFinding = {
  ...findingItem,
  required: [...findingItem.required, 'status'],
  properties: { ...findingItem.properties, rule: tableIndex, advisory: tableIndex, status: { const: 'fixed' } },
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
  $id: 'https://secloop.dev/schemas/analysis.v2.json',
  type: 'object',
  required: ['schema', 'run', 'inputs', 'summary', 'gate', 'rules', 'advisories', 'decisions', 'findings', 'fixed', 'suppressions', 'warnings', 'errors'],
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
    rules: { type: 'array', items: findingItem.properties.rule },
    advisories: { type: 'array', items: findingItem.properties.advisory },
    decisions: { type: 'array', items: decision },
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


