/** Pieces shared by the job summary and the PR comment: one finding as a table row, in GitHub Markdown. */
import type { AnalysisDocument } from '../../../../src/shared/contracts/analysis.js';
import { compareSeverity } from '../../../../src/shared/severity/index.js';
import type { AnalyzedFinding } from '../types.js';

export function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').replace(/</g, '&lt;');
}

export function whereOf(f: { location: { path: string; start_line?: number } }): string {
  return `${f.location.path}${f.location.start_line ? `:${f.location.start_line}` : ''}`;
}

/** What is affected: the package for dependencies, else the rule's short name. */
export function subjectOf(f: AnalyzedFinding | AnalysisDocument['fixed'][number]): string {
  if (f.package) return `${f.package.name}@${f.package.version}`;
  return f.rule.name.length > 60 ? `${f.rule.name.slice(0, 57)}...` : f.rule.name;
}

export function idOf(f: AnalyzedFinding | AnalysisDocument['fixed'][number]): string {
  const id = f.advisory?.id ?? f.rule.id;
  return f.rule.help_uri ? `[${cell(id)}](${f.rule.help_uri})` : cell(id);
}

export function decisionOf(f: AnalyzedFinding): string {
  const d = f.decision;
  return `${d.outcome}${d.action ? ` (${d.action})` : ''}${d.require_approval ? ', needs approval' : ''}`;
}

/** The reasons, as one cell: the first few, then a count. */
export function reasonsOf(f: AnalyzedFinding, limit = 3): string {
  const shown = f.decision.reasons.slice(0, limit).map(cell);
  if (f.decision.reasons.length > limit) shown.push(`… ${f.decision.reasons.length - limit} more`);
  return shown.join('<br>') || '—';
}

/** Gate failures first, then by severity, then by confidence: what to look at first. */
export function bySeverity(failing: Set<string>) {
  return (a: AnalyzedFinding, b: AnalyzedFinding) =>
    Number(failing.has(b.fingerprint)) - Number(failing.has(a.fingerprint)) ||
    compareSeverity(a.severity, b.severity) ||
    b.decision.confidence.value - a.decision.confidence.value ||
    a.location.path.localeCompare(b.location.path);
}

export const DECISION_HEADER = ['| severity | what | rule / advisory | status | decision | why | location |', '|---|---|---|---|---|---|---|'];

export function decisionRow(f: AnalyzedFinding): string {
  return `| ${f.severity} | ${cell(subjectOf(f))} | ${idOf(f)} | ${f.status} | ${cell(decisionOf(f))} | ${reasonsOf(f)} | \`${cell(whereOf(f))}\` |`;
}

export function gateSentence(document: AnalysisDocument): string {
  const { gate } = document;
  if (gate.threshold === 'none') return 'The gate is off (`fail-on-severity: none`).';
  const scope = gate.considered === 'new' ? 'new findings (not in the baseline)' : 'all findings';
  return `Gate: ${scope} at or above **${gate.threshold}** fail; ${gate.failing.length} do.`;
}

/**
 * Adds rows while they fit in `budget` bytes (counting what is already used), then a note of how many were
 * left out and where to find them.
 */
export function fitRows(rows: string[], used: number, budget: number, where: string): { lines: string[]; size: number } {
  const lines: string[] = [];
  let size = used;
  let shown = 0;
  for (const row of rows) {
    const bytes = Buffer.byteLength(row) + 1;
    if (size + bytes > budget) break;
    lines.push(row);
    size += bytes;
    shown++;
  }
  if (shown < rows.length) {
    const note = `\n_${rows.length - shown} more row(s) left out to stay within GitHub's size limit; ${where}._`;
    lines.push(note);
    size += Buffer.byteLength(note) + 1;
  }
  return { lines, size };
}
