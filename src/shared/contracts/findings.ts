/**
 * The findings document (`secloop.findings/v1`): what every scanner writes and what analyze reads.
 * The JSON Schema below is the contract; the TypeScript types mirror it. A change that old readers cannot
 * read gets a new schema id (`secloop.findings/v2`) and an upgrade step in `readFindingsDocument`.
 */

export const FINDINGS_SCHEMA_ID = 'secloop.findings/v1';

export const SEVERITY_LEVELS = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type SeverityLevel = (typeof SEVERITY_LEVELS)[number];

export const FINDING_KINDS = ['dependency', 'secret', 'code', 'container', 'kubernetes', 'workflow', 'sarif', 'runtime'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export type ScanResult = 'pass' | 'fail' | 'error';

export interface RunMetadata {
  tool: { name: 'secloop'; version: string };
  agent: string;
  /** owner/name when known (Actions: GITHUB_REPOSITORY). */
  repository?: string;
  ref?: string;
  sha?: string;
  workflow_run?: { id: string; attempt?: string; job?: string; matrix?: string };
  /** The scanned root, relative to the workspace (Actions) or as given (CLI). */
  target: string;
  /**
   * The scanned directory relative to the repository root (forward slashes), when the scan ran on a
   * subdirectory of it: location paths are relative to that directory, and this prefix makes them
   * repository-relative (what code scanning and links need). Absent: they are repository-relative already.
   */
  path_prefix?: string;
  started_at: string;
  finished_at: string;
  correlation_id: string;
  scanners: string[];
  advisory_sources: { name: string; detail?: string }[];
}

/** Something that was not scanned, or not scanned fully, and why: never silently dropped. */
export interface ScanWarning {
  file?: string;
  line?: number;
  scanner: string;
  reason: string;
}

export interface FindingLocation {
  path: string;
  start_line?: number;
  end_line?: number;
  start_column?: number;
  end_column?: number;
  /** For a place in git history (lines a commit added), that commit; absent for the working tree. */
  commit?: string;
}

export interface FindingPackage {
  ecosystem: string;
  name: string;
  version: string;
  purl: string;
  /** true: declared by the project; false: pulled in by another package; absent: the lockfile does not say. */
  direct?: boolean;
  scope: 'prod' | 'dev' | 'unknown';
  dep_groups?: string[];
  /** The lockfile or manifest that declares it, and the line. */
  manifest: string;
  line?: number;
}

export interface AffectedRange {
  type: string;
  events: Record<string, string>[];
}

export interface FindingAdvisory {
  id: string;
  aliases: string[];
  summary?: string;
  affected_ranges: AffectedRange[];
  affected_versions_count?: number;
  fixed_versions: string[];
  last_affected?: string;
  references: string[];
  published?: string;
  modified?: string;
  cwe_ids?: string[];
  /** Which advisory source answered (osv-api, offline:<path>). */
  database: string;
}

export interface Finding {
  /** Stable identity across runs: independent of line numbers, so a line shift is not a "new" finding. */
  fingerprint: string;
  kind: FindingKind;
  /** Healing-policy vocabulary: vulnerability.dependency, secret.exposed, misconfiguration.container, runtime.* ... */
  event_type: string;
  rule: { id: string; name: string; help: string; help_uri?: string; cwe?: string[]; tags?: string[] };
  message: string;
  severity: SeverityLevel;
  severity_source: { source: string; score?: number; vector?: string };
  /** 0-1: how sure the scanner is that this is a true positive. */
  confidence: number;
  location: FindingLocation;
  /** Further places where the same finding stands (the same secret in several files, ...). */
  other_locations?: FindingLocation[];
  package?: FindingPackage;
  advisory?: FindingAdvisory;
  fix?: { summary: string; fixed_version?: string; available: boolean };
  detected_at: string;
}

export interface FindingsSummary {
  total: number;
  by_severity: Record<SeverityLevel, number>;
  max_severity: SeverityLevel | 'none';
  lockfiles: number;
  packages: number;
  ecosystems: string[];
  result: ScanResult;
}

export interface FindingsDocument {
  schema: typeof FINDINGS_SCHEMA_ID;
  run: RunMetadata;
  summary: FindingsSummary;
  warnings: ScanWarning[];
  /** When result is "error": what failed. A crashed or empty scan is never a clean one. */
  errors: string[];
  findings: Finding[];
}

const str = { type: 'string' } as const;
const nonEmpty = { type: 'string', minLength: 1 } as const;
const line = { type: 'integer', minimum: 1 } as const;
const strList = { type: 'array', items: str } as const;

const location = {
  type: 'object',
  required: ['path'],
  additionalProperties: false,
  properties: { path: nonEmpty, start_line: line, end_line: line, start_column: line, end_column: line, commit: { type: 'string', pattern: '^[0-9a-f]{7,64}$' } },
} as const;

export const findingsSchema = {
  $id: 'https://secloop.dev/schemas/findings.v1.json',
  type: 'object',
  required: ['schema', 'run', 'summary', 'warnings', 'errors', 'findings'],
  additionalProperties: false,
  properties: {
    schema: { const: FINDINGS_SCHEMA_ID },
    run: {
      type: 'object',
      required: ['tool', 'agent', 'target', 'started_at', 'finished_at', 'correlation_id', 'scanners', 'advisory_sources'],
      additionalProperties: false,
      properties: {
        tool: {
          type: 'object',
          required: ['name', 'version'],
          additionalProperties: false,
          properties: { name: { const: 'secloop' }, version: nonEmpty },
        },
        agent: nonEmpty,
        repository: str,
        ref: str,
        sha: str,
        workflow_run: {
          type: 'object',
          required: ['id'],
          additionalProperties: false,
          properties: { id: str, attempt: str, job: str, matrix: str },
        },
        target: str,
        path_prefix: { type: 'string', minLength: 1, pattern: '^(?!/)(?!.*(?:^|/)\\.\\.(?:/|$)).*[^/]$' },
        started_at: { type: 'string', format: 'date-time' },
        finished_at: { type: 'string', format: 'date-time' },
        correlation_id: nonEmpty,
        scanners: strList,
        advisory_sources: {
          type: 'array',
          items: {
            type: 'object',
            required: ['name'],
            additionalProperties: false,
            properties: { name: nonEmpty, detail: str },
          },
        },
      },
    },
    summary: {
      type: 'object',
      required: ['total', 'by_severity', 'max_severity', 'lockfiles', 'packages', 'ecosystems', 'result'],
      additionalProperties: false,
      properties: {
        total: { type: 'integer', minimum: 0 },
        by_severity: {
          type: 'object',
          required: [...SEVERITY_LEVELS],
          additionalProperties: false,
          properties: Object.fromEntries(SEVERITY_LEVELS.map((s) => [s, { type: 'integer', minimum: 0 }])),
        },
        max_severity: { enum: [...SEVERITY_LEVELS, 'none'] },
        lockfiles: { type: 'integer', minimum: 0 },
        packages: { type: 'integer', minimum: 0 },
        ecosystems: strList,
        result: { enum: ['pass', 'fail', 'error'] },
      },
    },
    warnings: {
      type: 'array',
      items: {
        type: 'object',
        required: ['scanner', 'reason'],
        additionalProperties: false,
        properties: { file: str, line, scanner: nonEmpty, reason: nonEmpty },
      },
    },
    errors: strList,
    findings: {
      type: 'array',
      items: {
        type: 'object',
        required: [
          'fingerprint',
          'kind',
          'event_type',
          'rule',
          'message',
          'severity',
          'severity_source',
          'confidence',
          'location',
          'detected_at',
        ],
        additionalProperties: false,
        properties: {
          fingerprint: { type: 'string', pattern: '^[0-9a-f]{16,64}$' },
          kind: { enum: [...FINDING_KINDS] },
          event_type: { type: 'string', pattern: '^[a-z_]+\\.[a-z0-9_.]+$' },
          rule: {
            type: 'object',
            required: ['id', 'name', 'help'],
            additionalProperties: false,
            properties: { id: nonEmpty, name: nonEmpty, help: str, help_uri: str, cwe: strList, tags: strList },
          },
          message: nonEmpty,
          severity: { enum: [...SEVERITY_LEVELS] },
          severity_source: {
            type: 'object',
            required: ['source'],
            additionalProperties: false,
            properties: { source: nonEmpty, score: { type: 'number', minimum: 0, maximum: 10 }, vector: str },
          },
          confidence: { type: 'number', minimum: 0, maximum: 1 },
          location,
          other_locations: { type: 'array', items: location },
          package: {
            type: 'object',
            required: ['ecosystem', 'name', 'version', 'purl', 'scope', 'manifest'],
            additionalProperties: false,
            properties: {
              ecosystem: nonEmpty,
              name: nonEmpty,
              version: str,
              purl: nonEmpty,
              direct: { type: 'boolean' },
              scope: { enum: ['prod', 'dev', 'unknown'] },
              dep_groups: strList,
              manifest: nonEmpty,
              line,
            },
          },
          advisory: {
            type: 'object',
            required: ['id', 'aliases', 'affected_ranges', 'fixed_versions', 'references', 'database'],
            additionalProperties: false,
            properties: {
              id: nonEmpty,
              aliases: strList,
              summary: str,
              affected_ranges: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['type', 'events'],
                  additionalProperties: false,
                  properties: {
                    type: str,
                    events: { type: 'array', items: { type: 'object', additionalProperties: str } },
                  },
                },
              },
              affected_versions_count: { type: 'integer', minimum: 0 },
              fixed_versions: strList,
              last_affected: str,
              references: strList,
              published: str,
              modified: str,
              cwe_ids: strList,
              database: nonEmpty,
            },
          },
          fix: {
            type: 'object',
            required: ['summary', 'available'],
            additionalProperties: false,
            properties: { summary: nonEmpty, fixed_version: str, available: { type: 'boolean' } },
          },
          detected_at: { type: 'string', format: 'date-time' },
        },
      },
    },
  },
} as const;
