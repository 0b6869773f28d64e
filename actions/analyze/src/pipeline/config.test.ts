import { describe, expect, it } from '@jest/globals';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigurationError } from '../../../../src/shared/errors.js';
import { Inputs } from '../../../../src/shared/inputs.js';
import { BUILT_IN, parseConfigFile, parsePackageSelector, resolveSettings } from './config.js';
import { REPO_ROOT } from '../../../../test/corpus.js';
import { memoryLogger } from '../../../../src/shared/logger.js';
import { analyze } from './analyze.js';
import { scanInto, settingsWith, tempDir } from './fixtures.test-util.js';
import { readFile } from 'node:fs/promises';

const VALID = `# secloop settings
fail-on-severity: moderate
gate-on: all
vex:
  - security/app.vex.json
ignore:
  - id: GHSA-p6mc-m468-83gw
    reason: lodash.zipObjectDeep is never called with user input
    expires: 2027-01-31
    owner: "@team-web"
  - package: pkg:pypi/Django@3.2.18
    reason: upgrade blocked by the ORM migration, tracked in #412
  - fingerprint: 244d1bea98d6bdc336f2dce7eac7b46a
    reason: vendored copy, not loaded
remediate:
  branch-prefix: secloop/
`;

function thrown(fn: () => unknown): ConfigurationError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigurationError) return error;
    throw error;
  }
  throw new Error('expected a ConfigurationError');
}

describe('secloop.yml', () => {
  it('reads settings and ignore entries with their lines, leaving other agents\' sections alone', () => {
    const config = parseConfigFile(VALID, '/repo/secloop.yml');
    expect(config.failOnSeverity).toBe('medium');
    expect(config.gateOn).toBe('all');
    expect(config.vex).toEqual(['security/app.vex.json']);
    expect(config.warnings).toEqual([]);
    expect(config.ignore.map((e) => [e.source, e.line])).toEqual([
      ['secloop.yml#ignore[0]', 7],
      ['secloop.yml#ignore[1]', 11],
      ['secloop.yml#ignore[2]', 13],
    ]);
    expect(config.ignore[0]).toMatchObject({ id: 'GHSA-p6mc-m468-83gw', owner: '@team-web', expires: '2027-01-31' });
    // Valid through the whole day it names (UTC).
    expect(new Date(config.ignore[0]!.expiresAt!).toISOString()).toBe('2027-01-31T23:59:59.999Z');
    expect(config.ignore[1]!.package).toEqual({ ecosystem: 'pypi', name: 'django', version: '3.2.18' });
  });

  it('refuses an entry without a reason, naming the file, the entry, the field and the line', () => {
    const text = VALID.replace('    reason: upgrade blocked by the ORM migration, tracked in #412\n', '');
    const error = thrown(() => parseConfigFile(text, '/repo/secloop.yml'));
    expect(error.source).toBe('/repo/secloop.yml');
    expect(error.field).toBe('ignore[1].reason');
    expect(error.message).toBe('/repo/secloop.yml (ignore[1].reason): reason is required: say why this is accepted, so the next reader can judge it (line 11)');
  });

  it('refuses a bad date, naming its line', () => {
    for (const bad of ['2027-02-30', 'next week', '31/01/2027']) {
      const error = thrown(() => parseConfigFile(VALID.replace('2027-01-31', bad), 'secloop.yml'));
      expect(error.field).toBe('ignore[0].expires');
      expect(error.message).toContain(`"${bad}" is not a date`);
      expect(error.message).toContain('(line 9)');
    }
  });

  it('refuses entries with no selector or two, unknown fields, and bad packages', () => {
    expect(thrown(() => parseConfigFile('ignore:\n  - reason: x\n', 'f.yml')).message).toContain('(ignore[0]): needs exactly one of id, fingerprint or package (has 0)');
    expect(thrown(() => parseConfigFile('ignore:\n  - id: X\n    package: npm/x\n    reason: y\n', 'f.yml')).message).toContain('has 2');
    expect(thrown(() => parseConfigFile('ignore:\n  - id: X\n    reson: y\n', 'f.yml')).field).toBe('ignore[0].reson');
    expect(thrown(() => parseConfigFile('ignore:\n  - package: lodash\n    reason: y\n', 'f.yml')).field).toBe('ignore[0].package');
    expect(thrown(() => parseConfigFile('gate-on: some\n', 'f.yml')).message).toContain('expected new or all (line 1)');
    expect(thrown(() => parseConfigFile('fail-on-severity: severe\n', 'f.yml')).field).toBe('fail-on-severity');
    expect(thrown(() => parseConfigFile('ignore: [\n', 'f.yml')).message).toMatch(/^f\.yml: not valid YAML: .*\(line \d+\)$/);
  });

  it('warns about unknown top-level settings', () => {
    expect(parseConfigFile('fail-on-severty: high\n', 'secloop.yml').warnings[0]).toMatch(/unknown setting "fail-on-severty" \(line 1\)/);
  });

  it('reads package selectors as purls or ecosystem/name[@version]', () => {
    expect(parsePackageSelector('npm/@babel/core@7.0.0')).toEqual({ ecosystem: 'npm', name: '@babel/core', version: '7.0.0' });
    expect(parsePackageSelector('pkg:npm/%40babel/core')).toEqual({ ecosystem: 'npm', name: '@babel/core' });
    expect(parsePackageSelector('pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1')).toEqual({
      ecosystem: 'maven',
      name: 'org.apache.logging.log4j:log4j-core',
      version: '2.14.1',
    });
    expect(parsePackageSelector('cargo/tokio')).toEqual({ ecosystem: 'crates.io', name: 'tokio' });
    expect(parsePackageSelector('PyPI/Zope_Interface')).toEqual({ ecosystem: 'pypi', name: 'zope-interface' });
  });
});

describe('settings precedence: input > environment > file > built-in', () => {
  async function repoWith(config?: string): Promise<string> {
    const dir = await tempDir('repo');
    if (config !== undefined) await writeFile(path.join(dir, 'secloop.yml'), config);
    return dir;
  }
  const inputs = (values: Record<string, string>) => new Inputs((name) => values[name], (n) => `--${n}`);

  it('uses the built-in defaults without anything else', async () => {
    const settings = await resolveSettings({ inputs: inputs({}), env: {}, workspace: await repoWith() });
    expect(settings).toMatchObject({ failOnSeverity: BUILT_IN.failOnSeverity, gateOn: BUILT_IN.gateOn, vexFiles: [], ignore: [] });
    expect(settings.configFile).toBeUndefined();
  });

  it('finds secloop.yml at the root; the environment beats it; an input beats both', async () => {
    const workspace = await repoWith(VALID);
    const fromFile = await resolveSettings({ inputs: inputs({}), env: {}, workspace });
    expect(fromFile).toMatchObject({ configFile: path.join(workspace, 'secloop.yml'), failOnSeverity: 'medium', gateOn: 'all' });
    expect(fromFile.vexFiles).toEqual([path.join(workspace, 'security', 'app.vex.json')]);
    expect(fromFile.ignore).toHaveLength(3);
    const fromEnv = await resolveSettings({ inputs: inputs({}), env: { SECLOOP_FAIL_ON_SEVERITY: 'critical', SECLOOP_VEX: 'a.json,b.json' }, workspace });
    expect(fromEnv).toMatchObject({ failOnSeverity: 'critical', gateOn: 'all' });
    expect(fromEnv.vexFiles).toEqual([path.join(workspace, 'a.json'), path.join(workspace, 'b.json')]);
    const fromInput = await resolveSettings({
      inputs: inputs({ 'fail-on-severity': 'none', 'gate-on': 'new', vex: 'c.json' }),
      env: { SECLOOP_FAIL_ON_SEVERITY: 'critical', SECLOOP_GATE_ON: 'all' },
      workspace,
    });
    expect(fromInput).toMatchObject({ failOnSeverity: 'none', gateOn: 'new', vexFiles: [path.join(workspace, 'c.json')] });
  });

  it('reads the file named by config-file (paths in it are relative to it), and refuses a missing one', async () => {
    const workspace = await repoWith();
    await mkdir(path.join(workspace, 'ci'));
    await writeFile(path.join(workspace, 'ci', 'security.yml'), 'vex: app.vex.json\nbaseline: ../baseline\n');
    const settings = await resolveSettings({ inputs: inputs({ 'config-file': 'ci/security.yml' }), env: {}, workspace });
    expect(settings.vexFiles).toEqual([path.join(workspace, 'ci', 'app.vex.json')]);
    expect(settings.baseline).toBe(path.join(workspace, 'baseline'));
    await expect(resolveSettings({ inputs: inputs({ 'config-file': 'nope.yml' }), env: {}, workspace })).rejects.toThrow(
      'nope.yml (config-file): the configuration file nope.yml does not exist',
    );
  });
});

describe('the shipped example (policies/secloop.example.yml)', () => {
  it('parses and its entries match the demo apps\' findings', async () => {
    const file = path.join(REPO_ROOT, 'policies', 'secloop.example.yml');
    const config = parseConfigFile(await readFile(file, 'utf8'), file);
    expect(config.warnings).toEqual([]);
    expect(config.failOnSeverity).toBe('high');
    const scanDir = await tempDir('scan');
    await scanInto(scanDir);
    const document = await analyze({
      inputDirs: [scanDir],
      settings: settingsWith({ ignore: config.ignore, configFile: file }),
      now: new Date('2026-12-01T00:00:00Z'),
      logger: memoryLogger(),
    });
    expect(document.suppressions).toEqual({ expired: [], unused: [] });
    const suppressed = document.findings.filter((f) => f.suppressed).map((f) => `${f.package!.name} ${f.suppressed!.source}`);
    expect(suppressed.sort()).toEqual(['lodash secloop.example.yml#ignore[0]', 'openssl secloop.example.yml#ignore[1]', 'request secloop.example.yml#ignore[2]']);
  });
});
