import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';
import type { Ajv } from 'ajv';
import addFormatsModule, { type FormatsPlugin } from 'ajv-formats';
import AjvDraft04Module from 'ajv-draft-04';
import type { FindingsDocument } from '../../../../src/shared/contracts/findings.js';
import { Inputs } from '../../../../src/shared/inputs.js';
import { memoryLogger } from '../../../../src/shared/logger.js';
import { REPO_ROOT } from '../../../../test/corpus.js';
import { runScan } from '../scan.js';
import { SCANNER_FACTORIES } from '../scanners/index.js';
import { findWorkloadManifest } from './index.js';

const AjvDraft04 = ((AjvDraft04Module as unknown as { default?: typeof Ajv }).default ?? AjvDraft04Module) as unknown as typeof Ajv;
const addFormats: FormatsPlugin =
  (addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? (addFormatsModule as unknown as FormatsPlugin);

/** The shop-web demo through the real scan: registry, one walk, shared text reads, schema-checked output. */
describe('shop-web demo (containers, kubernetes, workflows)', () => {
  const app = path.join(REPO_ROOT, 'examples', 'apps', 'shop-web');
  let outDir: string;
  afterAll(async () => outDir && rm(outDir, { recursive: true, force: true }));

  test('reports the planted mistakes and nothing in the safe look-alikes', async () => {
    outDir = await mkdtemp(path.join(tmpdir(), 'secloop-manifests-demo-'));
    const logger = memoryLogger();
    const setup = { inputs: new Inputs(() => undefined), workspace: REPO_ROOT, root: app, logger };
    const scanners = await Promise.all(['containers', 'kubernetes', 'workflows'].map((name) => SCANNER_FACTORIES[name]!(setup)));
    const outcome = await runScan(
      { root: app, outDir, scanners, exclude: [], failOnSeverity: 'none', allowEmpty: false, context: {} },
      logger,
    );
    const written = JSON.parse(await readFile(outcome.outputs.findings, 'utf8')) as FindingsDocument;
    expect(written.errors).toEqual([]);
    expect(written.warnings).toEqual([]);
    const got = written.findings.map((f) => `${f.location.path}:${f.location.start_line} ${f.rule.id} ${f.severity}`);
    expect(got.sort()).toEqual(
      [
        'Dockerfile:2 secloop.docker.root-user high',
        'Dockerfile:2 secloop.docker.unpinned-base-image medium',
        'Dockerfile:3 secloop.docker.secret-in-env medium',
        'Dockerfile:5 secloop.docker.secret-in-env high',
        'Dockerfile:9 secloop.docker.curl-pipe-shell high',
        'Dockerfile:11 secloop.docker.add-remote-url medium',
        // shop-web: container web (line 20) lacks a livenessProbe and a hardened securityContext, and holds
        // a literal SESSION_SECRET; the log-shipper sidecar (line 40) is privileged with a hostPath.
        'deploy/k8s.yaml:20 secloop.k8s.allow-privilege-escalation medium',
        'deploy/k8s.yaml:20 secloop.k8s.missing-probe low',
        'deploy/k8s.yaml:20 secloop.k8s.read-only-root-filesystem low',
        'deploy/k8s.yaml:20 secloop.k8s.run-as-non-root medium',
        'deploy/k8s.yaml:26 secloop.k8s.plaintext-secret-env high',
        'deploy/k8s.yaml:40 secloop.k8s.allow-privilege-escalation medium',
        'deploy/k8s.yaml:40 secloop.k8s.missing-probe low',
        'deploy/k8s.yaml:40 secloop.k8s.read-only-root-filesystem low',
        'deploy/k8s.yaml:40 secloop.k8s.resource-limits medium',
        'deploy/k8s.yaml:40 secloop.k8s.run-as-non-root medium',
        'deploy/k8s.yaml:41 secloop.k8s.image-tag medium',
        'deploy/k8s.yaml:43 secloop.k8s.privileged high',
        'deploy/k8s.yaml:49 secloop.k8s.host-path medium',
        '.github/workflows/pr-greeting.yml:16 secloop.workflow.script-injection critical',
        '.github/workflows/pr-greeting.yml:17 secloop.workflow.unpinned-action medium',
      ].sort(),
    );
    // Nothing from the safe look-alikes (hardened.Dockerfile, the stock-feed Deployment, ci.yml).
    expect(written.findings.some((f) => f.message.includes('stock-feed'))).toBe(false);
    expect(JSON.stringify(written)).not.toContain('keyboard-cat');
    const sarif = JSON.parse(await readFile(outcome.outputs.sarif, 'utf8'));
    const schema = JSON.parse(await readFile(path.join(REPO_ROOT, 'src/shared/sarif/schema/sarif-schema-2.1.0.json'), 'utf8'));
    const ajv = new AjvDraft04({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    expect(validate(sarif) ? [] : validate.errors).toEqual([]);
    expect(sarif.runs.flatMap((r: { results: unknown[] }) => r.results)).toHaveLength(written.findings.length);
    const paths = new Set(written.findings.map((f) => f.location.path));
    expect([...paths].sort()).toEqual(['.github/workflows/pr-greeting.yml', 'Dockerfile', 'deploy/k8s.yaml']);
    const kinds = written.findings.map((f) => f.kind);
    expect(new Set(kinds)).toEqual(new Set(['container', 'kubernetes', 'workflow']));
  });

  test('the runtime-alert lookup finds the Deployment a pod of the demo belongs to', async () => {
    const found = await findWorkloadManifest(path.join(REPO_ROOT, 'examples'), 'shop', 'Pod', 'shop-web-5f7c9d8b6-q7n2w');
    expect(found).toMatchObject({ path: 'apps/shop-web/deploy/k8s.yaml', label: 'shop/Deployment/shop-web', nameLine: 5 });
  });
});
