/**
 * Real scan outputs for the pipeline tests: the scan agent run in-process on the demo apps (examples/apps)
 * against the demo advisory database, exactly as `secloop scan examples/apps --offline-db examples/osv-db`.
 * Kubernetes and runtime findings have no scanner in this repository yet, so `workloadFinding` and
 * `runtimeAlert` build them in the findings schema's shape (and validate them) for the correlation tests.
 */
import { findingsDocumentOf } from '../../../../test/findings-document.js';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { scanOptionsFrom } from '../../../scan/src/config.js';
import { runScan } from '../../../scan/src/scan.js';
import { assertValid } from '../../../../src/shared/contracts/validate.js';
import { findingsSchema, type Finding, type FindingsDocument } from '../../../../src/shared/contracts/findings.js';
import { Inputs } from '../../../../src/shared/inputs.js';
import { memoryLogger } from '../../../../src/shared/logger.js';
import { REPO_ROOT } from '../../../../test/corpus.js';
import type { AnalyzeSettings } from './config.js';

export const EXAMPLE_APPS = path.join(REPO_ROOT, 'examples', 'apps');
export const EXAMPLE_DB = path.join(REPO_ROOT, 'examples', 'osv-db');

export async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), `secloop-analyze-${prefix}-`));
}

/** Scans `target` (default: all demo apps) into `outDir`; returns the findings document written there. */
export async function scanInto(outDir: string, target = EXAMPLE_APPS, extra: Record<string, string> = {}): Promise<FindingsDocument> {
  const values: Record<string, string> = { path: target, out: outDir, 'offline-db': EXAMPLE_DB, scanners: 'dependencies', ...extra };
  const inputs = new Inputs((name) => values[name]);
  const logger = memoryLogger();
  const options = await scanOptionsFrom(inputs, { workspace: path.dirname(target), context: {} }, logger);
  const outcome = await runScan(options, logger);
  return outcome.document;
}

/** A copy of the demo apps that a test may edit (to make a baseline differ from the current tree). */
export async function copyOfApps(): Promise<string> {
  const dir = path.join(await tempDir('apps'), 'apps');
  await cp(EXAMPLE_APPS, dir, { recursive: true });
  return dir;
}

export function settingsWith(overrides: Partial<AnalyzeSettings> = {}): AnalyzeSettings {
  return { failOnSeverity: 'high', gateOn: 'new', vexFiles: [], ignore: [], warnings: [], ...overrides };
}

/** A findings document around `findings`, validated against the findings schema (so tests never feed junk). */
export function findingsDocument(findings: Finding[], correlationId = 'runtime-correlation'): FindingsDocument {
  const document = findingsDocumentOf(findings, { agent: 'runtime', scanners: ['runtime'], correlationId, at: '2026-11-01T10:00:00.000Z' });
  assertValid<FindingsDocument>(findingsSchema, document, 'test document');
  return document;
}

export async function writeDocument(dir: string, document: FindingsDocument): Promise<string> {
  const file = path.join(dir, 'findings.json');
  await writeFile(file, JSON.stringify(document, null, 2));
  return file;
}

export async function readJson<T>(file: string): Promise<T> {
  return JSON.parse(await readFile(file, 'utf8')) as T;
}

let counter = 0;
function hexFingerprint(seed: string): string {
  counter++;
  return createHash('sha256').update(`${seed}:${counter}`).digest('hex').slice(0, 32);
}

/** A Kubernetes misconfiguration in a workload manifest, in the shape a manifest scanner writes. */
export function workloadFinding(manifest: string, workload: { namespace: string; kind: string; name: string }, ruleId: string, line = 20): Finding {
  return {
    fingerprint: hexFingerprint(`${manifest}${ruleId}`),
    kind: 'kubernetes',
    event_type: 'misconfiguration.kubernetes',
    rule: { id: ruleId, name: 'Missing liveness probe', help: 'Add a livenessProbe to every container.', tags: ['security', 'kubernetes'] },
    message: `${workload.kind}/${workload.name} in namespace ${workload.namespace}: container "app" has no livenessProbe`,
    severity: 'medium',
    severity_source: { source: 'rule' },
    confidence: 0.9,
    location: { path: manifest, start_line: line },
    detected_at: '2026-11-01T10:00:00.000Z',
  };
}

/** A runtime alert located at the workload's manifest, tagged with the workload it fired in. */
export function runtimeAlert(manifest: string, workload: { namespace: string; kind: string; name: string }): Finding {
  return {
    fingerprint: hexFingerprint(`${manifest}runtime`),
    kind: 'runtime',
    event_type: 'runtime.crashloop',
    rule: {
      id: 'runtime-crashloop',
      name: 'Container restarting repeatedly',
      help: 'The pod restarted 12 times in 10 minutes.',
      tags: [`workload:${workload.namespace}/${workload.kind}/${workload.name}`],
    },
    message: `Pod of ${workload.kind}/${workload.name} restarted 12 times in 10 minutes`,
    severity: 'high',
    severity_source: { source: 'alert' },
    confidence: 0.8,
    location: { path: manifest },
    detected_at: '2026-11-01T10:05:00.000Z',
  };
}
