/**
 * The baseline: the findings of a previous run (the base branch's latest successful scan, or a file the
 * user keeps). Status by fingerprint — fingerprints ignore line numbers, so a finding that moved is
 * "unchanged", not new: new (not in the baseline), unchanged (in both), fixed (in the baseline only).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseAnalysisDocument, ANALYSIS_SCHEMA_ID, ANALYSIS_SCHEMA_ID_V1, type FixedFinding } from '../../../../src/shared/contracts/analysis.js';
import type { Finding } from '../../../../src/shared/contracts/findings.js';
import { ConfigurationError, errorMessage, InvalidDocumentError } from '../../../../src/shared/errors.js';
import type { BaselineStatus } from '../types.js';
import { upgradeFindingsText } from './inputs.js';
import { repositoryRelativePaths } from './paths.js';

export interface Baseline {
  source: string;
  findings: Map<string, Finding>;
}

const BASELINE_FILES = new Set(['findings.json', 'analysis.json']);

function findingOnly(finding: Finding & Record<string, unknown>): Finding {
  // An analysis document's findings carry analyze fields; the baseline keeps the scan's view of them.
  const { status: _s, group: _g, correlated: _c, sources: _so, suppressed: _su, decision: _d, scoring: _sc, ...rest } = finding;
  return rest as Finding;
}

async function readBaselineFile(file: string, into: Map<string, Finding>): Promise<void> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InvalidDocumentError(file, [`cannot read: ${(error as NodeJS.ErrnoException).code ?? errorMessage(error)}`]);
  }
  const head = text.slice(0, 200);
  const isAnalysis = head.includes(`"${ANALYSIS_SCHEMA_ID}"`) || head.includes(`"${ANALYSIS_SCHEMA_ID_V1}"`);
  const findings = isAnalysis ? parseAnalysisDocument(text, file).findings : repositoryRelativePaths(upgradeFindingsText(text, file)).findings;
  for (const f of findings) if (!into.has(f.fingerprint)) into.set(f.fingerprint, findingOnly(f as Finding & Record<string, unknown>));
}

/** A findings.json or analysis.json, or a directory holding any number of them (several matrix cells). */
export async function loadBaseline(location: string): Promise<Baseline> {
  let info;
  try {
    info = await stat(location);
  } catch (error) {
    throw new ConfigurationError(`the baseline ${location} cannot be read: ${(error as NodeJS.ErrnoException).code ?? errorMessage(error)}`, location, 'baseline');
  }
  const findings = new Map<string, Finding>();
  if (info.isFile()) {
    await readBaselineFile(location, findings);
    return { source: location, findings };
  }
  const files = (await readdir(location, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile() && BASELINE_FILES.has(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
  if (files.length === 0) throw new ConfigurationError(`no findings.json or analysis.json under the baseline directory ${location}`, location, 'baseline');
  for (const file of files) await readBaselineFile(file, findings);
  return { source: location, findings };
}

export interface BaselineComparison {
  status: Map<string, BaselineStatus>;
  fixed: FixedFinding[];
}

/** Without a baseline every finding is new: nothing says it existed before. */
export function compareWithBaseline(current: Finding[], baseline: Baseline | undefined): BaselineComparison {
  const status = new Map<string, BaselineStatus>();
  for (const f of current) status.set(f.fingerprint, baseline?.findings.has(f.fingerprint) ? 'unchanged' : 'new');
  const fixed: FixedFinding[] = [];
  if (baseline) {
    for (const [fingerprint, f] of baseline.findings) if (!status.has(fingerprint)) fixed.push({ ...f, status: 'fixed' });
  }
  fixed.sort((a, b) => a.location.path.localeCompare(b.location.path) || a.fingerprint.localeCompare(b.fingerprint));
  return { status, fixed };
}
