#!/usr/bin/env node
// The whole loop on the bundled demo, offline: a runtime alert (T0) and the repository scanned in one pass,
// then analyzed against the healing policies. Each step is the real `secloop` CLI; the demo completes (exit 0)
// when every step completed, whatever the gate says (the gate's verdict is part of what it shows).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join('.secloop', 'demo');
const steps = [
  {
    title: 'scan: dependencies, secrets, code, containers, Kubernetes, workflows, and the runtime alert that opens the incident',
    args: ['scan', 'examples/apps', '--offline-db', 'examples/osv-db', '--alert', '@examples/alerts/probe-failure.alertmanager.json', '--out', path.join(out, 'scan')],
  },
  {
    title: 'analyze: merge, correlate, suppress (policies/secloop.example.yml), decide with the healing policies, gate',
    args: ['analyze', '--in', path.join(out, 'scan'), '--out', path.join(out, 'analyze'), '--config-file', 'policies/secloop.example.yml'],
  },
];

for (const step of steps) {
  process.stdout.write(`\n=== secloop ${step.title}\n\n`);
  const run = spawnSync(process.execPath, [path.join(root, 'bin/secloop.js'), ...step.args], { cwd: root, stdio: 'inherit' });
  // 0 = completed and passed, 1 = completed with a failing gate or result; 2 or a signal = it did not complete.
  if (run.status !== 0 && run.status !== 1) process.exit(run.status ?? 1);
}
process.stdout.write(`\nThe documents of each agent are in ${out}/ (findings.json, analysis.json, SARIF, SBOMs, events.jsonl).\n`);
