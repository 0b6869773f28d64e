import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { appendEvents, makeEvent, newCorrelationId, type EventEnvelope } from '../../../src/shared/contracts/events.js';
import {
  FINDINGS_SCHEMA_ID,
  SEVERITY_LEVELS,
  type Finding,
  type FindingsDocument,
  type RunMetadata,
  type ScanWarning,
  type SeverityLevel,
} from '../../../src/shared/contracts/findings.js';
import { writeFindingsDocument } from '../../../src/shared/contracts/documents.js';
import { errorMessage, isUserError } from '../../../src/shared/errors.js';
import type { Logger } from '../../../src/shared/logger.js';
import { toSarif } from '../../../src/shared/sarif/write.js';
import { atLeast, type Severity } from '../../../src/shared/severity/index.js';
import { TOOL_VERSION } from '../../../src/shared/version.js';
import type { LockfilePackages } from './dependencies/extract.js';
import { discoverFiles } from './discovery.js';
import type { AnyScanner, ScannerResult, TextScanner } from './scanners/index.js';
import { readTextFile } from './text-files.js';
import { writeSboms } from './outputs/sbom-files.js';

export interface ScanOptions {
  /** Directory (or single file) to scan. */
  root: string;
  /** Where findings.json, findings.sarif, the SBOMs and events.jsonl go. */
  outDir: string;
  /** The enabled scanners, in run order; they share one walk of the tree. */
  scanners: AnyScanner[];
  exclude: string[];
  maxFileBytes?: number;
  /** 'none' never fails; otherwise result is "fail" when a finding is at or above it. */
  failOnSeverity: Severity | 'none';
  /** A tree with nothing to scan is an error unless the caller says it is expected. */
  allowEmpty: boolean;
  sarifCategory?: string;
  /** Run metadata: repository, ref, sha and workflow run, when known. */
  context: Partial<Pick<RunMetadata, 'repository' | 'ref' | 'sha' | 'workflow_run'>> & { target?: string };
  correlationId?: string;
}

export interface ScanOutputs {
  findings: string;
  sarif: string;
  cyclonedx: string;
  spdx: string;
  events: string;
}

export interface ScanOutcome {
  document: FindingsDocument;
  outputs: ScanOutputs;
  /** The lockfiles and their packages (for callers that want the inventory). */
  lockfiles: LockfilePackages[];
}

export function outputPaths(outDir: string): ScanOutputs {
  return {
    findings: path.join(outDir, 'findings.json'),
    sarif: path.join(outDir, 'findings.sarif'),
    cyclonedx: path.join(outDir, 'sbom.cdx.json'),
    spdx: path.join(outDir, 'sbom.spdx.json'),
    events: path.join(outDir, 'events.jsonl'),
  };
}

/**
 * One scan: a single walk of the tree, every enabled scanner, then the documents. Failures are reported in
 * the document (result "error", with the reason) rather than thrown, so that a partial result is never lost
 * and never mistaken for a clean one; only a bad configuration throws.
 */
export async function runScan(options: ScanOptions, logger: Logger): Promise<ScanOutcome> {
  const startedAt = new Date().toISOString();
  const correlationId = options.correlationId ?? newCorrelationId();
  const outputs = outputPaths(options.outDir);
  await mkdir(options.outDir, { recursive: true });
  const warnings: ScanWarning[] = [];
  const errors: string[] = [];
  const findings: Finding[] = [];
  let lockfiles: LockfilePackages[] = [];

  const started = makeEvent({
    source: 'scan',
    topic: 'scan.started',
    correlation_id: correlationId,
    timestamp: startedAt,
    payload: { target: options.context.target ?? options.root, scanners: options.scanners.map((s) => s.name) },
  });

  const scanners = options.scanners;
  const textScanners = scanners.filter((s): s is TextScanner => s.kind === 'text');
  const baseName = (rel: string) => rel.slice(rel.lastIndexOf('/') + 1);
  const discovery = await logger.group('Discovering files', async () => {
    const result = await discoverFiles({
      root: options.root,
      exclude: options.exclude,
      maxFileBytes: options.maxFileBytes,
      wants: (rel, base) => scanners.some((s) => s.wants(rel, base)),
      // A file only one text scanner wants is handed to it unread (scanFile below): it may start on it now.
      onFile: (file) => {
        let sole: TextScanner | undefined;
        for (const s of textScanners) {
          if (!s.wants(file.relativePath, baseName(file.relativePath))) continue;
          if (sole) return;
          sole = s;
        }
        sole?.discovered?.(file);
      },
    });
    logger.info(`${result.files.length} file(s) to scan among ${result.filesSeen} file(s)`);
    return result;
  });
  warnings.push(...discovery.warnings);

  const root = path.resolve(options.root);
  const context = { root, logger, detectedAt: startedAt, settings: {} };
  let examined = 0;
  const absorb = (name: string, result: ScannerResult) => {
    findings.push(...result.findings);
    warnings.push(...result.warnings);
    errors.push(...result.errors);
    examined += result.examined;
    if (name === 'dependencies') lockfiles = (result.extra as LockfilePackages[] | undefined) ?? [];
  };
  const crashed = (name: string, error: unknown) => {
    if (isUserError(error)) throw error;
    // A scanner that crashes makes the scan incomplete; the other scanners' results still stand.
    errors.push(`scanner ${name} failed: ${errorMessage(error)}`);
    logger.error(errors[errors.length - 1]!);
  };

  for (const scanner of scanners) {
    if (scanner.kind === 'text') continue;
    const files = discovery.files.filter((f) => scanner.wants(f.relativePath, baseName(f.relativePath)));
    try {
      absorb(scanner.name, await scanner.scan(files, context));
    } catch (error) {
      crashed(scanner.name, error);
    }
  }

  if (textScanners.length > 0) {
    const live = new Set(textScanners);
    let binary = 0;
    await logger.group(`Scanning file contents (${textScanners.map((s) => s.name).join(', ')})`, async () => {
      const queue = discovery.files
        .map((file) => ({ file, takers: textScanners.filter((s) => s.wants(file.relativePath, baseName(file.relativePath))) }))
        .filter((entry) => entry.takers.length > 0);
      for (const scanner of textScanners) {
        const mine = queue.filter((entry) => entry.takers.includes(scanner));
        scanner.prepare?.(
          mine.map((entry) => entry.file),
          mine.filter((entry) => entry.takers.length > 1).length,
        );
      }
      for (const { file, takers } of queue) {
        const sole = takers.length === 1 ? takers[0]! : undefined;
        if (sole?.scanFile && live.has(sole)) {
          try {
            await sole.scanFile(file, context);
          } catch (error) {
            live.delete(sole);
            crashed(sole.name, error);
          }
          continue;
        }
        const outcome = readTextFile(file);
        if ('skipped' in outcome) binary++;
        if ('warning' in outcome) warnings.push(outcome.warning);
        if (!('text' in outcome)) continue;
        for (const scanner of takers) {
          if (!live.has(scanner)) continue;
          try {
            await scanner.scanText(outcome.text, context);
          } catch (error) {
            live.delete(scanner);
            crashed(scanner.name, error);
          }
        }
      }
    });
    if (binary > 0) logger.info(`${binary} binary file(s) left out of content scanning`);
    for (const scanner of textScanners) {
      if (!live.has(scanner)) continue;
      try {
        absorb(scanner.name, await scanner.finish(context));
      } catch (error) {
        crashed(scanner.name, error);
      }
    }
  }
  if (examined === 0 && errors.length === 0) {
    const reason = `nothing to scan under ${options.context.target ?? options.root} for ${scanners.map((s) => s.name).join(', ')}`;
    if (options.allowEmpty) warnings.push({ scanner: 'scan', reason });
    else errors.push(`${reason} (pass allow-empty to accept an empty tree)`);
  }

  const finishedAt = new Date().toISOString();
  const pathPrefix = await scannedDirectory(options);
  const document = buildDocument({ options, correlationId, startedAt, finishedAt, findings, warnings, errors, lockfiles, pathPrefix });

  await writeFindingsDocument(outputs.findings, document);
  await writeFile(outputs.sarif, JSON.stringify(toSarif(document, { toolVersion: TOOL_VERSION, category: options.sarifCategory, pathPrefix }), null, 2) + '\n');
  try {
    await writeSboms({
      lockfiles,
      rootName: path.basename(path.resolve(options.root)),
      timestamp: finishedAt,
      cyclonedxPath: outputs.cyclonedx,
      spdxPath: outputs.spdx,
    });
  } catch (error) {
    // The SBOM is an output of its own: its failure is reported, and the findings above still stand.
    document.errors.push(`SBOM not written: ${errorMessage(error)}`);
    document.summary.result = 'error';
    await writeFindingsDocument(outputs.findings, document);
  }

  const events: EventEnvelope[] = [started];
  for (const finding of findings) {
    events.push(
      makeEvent({
        source: 'scan',
        topic: finding.kind === 'dependency' ? 'vulnerability.detected' : `${finding.event_type.split('.')[0]}.detected`,
        correlation_id: correlationId,
        causation_id: started.id,
        timestamp: finding.detected_at,
        payload: {
          fingerprint: finding.fingerprint,
          event_type: finding.event_type,
          severity: finding.severity,
          rule_id: finding.rule.id,
          path: finding.location.path,
          ...(finding.package ? { purl: finding.package.purl } : {}),
        },
      }),
    );
  }
  events.push(
    makeEvent({
      source: 'scan',
      topic: 'scan.completed',
      correlation_id: correlationId,
      causation_id: started.id,
      timestamp: finishedAt,
      payload: { result: document.summary.result, summary: { ...document.summary }, errors: document.errors, files: { ...outputs } },
    }),
  );
  await appendEvents(outputs.events, events);
  return { document, outputs, lockfiles };
}

/** The scanned directory relative to the workspace (the target, or its folder when a single file was given). */
async function scannedDirectory(options: ScanOptions): Promise<string | undefined> {
  const given = options.context.target;
  if (!given || path.isAbsolute(given)) return undefined;
  const target = path.normalize(given).replace(/[\\/]+$/, '');
  if (target === '' || target === '.' || target === '..' || target.startsWith(`..${path.sep}`)) return undefined;
  const isFile = (await stat(options.root)).isFile();
  const dir = isFile ? path.dirname(target) : target;
  return dir === '.' ? undefined : dir.split(path.sep).join('/');
}

function buildDocument(input: {
  options: ScanOptions;
  correlationId: string;
  startedAt: string;
  finishedAt: string;
  findings: Finding[];
  warnings: ScanWarning[];
  pathPrefix?: string;
  errors: string[];
  lockfiles: LockfilePackages[];
}): FindingsDocument {
  const { options, findings, errors } = input;
  const bySeverity = Object.fromEntries(SEVERITY_LEVELS.map((s) => [s, 0])) as Record<SeverityLevel, number>;
  for (const f of findings) bySeverity[f.severity]++;
  const max = SEVERITY_LEVELS.find((s) => bySeverity[s] > 0) ?? 'none';
  const gate = options.failOnSeverity;
  const failing = gate !== 'none' && findings.some((f) => atLeast(f.severity, gate));
  const run: RunMetadata = {
    tool: { name: 'secloop', version: TOOL_VERSION },
    agent: 'scan',
    target: options.context.target ?? options.root,
    ...(input.pathPrefix ? { path_prefix: input.pathPrefix } : {}),
    started_at: input.startedAt,
    finished_at: input.finishedAt,
    correlation_id: input.correlationId,
    scanners: options.scanners.map((s) => s.name),
    advisory_sources: options.scanners.flatMap((s) => s.sources ?? []),
  };
  if (options.context.repository) run.repository = options.context.repository;
  if (options.context.ref) run.ref = options.context.ref;
  if (options.context.sha) run.sha = options.context.sha;
  if (options.context.workflow_run) run.workflow_run = options.context.workflow_run;
  return {
    schema: FINDINGS_SCHEMA_ID,
    run,
    summary: {
      total: findings.length,
      by_severity: bySeverity,
      max_severity: max,
      lockfiles: input.lockfiles.length,
      packages: input.lockfiles.reduce((n, l) => n + l.packages.length, 0),
      ecosystems: [...new Set(input.lockfiles.map((l) => l.ecosystem))].sort(),
      result: errors.length > 0 ? 'error' : failing ? 'fail' : 'pass',
    },
    warnings: input.warnings,
    errors,
    findings,
  };
}
