export const id = 675;
export const ids = [675];
export const modules = {

/***/ 3675:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createRuntimeAlertScanner: () => (/* binding */ createRuntimeAlertScanner),
  runtimeAlertScanner: () => (/* binding */ runtimeAlertScanner)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/shared/errors.ts
var errors = __webpack_require__(8382);
// EXTERNAL MODULE: ./actions/scan/src/imports/common.ts
var imports_common = __webpack_require__(6477);
;// CONCATENATED MODULE: ./actions/scan/src/imports/alerts/classify.ts
const RULES = [
    ['oom_killed', /oom|out ?of ?memory/i],
    ['crash_loop', /crash ?loop|back-?off|restarting/i],
    [
        'probe_failure',
        /probe|not ?ready|unhealthy|readiness|liveness|replicas ?mismatch|(deployment|statefulset|daemonset) ?(rollout|generation|replicas)|unavailable ?replicas/i,
    ],
    ['high_error_rate', /error ?rate|errors? ?(high|budget|ratio|spike)|high ?errors?|5xx|failed ?requests|http ?5\d\d|resultcode == "5/i],
    ['availability', /availab|webtest|\bdown\b|unreachable|uptime|heartbeat/i],
];
function runtimeClass(alert) {
    // Split CamelCase names ("KubePodCrashLooping" -> "Kube Pod Crash Looping") so word patterns match them.
    const words = alert.signals.map((s) => s.replace(/([a-z0-9])([A-Z])/g, '$1 $2')).join(' | ');
    for (const [cls, pattern] of RULES)
        if (pattern.test(words))
            return cls;
    // Azure metric alerts that name no more specific cause are availability signals of the resource.
    if (alert.source === 'azure-monitor' && /metric|webtest/i.test(alert.signals.slice(1, 4).join(' ')))
        return 'availability';
    return 'alert';
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
;// CONCATENATED MODULE: ./actions/scan/src/imports/alerts/manifests.ts
/**
 * Finds the Kubernetes manifest in the repository that defines an alert's workload: the YAML document whose
 * `kind`, `metadata.name` and `metadata.namespace` match. A manifest without a namespace is applied to
 * whatever namespace the deploy names, so it matches any namespace, with less confidence. Small and
 * self-contained on purpose: the Kubernetes scanner is a separate module.
 */



const MAX_MANIFEST_BYTES = 2 * 1024 * 1024;
const MAX_YAML_FILES = 20000;
function isYaml(base) {
    return /\.ya?ml$/i.test(base);
}
/**
 * An index over the YAML files under `root`, built lazily: a file is parsed only when its text contains the
 * name looked for, so an alert costs one cheap read per YAML file, not one parse.
 */
function manifestIndex(root) {
    let files;
    const texts = new Map();
    const warnings = [];
    const warned = new Set();
    const warn = (file, reason) => {
        if (warned.has(file))
            return;
        warned.add(file);
        warnings.push({ file, scanner: 'runtime', reason });
    };
    return {
        warnings,
        async find(kind, name, namespace) {
            files ??= (0,imports_common/* walkFiles */.Fv)(root, isYaml, MAX_YAML_FILES).then((r) => r.files);
            let loose;
            for (const relative of await files) {
                if (!texts.has(relative)) {
                    const read = await (0,imports_common/* readBounded */.CB)(external_node_path_default().join(root, relative), MAX_MANIFEST_BYTES);
                    texts.set(relative, 'text' in read ? read.text : null);
                }
                const text = texts.get(relative);
                if (!text || !text.includes(name) || !/^\s*kind\s*:/m.test(text))
                    continue;
                for (const match of documentsIn(text, relative, warn)) {
                    if (match.kind.toLowerCase() !== kind.toLowerCase() || match.name !== name)
                        continue;
                    if (match.namespace === namespace)
                        return { path: relative, line: match.line, kind: match.kind, name, namespaceMatched: true };
                    if (match.namespace === undefined)
                        loose ??= { path: relative, line: match.line, kind: match.kind, name, namespaceMatched: false };
                }
            }
            return loose;
        },
    };
}
function documentsIn(text, file, warn) {
    const lineCounter = new dist/* LineCounter */.HN();
    let documents;
    try {
        // The AST is read without resolving aliases, so an alias bomb costs nothing; uniqueKeys off: a duplicate key
        // elsewhere in the file must not hide the workload.
        documents = (0,dist/* parseAllDocuments */.hR)(text, { lineCounter, uniqueKeys: false, prettyErrors: false });
    }
    catch (error) {
        warn(file, `YAML not readable while looking for the alert's workload: ${error.message}`);
        return [];
    }
    if (!Array.isArray(documents))
        return [];
    const found = [];
    for (const doc of documents) {
        if (doc.errors.length > 0) {
            warn(file, `YAML error while looking for the alert's workload: ${doc.errors[0].message.split('\n')[0]}`);
            continue;
        }
        const kind = doc.get('kind');
        const nameNode = doc.getIn(['metadata', 'name'], true);
        const namespace = doc.getIn(['metadata', 'namespace']);
        if (typeof kind !== 'string' || !(0,dist/* isScalar */.jn)(nameNode) || typeof nameNode.value !== 'string' || !nameNode.range)
            continue;
        found.push({
            kind,
            name: nameNode.value,
            ...(typeof namespace === 'string' && namespace !== '' ? { namespace } : {}),
            line: lineCounter.linePos(nameNode.range[0]).line,
        });
    }
    return found;
}

// EXTERNAL MODULE: ./src/shared/severity/index.ts + 2 modules
var shared_severity = __webpack_require__(3801);
;// CONCATENATED MODULE: ./actions/scan/src/imports/alerts/workload.ts
/**
 * The Kubernetes workload an alert is about, from its labels as kube-state-metrics and the
 * kubernetes-mixin alerts write them: `deployment`, `statefulset`, `daemonset`, `job_name`, `cronjob`,
 * `owner_kind`/`owner_name`, `replicaset`, `pod`. (The `job` label is Prometheus' scrape job, not a
 * Kubernetes Job.) A pod's owner is found from its generated name.
 */
/**
 * Kubernetes generated-name suffixes use this alphabet (no vowels, no 0/1/3, to avoid words and look-alikes):
 * a ReplicaSet adds "-<pod-template-hash>" to its Deployment's name, a pod adds 5 characters to its owner's.
 */
const SAFE = '[bcdfghjklmnpqrstvwxz2456789]';
const REPLICASET_POD = new RegExp(`^(.+)-${SAFE}{6,10}-${SAFE}{5}$`);
const REPLICASET = new RegExp(`^(.+)-${SAFE}{6,10}$`);
const ONE_SUFFIX = new RegExp(`^(.+)-${SAFE}{5}$`);
const ORDINAL = /^(.+)-(\d+)$/;
/** A CronJob's Job is "<cronjob>-<scheduled time in minutes since the epoch>". */
const CRONJOB_JOB = /^(.+)-(\d{8,})$/;
/** The likely owners of a pod, most likely first, from its name. */
function ownersOfPod(pod) {
    const owners = [];
    const rs = REPLICASET_POD.exec(pod);
    if (rs)
        owners.push({ kind: 'Deployment', name: rs[1] });
    const ordinal = ORDINAL.exec(pod);
    if (ordinal)
        owners.push({ kind: 'StatefulSet', name: ordinal[1] });
    const single = ONE_SUFFIX.exec(pod);
    if (single) {
        const cron = CRONJOB_JOB.exec(single[1]);
        if (cron)
            owners.push({ kind: 'CronJob', name: cron[1] });
        owners.push({ kind: 'DaemonSet', name: single[1] }, { kind: 'Job', name: single[1] });
    }
    owners.push({ kind: 'Pod', name: pod });
    return owners;
}
function workloadFromLabels(labels) {
    const namespace = labels.namespace || labels.exported_namespace;
    const base = { namespace: namespace || 'default', namespaceGiven: Boolean(namespace) };
    const direct = [
        ['deployment', 'Deployment'],
        ['statefulset', 'StatefulSet'],
        ['daemonset', 'DaemonSet'],
        ['cronjob', 'CronJob'],
        ['job_name', 'Job'],
    ];
    for (const [label, kind] of direct) {
        const name = labels[label];
        if (!name)
            continue;
        if (kind === 'Job') {
            const cron = CRONJOB_JOB.exec(name);
            if (cron)
                return { ...base, kind: 'CronJob', name: cron[1], alternatives: [{ kind: 'Job', name }] };
        }
        return { ...base, kind, name };
    }
    if (labels.owner_kind && labels.owner_name && labels.owner_kind !== '<none>') {
        if (labels.owner_kind === 'ReplicaSet') {
            const rs = REPLICASET.exec(labels.owner_name);
            return { ...base, kind: 'Deployment', name: rs ? rs[1] : labels.owner_name };
        }
        return { ...base, kind: labels.owner_kind, name: labels.owner_name };
    }
    if (labels.replicaset) {
        const rs = REPLICASET.exec(labels.replicaset);
        if (rs)
            return { ...base, kind: 'Deployment', name: rs[1] };
    }
    if (labels.pod) {
        const [best, ...rest] = ownersOfPod(labels.pod);
        return { ...base, kind: best.kind, name: best.name, alternatives: rest };
    }
    return undefined;
}

;// CONCATENATED MODULE: ./actions/scan/src/imports/alerts/payload.ts
/**
 * Runtime alert payloads in the three accepted forms, told apart by shape: a Prometheus Alertmanager webhook
 * (version "4"), an Azure Monitor common-alert-schema notification, and secloop's own generic form
 * (docs/alerts.md). Each becomes a list of RuntimeAlert; anything else is a ConfigurationError naming the
 * field that is missing.
 */




function fail(source, field, expected) {
    throw new errors/* ConfigurationError */.j1(`${field} is missing or invalid; expected ${expected}`, source, field);
}
function time(value, source, field) {
    const text = (0,imports_common/* nonEmptyString */.y0)(value);
    const parsed = text ? Date.parse(text) : NaN;
    if (!text || Number.isNaN(parsed))
        fail(source, field, 'an RFC 3339 date-time such as 2024-06-01T12:00:00Z');
    return new Date(parsed).toISOString();
}
function stringMap(value) {
    if (!(0,imports_common/* isRecord */.u4)(value))
        return {};
    const out = {};
    for (const [k, v] of Object.entries(value))
        if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
            out[k] = String(v);
    return out;
}
/**
 * The payload's form, from its shape. `source` names the input in errors. A repository_dispatch event given
 * whole (with `client_payload`) is unwrapped.
 */
function parseAlertPayload(payload, source) {
    if ((0,imports_common/* isRecord */.u4)(payload) && (0,imports_common/* isRecord */.u4)(payload.client_payload) && !('alerts' in payload) && !('schemaId' in payload))
        payload = payload.client_payload;
    if (!(0,imports_common/* isRecord */.u4)(payload))
        fail(source, '(top level)', 'a JSON object: an Alertmanager webhook, an Azure Monitor common-schema alert or the generic form of docs/alerts.md');
    if (payload.schemaId !== undefined) {
        if (payload.schemaId !== 'azureMonitorCommonAlertSchema')
            fail(source, 'schemaId', '"azureMonitorCommonAlertSchema" (enable the common alert schema on the action group)');
        return [azureAlert(payload, source)];
    }
    if ('alerts' in payload)
        return alertmanagerAlerts(payload, source);
    if ('alert' in payload)
        return [genericAlert(payload, source)];
    fail(source, 'alerts', 'an Alertmanager webhook ("alerts" list), an Azure Monitor alert ("schemaId": "azureMonitorCommonAlertSchema") or the generic form ("alert", "started_at"; see docs/alerts.md)');
}
const ALERTMANAGER_SEVERITY = { critical: 'critical', error: 'high', high: 'high', warning: 'medium', medium: 'medium', low: 'low', info: 'info', none: 'info' };
function alertmanagerAlerts(payload, source) {
    if (!Array.isArray(payload.alerts))
        fail(source, 'alerts', 'a list of alerts (Alertmanager webhook, version "4")');
    const common = stringMap(payload.commonLabels);
    return payload.alerts.map((raw, i) => {
        const at = `alerts[${i}]`;
        if (!(0,imports_common/* isRecord */.u4)(raw))
            fail(source, at, 'an alert object');
        const labels = { ...common, ...stringMap(raw.labels) };
        const name = (0,imports_common/* nonEmptyString */.y0)(labels.alertname) ?? fail(source, `${at}.labels.alertname`, 'the alert name');
        const status = (0,imports_common/* nonEmptyString */.y0)(raw.status) ?? (0,imports_common/* nonEmptyString */.y0)(payload.status) ?? fail(source, `${at}.status`, '"firing" or "resolved"');
        const annotations = { ...stringMap(payload.commonAnnotations), ...stringMap(raw.annotations) };
        const word = labels.severity?.toLowerCase();
        const severity = word && word in ALERTMANAGER_SEVERITY ? ALERTMANAGER_SEVERITY[word] : 'medium';
        return {
            source: 'alertmanager',
            name,
            firing: status === 'firing',
            startedAt: time(raw.startsAt, source, `${at}.startsAt`),
            severity,
            severitySource: word && word in ALERTMANAGER_SEVERITY ? `alertmanager:severity=${word}` : 'alertmanager:no-severity-label (medium)',
            id: (0,imports_common/* nonEmptyString */.y0)(raw.fingerprint),
            summary: annotations.summary ?? annotations.message,
            description: annotations.description,
            helpUri: annotations.runbook_url ?? (0,imports_common/* nonEmptyString */.y0)(raw.generatorURL),
            labels,
            workload: workloadFromLabels(labels),
            signals: [name, labels.reason ?? '', annotations.summary ?? '', annotations.description ?? ''],
        };
    });
}
const AZURE_SEVERITY = { sev0: 'critical', sev1: 'high', sev2: 'medium', sev3: 'low', sev4: 'info' };
/** Dimension names (lower case, no spaces) that name Kubernetes things in AKS and Container Insights alerts. */
const AZURE_DIMENSION_LABELS = {
    namespace: 'namespace',
    kubernetesnamespace: 'namespace',
    controllername: 'controller',
    deployment: 'deployment',
    podname: 'pod',
    pod: 'pod',
    containername: 'container',
};
function azureAlert(payload, source) {
    const data = (0,imports_common/* isRecord */.u4)(payload.data) ? payload.data : fail(source, 'data', 'the alert data object');
    const essentials = (0,imports_common/* isRecord */.u4)(data.essentials) ? data.essentials : fail(source, 'data.essentials', 'the essentials section of the common alert schema');
    const name = (0,imports_common/* nonEmptyString */.y0)(essentials.alertRule) ?? fail(source, 'data.essentials.alertRule', 'the alert rule name');
    const sev = (0,imports_common/* nonEmptyString */.y0)(essentials.severity)?.toLowerCase();
    if (!sev || !(sev in AZURE_SEVERITY))
        fail(source, 'data.essentials.severity', 'one of Sev0, Sev1, Sev2, Sev3, Sev4');
    const condition = (0,imports_common/* nonEmptyString */.y0)(essentials.monitorCondition) ?? fail(source, 'data.essentials.monitorCondition', '"Fired" or "Resolved"');
    const context = (0,imports_common/* isRecord */.u4)(data.alertContext) ? data.alertContext : {};
    // Prometheus rules evaluated by Azure Monitor carry their labels and annotations in the alert context.
    const labels = { ...stringMap(context.labels), ...stringMap(data.customProperties) };
    const criteria = (0,imports_common/* isRecord */.u4)(context.condition) && Array.isArray(context.condition.allOf) ? context.condition.allOf.filter(imports_common/* isRecord */.u4) : [];
    const dimensions = [...criteria.flatMap((c) => (Array.isArray(c.dimensions) ? c.dimensions : [])), ...(Array.isArray(context.Dimensions) ? context.Dimensions : [])];
    for (const d of dimensions) {
        if (!(0,imports_common/* isRecord */.u4)(d))
            continue;
        const key = AZURE_DIMENSION_LABELS[String(d.name).toLowerCase().replace(/[\s_-]/g, '')];
        const value = (0,imports_common/* nonEmptyString */.y0)(d.value);
        if (key && value && !(key in labels))
            labels[key] = value;
    }
    if (labels.controller && !labels.deployment)
        labels.deployment = labels.controller;
    const annotations = stringMap(context.annotations);
    const items = Array.isArray(essentials.configurationItems) ? essentials.configurationItems.filter((i) => typeof i === 'string') : [];
    const targets = Array.isArray(essentials.alertTargetIDs) ? essentials.alertTargetIDs.filter((i) => typeof i === 'string') : [];
    const resourceType = (0,imports_common/* nonEmptyString */.y0)(essentials.targetResourceType) ?? /\/providers\/([^/]+\/[^/]+)\//i.exec(targets[0] ?? '')?.[1];
    return {
        source: 'azure-monitor',
        name,
        firing: condition.toLowerCase() === 'fired',
        startedAt: time(essentials.firedDateTime, source, 'data.essentials.firedDateTime'),
        severity: AZURE_SEVERITY[sev],
        severitySource: `azure-monitor:${(0,imports_common/* nonEmptyString */.y0)(essentials.severity)}`,
        id: (0,imports_common/* nonEmptyString */.y0)(essentials.alertId) ?? (0,imports_common/* nonEmptyString */.y0)(essentials.originAlertId),
        summary: annotations.summary ?? (0,imports_common/* nonEmptyString */.y0)(essentials.description),
        description: annotations.description,
        helpUri: annotations.runbook_url,
        labels,
        workload: workloadFromLabels(labels),
        ...(items[0] ? { resource: { type: (resourceType ?? 'resource').toLowerCase(), name: items[0] } } : {}),
        signals: [
            name,
            (0,imports_common/* nonEmptyString */.y0)(essentials.signalType) ?? '',
            (0,imports_common/* nonEmptyString */.y0)(essentials.monitoringService) ?? '',
            (0,imports_common/* nonEmptyString */.y0)(context.conditionType) ?? '',
            ...criteria.map((c) => `${(0,imports_common/* nonEmptyString */.y0)(c.metricName) ?? ''} ${(0,imports_common/* nonEmptyString */.y0)(c.webTestName) ?? ''} ${(0,imports_common/* nonEmptyString */.y0)(c.searchQuery) ?? ''}`),
            (0,imports_common/* nonEmptyString */.y0)(context.SearchQuery) ?? '',
            labels.reason ?? '',
        ],
    };
}
function genericAlert(payload, source) {
    const name = (0,imports_common/* nonEmptyString */.y0)(payload.alert) ?? fail(source, 'alert', 'the alert name (a string)');
    const labels = stringMap(payload.labels);
    let workload;
    if (payload.workload !== undefined) {
        const w = (0,imports_common/* isRecord */.u4)(payload.workload) ? payload.workload : fail(source, 'workload', 'an object {namespace, kind, name}');
        const kind = (0,imports_common/* nonEmptyString */.y0)(w.kind) ?? fail(source, 'workload.kind', 'a Kubernetes kind such as Deployment');
        const workloadName = (0,imports_common/* nonEmptyString */.y0)(w.name) ?? fail(source, 'workload.name', 'the workload name');
        workload = { kind: canonicalKind(kind), name: workloadName, namespace: (0,imports_common/* nonEmptyString */.y0)(w.namespace) ?? 'default', namespaceGiven: (0,imports_common/* nonEmptyString */.y0)(w.namespace) !== undefined };
    }
    else {
        workload = workloadFromLabels(labels);
    }
    const status = (0,imports_common/* nonEmptyString */.y0)(payload.status)?.toLowerCase() ?? 'firing';
    let severity = 'medium';
    let severitySource = 'generic:no-severity (medium)';
    if (payload.severity !== undefined) {
        severity = (0,shared_severity/* normaliseSeverity */.s4)(String(payload.severity), source, 'severity');
        severitySource = `generic:severity=${String(payload.severity).toLowerCase()}`;
    }
    const summary = (0,imports_common/* nonEmptyString */.y0)(payload.summary);
    return {
        source: 'generic',
        name,
        firing: status !== 'resolved',
        startedAt: time(payload.started_at, source, 'started_at'),
        severity,
        severitySource,
        id: (0,imports_common/* nonEmptyString */.y0)(payload.fingerprint),
        summary,
        description: (0,imports_common/* nonEmptyString */.y0)(payload.description),
        helpUri: (0,imports_common/* nonEmptyString */.y0)(payload.runbook_url),
        labels,
        workload,
        signals: [name, summary ?? '', labels.reason ?? ''],
    };
}
const KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Pod', 'ReplicaSet'];
function canonicalKind(kind) {
    return KINDS.find((k) => k.toLowerCase() === kind.toLowerCase()) ?? kind;
}

;// CONCATENATED MODULE: ./actions/scan/src/imports/alerts/scanner.ts
/**
 * The `runtime` scanner: turns a firing runtime alert (Prometheus Alertmanager, Azure Monitor, or secloop's
 * generic form) into a finding tied to the Kubernetes manifest that defines the failing workload, so a
 * production incident enters the same loop as a code finding, with the alert's start as its T0.
 * It wants no file of the walk; without the `alert` input it examines nothing and reports nothing.
 */






const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;
/** Input: alert (the JSON payload, or "@<path>" to a file holding it, relative to the workspace). */
async function createRuntimeAlertScanner({ inputs, workspace }) {
    const given = inputs.optional('alert');
    if (!given)
        return runtimeAlertScanner(undefined);
    if (!given.startsWith('@'))
        return runtimeAlertScanner({ text: given, source: "input 'alert'" });
    const file = external_node_path_default().resolve(workspace, given.slice(1).trim());
    const read = await (0,imports_common/* readBounded */.CB)(file, MAX_PAYLOAD_BYTES);
    if ('problem' in read)
        throw new errors/* ConfigurationError */.j1(`alert payload file ${file}: ${read.problem}`, "input 'alert'");
    return runtimeAlertScanner({ text: read.text, source: external_node_path_default().relative(workspace, file) || file });
}
function runtimeAlertScanner(payload) {
    let alerts = [];
    if (payload) {
        let parsed;
        try {
            parsed = JSON.parse(payload.text.replace(/^\uFEFF/, ''));
        }
        catch (error) {
            throw new errors/* ConfigurationError */.j1(`not JSON: ${error.message}`, payload.source);
        }
        // Validated when the scanner is made, so a malformed payload stops the run before any scanning.
        alerts = parseAlertPayload(parsed, payload.source);
    }
    return {
        name: 'runtime',
        sources: payload ? [{ name: 'runtime-alert', detail: payload.source }] : [],
        wants: () => false,
        async scan(_files, { root, logger }) {
            const result = { findings: [], warnings: [], errors: [], examined: 0 };
            if (!payload)
                return result;
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
            for (const w of result.warnings)
                logger.warning(w.reason, { file: w.file });
            logger.info(`${result.findings.length} firing runtime alert(s) from ${payload.source}`);
            return result;
        },
    };
}
async function findManifest(alert, index) {
    const w = alert.workload;
    if (!w)
        return undefined;
    for (const candidate of [{ kind: w.kind, name: w.name }, ...(w.alternatives ?? [])]) {
        const match = await index.find(candidate.kind, candidate.name, w.namespace);
        if (match)
            return match;
    }
    return undefined;
}
async function toFinding(alert, index) {
    const cls = runtimeClass(alert);
    const manifest = await findManifest(alert, index);
    const w = alert.workload;
    const workloadText = w ? `${manifest?.kind ?? w.kind} ${w.namespace}/${manifest?.name ?? w.name}` : alert.resource ? `${alert.resource.type} ${alert.resource.name}` : undefined;
    let location;
    let linkText;
    if (manifest) {
        location = { path: manifest.path, start_line: manifest.line };
        linkText = `defined in ${manifest.path}:${manifest.line}${manifest.namespaceMatched ? '' : ' (that manifest names no namespace)'}`;
    }
    else if (w) {
        location = { path: `runtime/${w.namespace}/${w.kind}/${w.name}` };
        linkText = 'no manifest in the repository defines it';
    }
    else {
        location = { path: alert.resource ? `runtime/${alert.source}/${alert.resource.type}/${alert.resource.name}` : `runtime/${alert.source}/${alert.name}` };
        linkText = 'the alert names no Kubernetes workload';
    }
    const about = (0,imports_common/* clip */.$Q)(alert.summary ?? alert.description ?? '', 500);
    const message = `${alert.name} firing since ${alert.startedAt}${workloadText ? ` for ${workloadText}` : ''}: ${linkText}.${about ? ` ${about}` : ''}`;
    // Identity: the source's own id for the alert (Alertmanager's label-set fingerprint, Azure's alertId), else
    // the alert name with its sorted labels: the same alert again is the same finding.
    const identity = alert.id ?? [alert.name, ...Object.entries(alert.labels).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}=${v}`)].join('\n');
    // A firing alert is a real incident; how sure we are is how sure the link to the workload is.
    const confidence = manifest ? (manifest.namespaceMatched ? 0.95 : 0.8) : w ? 0.7 : 0.6;
    return {
        fingerprint: (0,imports_common/* fingerprintOf */.ax)(['runtime', alert.source, identity]),
        kind: 'runtime',
        event_type: `runtime.${cls}`,
        rule: {
            id: alert.name,
            name: alert.name,
            help: (0,imports_common/* clip */.$Q)(alert.description ?? alert.summary ?? `Runtime alert ${alert.name} from ${alert.source}`, 2000),
            ...(alert.helpUri ? { help_uri: alert.helpUri } : {}),
            tags: ['runtime', alert.source, cls],
        },
        message: (0,imports_common/* clip */.$Q)(message, 1500),
        severity: alert.severity,
        severity_source: { source: alert.severitySource },
        confidence,
        location,
        // The incident's T0 is when the alert began, not when this scan ran.
        detected_at: alert.startedAt,
    };
}


/***/ }),

/***/ 6477:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $Q: () => (/* binding */ clip),
/* harmony export */   CB: () => (/* binding */ readBounded),
/* harmony export */   Fv: () => (/* binding */ walkFiles),
/* harmony export */   ax: () => (/* binding */ fingerprintOf),
/* harmony export */   u4: () => (/* binding */ isRecord),
/* harmony export */   y0: () => (/* binding */ nonEmptyString)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/**
 * Helpers shared by the importers (foreign SARIF, runtime alerts): scanners whose input is not the walked
 * tree but files or payloads named by the user.
 */



/** A fingerprint from identity parts (never line numbers): sha256, 32 hex characters, as the other scanners. */
function fingerprintOf(parts) {
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function nonEmptyString(value) {
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
/** Keeps generated messages readable and bounded whatever a foreign tool wrote. */
function clip(text, max) {
    const oneSpace = text.replace(/\s+/g, ' ').trim();
    return oneSpace.length <= max ? oneSpace : `${oneSpace.slice(0, max - 1)}…`;
}
/**
 * Reads a whole file as UTF-8 unless it is larger than `maxBytes`: a 2 GB "SARIF" file must end as a warning,
 * not as an out-of-memory crash. Directories and unreadable files come back as a problem, never a throw.
 */
async function readBounded(file, maxBytes) {
    let handle;
    try {
        const info = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.stat)(file);
        if (!info.isFile())
            return { problem: 'not a regular file' };
        if (info.size > maxBytes)
            return { problem: `${info.size} bytes is more than the ${maxBytes}-byte limit` };
        handle = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.open)(file, 'r');
        const buffer = Buffer.alloc(info.size);
        let read = 0;
        while (read < info.size) {
            const { bytesRead } = await handle.read(buffer, read, info.size - read, read);
            if (bytesRead === 0)
                break;
            read += bytesRead;
        }
        return { text: buffer.subarray(0, read).toString('utf8') };
    }
    catch (error) {
        return { problem: `cannot read: ${error.code ?? String(error)}` };
    }
    finally {
        await handle?.close();
    }
}
/** Folders that never hold the user's own reports or manifests, and can be huge. */
const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules', '.hg', '.svn', 'vendor', '__pycache__', '.venv', 'target', 'dist']);
/**
 * Files under `root` (relative paths, sorted) whose name passes `accept`, at most `limit` of them; symbolic
 * links are not followed so a link loop cannot hang the walk.
 */
async function walkFiles(root, accept, limit) {
    const files = [];
    const pending = [''];
    let truncated = false;
    while (pending.length > 0) {
        const relativeDir = pending.pop();
        let entries;
        try {
            entries = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readdir)(node_path__WEBPACK_IMPORTED_MODULE_2___default().join(root, relativeDir), { withFileTypes: true });
        }
        catch {
            continue;
        }
        entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        for (const entry of entries) {
            const relative = relativeDir ? `${relativeDir}/${entry.name}` : entry.name;
            if (entry.isDirectory()) {
                if (!SKIPPED_DIRECTORIES.has(entry.name))
                    pending.push(relative);
            }
            else if (entry.isFile() && accept(entry.name)) {
                if (files.length >= limit) {
                    truncated = true;
                    break;
                }
                files.push(relative);
            }
        }
        if (truncated)
            break;
    }
    return { files: files.sort(), truncated };
}


/***/ })

};
