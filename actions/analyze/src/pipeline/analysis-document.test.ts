import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  ANALYSIS_SCHEMA_ID,
  ANALYSIS_SCHEMA_ID_V1,
  parseAnalysisDocument,
  readAnalysisDocument,
  type AnalysisDocument,
} from '../../../../src/shared/contracts/analysis.js';
import type { FindingsDocument } from '../../../../src/shared/contracts/findings.js';
import { InvalidDocumentError } from '../../../../src/shared/errors.js';
import { memoryLogger } from '../../../../src/shared/logger.js';
import { policyDecider } from '../decider.js';
import { computeFacts, decide, loadPolicies } from '../policy/index.js';
import { writeBenchInput } from './bench-input.js';
import { parseConfigFile } from './config.js';
import { scanInto, settingsWith, tempDir } from './fixtures.test-util.js';
import { runAnalysis } from './run.js';
import { writeAnalysisJson } from './writer.js';

/**
 * analysis.json as written (`secloop.analysis/v2`: rules, advisories and decisions stored once) and read back,
 * on real findings: the demo apps' scan, varied into 20 matrix cells of 8,000 distinct findings (more than one
 * validation chunk), decided by the shipped healing policies, with a config ignore entry suppressing some.
 */
describe('the analysis document on disk', () => {
  let template: FindingsDocument;
  let document: AnalysisDocument;
  let file: string;
  let text: string;

  beforeAll(async () => {
    template = await scanInto(await tempDir('template'));
    const root = await tempDir('cells');
    await writeBenchInput({ dir: root, template, artifacts: 20, findingsPerArtifact: 400, distinct: 8000 });
    const lodash = template.findings.find((f) => f.package?.name === 'lodash')!;
    const config = parseConfigFile(['ignore:', `  - id: ${lodash.advisory!.id}`, '    reason: only reached from the build scripts', ''].join('\n'), '/repo/secloop.yml');
    const { decide: decideFn } = await policyDecider();
    const outcome = await runAnalysis({
      inputDirs: [root],
      outDir: await tempDir('out'),
      settings: settingsWith({ ignore: config.ignore, configFile: '/repo/secloop.yml' }),
      decide: decideFn,
      logger: memoryLogger(),
    });
    document = outcome.document;
    file = outcome.outputs.analysis;
    text = await readFile(file, 'utf8');
  });

  it('reads back as the document that was analysed', async () => {
    expect(document.summary.total).toBe(8000);
    expect(document.summary.suppressed).toBeGreaterThan(0);
    const read = await readAnalysisDocument(file);
    expect(read.schema).toBe(ANALYSIS_SCHEMA_ID);
    expect(read).toEqual(JSON.parse(JSON.stringify(document)));
  });

  it('stores each rule, advisory and decision once, and a finding names them by index', () => {
    const stored = JSON.parse(text) as { rules: unknown[]; advisories: unknown[]; decisions: unknown[]; findings: { rule: number; decision: number }[] };
    const distinct = (values: unknown[]) => new Set(values.map((v) => JSON.stringify(v))).size;
    expect(stored.rules.length).toBe(distinct(document.findings.map((f) => f.rule)));
    expect(stored.advisories.length).toBe(distinct(document.findings.filter((f) => f.advisory).map((f) => f.advisory)));
    // The demo apps' findings are a few dozen distinct cases, however many cells report them.
    expect(stored.decisions.length).toBe(distinct(document.findings.map((f) => f.decision)));
    expect(stored.decisions.length).toBeLessThan(100);
    expect(stored.findings[0]!.decision).toEqual(expect.any(Number));
    // One finding per line: greppable, and never one giant string.
    expect(text.split('\n').filter((l) => l.startsWith('    {"fingerprint":'))).toHaveLength(document.findings.length);
  });

  it('gives shared decisions equal to deciding each finding afresh', async () => {
    const { policies } = await loadPolicies();
    const byFingerprint = new Map(document.findings.map((f) => [f.fingerprint, f]));
    const describeFinding = (fingerprint: string) => byFingerprint.get(fingerprint)?.fingerprint;
    for (const f of document.findings) {
      const { decision, ...undecided } = f;
      expect(decision).toEqual(decide(undecided, computeFacts(undecided, { policies, testEnvironment: false }), policies, { describe: describeFinding }));
    }
    expect(new Set(document.findings.map((f) => f.decision.outcome)).size).toBeGreaterThan(2);
  });

  it('still reads secloop.analysis/v1, which held every rule, advisory and decision inline', async () => {
    const v1 = JSON.stringify({ ...document, schema: ANALYSIS_SCHEMA_ID_V1 });
    const read = parseAnalysisDocument(v1, 'v1.json');
    expect(read).toEqual(JSON.parse(JSON.stringify(document)));
    // A v1 document with v2's references is not v1.
    const mixed = JSON.stringify({ ...JSON.parse(text), schema: ANALYSIS_SCHEMA_ID_V1 });
    expect(() => parseAnalysisDocument(mixed, 'mixed.json')).toThrow('/ must NOT have additional properties (rules)');
  });

  it('names a v1 problem where the v1 document has it', () => {
    const v1 = JSON.parse(JSON.stringify({ ...document, schema: ANALYSIS_SCHEMA_ID_V1 })) as { findings: { decision: { outcome: string }; rule: { help?: string } }[] };
    v1.findings[3]!.decision.outcome = 'shrug';
    delete v1.findings[7]!.rule.help;
    const error = (() => {
      try {
        parseAnalysisDocument(JSON.stringify(v1), 'v1.json');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InvalidDocumentError);
    expect((error as InvalidDocumentError).problems).toEqual([
      "/findings/7/rule must have required property 'help'",
      '/findings/3/decision/outcome must be equal to one of the allowed values (allowed: auto_heal, fix_pr, issue, escalate, none)',
    ]);
  });

  it('names a reference outside its table', () => {
    const stored = JSON.parse(text) as { decisions: unknown[]; findings: { decision: number }[] };
    stored.findings[3]!.decision = stored.decisions.length;
    const error = (() => {
      try {
        parseAnalysisDocument(JSON.stringify(stored), 'tampered.json');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InvalidDocumentError);
    expect((error as InvalidDocumentError).problems).toEqual([`/findings/3/decision is ${stored.decisions.length}, but decisions has ${stored.decisions.length} entries`]);
  });

  it('names an invalid finding by its place in the whole document, past the first chunk', async () => {
    const findings = [...document.findings];
    findings[6123] = { ...findings[6123]!, status: 'gone' as 'new' };
    const target = path.join(path.dirname(file), 'broken.json');
    const error = await writeAnalysisJson(target, { ...document, findings }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidDocumentError);
    expect((error as InvalidDocumentError).problems).toEqual(['/findings/6123/status must be equal to one of the allowed values (allowed: new, unchanged, fixed)']);
  });

  it('still refuses rows whose analysis fields are wrong, and an unknown field, though it does not re-check finding bodies', async () => {
    const findings = [...document.findings];
    const { group: _group, ...withoutGroup } = findings[1]!;
    findings[1] = withoutGroup as typeof findings[1];
    findings[2] = { ...findings[2]!, scoring: { ...findings[2]!.scoring!, base_confidence: 2 } };
    findings[5001] = { ...findings[5001]!, sources: [] };
    findings[5002] = { ...findings[5002]!, surprise: true } as typeof findings[1];
    const target = path.join(path.dirname(file), 'broken-rows.json');
    const error = await writeAnalysisJson(target, { ...document, findings }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidDocumentError);
    expect((error as InvalidDocumentError).problems).toEqual([
      "/findings/1 must have required property 'group'",
      '/findings/2/scoring/base_confidence must be <= 1',
    ]);
    // The next chunk is reached only once the first is valid.
    findings[1] = document.findings[1]!;
    findings[2] = document.findings[2]!;
    const next = await writeAnalysisJson(target, { ...document, findings }).catch((e: unknown) => e);
    expect((next as InvalidDocumentError).problems).toEqual(['/findings/5001/sources must NOT have fewer than 1 items', '/findings/5002 must NOT have additional properties (surprise)']);
  });

  it('writes a piece larger than its write buffer, and non-ASCII text, byte for byte', async () => {
    const reason = `a warning × 3 … ${'→'.repeat(1_500_000)} end`;
    const target = path.join(path.dirname(file), 'large-piece.json');
    await writeAnalysisJson(target, { ...document, warnings: [{ reason }] });
    const back = await readAnalysisDocument(target);
    expect(back.warnings).toEqual([{ reason }]);
    expect(back.findings).toHaveLength(document.findings.length);
    expect(back.findings.at(-1)).toEqual(document.findings.at(-1));
  });

  it('refuses a schema it does not know, naming the versions it reads', async () => {
    const target = path.join(path.dirname(file), 'v3.json');
    await writeFile(target, JSON.stringify({ ...JSON.parse(text), schema: 'secloop.analysis/v3' }));
    await expect(readAnalysisDocument(target)).rejects.toThrow(`schema is "secloop.analysis/v3"; this secloop reads ${ANALYSIS_SCHEMA_ID} and ${ANALYSIS_SCHEMA_ID_V1}`);
  });
});
