import { describe, expect, it, beforeAll } from '@jest/globals';
import { cp, mkdtemp, readFile, writeFile, mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule, { type FormatsPlugin } from 'ajv-formats';
import AjvDraft04Module from 'ajv-draft-04';
import { main, type CliIo } from '../src/cli/main.js';
import { readFindingsDocument } from '../src/shared/contracts/documents.js';
import { readEvents } from '../src/shared/contracts/events.js';
import type { FindingsDocument } from '../src/shared/contracts/findings.js';
import { assertValidCycloneDx, assertValidSpdx } from '../actions/scan/src/sbom/validate.js';
import { CORPUS, REPO_ROOT, corpusPath } from './corpus.js';

// Both are CommonJS: under NodeNext their default export may arrive wrapped in `default`.
const AjvDraft04 = ((AjvDraft04Module as unknown as { default?: typeof Ajv }).default ?? AjvDraft04Module) as unknown as typeof Ajv;
const addFormats: FormatsPlugin =
  (addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? (addFormatsModule as unknown as FormatsPlugin);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(args: string[], cwd = REPO_ROOT): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd, env: {} };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), `secloop-${prefix}-`));
}

const EXAMPLES = path.join(REPO_ROOT, 'examples', 'apps');
const EXAMPLES_DB = path.join(REPO_ROOT, 'examples', 'osv-db');

describe('secloop scan on the bundled demo', () => {
  let out: string;
  let run: Run;
  let document: FindingsDocument;

  beforeAll(async () => {
    out = await tempDir('demo');
    run = await cli(['scan', EXAMPLES, '--out', out, '--offline-db', EXAMPLES_DB, '--quiet']);
    document = await readFindingsDocument(path.join(out, 'findings.json'));
  });

  it('completes and reports real findings across ecosystems', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(document.summary.result).toBe('pass');
    expect(document.summary.total).toBe(document.findings.length);
    const dependencies = document.findings.filter((f) => f.kind === 'dependency');
    expect(new Set(dependencies.map((f) => f.package!.ecosystem)).size).toBeGreaterThanOrEqual(4);
    // The demo also has secrets, code, container, Kubernetes and workflow cases: every scanner reports.
    expect(new Set(document.findings.map((f) => f.kind))).toEqual(new Set(['dependency', 'secret', 'code', 'container', 'kubernetes', 'workflow']));
    expect(run.stdout).toMatch(/\d+ finding\(s\) \(.*\); \d+ package\(s\) from \d+ lockfile\(s\)/);
  });

  it('finds Log4Shell in the Maven app with its fix and a critical CVSS score', () => {
    const log4shell = document.findings.find((f) => f.advisory?.aliases.includes('CVE-2021-44228'));
    expect(log4shell).toBeDefined();
    expect(log4shell!.package).toMatchObject({ ecosystem: 'Maven', name: 'org.apache.logging.log4j:log4j-core' });
    expect(log4shell!.severity).toBe('critical');
    expect(log4shell!.severity_source.score).toBe(10);
    expect(log4shell!.fix?.available).toBe(true);
    expect(log4shell!.location.path).toMatch(/pom\.xml$/);
    expect(log4shell!.location.start_line).toBeGreaterThan(1);
  });

  it('reports a package pulled in by a -r include once, at the file that declares it', () => {
    const pyyaml = document.findings.filter((f) => f.package?.name === 'PyYAML');
    expect(pyyaml.length).toBeGreaterThan(0);
    expect(new Set(pyyaml.map((f) => f.location.path))).toEqual(new Set(['billing-api/requirements-base.txt']));
  });

  it('writes SARIF 2.1.0 that the official schema accepts, one run per category', async () => {
    const sarif = JSON.parse(await readFile(path.join(out, 'findings.sarif'), 'utf8'));
    const schema = JSON.parse(await readFile(path.join(REPO_ROOT, 'src/shared/sarif/schema/sarif-schema-2.1.0.json'), 'utf8'));
    const ajv = new AjvDraft04({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    expect(validate(sarif) ? [] : validate.errors).toEqual([]);
    const categories = sarif.runs.map((r: { automationDetails: { id: string } }) => r.automationDetails.id);
    expect(new Set(categories).size).toBe(categories.length);
    const results = sarif.runs.flatMap((r: { results: unknown[] }) => r.results) as { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
    expect(results).toHaveLength(document.findings.length);
    // Code scanning resolves paths from the repository root: the scanned directory is prefixed.
    expect(results.every((r) => r.locations[0]!.physicalLocation.artifactLocation.uri.startsWith('examples/apps/'))).toBe(true);
    // findings.json keeps paths relative to the scanned directory and says which one it is, for analyze.
    expect(document.run.path_prefix).toBe('examples/apps');
    expect(document.findings.every((f) => !f.location.path.startsWith('examples/'))).toBe(true);
    for (const rule of sarif.runs[0].tool.driver.rules) expect(Number(rule.properties['security-severity'])).toBeGreaterThan(0);
  });

  it('writes CycloneDX 1.6 and SPDX 2.3 SBOMs valid against their schemas, with purls', async () => {
    const cdx = JSON.parse(await readFile(path.join(out, 'sbom.cdx.json'), 'utf8'));
    const spdx = JSON.parse(await readFile(path.join(out, 'sbom.spdx.json'), 'utf8'));
    assertValidCycloneDx(cdx);
    assertValidSpdx(spdx);
    expect(cdx.components.length).toBeGreaterThanOrEqual(document.summary.packages / 2);
    expect(cdx.components.every((c: { purl?: string }) => typeof c.purl === 'string' && c.purl.startsWith('pkg:'))).toBe(true);
  });

  it('appends scan events sharing one correlation id', async () => {
    const events = await readEvents(path.join(out, 'events.jsonl'));
    expect(events[0]!.topic).toBe('scan.started');
    expect(events.at(-1)!.topic).toBe('scan.completed');
    expect(events.filter((e) => e.topic.endsWith('.detected'))).toHaveLength(document.findings.length);
    expect(events.filter((e) => e.topic === 'vulnerability.detected').length).toBeGreaterThan(0);
    expect(new Set(events.map((e) => e.correlation_id))).toEqual(new Set([document.run.correlation_id]));
  });

  it('gives the same fingerprints when lines shift', async () => {
    const tree = await tempDir('shift');
    await cp(path.join(EXAMPLES, 'billing-api'), tree, { recursive: true });
    const first = await tempDir('shift-out');
    await cli(['scan', tree, '--out', first, '--offline-db', EXAMPLES_DB, '--quiet']);
    const requirements = path.join(tree, 'requirements.txt');
    await writeFile(requirements, `# a comment added on top\n\n${await readFile(requirements, 'utf8')}`);
    const second = await tempDir('shift-out');
    await cli(['scan', tree, '--out', second, '--offline-db', EXAMPLES_DB, '--quiet']);
    const a = await readFindingsDocument(path.join(first, 'findings.json'));
    const b = await readFindingsDocument(path.join(second, 'findings.json'));
    expect(a.findings.length).toBeGreaterThan(0);
    expect(b.findings.map((f) => f.fingerprint).sort()).toEqual(a.findings.map((f) => f.fingerprint).sort());
    const lineOf = (d: FindingsDocument) => d.findings.find((f) => f.location.path === 'requirements.txt')!.location.start_line!;
    expect(lineOf(b)).toBe(lineOf(a) + 2);
  });
});

describe('secloop scan against the whole corpus advisory data', () => {
  it('matches the real PyPI database export and reports each vulnerability once per package', async () => {
    const tree = await tempDir('pypi');
    // Django 3.2.12 is affected by several advisories that exist both as PYSEC and GHSA records.
    await writeFile(path.join(tree, 'requirements.txt'), 'Django==3.2.12\nrequests==2.31.0\n');
    const out = await tempDir('pypi-out');
    const run = await cli(['scan', tree, '--out', out, '--offline-db', path.join(CORPUS, 'osv-db'), '--offline-db', path.join(CORPUS, 'advisories'), '--quiet']);
    expect(run.code).toBe(0);
    const doc = await readFindingsDocument(path.join(out, 'findings.json'));
    const django = doc.findings.filter((f) => f.package?.name === 'Django');
    expect(django.length).toBeGreaterThan(5);
    // No CVE is reported twice for one package, whichever database records it.
    const cves = django.flatMap((f) => [f.advisory!.id, ...f.advisory!.aliases].filter((id) => id.startsWith('CVE-')));
    expect(new Set(cves).size).toBe(cves.length);
  });
});

describe('bad input never sinks the run, and never passes as clean', () => {
  it('reports a malformed lockfile as a warning naming it and scans the others', async () => {
    const tree = await tempDir('bad');
    await cp(path.join(EXAMPLES, 'billing-api'), path.join(tree, 'billing-api'), { recursive: true });
    await mkdir(path.join(tree, 'broken'));
    await writeFile(path.join(tree, 'broken', 'package-lock.json'), '{"lockfileVersion": 3, "packages": {');
    const out = await tempDir('bad-out');
    const run = await cli(['scan', tree, '--out', out, '--offline-db', EXAMPLES_DB, '--quiet']);
    expect(run.code).toBe(0);
    const doc = await readFindingsDocument(path.join(out, 'findings.json'));
    expect(doc.warnings).toEqual(expect.arrayContaining([expect.objectContaining({ file: 'broken/package-lock.json', scanner: 'dependencies' })]));
    expect(doc.findings.some((f) => f.location.path.startsWith('billing-api/'))).toBe(true);
    expect(run.stdout).toMatch(/warning: broken\/package-lock.json/);
  });

  it('calls a tree with nothing to scan an error, not a pass', async () => {
    const tree = await tempDir('empty');
    await writeFile(path.join(tree, 'README.md'), '# nothing here\n');
    const out = await tempDir('empty-out');
    // A dependency scan of a tree without a lockfile has examined nothing.
    const run = await cli(['scan', tree, '--out', out, '--offline-db', EXAMPLES_DB, '--scanners', 'dependencies', '--quiet']);
    expect(run.code).toBe(1);
    const doc = await readFindingsDocument(path.join(out, 'findings.json'));
    expect(doc.summary.result).toBe('error');
    expect(doc.errors[0]).toMatch(/nothing to scan/);
    const allowed = await cli(['scan', tree, '--out', await tempDir('empty-ok'), '--offline-db', EXAMPLES_DB, '--scanners', 'dependencies', '--allow-empty', '--quiet']);
    expect(allowed.code).toBe(0);
    // With every scanner enabled, an empty directory is still nothing to scan.
    const bare = await tempDir('bare');
    const all = await cli(['scan', bare, '--out', await tempDir('bare-out'), '--offline-db', EXAMPLES_DB, '--quiet']);
    expect(all.code).toBe(1);
    expect(all.stdout).toMatch(/nothing to scan/);
  });

  it('exits 2 naming the path when an offline database cannot be read', async () => {
    const run = await cli(['scan', EXAMPLES, '--out', await tempDir('nodb'), '--offline-db', '/nonexistent/osv', '--quiet']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/\/nonexistent\/osv/);
  });

  it('exits 2 on an unknown flag or a bad severity', async () => {
    expect((await cli(['scan', EXAMPLES, '--frobnicate'])).code).toBe(2);
    const bad = await cli(['scan', EXAMPLES, '--offline-db', EXAMPLES_DB, '--fail-on-severity', 'severe']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/severe/);
  });

  it('reports an unreachable OSV API as result error, never as zero findings', async () => {
    // A port that was free a moment ago: nothing listens there, so every request is refused.
    const port = await new Promise<number>((resolve) => {
      const server = createServer();
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const out = await tempDir('osv-down');
    const run = await cli(['scan', path.join(EXAMPLES, 'billing-api'), '--out', out, '--advisories', 'osv', '--osv-url', `http://127.0.0.1:${port}`, '--quiet']);
    expect(run.code).toBe(1);
    const doc = await readFindingsDocument(path.join(out, 'findings.json'));
    expect(doc.summary.result).toBe('error');
    expect(doc.errors.join(' ')).toMatch(/advisory source .* failed/);
  });

  it('fails the gate when asked to, and only then', async () => {
    const run = await cli(['scan', EXAMPLES, '--out', await tempDir('gate'), '--offline-db', EXAMPLES_DB, '--fail-on-severity', 'critical', '--quiet']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/result: fail/);
  });
});

it('reads the corpus from the configured location', () => {
  expect(corpusPath('lockfiles', 'index.json')).toContain(CORPUS);
});
