import path from 'node:path';
import type { Finding, FindingsDocument, SeverityLevel } from '../../../src/shared/contracts/findings.js';
import type { ScanOutputs } from './scan.js';

const SEVERITY_ORDER: SeverityLevel[] = ['critical', 'high', 'medium', 'low', 'info'];

function bySeverity(a: Finding, b: Finding): number {
  return SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) || a.location.path.localeCompare(b.location.path);
}

function whereOf(f: Finding): string {
  return `${f.location.path}${f.location.start_line ? `:${f.location.start_line}` : ''}`;
}

/** What is affected: the package for dependencies, else what the rule found (its short name). */
function subjectOf(f: Finding): string {
  if (f.package) return `${f.package.name}@${f.package.version}`;
  return f.rule.name.length > 48 ? `${f.rule.name.slice(0, 45)}...` : f.rule.name;
}

function fixOf(f: Finding): string {
  if (f.fix?.fixed_version) return `fix: ${f.fix.fixed_version}`;
  if (f.kind === 'dependency') return 'no fix';
  return f.fix?.available ? 'fixable' : '';
}

/** The CLI's human report on stdout: one line per finding, most severe first, then the totals and files. */
export function renderTextReport(document: FindingsDocument, outputs: ScanOutputs, cwd: string): string {
  const lines: string[] = [];
  const s = document.summary;
  const findings = [...document.findings].sort(bySeverity);
  if (findings.length) {
    const rows = findings.map((f) => [f.severity.toUpperCase(), subjectOf(f), f.advisory?.id ?? f.rule.id, fixOf(f), whereOf(f)]);
    const widths = rows[0]!.map((_, i) => Math.min(48, Math.max(...rows.map((r) => r[i]!.length))));
    for (const r of rows) lines.push(r.map((c, i) => (i < r.length - 1 ? c.padEnd(widths[i]!) : c)).join('  '));
    lines.push('');
  }
  const counts = SEVERITY_ORDER.filter((k) => s.by_severity[k] > 0).map((k) => `${s.by_severity[k]} ${k}`);
  lines.push(
    `${s.total} finding(s)${counts.length ? ` (${counts.join(', ')})` : ''}; ${s.packages} package(s) from ${s.lockfiles} lockfile(s)` +
      `${s.ecosystems.length ? ` [${s.ecosystems.join(', ')}]` : ''}; result: ${s.result}`,
  );
  for (const w of document.warnings) lines.push(`warning: ${w.file ? `${w.file}${w.line ? `:${w.line}` : ''}: ` : ''}${w.reason}`);
  for (const e of document.errors) lines.push(`error: ${e}`);
  const rel = (p: string) => path.relative(cwd, p) || p;
  lines.push(`wrote ${rel(outputs.findings)}, ${rel(outputs.sarif)}, ${rel(outputs.cyclonedx)}, ${rel(outputs.spdx)}, ${rel(outputs.events)}`);
  return lines.join('\n') + '\n';
}

/** GitHub's job summary allows 1 MiB per step; stay well below it and say what was left out. */
export const SUMMARY_BUDGET_BYTES = 900 * 1024;

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function renderMarkdownSummary(document: FindingsDocument, artifactName?: string): string {
  const s = document.summary;
  const icon = s.result === 'pass' ? '✅' : s.result === 'fail' ? '❌' : '⚠️';
  const head: string[] = [
    `## ${icon} secloop scan: ${s.result}`,
    '',
    `${s.total} finding(s); ${s.packages} package(s) from ${s.lockfiles} lockfile(s)${s.ecosystems.length ? ` (${s.ecosystems.join(', ')})` : ''}.`,
    '',
    '| critical | high | medium | low | info |',
    '|---:|---:|---:|---:|---:|',
    `| ${SEVERITY_ORDER.map((k) => s.by_severity[k]).join(' | ')} |`,
    '',
  ];
  if (document.errors.length) head.push('**Errors** (the scan is incomplete; this is not a clean result):', '', ...document.errors.map((e) => `- ${cell(e)}`), '');
  const tail: string[] = [];
  if (document.warnings.length) {
    tail.push('', `<details><summary>${document.warnings.length} warning(s)</summary>`, '');
    for (const w of document.warnings.slice(0, 200)) tail.push(`- ${w.file ? `\`${cell(w.file)}\`: ` : ''}${cell(w.reason)}`);
    if (document.warnings.length > 200) tail.push(`- ... ${document.warnings.length - 200} more in findings.json`);
    tail.push('', '</details>');
  }
  if (artifactName) tail.push('', `Full results (findings.json, SARIF, CycloneDX and SPDX SBOMs, events.jsonl) are in the artifact \`${artifactName}\`.`);

  const rows: string[] = [];
  const findings = [...document.findings].sort(bySeverity);
  if (findings.length) rows.push('| severity | what | rule / advisory | fixed in | location |', '|---|---|---|---|---|');
  let size = Buffer.byteLength(head.join('\n') + tail.join('\n'));
  let shown = 0;
  for (const f of findings) {
    const advisory = f.advisory ? `[${f.advisory.id}](${f.rule.help_uri ?? ''})` : cell(f.rule.id);
    const row = `| ${f.severity} | ${cell(subjectOf(f))} | ${advisory} | ${cell(f.fix?.fixed_version ?? '—')} | \`${cell(whereOf(f))}\` |`;
    size += Buffer.byteLength(row) + 1;
    if (size > SUMMARY_BUDGET_BYTES) break;
    rows.push(row);
    shown++;
  }
  if (shown < findings.length) rows.push('', `_${findings.length - shown} more finding(s) left out to stay under GitHub's 1 MiB summary limit; see the artifact._`);
  return [...head, ...rows, ...tail].join('\n') + '\n';
}
