/**
 * The sticky PR comment: one per pull request and SARIF category, found again by its hidden marker and
 * rewritten on every run. Failing: the findings that fail the gate, each with its decision and reasons.
 * Clean: it flips to "resolved", so a reviewer sees the earlier failure was dealt with.
 */
import type { AnalysisDocument } from '../../../../src/shared/contracts/analysis.js';
import { commentMarker } from '../../../../src/shared/github/sticky-comment.js';
import { bySeverity, cell, DECISION_HEADER, decisionRow, fitRows, gateSentence } from './markdown.js';

/** GitHub refuses comment bodies over 65,536 characters; keep a margin for the head and the footer. */
export const COMMENT_BUDGET_BYTES = 60_000;

export type CommentMode = 'always' | 'on-failure' | 'never';

export function analyzeCommentMarker(category: string | undefined): string {
  return commentMarker(`secloop-analyze:${category || 'default'}`);
}

export interface CommentContext {
  marker: string;
  /** The run's page (GITHUB_SERVER_URL/REPOSITORY/actions/runs/RUN_ID). */
  runUrl?: string;
  sha?: string;
}

export function renderPrComment(document: AnalysisDocument, context: CommentContext, budget = COMMENT_BUDGET_BYTES): string {
  const { summary } = document;
  const footer = [
    '',
    `<sub>secloop analyze${context.sha ? ` on ${context.sha.slice(0, 7)}` : ''}${context.runUrl ? ` · [run](${context.runUrl})` : ''} · ${summary.by_status.new} new, ${summary.by_status.unchanged} unchanged, ${summary.by_status.fixed} fixed, ${summary.suppressed} suppressed · this comment is updated in place</sub>`,
  ];
  const lines: string[] = [context.marker];
  if (summary.result === 'pass') {
    lines.push(
      '### ✅ secloop: resolved',
      '',
      `No finding fails the gate any more. ${gateSentence(document)}`,
    );
    return [...lines, ...footer].join('\n') + '\n';
  }
  if (summary.result === 'error') {
    lines.push('### ⚠️ secloop: the analysis is incomplete', '', 'It cannot pass until every input can be read:', '');
    lines.push(...document.errors.slice(0, 20).map((e) => `- ${cell(e)}`));
    if (document.errors.length > 20) lines.push(`- … ${document.errors.length - 20} more in the job summary`);
  } else {
    lines.push(`### ❌ secloop: ${document.gate.failing.length} finding(s) fail the gate`, '', gateSentence(document));
  }
  const failing = new Set(document.gate.failing);
  const rows = document.findings.filter((f) => failing.has(f.fingerprint)).sort(bySeverity(failing)).map(decisionRow);
  if (rows.length > 0) {
    lines.push('', ...DECISION_HEADER);
    const used = Buffer.byteLength([...lines, ...footer].join('\n'));
    lines.push(...fitRows(rows, used, budget, 'the job summary and analysis.json have them all').lines);
  }
  return [...lines, ...footer].join('\n') + '\n';
}

/** `on-failure` creates a comment only when failing, but always updates an existing one (to flip it to resolved). */
export function commentAction(mode: CommentMode, result: AnalysisDocument['summary']['result']): 'skip' | 'update-only' | 'create-or-update' {
  if (mode === 'never') return 'skip';
  if (mode === 'always' || result !== 'pass') return 'create-or-update';
  return 'update-only';
}
