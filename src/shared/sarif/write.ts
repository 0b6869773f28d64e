import type { Finding, FindingsDocument, SeverityLevel } from '../contracts/findings.js';

/**
 * SARIF 2.1.0 for GitHub code scanning, within its documented subset and limits: one run per category (a
 * delivery with two runs of one category is rejected since 2025-07), `security-severity` on rules,
 * `partialFingerprints` set by us (the REST upload does not compute them), at most 25,000 results per run.
 */
export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
export const MAX_RESULTS_PER_RUN = 25_000;
const MAX_DESCRIPTION = 1024;

export interface SarifOptions {
  toolVersion: string;
  /** Appended to each run's category, to keep matrix cells and monorepo parts apart (`sarif-category`). */
  category?: string;
  informationUri?: string;
  /**
   * Where the scanned directory sits in the repository ("examples/apps"): finding paths are relative to the
   * scanned directory, code scanning wants them relative to the repository root.
   */
  pathPrefix?: string;
}

/** Representative scores for severities that come without a CVSS score (GitHub's bands: 9.0+ critical ...). */
const SEVERITY_SCORE: Record<SeverityLevel, number | undefined> = { critical: 9.5, high: 8.0, medium: 5.5, low: 2.0, info: undefined };
const SEVERITY_LEVEL: Record<SeverityLevel, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };
const SEVERITY_ORDER: SeverityLevel[] = ['critical', 'high', 'medium', 'low', 'info'];

type Json = Record<string, unknown>;

export function toSarif(document: FindingsDocument, options: SarifOptions): Json {
  const byKind = new Map<string, Finding[]>();
  for (const finding of document.findings) {
    // Imported SARIF is already the other tool's own upload: writing it again would duplicate its alerts.
    if (finding.kind === 'sarif') continue;
    const list = byKind.get(finding.kind) ?? [];
    list.push(finding);
    byKind.set(finding.kind, list);
  }
  // A scan with no findings still uploads an empty run per scanner, so code scanning closes fixed alerts.
  const kinds = byKind.size > 0 ? [...byKind.keys()].sort() : scannerKinds(document.run.scanners);
  const prefix = options.pathPrefix && options.pathPrefix !== '.' ? `${options.pathPrefix.replace(/\/+$/, '')}/` : '';
  const repoPath = (p: string) => (prefix && !p.startsWith('../') && !p.startsWith('/') ? `${prefix}${p}` : p);
  const runs = kinds.map((kind) => runFor(kind, byKind.get(kind) ?? [], document, options, repoPath));
  return { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs };
}

/** The finding kind each scanner reports, for the empty runs that close fixed alerts. */
const SCANNER_KIND: Record<string, string | undefined> = {
  dependencies: 'dependency',
  secrets: 'secret',
  code: 'code',
  containers: 'container',
  kubernetes: 'kubernetes',
  workflows: 'workflow',
  runtime: 'runtime',
  sarif: undefined,
};

function scannerKinds(scanners: string[]): string[] {
  return [...new Set(scanners.map((s) => (s in SCANNER_KIND ? SCANNER_KIND[s] : s)).filter((k): k is string => k !== undefined))].sort();
}

function runFor(kind: string, findings: Finding[], document: FindingsDocument, options: SarifOptions, repoPath: (p: string) => string): Json {
  const ordered = [...findings].sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
  const kept = ordered.slice(0, MAX_RESULTS_PER_RUN);
  const rules: Json[] = [];
  const ruleIndex = new Map<string, number>();
  const results = kept.map((finding) => {
    let index = ruleIndex.get(finding.rule.id);
    if (index === undefined) {
      index = rules.length;
      ruleIndex.set(finding.rule.id, index);
      rules.push(ruleFor(finding));
    }
    return resultFor(finding, index, repoPath);
  });
  const category = [`secloop-${kind}`, options.category].filter(Boolean).join('/');
  const run: Json = {
    tool: {
      driver: {
        name: 'secloop',
        semanticVersion: options.toolVersion,
        informationUri: options.informationUri ?? 'https://github.com/secloop/secloop',
        rules,
      },
    },
    automationDetails: { id: `${category}/` },
    results,
    invocations: [
      {
        executionSuccessful: document.summary.result !== 'error',
        startTimeUtc: document.run.started_at,
        endTimeUtc: document.run.finished_at,
        toolExecutionNotifications: [
          ...document.warnings.slice(0, 100).map((w) => notification('warning', `${w.file ? `${w.file}: ` : ''}${w.reason}`, w.file && repoPath(w.file))),
          ...document.errors.map((e) => notification('error', e)),
          ...(ordered.length > kept.length
            ? [notification('warning', `${ordered.length - kept.length} lower-severity results left out: SARIF allows ${MAX_RESULTS_PER_RUN} per run; findings.json has them all`)]
            : []),
        ],
      },
    ],
  };
  return run;
}

function notification(level: 'warning' | 'error', text: string, file?: string): Json {
  const n: Json = { level, message: { text } };
  if (file) n.locations = [{ physicalLocation: { artifactLocation: { uri: file } } }];
  return n;
}

function clip(text: string): string {
  return text.length > MAX_DESCRIPTION ? `${text.slice(0, MAX_DESCRIPTION - 3)}...` : text;
}

function ruleFor(finding: Finding): Json {
  const score = finding.severity_source.score ?? SEVERITY_SCORE[finding.severity];
  const properties: Json = {
    tags: [...new Set(['security', ...(finding.rule.tags ?? []), ...(finding.rule.cwe ?? []).map((c) => `external/cwe/${c.toLowerCase()}`)])].slice(0, 20),
    precision: finding.confidence >= 0.9 ? 'very-high' : finding.confidence >= 0.7 ? 'high' : finding.confidence >= 0.4 ? 'medium' : 'low',
  };
  if (score !== undefined && score > 0) properties['security-severity'] = score.toFixed(1);
  const rule: Json = {
    id: finding.rule.id,
    name: finding.rule.id.replace(/[^A-Za-z0-9]+/g, ''),
    shortDescription: { text: clip(finding.rule.name) },
    fullDescription: { text: clip(finding.rule.help.split('\n\n')[1] ?? finding.rule.name) },
    help: { text: finding.rule.help, markdown: finding.rule.help },
    defaultConfiguration: { level: SEVERITY_LEVEL[finding.severity] },
    properties,
  };
  if (finding.rule.help_uri) rule.helpUri = finding.rule.help_uri;
  return rule;
}

function physical(path: string, startLine?: number, endLine?: number): Json {
  const location: Json = { artifactLocation: { uri: path, uriBaseId: '%SRCROOT%' } };
  if (startLine) location.region = { startLine, ...(endLine && endLine >= startLine ? { endLine } : {}) };
  return { physicalLocation: location };
}

function resultFor(finding: Finding, ruleIndex: number, repoPath: (p: string) => string): Json {
  const locations = [physical(repoPath(finding.location.path), finding.location.start_line, finding.location.end_line)];
  const related = (finding.other_locations ?? []).slice(0, 100).map((l, i) => ({ id: i + 1, ...physical(repoPath(l.path), l.start_line, l.end_line) }));
  const result: Json = {
    ruleId: finding.rule.id,
    ruleIndex,
    level: SEVERITY_LEVEL[finding.severity],
    message: { text: finding.message },
    locations,
    // Our fingerprint ignores line numbers, so an alert survives edits above it.
    partialFingerprints: { primaryLocationLineHash: `${finding.fingerprint}:1`, 'secloop/v1': finding.fingerprint },
    properties: {
      'secloop-event-type': finding.event_type,
      'secloop-severity': finding.severity,
      ...(finding.package ? { 'secloop-package': finding.package.purl } : {}),
      ...(finding.fix?.fixed_version ? { 'secloop-fixed-version': finding.fix.fixed_version } : {}),
    },
  };
  if (related.length) result.relatedLocations = related;
  return result;
}
