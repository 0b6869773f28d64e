/**
 * The analyze pipeline: findings documents in, one analysis document out.
 *
 *   inputs (directories, artifacts) → merge (dedupe by fingerprint, alias groups) → correlation →
 *   severity & confidence → suppressions (VEX, secloop.yml) → baseline status → decisions → gate
 *
 * Every step is linear in the number of findings (maps keyed by fingerprint, id or package; no pairwise
 * comparisons), so 500 artifacts holding 200,000 findings stay within seconds.
 */
import type { AnalysisDocument, FixedFinding } from '../../../../src/shared/contracts/analysis.js';
import { ANALYSIS_SCHEMA_ID } from '../../../../src/shared/contracts/analysis.js';
import { newCorrelationId } from '../../../../src/shared/contracts/events.js';
import { SEVERITY_LEVELS, type RunMetadata, type SeverityLevel } from '../../../../src/shared/contracts/findings.js';
import type { Logger } from '../../../../src/shared/logger.js';
import { atLeast, compareSeverity } from '../../../../src/shared/severity/index.js';
import { TOOL_VERSION } from '../../../../src/shared/version.js';
import type { AnalyzedFinding, GateResult } from '../types.js';
import { compareWithBaseline, loadBaseline, type Baseline } from './baseline.js';
import type { AnalyzeSettings } from './config.js';
import { correlate } from './correlate.js';
import { noPolicyDecision, type DecideFn, type UndecidedFinding } from './decide-port.js';
import { loadArtifactInputs, loadDirectoryInputs, type ArtifactSource, type LoadedInput } from './inputs.js';
import { FindingMerger } from './merge.js';
import { scoreFinding } from './scoring.js';
import { applySuppressions } from './suppressions.js';
import { loadVex } from './vex.js';

export interface AnalyzeOptions {
  /** Directories (or findings.json files) to read, recursively. */
  inputDirs?: string[];
  /** Artifacts to download and read (inside Actions: this run's `secloop-scan-*` artifacts). */
  artifacts?: ArtifactSource;
  /** Already loaded inputs (runAnalysis loads them once, to carry their events forward). */
  loaded?: LoadedInput[];
  settings: AnalyzeSettings;
  /** A baseline already fetched (the base branch's run); otherwise `settings.baseline` is read, if set. */
  baseline?: Baseline;
  decide?: DecideFn;
  /** This analysis's own correlation id; default: the inputs' one when they share one, else a new id. */
  correlationId?: string;
  context?: Partial<Pick<RunMetadata, 'repository' | 'ref' | 'sha' | 'workflow_run'>>;
  now?: Date;
  logger: Logger;
}

export async function loadInputs(options: Pick<AnalyzeOptions, 'inputDirs' | 'artifacts'>): Promise<LoadedInput[]> {
  const loaded = await loadDirectoryInputs(options.inputDirs ?? []);
  if (options.artifacts) loaded.push(...(await loadArtifactInputs(options.artifacts)));
  return loaded;
}

function emptyCounts<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

function describeFinding(f: { kind: string; rule: { id: string }; location: { path: string; start_line?: number } }): string {
  return `${f.kind} ${f.rule.id} at ${f.location.path}${f.location.start_line ? `:${f.location.start_line}` : ''}`;
}

export async function analyze(options: AnalyzeOptions): Promise<AnalysisDocument> {
  const { logger, settings } = options;
  const startedAt = (options.now ?? new Date()).toISOString();
  const now = options.now ?? new Date();
  const loaded = options.loaded ?? (await loadInputs(options));
  const errors: string[] = [];
  const warnings: AnalysisDocument['warnings'] = settings.warnings.map((reason) => ({ reason }));

  if (loaded.length === 0) {
    const where = [...(options.inputDirs ?? []), ...(options.artifacts ? [`artifacts ${options.artifacts.pattern ?? 'secloop-scan-*'}`] : [])];
    errors.push(`no findings documents to analyse${where.length ? ` in ${where.join(', ')}` : ' (give input directories or artifacts)'}`);
  }

  const merger = new FindingMerger();
  const seenWarnings = new Set<string>();
  for (const input of loaded) {
    if (input.report.error) {
      errors.push(input.report.error);
      logger.error(input.report.error);
    }
    const document = input.document;
    if (!document) continue;
    if (document.summary.result === 'error') {
      errors.push(`${input.report.source}: the scan itself reported an error: ${document.errors.join('; ') || 'no reason given'}`);
    }
    for (const w of document.warnings) {
      const reason = `${w.scanner}: ${w.file ? `${w.file}${w.line ? `:${w.line}` : ''}: ` : ''}${w.reason}`;
      if (seenWarnings.has(reason)) continue;
      seenWarnings.add(reason);
      warnings.push({ source: input.report.source, reason });
    }
    merger.add({ source: input.report.source, findings: document.findings });
  }
  const merged = merger.finish();

  const correlation = correlate(merged);
  const vex = await loadVex(settings.vexFiles);
  const suppression = applySuppressions(merged, settings.ignore, vex, now);
  for (const e of suppression.expired) {
    const reason = `ignore entry ${e.source}${e.line ? ` (line ${e.line})` : ''} expired on ${e.expires}: it no longer applies${e.owner ? ` (owner ${e.owner})` : ''}`;
    warnings.push({ source: settings.configFile, reason });
    logger.warning(reason, { file: settings.configFile, line: e.line });
  }
  for (const e of suppression.unused) {
    const reason = `ignore entry ${e.source}${e.line ? ` (line ${e.line})` : ''} matched no finding: remove it if the problem is gone`;
    warnings.push({ source: settings.configFile, reason });
    logger.warning(reason, { file: settings.configFile, line: e.line });
  }

  const baseline = options.baseline ?? (settings.baseline ? await loadBaseline(settings.baseline) : undefined);
  const comparison = compareWithBaseline(merged, baseline);

  const decideFn = options.decide ?? noPolicyDecision;
  const byFingerprint = new Map(merged.map((f) => [f.fingerprint, f]));
  const describe = (fingerprint: string) => {
    const f = byFingerprint.get(fingerprint);
    return f ? describeFinding(f) : undefined;
  };
  const findings: AnalyzedFinding[] = merged.map((f) => {
    const scored = scoreFinding(f, correlation.runtimeEvidence.has(f.fingerprint));
    const suppressed = suppression.suppressed.get(f.fingerprint);
    const undecided: UndecidedFinding = {
      ...f,
      severity: scored.severity,
      severity_source: scored.severity_source,
      confidence: scored.confidence,
      status: comparison.status.get(f.fingerprint)!,
      group: f.group,
      correlated: correlation.links.get(f.fingerprint) ?? [],
      sources: f.sources,
      ...(suppressed ? { suppressed } : {}),
      scoring: scored.scoring,
    };
    return { ...undecided, decision: decideFn(undecided, { describe, now }) };
  });

  const gate = computeGate(findings, settings, errors.length > 0);
  const document: AnalysisDocument = {
    schema: ANALYSIS_SCHEMA_ID,
    run: {
      tool: { name: 'secloop', version: TOOL_VERSION },
      agent: 'analyze',
      ...options.context,
      started_at: startedAt,
      finished_at: new Date(Math.max(Date.now(), now.getTime())).toISOString(),
      correlation_id: options.correlationId ?? sharedCorrelationId(loaded) ?? newCorrelationId(),
      ...(settings.configFile ? { config_file: settings.configFile } : {}),
      vex_files: settings.vexFiles,
      ...(baseline ? { baseline: { source: baseline.source, findings: baseline.findings.size } } : {}),
    },
    inputs: loaded.map((l) => l.report),
    summary: summarise(findings, comparison.fixed, gate.result),
    gate,
    findings,
    fixed: comparison.fixed,
    suppressions: { expired: suppression.expired, unused: suppression.unused },
    warnings,
    errors,
  };
  return document;
}

function sharedCorrelationId(loaded: LoadedInput[]): string | undefined {
  const ids = new Set(loaded.map((l) => l.report.correlation_id).filter((id): id is string => !!id));
  return ids.size === 1 ? [...ids][0] : undefined;
}

export function computeGate(findings: AnalyzedFinding[], settings: Pick<AnalyzeSettings, 'failOnSeverity' | 'gateOn'>, inputErrors: boolean): GateResult {
  const threshold = settings.failOnSeverity;
  const failing =
    threshold === 'none'
      ? []
      : findings
          .filter((f) => !f.suppressed && (settings.gateOn === 'all' || f.status === 'new') && atLeast(f.severity, threshold))
          .map((f) => f.fingerprint);
  // An input that could not be read is never a pass, whatever the others say.
  const result = inputErrors ? 'error' : failing.length > 0 ? 'fail' : 'pass';
  return { threshold, considered: settings.gateOn, failing, result };
}

function summarise(findings: AnalyzedFinding[], fixed: FixedFinding[], result: GateResult['result']): AnalysisDocument['summary'] {
  const by_severity = emptyCounts(SEVERITY_LEVELS);
  const by_status = { new: 0, unchanged: 0, fixed: fixed.length };
  const by_outcome = { auto_heal: 0, fix_pr: 0, issue: 0, escalate: 0, none: 0 };
  const groups = new Set<string>();
  let suppressed = 0;
  let max: SeverityLevel | 'none' = 'none';
  for (const f of findings) {
    by_severity[f.severity]++;
    by_status[f.status === 'unchanged' ? 'unchanged' : 'new']++;
    by_outcome[f.decision.outcome]++;
    groups.add(f.group);
    if (f.suppressed) suppressed++;
    else if (max === 'none' || compareSeverity(f.severity, max) < 0) max = f.severity;
  }
  return { total: findings.length, groups: groups.size, by_severity, by_status, suppressed, by_outcome, max_severity: max, result };
}
