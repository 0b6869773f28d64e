/**
 * The human summary of an analysis (CLI stdout, the job log): what failed the gate and why, each decision
 * with its reasons, what was suppressed and by what, what the baseline says was fixed, and every problem.
 * Long lists are cut with a count, so a 200,000-finding analysis still prints a readable page.
 */
import type { AnalysisDocument } from '../../../../src/shared/contracts/analysis.js';
import { compareSeverity } from '../../../../src/shared/severity/index.js';
import type { AnalyzedFinding } from '../types.js';

const MAX_LISTED = 40;

function where(f: { location: { path: string; start_line?: number } }): string {
  return `${f.location.path}${f.location.start_line ? `:${f.location.start_line}` : ''}`;
}

function subject(f: AnalyzedFinding): string {
  return f.package ? `${f.package.name}@${f.package.version} ${f.rule.id}` : `${f.rule.id}`;
}

/**
 * The first n items in the order a stable sort by `compare` gives, without sorting them all: only 40 of
 * 200,000 decisions are printed. Equal items keep their order, as in Array.prototype.sort.
 */
export function firstInOrder<T>(items: readonly T[], compare: (a: T, b: T) => number, n: number): T[] {
  const first: T[] = [];
  if (n <= 0) return first;
  for (const item of items) {
    if (first.length === n && compare(item, first[n - 1]!) >= 0) continue;
    let at = first.length;
    while (at > 0 && compare(item, first[at - 1]!) < 0) at--;
    first.splice(at, 0, item);
    if (first.length > n) first.pop();
  }
  return first;
}

export function renderAnalysisSummary(document: AnalysisDocument): string {
  const out: string[] = [];
  const { summary, gate } = document;
  // Only the lines shown are rendered: the rest is a count.
  const listed = <T>(items: T[], render: (item: T) => string, label: string, total = items.length) => {
    out.push(...items.slice(0, MAX_LISTED).map(render));
    if (total > MAX_LISTED) out.push(`  … and ${total - MAX_LISTED} more ${label} (see analysis.json)`);
  };
  const failing = new Set(gate.failing);

  const unsuppressed = document.findings.filter((f) => !f.suppressed);
  const active = firstInOrder(
    unsuppressed,
    (a, b) => compareSeverity(a.severity, b.severity) || b.decision.confidence.value - a.decision.confidence.value,
    MAX_LISTED,
  );
  if (active.length > 0) {
    out.push('Decisions:');
    listed(
      active,
      (f) => {
        const flags = [f.status, failing.has(f.fingerprint) ? 'fails the gate' : ''].filter(Boolean).join(', ');
        const reasons = f.decision.reasons.length ? `\n      ${f.decision.reasons.join('\n      ')}` : '';
        return `  ${f.severity.toUpperCase().padEnd(9)} ${subject(f)}  ${where(f)}  → ${f.decision.outcome}${f.decision.action ? ` (${f.decision.action})` : ''} [${flags}; confidence ${f.confidence}]${reasons}`;
      },
      'decisions',
      unsuppressed.length,
    );
  }
  const suppressed = document.findings.filter((f) => f.suppressed);
  if (suppressed.length > 0) {
    out.push('', 'Suppressed:');
    listed(
      suppressed,
      (f) => `  ${subject(f)}  ${where(f)}: ${f.suppressed!.reason} (${f.suppressed!.source}${f.suppressed!.expires ? `, until ${f.suppressed!.expires}` : ''})`,
      'suppressed findings',
    );
  }
  if (document.fixed.length > 0) {
    out.push('', `Fixed since the baseline (${document.run.baseline?.source ?? 'baseline'}):`);
    listed(document.fixed, (f) => `  ${f.package ? `${f.package.name}@${f.package.version} ` : ''}${f.rule.id}  ${where(f)}`, 'fixed findings');
  }
  if (document.suppressions.expired.length > 0 || document.suppressions.unused.length > 0) {
    out.push('', 'Configuration:');
    for (const e of document.suppressions.expired) out.push(`  expired: ${e.source}${e.line ? ` (line ${e.line})` : ''} ${e.id ?? e.fingerprint ?? e.package} since ${e.expires}: no longer applied`);
    for (const e of document.suppressions.unused) out.push(`  unused:  ${e.source}${e.line ? ` (line ${e.line})` : ''} ${e.id ?? e.fingerprint ?? e.package} matched nothing`);
  }
  if (document.errors.length > 0) {
    out.push('', 'Errors (the analysis is incomplete, so it cannot pass):');
    for (const e of document.errors) out.push(`  ${e}`);
  }

  const severities = Object.entries(summary.by_severity)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`)
    .join(', ');
  const gateText =
    gate.threshold === 'none'
      ? 'gate off (fail-on-severity none)'
      : `gate: ${gate.failing.length} ${gate.considered === 'new' ? 'new ' : ''}finding(s) at or above ${gate.threshold}`;
  out.push(
    '',
    `${summary.total} finding(s)${severities ? ` (${severities})` : ''} in ${summary.groups} group(s) from ${document.inputs.length} input(s); ` +
      `${summary.by_status.new} new, ${summary.by_status.unchanged} unchanged, ${summary.by_status.fixed} fixed; ${summary.suppressed} suppressed; ` +
      `${gateText}; result: ${summary.result}`,
  );
  return out.join('\n') + '\n';
}
