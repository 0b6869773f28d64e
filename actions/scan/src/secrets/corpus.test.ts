import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { corpusPath } from '../../../../test/corpus.js';
import { loadConfigFile, loadDefaultConfig, type SecretsConfig } from './config.js';
import { SecretDetector, type RawFinding } from './detector.js';

/**
 * gitleaks' own expectations (read out of its Go tests into the shared corpus): detect/detect_test.go TestDetect
 * and TestFromFiles, and the per-rule true/false positives of cmd/generate/config/rules.
 */

interface GitleaksFinding {
  RuleID: string;
  Secret?: string;
  Match?: string;
  StartLine?: number;
  EndLine?: number;
  StartColumn?: number;
  EndColumn?: number;
  Entropy?: number;
  Tags?: string[];
}

interface DetectCase {
  name: string;
  config: string;
  fragment: { Raw: string; FilePath?: string; CommitSHA?: string };
  expectedFindings: GitleaksFinding[];
  baselinePath?: string;
}

const secretsCorpus = (...parts: string[]) => corpusPath('secrets', ...parts);
const detectCases = JSON.parse(readFileSync(secretsCorpus('detect-cases.json'), 'utf8')) as { cases: DetectCase[] };

/** gitleaks' TestDetect runs every case with MaxDecodeDepth 8 (its CLI default is 5). */
const TEST_MAX_DECODE_DEPTH = 8;

/** gitleaks reports 0-based lines and counts the preceding newline as column 1 on every line but the first. */
function asGitleaks(f: RawFinding, pathOnly: boolean) {
  if (pathOnly) return { RuleID: f.ruleId, Match: f.match };
  return {
    RuleID: f.ruleId,
    Secret: f.secret,
    Match: f.match,
    StartLine: f.startLine - 1,
    EndLine: f.endLine - 1,
    StartColumn: f.startColumn + (f.startLine > 1 ? 1 : 0),
    EndColumn: f.endColumn + (f.endLine > 1 ? 1 : 0),
    Tags: f.tags,
  };
}

function expectedShape(f: GitleaksFinding) {
  if (f.Secret === undefined && f.Match?.startsWith('file detected: ')) return { RuleID: f.RuleID, Match: f.Match };
  return {
    RuleID: f.RuleID,
    Secret: f.Secret,
    Match: f.Match,
    StartLine: f.StartLine ?? 0,
    EndLine: f.EndLine ?? 0,
    StartColumn: f.StartColumn,
    EndColumn: f.EndColumn,
    Tags: f.Tags ?? [],
  };
}

function runCase(config: SecretsConfig, c: DetectCase) {
  const detector = new SecretDetector(config, { maxDecodeDepth: TEST_MAX_DECODE_DEPTH });
  const filePath = c.fragment.FilePath ?? '';
  // gitleaks never reports on its own baseline file.
  if (c.baselinePath && filePath === c.baselinePath) return { findings: [], entropies: [] };
  const content = detector.detect({ text: c.fragment.Raw, path: filePath, commit: c.fragment.CommitSHA });
  const paths = filePath ? detector.detectPath(filePath, c.fragment.CommitSHA) : [];
  return {
    findings: [...content.map((f) => asGitleaks(f, false)), ...paths.map((f) => asGitleaks(f, true))],
    entropies: content.map((f) => ({ key: sortKey(asGitleaks(f, false)), Entropy: f.entropy })),
  };
}

const sortKey = (f: object) => JSON.stringify(f);

describe('gitleaks TestDetect cases (detect-cases.json)', () => {
  test('the corpus holds the 23 cases', () => {
    expect(detectCases.cases.length).toBe(23);
  });

  for (const c of detectCases.cases) {
    test(c.name, () => {
      const config = loadConfigFile(secretsCorpus(c.config));
      const { findings, entropies } = runCase(config, c);
      expect(findings.map(sortKey).sort()).toEqual(c.expectedFindings.map(expectedShape).map(sortKey).sort());
      // Each expected finding's entropy, paired by everything else the finding says (a rule may find several).
      for (const expected of c.expectedFindings.filter((f) => f.Entropy !== undefined)) {
        const got = entropies.find((e) => e.key === sortKey(expectedShape(expected)));
        expect({ finding: expected.Match, entropy: got?.Entropy.toFixed(4) }).toEqual({ finding: expected.Match, entropy: expected.Entropy!.toFixed(4) });
      }
    });
  }

  test('"detect encoded" needs every decoding pass up to depth 7, and no pass finds nothing without decoding', () => {
    const c = detectCases.cases.find((x) => x.name === 'detect encoded')!;
    const config = loadConfigFile(secretsCorpus(c.config));
    const plainOnly = new SecretDetector(config, { maxDecodeDepth: 0 }).detect({ text: c.fragment.Raw, path: c.fragment.FilePath ?? '' });
    const plain = c.expectedFindings.filter((f) => !(f.Tags ?? []).some((t) => t.startsWith('decoded:')));
    expect(plainOnly.map((f) => sortKey(asGitleaks(f, false))).sort()).toEqual(plain.map(expectedShape).map(sortKey).sort());
    // gitleaks' CLI default (5 passes) misses the value encoded 7 times and nothing else.
    const byDefault = new SecretDetector(config).detect({ text: c.fragment.Raw, path: c.fragment.FilePath ?? '' });
    expect(c.expectedFindings.length - byDefault.length).toBe(1);
    expect(Math.max(...byDefault.map((f) => f.decodeDepth))).toBe(5);
  });
});

describe('gitleaks TestFromFiles case (files-cases.json)', () => {
  const cases = JSON.parse(readFileSync(secretsCorpus('files-cases.json'), 'utf8')) as {
    cases: { name: string; config: string; file: string; expectedFindings: GitleaksFinding[] }[];
  };
  for (const c of cases.cases) {
    test(c.name, () => {
      const detector = new SecretDetector(loadConfigFile(secretsCorpus(c.config)));
      const text = readFileSync(secretsCorpus(c.file), 'utf8');
      const findings = detector.detect({ text, path: c.file });
      // File lines are 1-based here; columns as gitleaks counts them (see asGitleaks).
      expect(findings.map((f) => ({ ...asGitleaks(f, false), StartLine: f.startLine, EndLine: f.endLine }))).toEqual(
        c.expectedFindings.map((f) => ({ RuleID: f.RuleID, Secret: f.Secret, Match: f.Match, StartLine: f.StartLine, EndLine: f.EndLine, StartColumn: f.StartColumn, EndColumn: f.EndColumn, Tags: f.Tags ?? [] })),
      );
    });
  }
});

interface RuleExamples {
  ruleId: string;
  truePositives?: string[];
  falsePositives?: string[];
  truePositivesByPath?: Record<string, string>;
  falsePositivesByPath?: Record<string, string>;
  inDefaultConfig: boolean;
}

describe('gitleaks per-rule examples (rule-examples.json) with the default rules', () => {
  const examples = JSON.parse(readFileSync(secretsCorpus('rule-examples.json'), 'utf8')) as { rules: RuleExamples[] };
  const defaults = loadDefaultConfig();

  test('all 222 default rules load', () => {
    expect(defaults.rules.length).toBe(222);
    expect(defaults.rules.filter((r) => r.regex).length).toBe(221);
  });

  /** As gitleaks' utils.Validate: a detector holding only this rule plus the default global allowlists. */
  const onlyRule = (id: string): SecretDetector => {
    const rule = defaults.rules.find((r) => r.id === id);
    if (!rule) throw new Error(`rule ${id} is not in the default config`);
    return new SecretDetector({ ...defaults, rules: [rule] });
  };
  const findingsOf = (detector: SecretDetector, text: string, file = '') => [
    ...detector.detect({ text, path: file }),
    ...(file ? detector.detectPath(file) : []),
  ];

  for (const rule of examples.rules.filter((r) => r.inDefaultConfig)) {
    test(rule.ruleId, () => {
      const detector = onlyRule(rule.ruleId);
      for (const tp of rule.truePositives ?? []) {
        expect({ tp, found: findingsOf(detector, tp).length > 0 }).toEqual({ tp, found: true });
      }
      for (const fp of rule.falsePositives ?? []) {
        expect({ fp, found: findingsOf(detector, fp).map((f) => f.match) }).toEqual({ fp, found: [] });
      }
      for (const [file, tp] of Object.entries(rule.truePositivesByPath ?? {})) {
        expect({ file, found: findingsOf(detector, tp, file).length }).toEqual({ file, found: 1 });
      }
      for (const [file, fp] of Object.entries(rule.falsePositivesByPath ?? {})) {
        expect({ file, found: findingsOf(detector, fp, file).length }).toEqual({ file, found: 0 });
      }
    });
  }

  test('rules not in the default config are named as such in the corpus', () => {
    const missing = examples.rules.filter((r) => !r.inDefaultConfig).map((r) => r.ruleId);
    for (const id of missing) expect(defaults.rules.some((r) => r.id === id)).toBe(false);
    expect(missing.sort()).toEqual(['gcp-service-account', 'square-secret']);
  });

  test('the corpus configs all load', () => {
    const dir = secretsCorpus('config');
    for (const file of ['composite.toml', 'encoded.toml', 'generic.toml', 'generic_with_py_path.toml', 'simple.toml']) {
      expect(loadConfigFile(path.join(dir, file)).rules.length).toBeGreaterThan(0);
    }
  });
});
