import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readAnalysisDocument } from '../shared/contracts/analysis.js';
import { ConfigurationError, isUserError } from '../shared/errors.js';
import { Inputs } from '../shared/inputs.js';
import { memoryLogger } from '../shared/logger.js';
import { scanInto, tempDir } from '../../actions/analyze/src/pipeline/fixtures.test-util.js';
import { analyzeCommand, ANALYZE_FLAGS } from './analyze.js';
import type { CliIo } from './main.js';

/** Parses like main.ts does (node:util parseArgs, strict) and runs the command; a thrown error maps to 2 there. */
async function run(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; error?: Error }> {
  let stdout = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: () => undefined, cwd, env };
  const parsed = parseArgs({ args, options: ANALYZE_FLAGS, allowPositionals: true, strict: true });
  const flags = parsed.values as Record<string, string | boolean | string[] | undefined>;
  const inputs = new Inputs((name) => {
    const v = flags[name];
    return v === undefined ? undefined : Array.isArray(v) ? v.join('\n') : String(v);
  }, (n) => `--${n}`);
  try {
    const code = await analyzeCommand({ inputs, positionals: parsed.positionals, flags, logger: memoryLogger() }, io);
    return { code, stdout };
  } catch (error) {
    return { code: isUserError(error) ? 2 : 1, stdout, error: error as Error };
  }
}

describe('secloop analyze', () => {
  let repo: string;
  let scanDir: string;

  beforeAll(async () => {
    repo = await tempDir('repo');
    scanDir = path.join(repo, '.secloop', 'scan');
    await scanInto(scanDir);
  });

  it('fails the gate on high findings by default and explains each decision', async () => {
    const { code, stdout } = await run(['--in', '.secloop/scan', '--out', '.secloop/analyze'], repo);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^Decisions:\n {2}CRITICAL/);
    // The shipped healing policies decide, and say why.
    expect(stdout).toContain('dependency-vulnerability: severity critical is not in auto_heal_severities [low, medium] → fix PR for human approval (update_dependency)');
    expect(stdout).toMatch(/\[new, fails the gate; confidence 0\.\d+\]/);
    expect(stdout).toMatch(/gate: \d+ new finding\(s\) at or above high; result: fail\nwrote \.secloop\/analyze\/analysis\.json, \.secloop\/analyze\/events\.jsonl\n$/);
    const document = await readAnalysisDocument(path.join(repo, '.secloop', 'analyze', 'analysis.json'));
    expect(document.gate.failing.length).toBeGreaterThan(0);
  });

  it('passes with --fail-on-severity none, and reads secloop.yml and --vex', async () => {
    await writeFile(path.join(repo, 'secloop.yml'), 'ignore:\n  - package: npm/lodash@4.17.15\n    reason: only used in build scripts\n');
    const scan = JSON.parse(await readFile(path.join(scanDir, 'findings.json'), 'utf8'));
    const tokio = scan.findings.find((f: { package?: { name: string } }) => f.package?.name === 'tokio');
    await writeFile(
      path.join(repo, 'tokio.vex.json'),
      JSON.stringify({
        '@context': 'https://openvex.dev/ns/v0.2.0',
        '@id': 'https://example.com/vex/1',
        author: 'worker team',
        timestamp: '2026-11-01T00:00:00Z',
        version: 1,
        statements: [{ vulnerability: { name: tokio.advisory.id }, products: [{ '@id': tokio.package.purl }], status: 'not_affected', justification: 'vulnerable_code_not_in_execute_path' }],
      }),
    );
    const { code, stdout } = await run(['--in', '.secloop/scan', '--out', 'out', '--fail-on-severity', 'none', '--vex', 'tokio.vex.json'], repo);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Suppressed:\n/);
    expect(stdout).toMatch(/lodash@4\.17\.15 GHSA-\S+ +apps\/shop-web\/package-lock\.json:\d+: only used in build scripts \(secloop\.yml#ignore\[0\]\)/);
    expect(stdout).toMatch(/tokio@\S+ GHSA-\S+ +apps\/worker-rs\/Cargo\.lock:\d+: VEX: not affected \(vulnerable_code_not_in_execute_path\) \(tokio\.vex\.json#statements\[0\]\)/);
    expect(stdout).toMatch(/gate off \(fail-on-severity none\); result: pass\n/);
  });

  it('exits 1 when an input cannot be read, listing the error', async () => {
    const broken = await tempDir('broken');
    await writeFile(path.join(broken, 'findings.json'), '{"schema": "secloop.findings/v1"');
    const { code, stdout } = await run(['--in', broken, '--out', 'out2', '--fail-on-severity', 'none'], repo);
    expect(code).toBe(1);
    expect(stdout).toContain('Errors (the analysis is incomplete, so it cannot pass):');
    expect(stdout).toContain(`${broken}/findings.json: invalid document: not JSON`);
  });

  it('reads the secloop-scan-* artifacts of a local artifact root and counts them', async () => {
    const root = path.join(repo, 'artifacts');
    await scanInto(path.join(root, 'secloop-scan-linux'));
    await scanInto(path.join(root, 'secloop-scan-macos'));
    const ok = await run(['--artifacts', 'artifacts', '--expected-artifacts', '2', '--out', 'out3', '--fail-on-severity', 'none'], repo);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/ in \d+ group\(s\) from 2 input\(s\);/);
    const missing = await run(['--artifacts', 'artifacts', '--expected-artifacts', '3', '--out', 'out4', '--fail-on-severity', 'none'], repo);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('expected 3 artifact(s) matching secloop-scan-*, found 2 (secloop-scan-linux, secloop-scan-macos)');
  });

  it('exits 2 for usage and configuration errors', async () => {
    const noInput = await run(['--out', 'out'], repo);
    expect(noInput.code).toBe(2);
    expect(noInput.error).toBeInstanceOf(ConfigurationError);
    expect(noInput.error!.message).toBe('--in: give the scan outputs to analyse: --in <dir> (repeatable) or --artifacts <root>');
    const badGate = await run(['--in', '.secloop/scan', '--gate-on', 'some'], repo);
    expect(badGate.code).toBe(2);
    expect(badGate.error!.message).toContain('gate-on is "some"; expected new or all');
    await writeFile(path.join(repo, 'bad.yml'), 'ignore:\n  - id: CVE-2021-23337\n    reason: fine\n    expires: soon\n');
    const badConfig = await run(['--in', '.secloop/scan', '--config-file', 'bad.yml'], repo);
    expect(badConfig.code).toBe(2);
    expect(badConfig.error!.message).toBe(`${path.join(repo, 'bad.yml')} (ignore[0].expires): "soon" is not a date (expected YYYY-MM-DD or an ISO 8601 date-time) (line 4)`);
  });
});
