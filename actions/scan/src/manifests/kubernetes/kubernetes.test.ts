import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { assertFindingsValid, runOnTexts } from '../../scanners/testing.js';
import { buildWorkloadIndex, findWorkloadManifest, WorkloadIndex, workloadsIn } from './lookup.js';
import { kubernetesScanner } from './scanner.js';

/** A Deployment as people write it when copying from a tutorial, plus a debugging sidecar. */
const RISKY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: checkout
  namespace: shop
  labels:
    app: checkout
spec:
  replicas: 2
  selector:
    matchLabels:
      app: checkout
  template:
    metadata:
      labels:
        app: checkout
    spec:
      hostNetwork: true
      containers:
        - name: api
          image: registry.example.com/shop/checkout:latest
          ports:
            - containerPort: 8080
          env:
            - name: DATABASE_PASSWORD
              value: "Sup3rS3cret!"
            - name: STRIPE_API_KEY
              valueFrom:
                secretKeyRef:
                  name: stripe
                  key: api-key
            - name: LOG_LEVEL
              value: info
          securityContext:
            privileged: true
            capabilities:
              add: ["NET_ADMIN", "SYS_TIME"]
        - name: debug
          image: busybox
          command: ["sleep", "infinity"]
          securityContext:
            runAsUser: 0
            allowPrivilegeEscalation: true
          resources:
            limits:
              cpu: 100m
      volumes:
        - name: docker-sock
          hostPath:
            path: /var/run/docker.sock
`;

/** The same service hardened: restricted Pod Security profile, pinned image, secrets by reference. */
const HARDENED = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: checkout
  namespace: shop
spec:
  selector:
    matchLabels: {app: checkout}
  template:
    metadata:
      labels: {app: checkout}
    spec:
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
        seccompProfile: {type: RuntimeDefault}
      initContainers:
        - name: migrate
          image: registry.example.com/shop/checkout:1.8.2@sha256:4b1a8d3c2e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1b
          command: ["/app/migrate"]
          securityContext: &restricted
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities:
              drop: ["ALL"]
              add: ["NET_BIND_SERVICE"]
          resources: &limits
            limits: {cpu: 500m, memory: 256Mi}
            requests: {cpu: 100m, memory: 128Mi}
      containers:
        - name: api
          image: registry.example.com/shop/checkout:1.8.2
          env:
            - name: DATABASE_PASSWORD
              valueFrom:
                secretKeyRef: {name: checkout-db, key: password}
            - name: DATABASE_PASSWORD_FILE
              value: /var/run/secrets/db/password
            - name: OAUTH_TOKEN_URL
              value: https://auth.example.com/oauth/token
            - name: API_TOKEN
              value: $(UPSTREAM_TOKEN)
          securityContext: *restricted
          resources: *limits
          livenessProbe:
            httpGet: {path: /healthz, port: 8080}
          readinessProbe:
            httpGet: {path: /ready, port: 8080}
`;

async function scan(files: Record<string, string>) {
  const result = await runOnTexts(kubernetesScanner(), files);
  assertFindingsValid(result.findings);
  return result;
}

const rows = (findings: { rule: { id: string }; location: { start_line?: number }; severity: string }[]) =>
  findings.map((f) => [f.rule.id.replace('secloop.k8s.', ''), f.location.start_line, f.severity]);

describe('kubernetes scanner', () => {
  test('reports every risky setting on the line of its key, or of the container name when the key is missing', async () => {
    const { findings, examined, warnings } = await scan({ 'deploy/checkout.yaml': RISKY });
    expect(warnings).toEqual([]);
    expect(examined).toBe(1);
    expect(rows(findings)).toEqual([
      ['host-namespace', 18, 'high'],
      ['allow-privilege-escalation', 20, 'medium'],
      ['missing-probe', 20, 'low'],
      ['read-only-root-filesystem', 20, 'low'],
      ['resource-limits', 20, 'medium'],
      ['run-as-non-root', 20, 'medium'],
      ['image-tag', 21, 'medium'],
      ['plaintext-secret-env', 26, 'high'],
      ['privileged', 35, 'high'],
      ['added-capabilities', 37, 'high'],
      ['missing-probe', 38, 'low'],
      ['read-only-root-filesystem', 38, 'low'],
      ['image-tag', 39, 'medium'],
      ['run-as-root', 42, 'high'],
      ['allow-privilege-escalation', 43, 'medium'],
      ['resource-limits', 44, 'medium'],
      ['host-path', 49, 'high'],
    ]);
    const privileged = findings.find((f) => f.rule.id === 'secloop.k8s.privileged')!;
    expect(privileged.message).toBe("Container api of Deployment shop/Deployment/checkout is privileged (full access to the node's devices and kernel).");
    expect(privileged.rule.tags).toEqual(expect.arrayContaining(['workload:shop/Deployment/checkout', 'container:api', 'namespace:shop', 'kind:Deployment']));
    expect(findings.find((f) => f.rule.id === 'secloop.k8s.added-capabilities')!.message).toContain('NET_ADMIN, SYS_TIME');
    expect(findings.find((f) => f.location.start_line === 44)!.message).toContain('no memory limit');
    for (const f of findings) {
      expect(f.kind).toBe('kubernetes');
      expect(f.event_type).toBe('misconfiguration.kubernetes');
    }
  });

  test('never prints a plain-text secret; references and look-alike names are not secrets', async () => {
    const { findings } = await scan({ 'a.yaml': RISKY });
    const secrets = findings.filter((f) => f.rule.id === 'secloop.k8s.plaintext-secret-env');
    expect(secrets.map((f) => f.message)).toEqual([
      'Container api of Deployment shop/Deployment/checkout sets DATABASE_PASSWORD to a literal value (****** (12 characters, redacted)); use valueFrom.secretKeyRef.',
    ]);
    expect(JSON.stringify(findings)).not.toContain('Sup3rS3cret');
  });

  test('a hardened Deployment (anchors and merge of shared settings included) is clean', async () => {
    const { findings, examined } = await scan({ 'deploy/checkout.yaml': HARDENED });
    expect(examined).toBe(1);
    expect(findings).toEqual([]);
  });

  test('finds the pod spec of every workload kind; batch workloads need no probes', async () => {
    const podSpec = (indent: string) =>
      ['containers:', '  - name: main', '    image: alpine'].map((l) => indent + l).join('\n');
    const text = [
      `apiVersion: v1\nkind: Pod\nmetadata: {name: one-off}\nspec:\n${podSpec('  ')}`,
      `apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db, namespace: data}\nspec:\n  template:\n    spec:\n${podSpec('      ')}`,
      `apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent}\nspec:\n  template:\n    spec:\n${podSpec('      ')}`,
      `apiVersion: batch/v1\nkind: Job\nmetadata: {name: migrate}\nspec:\n  template:\n    spec:\n${podSpec('      ')}`,
      `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: nightly}\nspec:\n  schedule: "0 3 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n${podSpec('          ')}`,
      `apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  ports: [{port: 80}]`,
    ].join('\n---\n');
    const { findings } = await scan({ 'all.yaml': text });
    const byWorkload = new Map<string, Set<string>>();
    for (const f of findings) {
      const w = f.rule.tags!.find((t) => t.startsWith('workload:'))!;
      byWorkload.set(w, (byWorkload.get(w) ?? new Set()).add(f.rule.id.replace('secloop.k8s.', '')));
    }
    expect([...byWorkload.keys()]).toEqual([
      'workload:default/Pod/one-off',
      'workload:data/StatefulSet/db',
      'workload:default/DaemonSet/agent',
      'workload:default/Job/migrate',
      'workload:default/CronJob/nightly',
    ]);
    expect(byWorkload.get('workload:default/Pod/one-off')!.has('missing-probe')).toBe(true);
    expect(byWorkload.get('workload:default/Job/migrate')!.has('missing-probe')).toBe(false);
    expect(byWorkload.get('workload:default/CronJob/nightly')!.has('missing-probe')).toBe(false);
    expect(byWorkload.get('workload:default/CronJob/nightly')!.has('image-tag')).toBe(true);
  });

  test('Helm-rendered output is analysed and names its template; unrendered templates are skipped with a warning', async () => {
    const rendered = `---
# Source: shop/templates/serviceaccount.yaml
apiVersion: v1
kind: ServiceAccount
metadata:
  name: release-shop
---
# Source: shop/templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: release-shop
  labels:
    helm.sh/chart: shop-0.1.0
spec:
  template:
    spec:
      containers:
        - name: shop
          image: "nginx:1.16.0"
          securityContext:
            privileged: true
`;
    const template = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "shop.fullname" . }}
spec:
  template:
    spec:
      containers:
        - name: {{ .Chart.Name }}
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"
`;
    const { findings, warnings, examined } = await scan({ 'rendered/all.yaml': rendered, 'chart/templates/deployment.yaml': template });
    expect(examined).toBe(1);
    const privileged = findings.find((f) => f.rule.id === 'secloop.k8s.privileged')!;
    expect(privileged.location).toEqual({ path: 'rendered/all.yaml', start_line: 22, end_line: 22 });
    expect(privileged.rule.tags).toContain('helm-source:shop/templates/deployment.yaml');
    expect(warnings).toEqual([
      {
        file: 'chart/templates/deployment.yaml',
        line: 4,
        scanner: 'kubernetes',
        reason: 'unrendered Helm template ({{ }}): not analysed; scan the output of `helm template` instead',
      },
    ]);
  });

  test('Go templates inside a rendered ConfigMap are data, not an unrendered chart', async () => {
    const text = `apiVersion: v1
kind: ConfigMap
metadata:
  name: alert-templates
data:
  slack.tmpl: |
    {{ define "slack.title" }}[{{ .Status | toUpper }}] {{ .CommonLabels.alertname }}{{ end }}
    {{ range .Alerts }}{{ $labels.instance }}{{ end }}
`;
    const { warnings, examined } = await scan({ 'monitoring/alertmanager.yaml': text });
    expect(warnings).toEqual([]);
    expect(examined).toBe(1);
  });

  test('reads kind: List and YAML 1.1 booleans as kubectl does', async () => {
    const text = `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Pod
    metadata: {name: tools, namespace: ops}
    spec:
      hostPID: yes
      containers:
        - {name: sh, image: "alpine:3.19", securityContext: {privileged: on}}
`;
    const { findings } = await scan({ 'dump.yml': text });
    expect(findings.filter((f) => ['secloop.k8s.host-namespace', 'secloop.k8s.privileged'].includes(f.rule.id)).map((f) => [f.rule.id, f.location.start_line])).toEqual([
      ['secloop.k8s.host-namespace', 8],
      ['secloop.k8s.privileged', 10],
    ]);
  });

  test('follows merge keys (<<) into shared settings and points at the merged key', async () => {
    const text = `apiVersion: v1
kind: Pod
metadata: {name: merged, namespace: ops}
x-debug: &debug
  privileged: true
  allowPrivilegeEscalation: false
spec:
  containers:
    - name: shell
      image: "alpine:3.19"
      securityContext:
        <<: *debug
        readOnlyRootFilesystem: true
`;
    const { findings } = await scan({ 'pod.yaml': text });
    const ids = findings.map((f) => f.rule.id);
    expect(findings.find((f) => f.rule.id === 'secloop.k8s.privileged')!.location.start_line).toBe(5);
    expect(ids).not.toContain('secloop.k8s.allow-privilege-escalation');
    expect(ids).not.toContain('secloop.k8s.read-only-root-filesystem');
  });

  test('fingerprints survive line shifts and tell containers apart', async () => {
    const before = await scan({ 'k.yaml': RISKY });
    const after = await scan({ 'k.yaml': `# checkout service\n${RISKY.replace('  replicas: 2\n', '  replicas: 2\n  revisionHistoryLimit: 3\n')}` });
    expect(after.findings.map((f) => f.fingerprint).sort()).toEqual(before.findings.map((f) => f.fingerprint).sort());
    expect(new Set(before.findings.map((f) => f.fingerprint)).size).toBe(before.findings.length);
  });

  test('non-Kubernetes YAML is not examined and not warned about', async () => {
    const { findings, warnings, examined } = await scan({
      'docker-compose.yml': 'services:\n  web:\n    image: nginx:latest\n    privileged: true\n',
      'values.yaml': 'image:\n  repository: nginx\n  tag: latest\n',
      '.github/workflows/ci.yml': 'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.sha }}\n',
      'README.md': 'apiVersion: v1\nkind: Pod\n',
    });
    expect({ findings, warnings, examined }).toEqual({ findings: [], warnings: [], examined: 0 });
  });

  test('broken manifests, alias bombs and deep nesting end as warnings naming the file, in bounded time', async () => {
    const bomb = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: {name: lol}',
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      ...Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`),
      'data: *j',
    ].join('\n');
    const deep = `apiVersion: v1\nkind: Pod\nmetadata: {name: deep}\nspec: ${'['.repeat(200_000)}${']'.repeat(200_000)}\n`;
    const mergeBomb = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: merge-bomb}',
      'x0: &a0 {k: v}',
      ...Array.from({ length: 8 }, (_, i) => `x${i + 1}: &a${i + 1} {<<: [${Array(9).fill(`*a${i}`).join(', ')}]}`),
      'spec:',
      '  containers:',
      '    - {name: c, image: "alpine:3", securityContext: *a8}',
    ].join('\n');
    const aliasLoop = `apiVersion: v1\nkind: Pod\nmetadata: {name: loop}\nspec: &s\n  <<: *s\n  containers:\n    - name: a\n      image: alpine:3\n`;
    const started = Date.now();
    const { warnings, errors, findings } = await scan({
      'broken.yaml': `apiVersion: v1\nkind: Pod\nmetadata:\n  name: broken\n   namespace: x\nspec: [\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: fine}\nspec:\n  containers:\n    - {name: c, image: "alpine:3.19", securityContext: {privileged: true}}\n`,
      'bomb.yaml': bomb,
      'deep.yaml': deep,
      'loop.yaml': aliasLoop,
      'merge-bomb.yaml': mergeBomb,
      'huge.yaml': `apiVersion: v1\nkind: ConfigMap\ndata:\n  x: "${'a'.repeat(5 * 1024 * 1024)}"\n`,
    });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(errors).toEqual([]);
    const byFile = Object.fromEntries(warnings.map((w) => [w.file, w.reason]));
    expect(byFile['broken.yaml']).toMatch(/^YAML document does not parse/);
    expect(byFile['huge.yaml']).toMatch(/exceeds the \d+-character limit/);
    expect(byFile['deep.yaml']).toBe('not analysed: flow collections nested 257 levels deep (limit 256)');
    expect(byFile['merge-bomb.yaml']).toBe('not analysed: more than 10000 alias dereferences (alias bomb?)');
    // The second document of the broken file is still analysed.
    expect(findings.some((f) => f.location.path === 'broken.yaml' && f.rule.id === 'secloop.k8s.privileged')).toBe(true);
    // The alias bomb is a ConfigMap: nothing expands it; the self-merging pod is read without looping.
    expect(byFile['bomb.yaml']).toBeUndefined();
    expect(findings.some((f) => f.location.path === 'loop.yaml')).toBe(true);
  });
});

describe('workload lookup for runtime alerts', () => {
  const files = [
    { relativePath: 'deploy/checkout.yaml', text: RISKY },
    {
      relativePath: 'deploy/others.yaml',
      text: [
        'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: redis, namespace: shop}\nspec:\n  template:\n    spec:\n      containers: [{name: redis, image: "redis:7"}]',
        'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: report}\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers: [{name: r, image: "report:1"}]',
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: checkout, namespace: staging}\nspec:\n  template:\n    spec:\n      containers: [{name: api, image: "c:2"}]',
      ].join('\n---\n'),
    },
  ];
  const { workloads, warnings } = workloadsIn(files);
  const index = new WorkloadIndex(workloads);

  test('lists workloads with their lines and containers', () => {
    expect(warnings).toEqual([]);
    const checkout = workloads[0]!;
    expect(checkout).toMatchObject({
      path: 'deploy/checkout.yaml',
      namespace: 'shop',
      kind: 'Deployment',
      name: 'checkout',
      label: 'shop/Deployment/checkout',
      line: 2,
      nameLine: 4,
    });
    expect(checkout.containers).toEqual([
      { name: 'api', role: 'container', image: 'registry.example.com/shop/checkout:latest', line: 20 },
      { name: 'debug', role: 'container', image: 'busybox', line: 38 },
    ]);
  });

  test('finds a controller by identity, and the right namespace first', () => {
    expect(index.find({ namespace: 'shop', kind: 'Deployment', name: 'checkout' })!.path).toBe('deploy/checkout.yaml');
    expect(index.find({ namespace: 'staging', kind: 'Deployment', name: 'checkout' })!.path).toBe('deploy/others.yaml');
    expect(index.find({ namespace: 'prod', kind: 'Deployment', name: 'checkout' })).toBeUndefined();
    // No namespace in the manifest: it deploys wherever it is applied.
    expect(index.find({ namespace: 'batch', kind: 'CronJob', name: 'report' })!.label).toBe('default/CronJob/report');
  });

  test('resolves the generated names runtime alerts carry to their controller', () => {
    expect(index.find({ namespace: 'shop', kind: 'Pod', name: 'checkout-7d9f8b6c5d-x2k4j' })!.label).toBe('shop/Deployment/checkout');
    expect(index.find({ namespace: 'shop', kind: 'ReplicaSet', name: 'checkout-7d9f8b6c5d' })!.label).toBe('shop/Deployment/checkout');
    expect(index.find({ namespace: 'shop', kind: 'Pod', name: 'redis-0' })!.label).toBe('shop/StatefulSet/redis');
    expect(index.find({ namespace: 'default', kind: 'Job', name: 'report-28930560' })!.label).toBe('default/CronJob/report');
    expect(index.find({ namespace: 'default', name: 'report-28930560-abcde' })).toBeUndefined(); // 'a' and 'e' are not in the alphabet
    expect(index.find({ namespace: 'default', name: 'report-28930560-bcdfg' })!.label).toBe('default/CronJob/report');
    expect(index.find({ namespace: 'shop', kind: 'Pod', name: 'checkout-admin-0' })).toBeUndefined();
  });

  describe('on a tree', () => {
    let root: string;
    beforeAll(async () => {
      root = await mkdtemp(path.join(tmpdir(), 'secloop-k8s-'));
      await mkdir(path.join(root, 'deploy'), { recursive: true });
      await mkdir(path.join(root, 'node_modules', 'x'), { recursive: true });
      await writeFile(path.join(root, 'deploy', 'checkout.yaml'), RISKY);
      await writeFile(path.join(root, 'node_modules', 'x', 'pod.yaml'), RISKY.replace('namespace: shop', 'namespace: vendored'));
    });
    afterAll(async () => rm(root, { recursive: true, force: true }));

    test('findWorkloadManifest walks the tree like the scan does', async () => {
      const found = await findWorkloadManifest(root, 'shop', 'Pod', 'checkout-5b7c9d6f4-qz2xw');
      expect(found).toMatchObject({ path: 'deploy/checkout.yaml', label: 'shop/Deployment/checkout', line: 2 });
      expect(await findWorkloadManifest(root, 'vendored', 'Deployment', 'checkout')).toBeUndefined();
      const { index: built } = await buildWorkloadIndex(root);
      expect(built.workloads.length).toBe(1);
    });
  });
});
