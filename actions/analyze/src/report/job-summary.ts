/**
 * The job summary of the analyze step: the gate's verdict and why, every decision with its reasons (gate
 * failures first), what was suppressed and by what, what the baseline says was fixed, configuration
 * problems, and what happened to the reports (SARIF upload, PR comment). GitHub allows 1 MiB per step: the
 * tables are cut to fit, with a note naming analysis.json, which has everything.
 */
import type { AnalysisDocument } from '../../../../src/shared/contracts/analysis.js';
import { bySeverity, cell, DECISION_HEADER, decisionRow, fitRows, gateSentence, idOf, subjectOf, whereOf } from './markdown.js';

/** GitHub's job summary allows 1 MiB per step; stay well below it. */
export const SUMMARY_BUDGET_BYTES = 900 * 1024;

/** What became of the reports, told in the summary. */
export interface ReportNotes {
  sarif?: string;
  comment?: string;
  problems?: string[];
}

const ICON = { pass: '✅', fail: '❌', error: '⚠️' } as const;

export function renderJobSummary(document: AnalysisDocument, notes: ReportNotes = {}, budget = SUMMARY_BUDGET_BYTES): string {
  const { summary } = document;
  const failing = new Set(document.gate.failing);
  const head: string[] = [
    `## ${ICON[summary.result]} secloop analyze: ${summary.result}`,
    '',
    `${summary.total} finding(s) in ${summary.groups} group(s) from ${document.inputs.length} input(s). ${gateSentence(document)}`,
    '',
    '| new | unchanged | fixed | suppressed | critical | high | medium | low | info |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    `| ${summary.by_status.new} | ${summary.by_status.unchanged} | ${summary.by_status.fixed} | ${summary.suppressed} | ${summary.by_severity.critical} | ${summary.by_severity.high} | ${summary.by_severity.medium} | ${summary.by_severity.low} | ${summary.by_severity.info} |`,
    '',
    `Baseline: ${document.run.baseline ? `\`${cell(document.run.baseline.source)}\` (${document.run.baseline.findings} finding(s))` : 'none (every finding counts as new)'}.`,
    '',
  ];
  if (document.errors.length > 0) {
    head.push('**Errors** — the analysis is incomplete, so it cannot pass:', '', ...document.errors.slice(0, 50).map((e) => `- ${cell(e)}`), '');
  }
  const problems = notes.problems ?? [];
  if (problems.length > 0) head.push('**Reporting problems:**', '', ...problems.map((p) => `- ${cell(p)}`), '');
  const tail: string[] = [];
  const reports = [notes.sarif, notes.comment].filter((n): n is string => !!n);
  if (reports.length > 0) tail.push('', ...reports.map((r) => `- ${r}`));
  const config = [
    ...document.suppressions.expired.map((e) => `- expired: \`${cell(e.source)}\`${e.line ? ` (line ${e.line})` : ''} ${cell(e.id ?? e.fingerprint ?? e.package ?? '')} since ${e.expires}: no longer applied`),
    ...document.suppressions.unused.map((e) => `- unused: \`${cell(e.source)}\`${e.line ? ` (line ${e.line})` : ''} ${cell(e.id ?? e.fingerprint ?? e.package ?? '')} matched nothing`),
  ];
  if (config.length > 0) tail.push('', '**Configuration:**', '', ...config.slice(0, 100));
  if (document.warnings.length > 0) {
    tail.push('', `<details><summary>${document.warnings.length} warning(s)</summary>`, '');
    tail.push(...document.warnings.slice(0, 100).map((w) => `- ${w.source ? `\`${cell(w.source)}\`: ` : ''}${cell(w.reason)}`));
    if (document.warnings.length > 100) tail.push(`- … ${document.warnings.length - 100} more in analysis.json`);
    tail.push('', '</details>');
  }

  const active = document.findings.filter((f) => !f.suppressed).sort(bySeverity(failing));
  const suppressed = document.findings.filter((f) => f.suppressed);
  const sections: { title: string; header: string[]; rows: string[] }[] = [
    { title: `### Decisions (${active.length})`, header: DECISION_HEADER, rows: active.map(decisionRow) },
    {
      title: `### Suppressed (${suppressed.length})`,
      header: ['| what | rule / advisory | by | reason | location |', '|---|---|---|---|---|'],
      rows: suppressed.map(
        (f) =>
          `| ${cell(subjectOf(f))} | ${idOf(f)} | ${f.suppressed!.by === 'vex' ? 'VEX' : 'secloop.yml'} \`${cell(f.suppressed!.source)}\` | ${cell(f.suppressed!.reason)}${f.suppressed!.expires ? ` (until ${f.suppressed!.expires})` : ''} | \`${cell(whereOf(f))}\` |`,
      ),
    },
    {
      title: `### Fixed since the baseline (${document.fixed.length})`,
      header: ['| what | rule / advisory | location |', '|---|---|---|'],
      rows: document.fixed.map((f) => `| ${cell(subjectOf(f))} | ${idOf(f)} | \`${cell(whereOf(f))}\` |`),
    },
  ];
  const body: string[] = [];
  let size = Buffer.byteLength(head.join('\n') + tail.join('\n')) + 200;
  for (const section of sections) {
    if (section.rows.length === 0) continue;
    const intro = ['', section.title, '', ...section.header];
    size += Buffer.byteLength(intro.join('\n')) + 1;
    const fitted = fitRows(section.rows, size, budget, 'analysis.json has them all');
    size = fitted.size;
    body.push(...intro, ...fitted.lines);
  }
  return [...head, ...body, ...tail].join('\n') + '\n';
}
