/**
 * Runtime alert payloads in the three accepted forms, told apart by shape: a Prometheus Alertmanager webhook
 * (version "4"), an Azure Monitor common-alert-schema notification, and secloop's own generic form
 * (docs/alerts.md). Each becomes a list of RuntimeAlert; anything else is a ConfigurationError naming the
 * field that is missing.
 */
import { ConfigurationError } from '../../../../../src/shared/errors.js';
import type { SeverityLevel } from '../../../../../src/shared/contracts/findings.js';
import { normaliseSeverity } from '../../../../../src/shared/severity/index.js';
import { isRecord, nonEmptyString } from '../common.js';
import { workloadFromLabels, type Workload } from './workload.js';

export type AlertSource = 'alertmanager' | 'azure-monitor' | 'generic';

export interface RuntimeAlert {
  source: AlertSource;
  name: string;
  firing: boolean;
  /** When the incident began (startsAt, firedDateTime, started_at), ISO 8601: the incident's T0. */
  startedAt: string;
  severity: SeverityLevel;
  severitySource: string;
  /** The source's own identity for this alert (Alertmanager fingerprint, Azure alertId). */
  id?: string;
  summary?: string;
  description?: string;
  helpUri?: string;
  labels: Record<string, string>;
  workload?: Workload;
  /** A non-Kubernetes target (an Azure resource), for the pseudo location. */
  resource?: { type: string; name: string };
  /** Words that say what kind of failure this is (metric names, condition types), for the class. */
  signals: string[];
}

type Json = Record<string, unknown>;

function fail(source: string, field: string, expected: string): never {
  throw new ConfigurationError(`${field} is missing or invalid; expected ${expected}`, source, field);
}

function time(value: unknown, source: string, field: string): string {
  const text = nonEmptyString(value);
  const parsed = text ? Date.parse(text) : NaN;
  if (!text || Number.isNaN(parsed)) fail(source, field, 'an RFC 3339 date-time such as 2024-06-01T12:00:00Z');
  return new Date(parsed).toISOString();
}

function stringMap(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
  return out;
}

/**
 * The payload's form, from its shape. `source` names the input in errors. A repository_dispatch event given
 * whole (with `client_payload`) is unwrapped.
 */
export function parseAlertPayload(payload: unknown, source: string): RuntimeAlert[] {
  if (isRecord(payload) && isRecord(payload.client_payload) && !('alerts' in payload) && !('schemaId' in payload)) payload = payload.client_payload;
  if (!isRecord(payload)) fail(source, '(top level)', 'a JSON object: an Alertmanager webhook, an Azure Monitor common-schema alert or the generic form of docs/alerts.md');
  if (payload.schemaId !== undefined) {
    if (payload.schemaId !== 'azureMonitorCommonAlertSchema') fail(source, 'schemaId', '"azureMonitorCommonAlertSchema" (enable the common alert schema on the action group)');
    return [azureAlert(payload, source)];
  }
  if ('alerts' in payload) return alertmanagerAlerts(payload, source);
  if ('alert' in payload) return [genericAlert(payload, source)];
  fail(source, 'alerts', 'an Alertmanager webhook ("alerts" list), an Azure Monitor alert ("schemaId": "azureMonitorCommonAlertSchema") or the generic form ("alert", "started_at"; see docs/alerts.md)');
}

const ALERTMANAGER_SEVERITY: Record<string, SeverityLevel> = { critical: 'critical', error: 'high', high: 'high', warning: 'medium', medium: 'medium', low: 'low', info: 'info', none: 'info' };

function alertmanagerAlerts(payload: Json, source: string): RuntimeAlert[] {
  if (!Array.isArray(payload.alerts)) fail(source, 'alerts', 'a list of alerts (Alertmanager webhook, version "4")');
  const common = stringMap(payload.commonLabels);
  return payload.alerts.map((raw, i) => {
    const at = `alerts[${i}]`;
    if (!isRecord(raw)) fail(source, at, 'an alert object');
    const labels = { ...common, ...stringMap(raw.labels) };
    const name = nonEmptyString(labels.alertname) ?? fail(source, `${at}.labels.alertname`, 'the alert name');
    const status = nonEmptyString(raw.status) ?? nonEmptyString(payload.status) ?? fail(source, `${at}.status`, '"firing" or "resolved"');
    const annotations = { ...stringMap(payload.commonAnnotations), ...stringMap(raw.annotations) };
    const word = labels.severity?.toLowerCase();
    const severity = word && word in ALERTMANAGER_SEVERITY ? ALERTMANAGER_SEVERITY[word]! : 'medium';
    return {
      source: 'alertmanager',
      name,
      firing: status === 'firing',
      startedAt: time(raw.startsAt, source, `${at}.startsAt`),
      severity,
      severitySource: word && word in ALERTMANAGER_SEVERITY ? `alertmanager:severity=${word}` : 'alertmanager:no-severity-label (medium)',
      id: nonEmptyString(raw.fingerprint),
      summary: annotations.summary ?? annotations.message,
      description: annotations.description,
      helpUri: annotations.runbook_url ?? nonEmptyString(raw.generatorURL),
      labels,
      workload: workloadFromLabels(labels),
      signals: [name, labels.reason ?? '', annotations.summary ?? '', annotations.description ?? ''],
    } satisfies RuntimeAlert;
  });
}

const AZURE_SEVERITY: Record<string, SeverityLevel> = { sev0: 'critical', sev1: 'high', sev2: 'medium', sev3: 'low', sev4: 'info' };

/** Dimension names (lower case, no spaces) that name Kubernetes things in AKS and Container Insights alerts. */
const AZURE_DIMENSION_LABELS: Record<string, string> = {
  namespace: 'namespace',
  kubernetesnamespace: 'namespace',
  controllername: 'controller',
  deployment: 'deployment',
  podname: 'pod',
  pod: 'pod',
  containername: 'container',
};

function azureAlert(payload: Json, source: string): RuntimeAlert {
  const data = isRecord(payload.data) ? payload.data : fail(source, 'data', 'the alert data object');
  const essentials = isRecord(data.essentials) ? data.essentials : fail(source, 'data.essentials', 'the essentials section of the common alert schema');
  const name = nonEmptyString(essentials.alertRule) ?? fail(source, 'data.essentials.alertRule', 'the alert rule name');
  const sev = nonEmptyString(essentials.severity)?.toLowerCase();
  if (!sev || !(sev in AZURE_SEVERITY)) fail(source, 'data.essentials.severity', 'one of Sev0, Sev1, Sev2, Sev3, Sev4');
  const condition = nonEmptyString(essentials.monitorCondition) ?? fail(source, 'data.essentials.monitorCondition', '"Fired" or "Resolved"');
  const context = isRecord(data.alertContext) ? data.alertContext : {};
  // Prometheus rules evaluated by Azure Monitor carry their labels and annotations in the alert context.
  const labels: Record<string, string> = { ...stringMap(context.labels), ...stringMap(data.customProperties) };
  const criteria = isRecord(context.condition) && Array.isArray(context.condition.allOf) ? context.condition.allOf.filter(isRecord) : [];
  const dimensions = [...criteria.flatMap((c) => (Array.isArray(c.dimensions) ? c.dimensions : [])), ...(Array.isArray(context.Dimensions) ? context.Dimensions : [])];
  for (const d of dimensions) {
    if (!isRecord(d)) continue;
    const key = AZURE_DIMENSION_LABELS[String(d.name).toLowerCase().replace(/[\s_-]/g, '')];
    const value = nonEmptyString(d.value);
    if (key && value && !(key in labels)) labels[key] = value;
  }
  if (labels.controller && !labels.deployment) labels.deployment = labels.controller;
  const annotations = stringMap(context.annotations);
  const items = Array.isArray(essentials.configurationItems) ? essentials.configurationItems.filter((i): i is string => typeof i === 'string') : [];
  const targets = Array.isArray(essentials.alertTargetIDs) ? essentials.alertTargetIDs.filter((i): i is string => typeof i === 'string') : [];
  const resourceType = nonEmptyString(essentials.targetResourceType) ?? /\/providers\/([^/]+\/[^/]+)\//i.exec(targets[0] ?? '')?.[1];
  return {
    source: 'azure-monitor',
    name,
    firing: condition.toLowerCase() === 'fired',
    startedAt: time(essentials.firedDateTime, source, 'data.essentials.firedDateTime'),
    severity: AZURE_SEVERITY[sev]!,
    severitySource: `azure-monitor:${nonEmptyString(essentials.severity)}`,
    id: nonEmptyString(essentials.alertId) ?? nonEmptyString(essentials.originAlertId),
    summary: annotations.summary ?? nonEmptyString(essentials.description),
    description: annotations.description,
    helpUri: annotations.runbook_url,
    labels,
    workload: workloadFromLabels(labels),
    ...(items[0] ? { resource: { type: (resourceType ?? 'resource').toLowerCase(), name: items[0] } } : {}),
    signals: [
      name,
      nonEmptyString(essentials.signalType) ?? '',
      nonEmptyString(essentials.monitoringService) ?? '',
      nonEmptyString(context.conditionType) ?? '',
      ...criteria.map((c) => `${nonEmptyString(c.metricName) ?? ''} ${nonEmptyString(c.webTestName) ?? ''} ${nonEmptyString(c.searchQuery) ?? ''}`),
      nonEmptyString(context.SearchQuery) ?? '',
      labels.reason ?? '',
    ],
  };
}

function genericAlert(payload: Json, source: string): RuntimeAlert {
  const name = nonEmptyString(payload.alert) ?? fail(source, 'alert', 'the alert name (a string)');
  const labels = stringMap(payload.labels);
  let workload: Workload | undefined;
  if (payload.workload !== undefined) {
    const w = isRecord(payload.workload) ? payload.workload : fail(source, 'workload', 'an object {namespace, kind, name}');
    const kind = nonEmptyString(w.kind) ?? fail(source, 'workload.kind', 'a Kubernetes kind such as Deployment');
    const workloadName = nonEmptyString(w.name) ?? fail(source, 'workload.name', 'the workload name');
    workload = { kind: canonicalKind(kind), name: workloadName, namespace: nonEmptyString(w.namespace) ?? 'default', namespaceGiven: nonEmptyString(w.namespace) !== undefined };
  } else {
    workload = workloadFromLabels(labels);
  }
  const status = nonEmptyString(payload.status)?.toLowerCase() ?? 'firing';
  let severity: SeverityLevel = 'medium';
  let severitySource = 'generic:no-severity (medium)';
  if (payload.severity !== undefined) {
    severity = normaliseSeverity(String(payload.severity), source, 'severity');
    severitySource = `generic:severity=${String(payload.severity).toLowerCase()}`;
  }
  const summary = nonEmptyString(payload.summary);
  return {
    source: 'generic',
    name,
    firing: status !== 'resolved',
    startedAt: time(payload.started_at, source, 'started_at'),
    severity,
    severitySource,
    id: nonEmptyString(payload.fingerprint),
    summary,
    description: nonEmptyString(payload.description),
    helpUri: nonEmptyString(payload.runbook_url),
    labels,
    workload,
    signals: [name, summary ?? '', labels.reason ?? ''],
  };
}

const KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Pod', 'ReplicaSet'];

export function canonicalKind(kind: string): string {
  return KINDS.find((k) => k.toLowerCase() === kind.toLowerCase()) ?? kind;
}
