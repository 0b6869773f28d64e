import { beforeAll, describe, expect, it } from '@jest/globals';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AnalysisDocument } from '../../../../src/shared/contracts/analysis.js';
import type { FindingsDocument } from '../../../../src/shared/contracts/findings.js';
import { memoryLogger } from '../../../../src/shared/logger.js';
import { analyze } from './analyze.js';
import { parseConfigFile } from './config.js';
import { EXAMPLE_APPS, scanInto, settingsWith, tempDir } from './fixtures.test-util.js';
import { parseVexDocument } from './vex.js';

const NOW = new Date('2026-11-22T12:00:00Z');

function vexDocument(statements: object[], timestamp = '2026-11-01T09:00:00Z'): string {
  return JSON.stringify({
    '@context': 'https://openvex.dev/ns/v0.2.0',
    '@id': 'https://example.com/vex/demo-apps-2026-11',
    author: 'Demo apps security team',
    timestamp,
    version: 1,
    statements,
  });
}

async function writeVex(dir: string, name: string, text: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, text);
  return file;
}

describe('config-as-code ignore entries on a real scan', () => {
  let scanDir: string;
  let scan: FindingsDocument;
  let document: AnalysisDocument;
  const logger = memoryLogger();

  beforeAll(async () => {
    scanDir = await tempDir('scan');
    scan = await scanInto(scanDir);
    const minimist = scan.findings.find((f) => f.package?.name === 'minimist')!;
    const config = parseConfigFile(
      [
        'ignore:',
        `  - id: ${minimist.advisory!.id}`,
        '    reason: accepted until the parser rewrite lands',
        '    expires: 2026-10-31',
        '    owner: "@team-web"',
        '  - package: pkg:npm/axios',
        '    reason: axios only calls our own API',
        '    expires: 2027-03-31',
        '  - id: CVE-2014-0160',
        '    reason: heartbleed, long gone',
        '',
      ].join('\n'),
      '/repo/secloop.yml',
    );
    document = await analyze({
      inputDirs: [scanDir],
      settings: settingsWith({ ignore: config.ignore, configFile: '/repo/secloop.yml', failOnSeverity: 'medium', gateOn: 'all' }),
      now: NOW,
      logger,
    });
  });

  it('applies a live entry, and the gate ignores what it suppresses', () => {
    const axios = document.findings.filter((f) => f.package?.name === 'axios');
    expect(axios.length).toBeGreaterThan(0);
    for (const f of axios) {
      expect(f.suppressed).toEqual({ by: 'config', reason: 'axios only calls our own API', source: 'secloop.yml#ignore[1]', expires: '2027-03-31' });
      expect(document.gate.failing).not.toContain(f.fingerprint);
      expect(f.decision.reasons[0]).toBe('suppressed by secloop.yml#ignore[1]: axios only calls our own API');
    }
    expect(document.summary.suppressed).toBe(axios.length);
  });

  it('lists an expired entry, warns, and no longer applies it', () => {
    const minimist = document.findings.find((f) => f.package?.name === 'minimist')!;
    expect(minimist.suppressed).toBeUndefined();
    expect(document.gate.failing).toContain(minimist.fingerprint);
    expect(document.suppressions.expired).toEqual([
      {
        source: 'secloop.yml#ignore[0]',
        line: 2,
        id: minimist.advisory!.id,
        reason: 'accepted until the parser rewrite lands',
        expires: '2026-10-31',
        owner: '@team-web',
      },
    ]);
    expect(logger.lines).toContainEqual({ level: 'warning', message: 'ignore entry secloop.yml#ignore[0] (line 2) expired on 2026-10-31: it no longer applies (owner @team-web)' });
  });

  it('warns about an entry that matched nothing', () => {
    expect(document.suppressions.unused).toEqual([{ source: 'secloop.yml#ignore[2]', line: 9, id: 'CVE-2014-0160', reason: 'heartbleed, long gone' }]);
    expect(document.warnings.map((w) => w.reason)).toContain('ignore entry secloop.yml#ignore[2] (line 9) matched no finding: remove it if the problem is gone');
  });
});

describe('OpenVEX', () => {
  let scanDir: string;
  let workerDir: string;
  let vexDir: string;

  beforeAll(async () => {
    scanDir = await tempDir('scan');
    await scanInto(scanDir);
    workerDir = await tempDir('worker');
    await scanInto(workerDir, path.join(EXAMPLE_APPS, 'worker-rs'));
    vexDir = await tempDir('vex');
  });

  it('not_affected suppresses the finding matched by alias and versionless purl; the gate ignores it', async () => {
    const vex = await writeVex(
      vexDir,
      'lodash.vex.json',
      vexDocument([
        {
          vulnerability: { name: 'CVE-2021-23337' },
          products: [{ '@id': 'pkg:npm/lodash' }],
          status: 'not_affected',
          justification: 'vulnerable_code_not_in_execute_path',
          impact_statement: '_.template is never called',
        },
      ]),
    );
    const settings = settingsWith({ failOnSeverity: 'high', gateOn: 'all' });
    const without = await analyze({ inputDirs: [scanDir], settings, logger: memoryLogger() });
    const withVex = await analyze({ inputDirs: [scanDir], settings: { ...settings, vexFiles: [vex] }, logger: memoryLogger() });
    const [templated, other] = ['CVE-2021-23337', 'CVE-2020-8203'].map((cve) => withVex.findings.find((f) => f.advisory?.aliases.includes(cve))!);
    expect(templated!.severity).toBe('high');
    expect(without.gate.failing).toContain(templated!.fingerprint);
    expect(templated!.suppressed).toEqual({
      by: 'vex',
      reason: 'VEX: not affected (vulnerable_code_not_in_execute_path): _.template is never called',
      source: 'lodash.vex.json#statements[0]',
      vex_status: 'not_affected',
      justification: 'vulnerable_code_not_in_execute_path',
    });
    expect(withVex.gate.failing).not.toContain(templated!.fingerprint);
    expect(withVex.gate.failing).toHaveLength(without.gate.failing.length - 1);
    // The other lodash advisory is another vulnerability: untouched.
    expect(other!.suppressed).toBeUndefined();
    expect(withVex.gate.failing).toContain(other!.fingerprint);
  });

  it('turns a failing gate into a pass when every failing finding is not affected or fixed', async () => {
    const settings = settingsWith({ failOnSeverity: 'medium', gateOn: 'all' });
    const before = await analyze({ inputDirs: [workerDir], settings, logger: memoryLogger() });
    expect(before.gate.result).toBe('fail');
    const ids = before.findings.map((f) => ({ id: f.advisory!.id, purl: f.package!.purl }));
    expect(ids.length).toBeGreaterThanOrEqual(2);
    const vex = await writeVex(
      vexDir,
      'worker.vex.json',
      vexDocument(
        ids.map(({ id, purl }, i) =>
          i === 0
            ? { vulnerability: { '@id': `https://osv.dev/vulnerability/${id}` }, products: [{ '@id': 'pkg:oci/worker-rs', subcomponents: [{ '@id': purl }] }], status: 'fixed' }
            : { vulnerability: { name: id }, products: [{ '@id': purl }], status: 'not_affected', justification: 'vulnerable_code_not_present' },
        ),
      ),
    );
    const after = await analyze({ inputDirs: [workerDir], settings: { ...settings, vexFiles: [vex] }, logger: memoryLogger() });
    expect(after.findings.every((f) => f.suppressed?.by === 'vex')).toBe(true);
    expect(after.findings[0]!.suppressed!.vex_status).toBe('fixed');
    expect(after.gate).toEqual({ threshold: 'medium', considered: 'all', failing: [], result: 'pass' });
  });

  it('lets the latest statement win, and matches versions and qualifiers as OpenVEX says', async () => {
    const settings = settingsWith();
    const run = async (statements: object[]) => {
      const vex = await writeVex(vexDir, `case-${Math.random().toString(36).slice(2)}.vex.json`, vexDocument(statements));
      const document = await analyze({ inputDirs: [scanDir], settings: { ...settings, vexFiles: [vex] }, logger: memoryLogger() });
      return document.findings.find((f) => f.advisory?.aliases.includes('CVE-2021-23337'))!.suppressed;
    };
    const notAffected = (purl: string, timestamp?: string) => ({
      vulnerability: { name: 'GHSA-35jh-r3h4-6jhm' },
      products: [{ '@id': purl }],
      status: 'not_affected',
      justification: 'vulnerable_code_not_present',
      ...(timestamp ? { timestamp } : {}),
    });
    expect(await run([notAffected('pkg:npm/lodash@4.17.15')])).toBeDefined();
    expect(await run([notAffected('pkg:npm/lodash@4.17.21')])).toBeUndefined();
    // The statement asks for a qualifier the finding's purl does not have.
    expect(await run([notAffected('pkg:npm/lodash@4.17.15?repository_url=https://npm.example.com')])).toBeUndefined();
    // A later "affected" overrides an earlier "not_affected", whatever their order in the file.
    const affected = { vulnerability: { name: 'CVE-2021-23337' }, products: [{ '@id': 'pkg:npm/lodash' }], status: 'affected', timestamp: '2026-11-10T00:00:00Z' };
    expect(await run([affected, notAffected('pkg:npm/lodash', '2026-11-05T00:00:00Z')])).toBeUndefined();
    expect(await run([affected, notAffected('pkg:npm/lodash', '2026-11-15T00:00:00Z')])).toBeDefined();
  });

  it('refuses a document that breaks the spec, naming the file and statement', () => {
    const missingJustification = vexDocument([{ vulnerability: { name: 'CVE-2021-23337' }, products: [{ '@id': 'pkg:npm/lodash' }], status: 'not_affected' }]);
    expect(() => parseVexDocument(missingJustification, '/repo/app.vex.json')).toThrow(
      '/repo/app.vex.json (statements[0].justification): a not_affected statement needs a justification or an impact_statement',
    );
    const badStatus = vexDocument([{ vulnerability: { name: 'CVE-1' }, products: [{ '@id': 'pkg:npm/x' }], status: 'wontfix' }]);
    expect(() => parseVexDocument(badStatus, 'v.json')).toThrow('v.json (statements[0].status): is "wontfix"; expected one of not_affected, affected, fixed, under_investigation');
    expect(() => parseVexDocument('{"statements": []}', 'v.json')).toThrow('v.json (@context): is undefined; expected an OpenVEX context');
    expect(() => parseVexDocument('{', 'v.json')).toThrow(/^v\.json \(\/\): not JSON/);
  });
});
