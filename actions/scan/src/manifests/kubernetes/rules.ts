import type { Pair } from 'yaml';
import type { SeverityLevel } from '../../../../../src/shared/contracts/findings.js';
import { isReferenceValue, looksLikeSecretName, redact, type Rule, type RuleHit } from '../common/findings.js';
import { parseImageReference } from '../dockerfile/parser.js';
import { workloadLabel, type ContainerSpec, type Workload } from './workloads.js';

const PSS = 'https://kubernetes.io/docs/concepts/security/pod-security-standards/';
const SECURITY_CONTEXT = 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/';

function rule(id: string, name: string, severity: SeverityLevel, help: string, fix: string, extra: Partial<Rule> = {}): Rule {
  return { id: `secloop.k8s.${id}`, name, severity, help, fix, confidence: 0.9, helpUri: PSS, ...extra };
}

export const K8S_RULES = {
  privileged: rule(
    'privileged',
    'Privileged container',
    'high',
    'A privileged container has every capability and sees the host\'s devices: a compromise of it is a compromise ' +
      'of the node. Remove `securityContext.privileged: true`; grant only the specific capability the workload needs.',
    'Remove privileged: true (or set it to false).',
    { cwe: ['CWE-250'] },
  ),
  runAsRoot: rule(
    'run-as-root',
    'Container runs as root (runAsUser 0)',
    'high',
    'runAsUser: 0 makes the process root inside the container. Run as an unprivileged UID ' +
      '(`runAsUser: 10001`, `runAsNonRoot: true`) and make the image work without root.',
    'Set runAsUser to a non-zero UID and runAsNonRoot: true.',
    { cwe: ['CWE-250'], helpUri: SECURITY_CONTEXT },
  ),
  runAsNonRoot: rule(
    'run-as-non-root',
    'runAsNonRoot not enforced',
    'medium',
    'Neither the pod nor the container sets `runAsNonRoot: true` (or a non-zero runAsUser), so the container ' +
      'runs as whatever user the image defaults to, usually root. Set `securityContext.runAsNonRoot: true` at ' +
      'pod level so the kubelet refuses to start a root container.',
    'Set securityContext.runAsNonRoot: true (pod or container level).',
    { cwe: ['CWE-250'], helpUri: SECURITY_CONTEXT, confidence: 0.8 },
  ),
  privilegeEscalation: rule(
    'allow-privilege-escalation',
    'Privilege escalation allowed',
    'medium',
    'allowPrivilegeEscalation defaults to true: a setuid binary in the image can gain more privileges than the ' +
      'process started with. Set `securityContext.allowPrivilegeEscalation: false` on every container.',
    'Set allowPrivilegeEscalation: false.',
    { cwe: ['CWE-269'], helpUri: SECURITY_CONTEXT },
  ),
  hostNamespace: rule(
    'host-namespace',
    'Host namespace shared',
    'high',
    'hostNetwork, hostPID or hostIPC put the pod in the node\'s namespaces: it can sniff node traffic, bind node ' +
      'ports, see and signal every process, or read shared memory of other workloads. Remove them unless the ' +
      'workload is node infrastructure, and then isolate it in its own namespace with a restricted policy.',
    'Remove hostNetwork/hostPID/hostIPC (or set them to false).',
    { cwe: ['CWE-668'] },
  ),
  hostPath: rule(
    'host-path',
    'hostPath volume',
    'medium',
    'A hostPath volume mounts a directory of the node into the pod; writable mounts of /, /etc, /var/run or the ' +
      'container runtime socket hand over the node. Use emptyDir, a ConfigMap/Secret, or a PersistentVolumeClaim.',
    'Replace the hostPath volume with emptyDir, a ConfigMap/Secret or a PVC.',
    { cwe: ['CWE-668'] },
  ),
  capabilities: rule(
    'added-capabilities',
    'Dangerous capabilities added',
    'high',
    'The container adds Linux capabilities beyond the Pod Security "baseline" set. SYS_ADMIN is nearly root, ' +
      'NET_ADMIN reconfigures networking, ALL is everything. Drop ALL and add back only what is needed ' +
      '(usually nothing, or NET_BIND_SERVICE).',
    'Remove the added capabilities; use capabilities: {drop: [ALL]}.',
    { cwe: ['CWE-250'], helpUri: SECURITY_CONTEXT },
  ),
  resourceLimits: rule(
    'resource-limits',
    'Missing resource limits',
    'low',
    'Without CPU and memory limits one container can starve the node (a leak or a denial of service takes its ' +
      'neighbours down with it). Set `resources.limits.cpu` and `resources.limits.memory`, and requests.',
    'Set resources.limits.cpu and resources.limits.memory.',
    { cwe: ['CWE-770'], helpUri: 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/' },
  ),
  probes: rule(
    'missing-probe',
    'Missing liveness or readiness probe',
    'low',
    'Without a readinessProbe traffic reaches pods that cannot serve it; without a livenessProbe a hung process ' +
      'is never restarted. Add both (an HTTP or TCP check of the serving port).',
    'Add livenessProbe and readinessProbe.',
    {
      confidence: 0.7,
      helpUri: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/',
    },
  ),
  imageTag: rule(
    'image-tag',
    'Image not pinned',
    'medium',
    'The image is untagged or `:latest`: each node may run a different build, rollbacks are impossible, and a ' +
      'pushed tag changes production. Pin a version tag and digest (`image: repo/app:1.4.2@sha256:...`).',
    'Pin the image to a version tag and digest.',
    { cwe: ['CWE-1357'], helpUri: 'https://kubernetes.io/docs/concepts/containers/images/#image-names' },
  ),
  secretEnv: rule(
    'plaintext-secret-env',
    'Plain-text secret in env',
    'high',
    'A credential is written into the manifest as an env `value:`: it is readable by anyone with the repository ' +
      'or `get` on the workload. Store it in a Secret and reference it with `valueFrom.secretKeyRef`, then rotate it.',
    'Move the value to a Secret and use valueFrom.secretKeyRef; rotate the credential.',
    { cwe: ['CWE-798', 'CWE-312'], helpUri: 'https://kubernetes.io/docs/concepts/configuration/secret/', confidence: 0.8 },
  ),
  readOnlyRoot: rule(
    'read-only-root-filesystem',
    'Writable root filesystem',
    'low',
    'A writable root filesystem lets an attacker drop tools and modify binaries in the running container. Set ' +
      '`readOnlyRootFilesystem: true` and mount an emptyDir where the application must write.',
    'Set readOnlyRootFilesystem: true (emptyDir for writable paths).',
    { cwe: ['CWE-732'], helpUri: SECURITY_CONTEXT, confidence: 0.8 },
  ),
} satisfies Record<string, Rule>;

/** Capabilities Pod Security "baseline" allows; adding anything else is reported. */
const BASELINE_CAPABILITIES = new Set([
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP',
  'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
]);
const CRITICAL_CAPABILITIES = new Set(['ALL', 'SYS_ADMIN', 'NET_ADMIN', 'SYS_PTRACE', 'SYS_MODULE', 'SYS_RAWIO', 'BPF', 'DAC_READ_SEARCH', 'PERFMON']);
/** Host paths whose mount hands over the node. */
const SENSITIVE_HOST_PATH = /^\/(?:$|etc\b|root\b|proc\b|sys\b|boot\b|dev\b|var\/run\b|run\b|var\/lib\/(?:kubelet|docker|containerd)\b|.*\.sock$)/;
/** Workloads that run to completion: probes are for servers. */
const BATCH_KINDS = new Set(['Job', 'CronJob']);

export function checkWorkload(w: Workload): RuleHit[] {
  const hits: RuleHit[] = [];
  const label = workloadLabel(w);
  const baseTags = [`workload:${label}`, `namespace:${w.namespace ?? 'default'}`, `kind:${w.kind}`, ...(w.helmSource ? [`helm-source:${w.helmSource}`] : [])];
  const { view, podSpec } = w;
  const podSecurity = view.get(podSpec, 'securityContext');

  for (const field of ['hostNetwork', 'hostPID', 'hostIPC'] as const) {
    const pair = view.pair(podSpec, field);
    if (pair && view.scalar(pair.value) === true) {
      hits.push({
        rule: K8S_RULES.hostNamespace,
        message: `${w.kind} ${label} sets ${field}: true, sharing the node's ${field.slice(4).toLowerCase()} namespace.`,
        line: view.line(pair),
        identity: `${label}:${field}`,
        tags: baseTags,
      });
    }
  }

  for (const volume of view.items(view.get(podSpec, 'volumes'))) {
    const hostPathPair = view.pair(volume, 'hostPath');
    if (!hostPathPair) continue;
    const volumeName = view.text(view.get(volume, 'name')) ?? '?';
    const hostPath = view.text(view.get(hostPathPair.value, 'path')) ?? '?';
    const sensitive = SENSITIVE_HOST_PATH.test(hostPath);
    hits.push({
      rule: K8S_RULES.hostPath,
      message: `${w.kind} ${label} mounts the node's ${hostPath} (hostPath volume ${volumeName})${sensitive ? ', a path that gives control of the node' : ''}.`,
      line: view.line(hostPathPair),
      identity: `${label}:volume:${volumeName}`,
      severity: sensitive ? 'high' : 'medium',
      tags: baseTags,
    });
  }

  for (const c of w.containers) hits.push(...checkContainer(w, c, podSecurity, label, baseTags));
  return hits;
}

function checkContainer(w: Workload, c: ContainerSpec, podSecurity: unknown, label: string, baseTags: string[]): RuleHit[] {
  const { view } = w;
  const hits: RuleHit[] = [];
  const who = `${c.role === 'initContainer' ? 'Init container' : 'Container'} ${c.name} of ${w.kind} ${label}`;
  const id = `${label}:${c.role}:${c.name}`;
  const tags = [...baseTags, `container:${c.name}`];
  const security = view.get(c.node, 'securityContext');
  const at = (pair: Pair | undefined) => view.line(pair) ?? c.line;
  const hit = (r: Rule, message: string, pair: Pair | undefined, extra: Partial<RuleHit> = {}) =>
    hits.push({ rule: r, message, line: at(pair), identity: `${id}${extra.identity ? `:${extra.identity}` : ''}`, tags, ...omitIdentity(extra) });

  const privileged = view.pair(security, 'privileged');
  if (privileged && view.scalar(privileged.value) === true) {
    hit(K8S_RULES.privileged, `${who} is privileged (full access to the node's devices and kernel).`, privileged);
  }

  const runAsUser = view.pair(security, 'runAsUser') ?? view.pair(podSecurity, 'runAsUser');
  const runAsNonRoot = view.pair(security, 'runAsNonRoot') ?? view.pair(podSecurity, 'runAsNonRoot');
  const uid = view.scalar(runAsUser?.value);
  if (uid === 0) {
    hit(K8S_RULES.runAsRoot, `${who} runs as root (runAsUser: 0).`, runAsUser);
  } else if (view.scalar(runAsNonRoot?.value) !== true && !(typeof uid === 'number' && uid > 0)) {
    const why = runAsNonRoot ? 'runAsNonRoot is not true' : 'neither it nor its pod sets runAsNonRoot: true or a non-zero runAsUser';
    hit(K8S_RULES.runAsNonRoot, `${who} may run as root: ${why}.`, runAsNonRoot);
  }

  const escalation = view.pair(security, 'allowPrivilegeEscalation');
  if (view.scalar(escalation?.value) !== false) {
    hit(K8S_RULES.privilegeEscalation, `${who} ${escalation ? 'allows' : 'does not forbid'} privilege escalation (allowPrivilegeEscalation is not false).`, escalation);
  }

  const readOnly = view.pair(security, 'readOnlyRootFilesystem');
  if (view.scalar(readOnly?.value) !== true) {
    hit(K8S_RULES.readOnlyRoot, `${who} has a writable root filesystem (readOnlyRootFilesystem is not true).`, readOnly);
  }

  const addPair = view.pair(view.get(security, 'capabilities'), 'add');
  const added = view.items(addPair?.value).map((n) => (view.text(n) ?? '').toUpperCase().replace(/^CAP_/, '')).filter(Boolean);
  const extra = added.filter((cap) => !BASELINE_CAPABILITIES.has(cap));
  if (extra.length > 0) {
    const dangerous = extra.some((cap) => CRITICAL_CAPABILITIES.has(cap));
    hit(K8S_RULES.capabilities, `${who} adds capabilities ${extra.join(', ')}.`, addPair, { severity: dangerous ? 'high' : 'medium' });
  }

  const resources = view.pair(c.node, 'resources');
  const limits = view.get(resources?.value, 'limits');
  const missingLimits = ['cpu', 'memory'].filter((r) => view.pair(limits, r) === undefined);
  if (missingLimits.length > 0) {
    hit(K8S_RULES.resourceLimits, `${who} has no ${missingLimits.join(' or ')} limit.`, resources, {
      severity: missingLimits.includes('memory') ? 'medium' : 'low',
    });
  }

  if (c.role === 'container' && !BATCH_KINDS.has(w.kind)) {
    const missing = ['livenessProbe', 'readinessProbe'].filter((p) => view.pair(c.node, p) === undefined);
    if (missing.length > 0) hit(K8S_RULES.probes, `${who} has no ${missing.join(' and no ')}.`, undefined);
  }

  if (c.image !== undefined) {
    const ref = parseImageReference(c.image);
    if (!ref.digest && (ref.tag === undefined || ref.tag === 'latest')) {
      const what = ref.tag === 'latest' ? 'uses the floating `latest` tag' : 'has no tag (the registry serves `latest`)';
      hits.push({ rule: K8S_RULES.imageTag, message: `${who}: image ${c.image} ${what}.`, line: c.imageLine ?? c.line, identity: id, tags });
    }
  }

  for (const env of view.items(view.get(c.node, 'env'))) {
    const name = view.text(view.get(env, 'name'));
    const valuePair = view.pair(env, 'value');
    const value = view.text(valuePair?.value);
    if (!name || value === undefined || !looksLikeSecretName(name) || isReferenceValue(value)) continue;
    hit(K8S_RULES.secretEnv, `${who} sets ${name} to a literal value (${redact(value)}); use valueFrom.secretKeyRef.`, valuePair, {
      identity: `env:${name}`,
    });
  }
  return hits;
}

function omitIdentity(extra: Partial<RuleHit>): Partial<RuleHit> {
  const { identity: _identity, ...rest } = extra;
  return rest;
}
