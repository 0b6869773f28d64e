/**
 * Input for the analyze benchmark (`npm run bench`): `artifacts` matrix-cell artifacts of
 * `findingsPerArtifact` findings each, in a local artifact root (`<dir>/secloop-scan-cell-NNN/`), each with a
 * findings.json and the events.jsonl a scan writes beside it (scan.started, one vulnerability.detected per
 * finding, scan.completed).
 *
 * The findings are real ones — a scan of the demo apps — re-identified: finding k of the benchmark is demo
 * finding k mod n with its own fingerprint, package version and lockfile path, so every advisory, vector and
 * message stays realistic. `distinct` sets how many different findings there are in all; cells draw from
 * them round-robin, so with 500 × 400 = 200,000 findings and distinct = 20,000 each finding is reported by
 * ten cells (as in a matrix scanning one tree), and with distinct = 200,000 none repeats (the worst case).
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Finding, FindingsDocument } from '../../../../src/shared/contracts/findings.js';

export interface BenchInputOptions {
  dir: string;
  /** Findings of a real scan to vary (the demo apps' findings.json). */
  template: FindingsDocument;
  artifacts?: number;
  findingsPerArtifact?: number;
  distinct?: number;
}

function variant(base: Finding, k: number): Finding {
  const app = `service-${Math.floor(k / base.fingerprint.length) % 997}`;
  const fingerprint = createHash('sha256').update(`bench:${k}`).digest('hex').slice(0, 32);
  const manifest = `${app}/${base.package?.manifest.split('/').pop() ?? base.location.path}`;
  const finding: Finding = {
    ...base,
    fingerprint,
    location: { ...base.location, path: manifest },
    message: base.message.replace(base.location.path, manifest),
  };
  if (base.package) finding.package = { ...base.package, manifest };
  return finding;
}

export async function writeBenchInput(options: BenchInputOptions): Promise<{ artifacts: number; findings: number; distinct: number }> {
  const artifacts = options.artifacts ?? 500;
  const perArtifact = options.findingsPerArtifact ?? 400;
  const distinct = Math.min(options.distinct ?? artifacts * perArtifact, artifacts * perArtifact);
  const templates = options.template.findings;
  if (templates.length === 0) throw new Error('the template findings document has no findings to vary');
  let next = 0;
  for (let a = 0; a < artifacts; a++) {
    const dir = path.join(options.dir, `secloop-scan-cell-${String(a).padStart(3, '0')}`);
    await mkdir(dir, { recursive: true });
    const findings: Finding[] = [];
    for (let i = 0; i < perArtifact; i++) {
      const k = next++ % distinct;
      findings.push(variant(templates[k % templates.length]!, k));
    }
    const correlationId = randomUUID();
    const document: FindingsDocument = {
      ...options.template,
      run: { ...options.template.run, correlation_id: correlationId, workflow_run: { id: '1', job: 'scan', matrix: `{"cell":${a}}` } },
      summary: { ...options.template.summary, total: findings.length },
      findings,
    };
    await writeFile(path.join(dir, 'findings.json'), JSON.stringify(document, null, 2));
    const started = { schema: 'secloop.event/v1', id: randomUUID(), type: 'event', source: 'scan', target: '*', topic: 'scan.started', payload: {}, correlation_id: correlationId, timestamp: document.run.started_at };
    const lines = [JSON.stringify(started)];
    for (const f of findings) {
      lines.push(
        JSON.stringify({
          schema: 'secloop.event/v1',
          id: randomUUID(),
          type: 'event',
          source: 'scan',
          target: '*',
          topic: 'vulnerability.detected',
          payload: { fingerprint: f.fingerprint, severity: f.severity, rule_id: f.rule.id, path: f.location.path },
          correlation_id: correlationId,
          causation_id: started.id,
          timestamp: f.detected_at,
        }),
      );
    }
    lines.push(JSON.stringify({ ...started, id: randomUUID(), topic: 'scan.completed', payload: { result: 'pass' }, causation_id: started.id, timestamp: document.run.finished_at }));
    await writeFile(path.join(dir, 'events.jsonl'), lines.join('\n') + '\n');
  }
  return { artifacts, findings: artifacts * perArtifact, distinct };
}
