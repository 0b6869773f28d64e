import { describe, expect, test } from '@jest/globals';
import { mkdtemp, readFile, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Inputs } from '../../../../../src/shared/inputs.js';
import { memoryLogger } from '../../../../../src/shared/logger.js';
import type { Finding } from '../../../../../src/shared/contracts/findings.js';
import { assertFindingsValid, DETECTED_AT } from '../testing.js';
import { normaliseSarif } from './normalise.js';
import { createSarifImportScanner } from './scanner.js';
import { sarifPath } from './location.js';

const TESTDATA = path.join(path.dirname(fileURLToPath(import.meta.url)), 'testdata');

async function fixture(name: string): Promise<unknown> {
  return JSON.parse(await readFile(path.join(TESTDATA, name), 'utf8'));
}

async function imported(name: string): Promise<Finding[]> {
  const outcome = normaliseSarif(await fixture(name), name, DETECTED_AT);
  expect(outcome.valid).toBe(true);
  assertFindingsValid(outcome.findings, 'sarif');
  return outcome.findings;
}

function byRule(findings: Finding[], id: string): Finding[] {
  return findings.filter((f) => f.rule.id === id);
}

describe('CodeQL SARIF (rules in query-pack extensions)', () => {
  test('resolves rules through rule.toolComponent, maps security-severity and CWE tags, leaves out suppressed results', async () => {
    const findings = await imported('codeql-javascript.sarif');
    expect(findings.map((f) => f.rule.id).sort()).toEqual(['js/reflected-xss', 'js/sql-injection', 'js/unused-local-variable']);
    const [sql] = byRule(findings, 'js/sql-injection');
    expect(sql).toMatchObject({
      kind: 'sarif',
      event_type: 'vulnerability.sql_injection',
      severity: 'high',
      severity_source: { source: 'sarif:security-severity', score: 8.8 },
      confidence: 0.85,
      location: { path: 'src/routes/orders.js', start_line: 27, start_column: 22, end_column: 79 },
      rule: { name: 'Database query built from user-controlled sources', cwe: ['CWE-89', 'CWE-90', 'CWE-943'] },
      detected_at: DETECTED_AT,
    });
    expect(sql!.rule.tags).toContain('codeql');
    expect(sql!.message).toContain('This query string depends on a user-provided value.');
    const [xss] = byRule(findings, 'js/reflected-xss');
    expect(xss).toMatchObject({ event_type: 'vulnerability.code', severity: 'medium', rule: { cwe: ['CWE-79', 'CWE-116'] } });
    // No security-severity: the rule's default level "note" decides.
    const [unused] = byRule(findings, 'js/unused-local-variable');
    expect(unused).toMatchObject({ severity: 'low', severity_source: { source: 'sarif:level:note' }, event_type: 'vulnerability.code' });
  });

  test('the fingerprint comes from CodeQL partialFingerprints, not from the line', async () => {
    const document = (await fixture('codeql-javascript.sarif')) as { runs: { results: { locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[] };
    const before = normaliseSarif(document, 'x', DETECTED_AT).findings;
    for (const r of document.runs[0]!.results) r.locations[0]!.physicalLocation.region.startLine += 12;
    const after = normaliseSarif(document, 'x', DETECTED_AT).findings;
    expect(after.map((f) => f.fingerprint)).toEqual(before.map((f) => f.fingerprint));
    expect(after[0]!.location.start_line).toBe(before[0]!.location.start_line! + 12);
    expect(new Set(before.map((f) => f.fingerprint)).size).toBe(before.length);
  });
});

describe('Semgrep SARIF', () => {
  test('maps SQL, Dockerfile and hard-coded-credential rules; keeps no snippet of the credential', async () => {
    const findings = await imported('semgrep.sarif');
    expect(findings).toHaveLength(3);
    const [sql] = byRule(findings, 'javascript.express.security.injection.tainted-sql-string.tainted-sql-string');
    expect(sql).toMatchObject({ event_type: 'vulnerability.sql_injection', severity: 'high', severity_source: { source: 'sarif:level:error' }, rule: { cwe: ['CWE-89'] } });
    expect(sql!.rule.tags).toEqual(expect.arrayContaining(['semgrep', 'security']));
    expect(sql!.rule.help_uri).toBe('https://semgrep.dev/r/javascript.express.security.injection.tainted-sql-string.tainted-sql-string');
    const [docker] = byRule(findings, 'dockerfile.security.missing-user.missing-user');
    expect(docker).toMatchObject({ event_type: 'misconfiguration.container', location: { path: 'Dockerfile', start_line: 12 } });
    const [jwt] = byRule(findings, 'javascript.jsonwebtoken.security.jwt-hardcode.hardcoded-jwt-secret');
    expect(jwt!.event_type).toBe('secret.exposed');
    expect(JSON.stringify(jwt)).not.toContain('s3ss10n-s1gning-k3y');
  });

  test('the constant "requires login" fingerprint does not merge different results', async () => {
    const findings = await imported('semgrep.sarif');
    expect(new Set(findings.map((f) => f.fingerprint)).size).toBe(3);
  });
});

describe('Trivy SARIF', () => {
  test('packages, Dockerfile and Kubernetes checks and secrets each get their class', async () => {
    const findings = await imported('trivy-fs.sarif');
    expect(findings).toHaveLength(5);
    const [lodash] = byRule(findings, 'CVE-2021-23337');
    expect(lodash).toMatchObject({
      event_type: 'vulnerability.dependency',
      severity: 'high',
      severity_source: { source: 'sarif:security-severity', score: 7.2 },
      location: { path: 'package-lock.json', start_line: 1203 },
      fix: { available: true, fixed_version: '4.17.21' },
      rule: { help_uri: 'https://avd.aquasec.com/nvd/cve-2021-23337' },
    });
    expect(byRule(findings, 'DS002')[0]).toMatchObject({ event_type: 'misconfiguration.container', severity: 'high' });
    expect(byRule(findings, 'KSV001')[0]).toMatchObject({ event_type: 'misconfiguration.kubernetes', severity: 'medium', location: { path: 'deploy/k8s.yaml' } });
    const [secret] = byRule(findings, 'aws-access-key-id');
    expect(secret).toMatchObject({ event_type: 'secret.exposed', severity: 'critical' });
    expect(secret!.message).not.toContain('AWS_ACCESS_KEY_ID=');
    for (const f of findings) expect(f.rule.tags).toContain('trivy');
  });

  test('two CVEs of one package are two findings; the same CVE twice is one', async () => {
    const document = (await fixture('trivy-fs.sarif')) as { runs: { results: unknown[] }[] };
    const results = document.runs[0]!.results;
    results.push(structuredClone(results[0]));
    const findings = normaliseSarif(document, 'x', DETECTED_AT).findings;
    expect(byRule(findings, 'CVE-2021-23337')).toHaveLength(1);
    expect(byRule(findings, 'CVE-2020-8203')).toHaveLength(1);
  });
});

describe('gitleaks SARIF', () => {
  test('every result is secret.exposed, high, and no secret leaves the SARIF file', async () => {
    const raw = await readFile(path.join(TESTDATA, 'gitleaks.sarif'), 'utf8');
    const findings = await imported('gitleaks.sarif');
    expect(findings).toHaveLength(3);
    for (const f of findings) {
      expect(f).toMatchObject({ event_type: 'secret.exposed', severity: 'high', severity_source: { source: 'sarif:secret-without-level' } });
      expect(f.rule.tags).toContain('gitleaks');
    }
    const written = JSON.stringify(findings);
    for (const secret of ['AKIAIOSFODNN7EXAMPLE', 'f3a1c9e07b5d4e2a8c6b0d9e1f2a3b4c', 'abcdefghijklmnopqrstuvwx']) {
      expect(raw).toContain(secret);
      expect(written).not.toContain(secret);
    }
    expect(byRule(findings, 'aws-access-token')[0]!.location).toEqual({ path: 'config/settings.py', start_line: 14, end_line: 14, start_column: 22, end_column: 41 });
  });

  test('two secrets of one commit (same commit metadata in partialFingerprints) stay two findings, stable across line shifts', async () => {
    const document = (await fixture('gitleaks.sarif')) as { runs: { results: { locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[] };
    const before = normaliseSarif(document, 'x', DETECTED_AT).findings.map((f) => f.fingerprint);
    expect(new Set(before).size).toBe(3);
    for (const r of document.runs[0]!.results) r.locations[0]!.physicalLocation.region.startLine += 3;
    expect(normaliseSarif(document, 'x', DETECTED_AT).findings.map((f) => f.fingerprint)).toEqual(before);
  });
});

describe('validation', () => {
  test.each([
    [{ version: '2.0.0', runs: [] }, /field "version" is "2.0.0"; expected "2.1.0"/],
    [{ version: '2.1.0' }, /field "runs" is missing/],
    [[1, 2], /top level is not a JSON object/],
  ])('%j is rejected with a warning naming the field', (document, reason) => {
    const outcome = normaliseSarif(document, 'reports/bad.sarif', DETECTED_AT);
    expect(outcome.valid).toBe(false);
    expect(outcome.findings).toEqual([]);
    expect(outcome.warnings).toEqual([expect.objectContaining({ file: 'reports/bad.sarif', scanner: 'sarif', reason: expect.stringMatching(reason) })]);
  });

  test('a run without tool.driver.name is skipped with a warning; the other runs are read', async () => {
    const semgrep = (await fixture('semgrep.sarif')) as { runs: unknown[] };
    const document = { version: '2.1.0', runs: [{ tool: { driver: {} }, results: [{ ruleId: 'x', message: { text: 'y' } }] }, ...semgrep.runs] };
    const outcome = normaliseSarif(document, 'mixed.sarif', DETECTED_AT);
    expect(outcome.findings).toHaveLength(3);
    expect(outcome.warnings.map((w) => w.reason)).toContain("runs[0].tool.driver.name is missing; the run is skipped (SARIF requires the tool's name)");
  });
});

describe('locations', () => {
  const run = { originalUriBaseIds: { ROOTPATH: { uri: 'file:///home/runner/work/shop/shop/' }, SRC: { uri: 'src/' } } };
  test.each([
    [{ uri: './src/app.js' }, 'src/app.js'],
    [{ uri: 'src/a%20b.js', uriBaseId: '%SRCROOT%' }, 'src/a b.js'],
    [{ uri: 'app.js', uriBaseId: 'SRC' }, 'src/app.js'],
    [{ uri: 'file:///home/runner/work/shop/shop/deploy/k8s.yaml' }, 'deploy/k8s.yaml'],
    [{ uri: 'file:///work/repo/lib/x.py' }, 'lib/x.py'],
    [{ uri: 'src\\win\\path.cs' }, 'src/win/path.cs'],
    [{ uri: 'file:///usr/lib/node_modules/npm/package.json' }, '/usr/lib/node_modules/npm/package.json'],
  ])('%j -> %s', (artifactLocation, expected) => {
    expect(sarifPath(run, { artifactLocation }, ['/work/repo'])).toBe(expected);
  });
});

describe('the sarif scanner', () => {
  test('reads files and folders named by the input, warns about bad files and goes on', async () => {
    const workspace = await mkdtemp(path.join(os.tmpdir(), 'secloop-sarif-'));
    await mkdir(path.join(workspace, 'reports', 'nested'), { recursive: true });
    for (const name of ['codeql-javascript.sarif', 'semgrep.sarif']) {
      await writeFile(path.join(workspace, 'reports', name), await readFile(path.join(TESTDATA, name)));
    }
    await writeFile(path.join(workspace, 'reports', 'nested', 'trivy.sarif.json'), await readFile(path.join(TESTDATA, 'trivy-fs.sarif')));
    await writeFile(path.join(workspace, 'reports', 'broken.sarif'), '{"version": "2.1.0", "runs": [');
    await writeFile(path.join(workspace, 'reports', 'notes.txt'), 'not a report');
    await writeFile(path.join(workspace, 'gitleaks-report.json'), await readFile(path.join(TESTDATA, 'gitleaks.sarif')));
    const inputs = new Inputs((name) => (name === 'sarif' ? 'reports, gitleaks-report.json' : undefined));
    const scanner = await createSarifImportScanner({ inputs, workspace, root: workspace, logger: memoryLogger() });
    expect(scanner.wants('reports/semgrep.sarif', 'semgrep.sarif')).toBe(false);
    const result = await scanner.scan([], { root: workspace, logger: memoryLogger(), detectedAt: DETECTED_AT, settings: {} });
    expect(result.examined).toBe(4);
    expect(result.findings).toHaveLength(3 + 3 + 5 + 3);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([expect.objectContaining({ file: 'reports/broken.sarif', reason: expect.stringMatching(/^not JSON/) })]);
    assertFindingsValid(result.findings, 'sarif');
  });

  test('without the input it examines nothing and reports nothing; a named file that is missing is an error', async () => {
    const workspace = await mkdtemp(path.join(os.tmpdir(), 'secloop-sarif-'));
    const context = { root: workspace, logger: memoryLogger(), detectedAt: DETECTED_AT, settings: {} };
    const none = await createSarifImportScanner({ inputs: new Inputs(() => undefined), workspace, root: workspace, logger: memoryLogger() });
    expect(await none.scan([], context)).toEqual({ findings: [], warnings: [], errors: [], examined: 0 });
    const missing = await createSarifImportScanner({ inputs: new Inputs((n) => (n === 'sarif' ? 'out/codeql.sarif' : undefined)), workspace, root: workspace, logger: memoryLogger() });
    const result = await missing.scan([], context);
    expect(result.examined).toBe(0);
    expect(result.errors).toEqual([expect.stringContaining('"out/codeql.sarif" does not exist')]);
  });
});
