/**
 * Findings for the policy tests (test-only module).
 *
 * Dependency findings are real: the scan agent runs in-process over examples/apps with the offline advisories
 * in examples/osv-db, exactly as `node bin/secloop.js scan examples/apps --offline-db examples/osv-db` does.
 *
 * secloop has no Kubernetes, workflow, code, secret or runtime scanner yet, so those findings are built here,
 * by hand, in the findings/v1 shape those scanners will emit (event types from the healing-policy vocabulary,
 * rule ids from known-fixes.ts). Each says so in its message.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Finding } from '../../../../src/shared/contracts/findings.js';
import { memoryLogger } from '../../../../src/shared/logger.js';
import { REPO_ROOT } from '../../../../test/corpus.js';
import { createAdvisorySource } from '../../../scan/src/advisories/index.js';
import { runScan } from '../../../scan/src/scan.js';
import { dependencyScanner } from '../../../scan/src/scanners/dependencies.js';
import type { UndecidedFinding } from './types.js';

export async function scanExampleApps(): Promise<Finding[]> {
  const outDir = await mkdtemp(path.join(os.tmpdir(), 'secloop-policy-'));
  try {
    const source = await createAdvisorySource({ mode: 'offline', offlineDbPaths: [path.join(REPO_ROOT, 'examples/osv-db')] });
    const outcome = await runScan(
      {
        root: path.join(REPO_ROOT, 'examples/apps'),
        outDir,
        scanners: [dependencyScanner(source)],
        exclude: [],
        failOnSeverity: 'none',
        allowEmpty: false,
        context: {},
      },
      memoryLogger(),
    );
    if (outcome.document.findings.length === 0) throw new Error('the example scan found nothing: examples/apps or examples/osv-db changed');
    return outcome.document.findings;
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

/** The analyze agent's view of a scanned finding: new, ungrouped, uncorrelated, unsuppressed. */
export function undecided(finding: Finding, extra: Partial<UndecidedFinding> = {}): UndecidedFinding {
  return { ...finding, status: 'new', group: finding.fingerprint, correlated: [], sources: ['examples/apps'], ...extra };
}

/** The dependency finding for a package (and advisory, when a package has several). */
export function pick(findings: Finding[], name: string, advisory?: string): Finding {
  const found = findings.find((f) => f.package?.name === name && (!advisory || f.advisory?.id === advisory));
  if (!found) throw new Error(`the example scan has no finding for ${name}${advisory ? ` ${advisory}` : ''}`);
  return found;
}

const DETECTED_AT = '2026-01-15T10:00:00.000Z';

/** Hand-built (no scanner emits these yet): see the module comment. */
export function handBuilt(fields: Pick<Finding, 'kind' | 'event_type' | 'severity' | 'confidence' | 'message'> & {
  ruleId: string;
  path: string;
  line: number;
  fix?: Finding['fix'];
  fingerprint: string;
}): UndecidedFinding {
  const { ruleId, path: file, line, fingerprint, ...rest } = fields;
  return undecided({
    ...rest,
    fingerprint,
    rule: { id: ruleId, name: ruleId, help: `hand-built test finding for rule ${ruleId}` },
    severity_source: { source: 'rule' },
    location: { path: file, start_line: line },
    detected_at: DETECTED_AT,
  });
}
