/**
 * The `runtime` scanner: turns a firing runtime alert (Prometheus Alertmanager, Azure Monitor, or secloop's
 * generic form) into a finding tied to the Kubernetes manifest that defines the failing workload, so a
 * production incident enters the same loop as a code finding, with the alert's start as its T0.
 * It wants no file of the walk; without the `alert` input it examines nothing and reports nothing.
 */
import path from 'node:path';
import { ConfigurationError } from '../../../../../src/shared/errors.js';
import type { Finding, FindingLocation } from '../../../../../src/shared/contracts/findings.js';
import type { Scanner, ScannerResult, ScannerSetup } from '../../scanners/types.js';
import { clip, fingerprintOf, readBounded } from '../common.js';
import { runtimeClass } from './classify.js';
import { manifestIndex, type ManifestIndex, type ManifestMatch } from './manifests.js';
import { parseAlertPayload, type RuntimeAlert } from './payload.js';

const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

/** Input: alert (the JSON payload, or "@<path>" to a file holding it, relative to the workspace). */
export async function createRuntimeAlertScanner({ inputs, workspace }: ScannerSetup): Promise<Scanner> {
  const given = inputs.optional('alert');
  if (!given) return runtimeAlertScanner(undefined);
  if (!given.startsWith('@')) return runtimeAlertScanner({ text: given, source: "input 'alert'" });
  const file = path.resolve(workspace, given.slice(1).trim());
  const read = await readBounded(file, MAX_PAYLOAD_BYTES);
  if ('problem' in read) throw new ConfigurationError(`alert payload file ${file}: ${read.problem}`, "input 'alert'");
  return runtimeAlertScanner({ text: read.text, source: path.relative(workspace, file) || file });
}

export function runtimeAlertScanner(payload: { text: string; source: string } | undefined): Scanner {
  let alerts: RuntimeAlert[] = [];
  if (payload) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(payload.text.replace(/^\uFEFF/, ''));
    } catch (error) {
      throw new ConfigurationError(`not JSON: ${(error as Error).message}`, payload.source);
    }
    // Validated when the scanner is made, so a malformed payload stops the run before any scanning.
    alerts = parseAlertPayload(parsed, payload.source);
  }
  return {
    name: 'runtime',
    sources: payload ? [{ name: 'runtime-alert', detail: payload.source }] : [],
    wants: () => false,
    async scan(_files, { root, logger }): Promise<ScannerResult> {
      const result: ScannerResult = { findings: [], warnings: [], errors: [], examined: 0 };
      if (!payload) return result;
      const index = manifestIndex(root);
      for (const alert of alerts) {
        result.examined++;
        if (!alert.firing) {
          result.warnings.push({ file: payload.source, scanner: 'runtime', reason: `alert ${alert.name} is resolved, not firing; skipped` });
          continue;
        }
        result.findings.push(await toFinding(alert, index));
      }
      result.warnings.push(...index.warnings);
      for (const w of result.warnings) logger.warning(w.reason, { file: w.file });
      logger.info(`${result.findings.length} firing runtime alert(s) from ${payload.source}`);
      return result;
    },
  };
}

async function findManifest(alert: RuntimeAlert, index: ManifestIndex): Promise<ManifestMatch | undefined> {
  const w = alert.workload;
  if (!w) return undefined;
  for (const candidate of [{ kind: w.kind, name: w.name }, ...(w.alternatives ?? [])]) {
    const match = await index.find(candidate.kind, candidate.name, w.namespace);
    if (match) return match;
  }
  return undefined;
}

async function toFinding(alert: RuntimeAlert, index: ManifestIndex): Promise<Finding> {
  const cls = runtimeClass(alert);
  const manifest = await findManifest(alert, index);
  const w = alert.workload;
  const workloadText = w ? `${manifest?.kind ?? w.kind} ${w.namespace}/${manifest?.name ?? w.name}` : alert.resource ? `${alert.resource.type} ${alert.resource.name}` : undefined;
  let location: FindingLocation;
  let linkText: string;
  if (manifest) {
    location = { path: manifest.path, start_line: manifest.line };
    linkText = `defined in ${manifest.path}:${manifest.line}${manifest.namespaceMatched ? '' : ' (that manifest names no namespace)'}`;
  } else if (w) {
    location = { path: `runtime/${w.namespace}/${w.kind}/${w.name}` };
    linkText = 'no manifest in the repository defines it';
  } else {
    location = { path: alert.resource ? `runtime/${alert.source}/${alert.resource.type}/${alert.resource.name}` : `runtime/${alert.source}/${alert.name}` };
    linkText = 'the alert names no Kubernetes workload';
  }
  const about = clip(alert.summary ?? alert.description ?? '', 500);
  const message = `${alert.name} firing since ${alert.startedAt}${workloadText ? ` for ${workloadText}` : ''}: ${linkText}.${about ? ` ${about}` : ''}`;
  // Identity: the source's own id for the alert (Alertmanager's label-set fingerprint, Azure's alertId), else
  // the alert name with its sorted labels: the same alert again is the same finding.
  const identity = alert.id ?? [alert.name, ...Object.entries(alert.labels).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}=${v}`)].join('\n');
  // A firing alert is a real incident; how sure we are is how sure the link to the workload is.
  const confidence = manifest ? (manifest.namespaceMatched ? 0.95 : 0.8) : w ? 0.7 : 0.6;
  return {
    fingerprint: fingerprintOf(['runtime', alert.source, identity]),
    kind: 'runtime',
    event_type: `runtime.${cls}`,
    rule: {
      id: alert.name,
      name: alert.name,
      help: clip(alert.description ?? alert.summary ?? `Runtime alert ${alert.name} from ${alert.source}`, 2000),
      ...(alert.helpUri ? { help_uri: alert.helpUri } : {}),
      tags: ['runtime', alert.source, cls],
    },
    message: clip(message, 1500),
    severity: alert.severity,
    severity_source: { source: alert.severitySource },
    confidence,
    location,
    // The incident's T0 is when the alert began, not when this scan ran.
    detected_at: alert.startedAt,
  };
}
