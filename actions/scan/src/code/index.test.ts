import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { parseFindingsDocument } from '../../../../src/shared/contracts/documents.js';
import type { Finding } from '../../../../src/shared/contracts/findings.js';
import { findingsDocumentOf } from '../scanners/testing.js';
import { ConfigurationError } from '../../../../src/shared/errors.js';
import { Inputs } from '../../../../src/shared/inputs.js';
import { REPO_ROOT } from '../../../../test/corpus.js';
import type { ScannerContext, ScannerResult, TextFile, TextScanner } from '../scanners/types.js';
import { SCANNER_FACTORIES } from '../scanners/index.js';
import { codeScanner, createCodeScanner } from './index.js';

const DETECTED_AT = '2025-01-02T03:04:05.000Z';
const context = { root: REPO_ROOT, detectedAt: DETECTED_AT, settings: {} } as unknown as ScannerContext;

function textFile(relativePath: string, text: string): TextFile {
  return { relativePath, absolutePath: path.join(REPO_ROOT, relativePath), size: Buffer.byteLength(text), text };
}

async function scan(files: TextFile[], scanner: TextScanner = codeScanner()): Promise<ScannerResult> {
  for (const file of files) if (scanner.wants(file.relativePath, path.basename(file.relativePath))) await scanner.scanText(file, context);
  return scanner.finish(context);
}

function demo(relativePath: string): TextFile {
  return textFile(relativePath, readFileSync(path.join(REPO_ROOT, relativePath), 'utf8'));
}

/** Findings must pass the findings schema, as the scan agent validates them when it writes the document. */
function validate(findings: Finding[]): void {
  expect(() => parseFindingsDocument(JSON.stringify(findingsDocumentOf(findings, { scanners: ['code'] })), 'findings.json')).not.toThrow();
}

describe('code scanner on the demo apps', () => {
  test('shop-web/src/orders.js and billing-api/app/reports.py: one finding per vulnerable handler, none for the safe twins', async () => {
    const result = await scan([demo('examples/apps/shop-web/src/orders.js'), demo('examples/apps/billing-api/app/reports.py')]);
    expect(result.warnings).toEqual([]);
    expect(result.errors).toEqual([]);
    expect(result.examined).toBe(2);
    const summary = result.findings.map((f) => `${f.location.path}:${f.location.start_line} ${f.rule.id} ${f.severity} ${f.confidence}`);
    expect(summary).toEqual([
      'examples/apps/shop-web/src/orders.js:17 secloop.sql-injection critical 0.9',
      'examples/apps/shop-web/src/orders.js:35 secloop.code-injection critical 0.9',
      'examples/apps/shop-web/src/orders.js:48 secloop.command-injection critical 0.9',
      'examples/apps/billing-api/app/reports.py:17 secloop.sql-injection critical 0.9',
      'examples/apps/billing-api/app/reports.py:36 secloop.sql-injection high 0.7',
      'examples/apps/billing-api/app/reports.py:49 secloop.command-injection critical 0.9',
      'examples/apps/billing-api/app/reports.py:62 secloop.unsafe-yaml-load critical 0.9',
      'examples/apps/billing-api/app/reports.py:74 secloop.code-injection critical 0.9',
    ]);
    validate(result.findings);
    const sql = result.findings[0]!;
    expect(sql).toMatchObject({
      kind: 'code',
      event_type: 'vulnerability.sql_injection',
      rule: { id: 'secloop.sql-injection', cwe: ['CWE-89'] },
      location: { path: 'examples/apps/shop-web/src/orders.js', start_line: 17, start_column: 24, end_line: 17 },
      fix: { available: false },
      detected_at: DETECTED_AT,
    });
    expect(sql.rule.help).toMatch(/\?', \[id\]\)/);
    expect(sql.message).toBe('SQL query built from non-constant data: db.query(...) gets built from request data');
    expect(new Set(result.findings.map((f) => f.fingerprint)).size).toBe(result.findings.length);
  });
});

describe('fingerprints', () => {
  const source = "const run = (req) => db.query('SELECT * FROM t WHERE a = ' + req.query.a);\n";

  test('do not change when lines are added above the call, and do when the call changes', async () => {
    const before = (await scan([textFile('src/a.js', source)])).findings;
    const shifted = (await scan([textFile('src/a.js', '// header\n\n' + source)])).findings;
    const edited = (await scan([textFile('src/a.js', source.replace("' + req", "' +  req.query.b + req"))])).findings;
    expect(before).toHaveLength(1);
    expect(shifted[0]!.location.start_line).toBe(3);
    expect(shifted[0]!.fingerprint).toBe(before[0]!.fingerprint);
    expect(edited[0]!.fingerprint).not.toBe(before[0]!.fingerprint);
    expect(before[0]!.fingerprint).toMatch(/^[0-9a-f]{32}$/);
  });

  test('identical calls in one file, and the same call in two files, are distinct findings', async () => {
    const result = await scan([textFile('src/a.js', source + source), textFile('src/b.js', source)]);
    expect(result.findings).toHaveLength(3);
    expect(new Set(result.findings.map((f) => f.fingerprint)).size).toBe(3);
  });
});

describe('which files', () => {
  test('JavaScript, TypeScript and Python sources; not declarations, minified files or committed bundles', () => {
    const scanner = codeScanner();
    const wanted = ['src/a.js', 'src/a.mjs', 'src/a.cjs', 'src/a.jsx', 'src/a.ts', 'src/a.tsx', 'src/a.mts', 'app/views.py', 'tool.pyw'];
    const unwanted = ['types/index.d.ts', 'public/jquery.min.js', 'actions/scan/dist/index.js', 'dist/cli/index.js', 'README.md', 'a.pyc', 'package.json'];
    for (const p of wanted) expect([p, scanner.wants(p, path.basename(p))]).toEqual([p, true]);
    for (const p of unwanted) expect([p, scanner.wants(p, path.basename(p))]).toEqual([p, false]);
  });

  test('is registered as "code" in the scanner registry', async () => {
    const scanner = await SCANNER_FACTORIES.code!({ inputs: new Inputs(() => undefined), workspace: REPO_ROOT, root: REPO_ROOT, logger: undefined as never });
    expect(scanner).toMatchObject({ kind: 'text', name: 'code' });
  });
});

describe('bad input', () => {
  test('a file that does not parse is a warning naming it and the line; the other files are still scanned', async () => {
    const result = await scan([
      textFile('src/broken.ts', 'export function f( {\n  return 1;\n'),
      textFile('src/ok.js', "exec('rm -rf ' + dir); const { exec } = require('child_process');"),
      textFile('app/broken.py', 'def f(:\n  pass\nos.system("rm " + d)\nimport os\n'),
    ]);
    expect(result.warnings).toEqual([
      { file: 'src/broken.ts', scanner: 'code', line: 2, reason: 'not valid JavaScript/TypeScript: Unexpected token, expected "," (2:9)' },
      { file: 'app/broken.py', scanner: 'code', line: 1, reason: 'Python syntax error; the statements around it were not analysed' },
    ]);
    expect(result.findings.map((f) => `${f.location.path}:${f.rule.id}`)).toEqual(['src/ok.js:secloop.command-injection', 'app/broken.py:secloop.command-injection']);
    expect(result.examined).toBe(2);
  });

  test('files over the size cap are skipped with a warning', async () => {
    const big = textFile('src/generated.js', `const data = "${'x'.repeat(3 * 1024 * 1024)}";\n`);
    const result = await scan([big]);
    expect(result.warnings).toEqual([{ file: 'src/generated.js', scanner: 'code', reason: expect.stringMatching(/over the code scanner's limit of 2097152 \(code-max-file-size\)/) }]);
    expect(result.examined).toBe(0);
  });

  test('code-max-file-size is read from the inputs and validated', async () => {
    const scanner = await createCodeScanner({ inputs: new Inputs((n) => (n === 'code-max-file-size' ? '1k' : undefined)), workspace: REPO_ROOT, root: REPO_ROOT, logger: undefined as never });
    const result = await scan([textFile('src/a.js', `// ${'x'.repeat(2000)}\n`)], scanner as TextScanner);
    expect(result.warnings[0]!.reason).toMatch(/limit of 1024/);
    await expect(
      createCodeScanner({ inputs: new Inputs((n) => (n === 'code-max-file-size' ? 'lots' : undefined)), workspace: REPO_ROOT, root: REPO_ROOT, logger: undefined as never }),
    ).rejects.toThrow(ConfigurationError);
  });

  test('a file over the time budget is a warning, not a hang', async () => {
    const slow = textFile('src/huge.js', 'pool.query("SELECT * FROM t WHERE a = " + x);\n'.repeat(20000));
    const result = await scan([slow], codeScanner({ fileTimeBudgetMs: 1 }));
    expect(result.warnings).toEqual([{ file: 'src/huge.js', scanner: 'code', reason: 'not analysed: analysis took longer than its time budget (1 ms)' }]);
  });

  test('nesting deep enough to overflow the JavaScript parser is a warning', async () => {
    const deep = textFile('src/deep.js', `const x = ${'['.repeat(200_000)}${']'.repeat(200_000)};\n`);
    const result = await scan([deep]);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatchObject({ file: 'src/deep.js', scanner: 'code', reason: expect.stringMatching(/^not analysed: .*call stack/) });
  });

  test('invalid UTF-8 (decoded to U+FFFD) and binary-looking text do not stop the analysis', async () => {
    const result = await scan([
      textFile('src/latin1.js', "// caf\uFFFD\nconst q = 'SELECT * FROM t WHERE name = \"' + name + '\"';\ndb.query(q);\n"),
      textFile('app/latin1.py', '# caf\uFFFD\ncursor.execute("SELECT * FROM t WHERE name = \'%s\'" % name)\n'),
    ]);
    expect(result.findings.map((f) => `${f.location.path}:${f.location.start_line}`)).toEqual(['src/latin1.js:3', 'app/latin1.py:2']);
  });
});
