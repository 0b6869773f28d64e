/**
 * The reports of a real analysis (the demo apps scanned by the real scanner, one lockfile removed since the
 * baseline, one advisory ignored in config): SARIF, job summary, PR comment body and annotations.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Ajv } from 'ajv';
import AjvDraft04Module from 'ajv-draft-04';
import addFormatsModule, { type FormatsPlugin } from 'ajv-formats';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { AnalysisDocument } from '../../../../src/shared/contracts/analysis.js';
import { REPO_ROOT } from '../../../../test/corpus.js';
import { demoAnalysis, IGNORED } from './fixtures.test-util.js';
import { annotationsFor, MAX_ANNOTATIONS } from './annotations.js';
import { renderJobSummary } from './job-summary.js';
import { analyzeCommentMarker, commentAction, renderPrComment } from './pr-comment.js';
import { analysisToSarif } from './sarif.js';

const addFormats: FormatsPlugin =
  (addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? (addFormatsModule as unknown as FormatsPlugin);

const AjvDraft04 = ((AjvDraft04Module as unknown as { default?: typeof Ajv }).default ?? AjvDraft04Module) as unknown as typeof Ajv;


describe('reports of an analysis', () => {
  let document: AnalysisDocument;
  beforeAll(async () => {
    document = await demoAnalysis();
  });

  it('the analysis under test has failures, a suppression and fixed findings', () => {
    expect(document.summary.result).toBe('fail');
    expect(document.summary.suppressed).toBe(1);
    expect(document.fixed.length).toBeGreaterThan(0);
    // The scans ran on apps/ of their workspace: analysis paths are workspace-relative (run.path_prefix).
    expect(document.fixed.every((f) => f.location.path === 'apps/worker-rs/Cargo.lock')).toBe(true);
  });

  it('SARIF: every finding (the gate does not filter the report), the suppressed one marked external, schema-valid', async () => {
    const sarif = analysisToSarif(document, { category: 'pr' }) as { runs: { automationDetails: { id: string }; results: Record<string, unknown>[] }[] };
    const schema = JSON.parse(await readFile(path.join(REPO_ROOT, 'src/shared/sarif/schema/sarif-schema-2.1.0.json'), 'utf8'));
    const ajv = new AjvDraft04({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    expect(validate(sarif) ? [] : validate.errors).toEqual([]);
    const results = sarif.runs.flatMap((r) => r.results);
    expect(results).toHaveLength(document.findings.filter((f) => f.kind !== 'sarif').length);
    const suppressed = results.filter((r) => r.suppressions);
    expect(suppressed).toHaveLength(1);
    expect(suppressed[0]!.ruleId).toBe(document.findings.find((f) => f.suppressed)!.rule.id);
    expect(suppressed[0]!.suppressions).toEqual([
      { kind: 'external', status: 'accepted', justification: 'lodash template is not reachable from user input (secloop.yml: secloop.yml#ignore[0], owner @team-web)' },
    ]);
    expect(results.filter((r) => (r.properties as Record<string, string>)['secloop-gate'] === 'fail')).toHaveLength(document.gate.failing.length);
    expect(sarif.runs.map((r) => r.automationDetails.id)).toContain('secloop-dependency/pr/');
  });

  it('SARIF: a kind the baseline had and this run lost gets an empty run, closing its alerts', () => {
    const withoutDependencies = { ...document, findings: document.findings.filter((f) => f.kind !== 'dependency') };
    const sarif = analysisToSarif(withoutDependencies) as { runs: { automationDetails: { id: string }; results: unknown[] }[] };
    const run = sarif.runs.find((r) => r.automationDetails.id === 'secloop-dependency/');
    expect(run?.results).toEqual([]);
  });

  it('job summary: gate, counts, every decision with its reasons, suppression, fixed, report notes', () => {
    const markdown = renderJobSummary(document, { sarif: 'SARIF uploaded', comment: 'PR comment created: https://github.com/o/r/pull/1#issuecomment-2', problems: ['commenting failed: needs `pull-requests: write`'] });
    expect(markdown).toMatch(/^## ❌ secloop analyze: fail/);
    expect(markdown).toContain(`${document.gate.failing.length} do.`);
    expect(markdown).toContain(`### Decisions (${document.findings.length - 1})`);
    expect(markdown).toContain(`### Fixed since the baseline (${document.fixed.length})`);
    expect(markdown).toContain('lodash template is not reachable from user input');
    expect(markdown).toContain('needs `pull-requests: write`');
    const firstFailing = document.findings.find((f) => f.fingerprint === document.gate.failing[0])!;
    expect(markdown).toContain(firstFailing.decision.reasons[0]!.slice(0, 30).replace(/\|/g, '\\|').replace(/</g, '&lt;'));
  });

  it('job summary: cut to the budget with a note naming analysis.json', () => {
    const markdown = renderJobSummary(document, {}, 6_000);
    expect(Buffer.byteLength(markdown)).toBeLessThan(6_000);
    expect(markdown).toMatch(/_\d+ more row\(s\) left out to stay within GitHub's size limit; analysis.json has them all._/);
  });

  it('PR comment: marker, the failing findings only, then resolved when clean', () => {
    const marker = analyzeCommentMarker('pr');
    expect(marker).toBe('<!-- secloop-analyze:pr -->');
    const failing = renderPrComment(document, { marker, sha: 'abcdef1234567890', runUrl: 'https://github.com/o/r/actions/runs/1' });
    expect(failing.startsWith(`${marker}\n### ❌ secloop: ${document.gate.failing.length} finding(s) fail the gate`)).toBe(true);
    expect(failing.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| severity'))).toHaveLength(document.gate.failing.length);
    expect(failing).toContain('on abcdef1 · [run](https://github.com/o/r/actions/runs/1)');
    const clean = renderPrComment({ ...document, summary: { ...document.summary, result: 'pass' }, gate: { ...document.gate, failing: [], result: 'pass' } }, { marker });
    expect(clean).toMatch(/^<!-- secloop-analyze:pr -->\n### ✅ secloop: resolved/);
    const small = renderPrComment(document, { marker }, 3_000);
    expect(Buffer.byteLength(small)).toBeLessThan(3_000);
    expect(small).toContain('the job summary and analysis.json have them all');
  });

  it('comment modes: never is silent; on-failure creates only when failing but still updates to resolved', () => {
    expect(commentAction('never', 'fail')).toBe('skip');
    expect(commentAction('on-failure', 'fail')).toBe('create-or-update');
    expect(commentAction('on-failure', 'error')).toBe('create-or-update');
    expect(commentAction('on-failure', 'pass')).toBe('update-only');
    expect(commentAction('always', 'pass')).toBe('create-or-update');
  });

  it('annotations: at most 50, gate failures first, then by severity; nothing suppressed', () => {
    const annotations = annotationsFor(document);
    expect(document.findings.length).toBeGreaterThan(MAX_ANNOTATIONS);
    expect(annotations).toHaveLength(MAX_ANNOTATIONS);
    const errors = annotations.filter((a) => a.level === 'error').length;
    expect(errors).toBe(Math.min(MAX_ANNOTATIONS, document.gate.failing.length));
    expect(annotations.slice(0, errors).every((a) => a.level === 'error')).toBe(true);
    expect(annotations.some((a) => a.title.includes(IGNORED))).toBe(false);
    expect(annotations[0]!.title).toMatch(/^critical /);
  });
});
