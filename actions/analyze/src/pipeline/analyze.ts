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
import { readAhead } from './bounded.js';
import { correlate } from './correlate.js';
import { noPolicyDecision, type DecideFn, type UndecidedFinding } from './decide-port.js';
import { artifactInputs, directoryInputs, readInput, readInputTexts, type ArtifactSource, type InputFile, type LoadedInput } from './inputs.js';
import { FindingMerger, type MergedFinding } from './merge.js';
import { scoreFinding } from './scoring.js';
import { mainThreadReader, workerTextReader, type TextReader } from './text-reader.js';
import { applySuppressions } from './suppressions.js';
import { loadVex } from './vex.js';

/** The correlated list of every finding without links: one shared (frozen) empty list, not 200,000. */
const NOTHING_CORRELATED: string[] = Object.freeze([]) as unknown as string[];

/** Inputs whose files are read ahead of the one being parsed (each a findings.json and its events.jsonl). */
const INPUTS_READ_AHEAD = 4;

export interface AnalyzeOptions {
  /** Directories (or findings.json files) to read, recursively. */
  inputDirs?: string[];
  /** Artifacts to download and read (inside Actions: this run's `secloop-scan-*` artifacts). */
  artifacts?: ArtifactSource;
  /** Inputs already discovered (and downloaded); otherwise found from inputDirs and artifacts. */
  inputs?: InputFile[];
  /**
   * A worker reader already started (runAnalysis starts it while it lists the inputs), used when there are
   * several inputs; analyze closes it either way.
   */
  reader?: TextReader;
  /** Called with each input once read and merged (runAnalysis keeps their events to carry them forward). */
  onInput?: (loaded: LoadedInput) => void;
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

export async function findInputs(options: Pick<AnalyzeOptions, 'inputDirs' | 'artifacts'>): Promise<InputFile[]> {
  const inputs = await directoryInputs(options.inputDirs ?? []);
  if (options.artifacts) inputs.push(...(await artifactInputs(options.artifacts)));
  return inputs;
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
  const inputs = options.inputs ?? (await findInputs(options));
  const errors: string[] = [];
  const warnings: AnalysisDocument['warnings'] = settings.warnings.map((reason) => ({ reason }));

  if (inputs.length === 0) {
    const where = [...(options.inputDirs ?? []), ...(options.artifacts ? [`artifacts ${options.artifacts.pattern ?? 'secloop-scan-*'}`] : [])];
    errors.push(`no findings documents to analyse${where.length ? ` in ${where.join(', ')}` : ' (give input directories or artifacts)'}`);
  }

  // One document at a time: each is merged and dropped before the next is read, so memory holds the
  // merged findings, not every cell's copy of them.
  const merger = new FindingMerger();
  const seenWarnings = new Set<string>();
  const reports: LoadedInput['report'][] = [];
  // The next inputs' files load (and decode, on the worker) while one is parsed and merged.
  const reader = inputs.length > 1 ? (options.reader ?? workerTextReader()) : mainThreadReader;
  if (reader !== options.reader) await options.reader?.close();
  try {
    const read = readAhead(inputs, INPUTS_READ_AHEAD, async (input) => ({ input, texts: await readInputTexts(input, reader) }));
    for await (const { input, texts } of read) {
      const { loaded, document } = await readInput(input, texts);
      reports.push(loaded.report);
      options.onInput?.(loaded);
      if (loaded.report.error) {
        errors.push(loaded.report.error);
        logger.error(loaded.report.error);
      }
      if (!document) continue;
      if (document.summary.result === 'error') {
        errors.push(`${loaded.report.source}: the scan itself reported an error: ${document.errors.join('; ') || 'no reason given'}`);
      }
      for (const w of document.warnings) {
        const reason = `${w.scanner}: ${w.file ? `${w.file}${w.line ? `:${w.line}` : ''}: ` : ''}${w.reason}`;
        if (seenWarnings.has(reason)) continue;
        seenWarnings.add(reason);
        warnings.push({ source: loaded.report.source, reason });
      }
      merger.add({ source: loaded.report.source, findings: document.findings });
    }
  } finally {
    await reader.close();
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
  // Without a baseline every finding is new: no map of 200,000 fingerprints to say so.
  const comparison = baseline ? compareWithBaseline(merged, baseline) : undefined;
  const fixed = comparison?.fixed ?? [];

  const decideFn = options.decide ?? noPolicyDecision;
  // Only the runtime alerts' reasons describe other findings: the index is made when one first asks.
  let byFingerprint: Map<string, MergedFinding> | undefined;
  const describe = (fingerprint: string) => {
    byFingerprint ??= new Map(merged.map((f) => [f.fingerprint, f]));
    const f = byFingerprint.get(fingerprint);
    return f ? describeFinding(f) : undefined;
  };
  // Findings scored alike share one scoring explanation (never changed after): 200,000 findings keep a few
  // hundred of them, not three objects each for the collector to copy when they outlive the young generation.
  // By explanation (a shared string), base confidence and factors: no key string made per finding.
  type Scoring = NonNullable<AnalyzedFinding['scoring']>;
  const scorings = new Map<string, Map<number, Map<string, Scoring>>>();
  const sameScoring = (scoring: Scoring) => {
    let byBase = scorings.get(scoring.severity_from);
    if (!byBase) scorings.set(scoring.severity_from, (byBase = new Map()));
    let byFactors = byBase.get(scoring.base_confidence);
    if (!byFactors) byBase.set(scoring.base_confidence, (byFactors = new Map()));
    // The factors are fixed texts (scoring.ts), none with a NUL.
    const factors = scoring.factors.length === 0 ? '' : scoring.factors.join('\u0000');
    const shared = byFactors.get(factors);
    if (shared) return shared;
    byFactors.set(factors, scoring);
    return scoring;
  };

  // Each lookup in a map of 200,000 fingerprints is a cache miss or two: the empty ones are not asked.
  const { runtimeEvidence, links } = correlation;
  const { suppressed } = suppression;
  // The merged objects become the analyzed findings in place: at 200,000 findings a copy per step would
  // double the heap. The policy engine sees the finding before its decision is set.
  const counts = new SummaryCounts();
  const findings: AnalyzedFinding[] = merged.map((f) => {
    const scored = scoreFinding(f, runtimeEvidence.size > 0 && runtimeEvidence.has(f.fingerprint));
    const undecided = f as MergedFinding & UndecidedFinding;
    undecided.severity = scored.severity;
    undecided.severity_source = scored.severity_source;
    undecided.confidence = scored.confidence;
    undecided.status = comparison ? comparison.status.get(f.fingerprint)! : 'new';
    undecided.correlated = (links.size > 0 && links.get(f.fingerprint)) || NOTHING_CORRELATED;
    undecided.suppressed = suppressed.size > 0 ? suppressed.get(f.fingerprint) : undefined;
    undecided.scoring = sameScoring(scored.scoring);
    const analyzed = undecided as AnalyzedFinding;
    analyzed.decision = decideFn(undecided, { describe, now });
    counts.count(scored.severity, undecided.status, analyzed.decision.outcome, f.group, !!undecided.suppressed);
    return analyzed;
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
      correlation_id: options.correlationId ?? sharedCorrelationId(reports) ?? newCorrelationId(),
      ...(settings.configFile ? { config_file: settings.configFile } : {}),
      vex_files: settings.vexFiles,
      ...(baseline ? { baseline: { source: baseline.source, findings: baseline.findings.size } } : {}),
    },
    inputs: reports,
    summary: counts.summary(fixed, gate.result),
    gate,
    findings,
    fixed,
    suppressions: { expired: suppression.expired, unused: suppression.unused },
    warnings,
    errors,
  };
  return document;
}

function sharedCorrelationId(reports: LoadedInput['report'][]): string | undefined {
  const ids = new Set(reports.map((r) => r.correlation_id).filter((id): id is string => !!id));
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

/**
 * The summary's counts, taken as each finding is decided (while its fields are at hand) rather than in one
 * more pass over 200,000 findings.
 */
class SummaryCounts {
  private readonly bySeverity = emptyCounts(SEVERITY_LEVELS);
  private readonly byStatus = { new: 0, unchanged: 0 };
  private readonly byOutcome = { auto_heal: 0, fix_pr: 0, issue: 0, escalate: 0, none: 0 };
  private readonly groups = new Set<string>();
  private total = 0;
  private suppressed = 0;
  private max: SeverityLevel | 'none' = 'none';

  count(severity: SeverityLevel, status: AnalyzedFinding['status'], outcome: AnalyzedFinding['decision']['outcome'], group: string, suppressed: boolean): void {
    this.total++;
    this.bySeverity[severity]++;
    this.byStatus[status === 'unchanged' ? 'unchanged' : 'new']++;
    this.byOutcome[outcome]++;
    this.groups.add(group);
    if (suppressed) this.suppressed++;
    else if (this.max === 'none' || compareSeverity(severity, this.max) < 0) this.max = severity;
  }

  summary(fixed: FixedFinding[], result: GateResult['result']): AnalysisDocument['summary'] {
    const by_status = { ...this.byStatus, fixed: fixed.length };
    return { total: this.total, groups: this.groups.size, by_severity: this.bySeverity, by_status, suppressed: this.suppressed, by_outcome: this.byOutcome, max_severity: this.max, result };
  }
}
