import { findPolicy } from './match.js';
import { describe, expect, test } from '@jest/globals';
import { Ajv } from 'ajv';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { ConfigurationError } from '../../../../src/shared/errors.js';
import { REPO_ROOT } from '../../../../test/corpus.js';
import { PolicyFileError } from './errors.js';
import { combinePolicies, defaultPolicyFilePath, loadPolicies, parsePolicyFile, readPolicyFile } from './load.js';
import { ACTION_TYPE_NAMES, CONDITION_NAMES, POLICY_SEVERITIES, VALIDATION_NAMES } from './vocabulary.js';

const DEFAULT_FILE = path.join(REPO_ROOT, 'policies/healing-policies.yaml');
const SCHEMA_FILE = path.join(REPO_ROOT, 'policies/healing-policies.schema.json');

/** The message a bad file produces (the loader must throw a PolicyFileError, never anything else). */
function problemsOf(text: string, file = 'policies.yaml'): string {
  try {
    parsePolicyFile(text, file);
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyFileError);
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as Error).message;
  }
  throw new Error('expected the policy file to be rejected');
}

const GOOD_POLICY = `policies:
  - name: deps
    event_type: vulnerability.dependency
    auto_heal_severities: [low, medium]
    confidence_threshold: 0.9
    actions:
      - type: update_dependency
        conditions: [patch_available]
    rollback_enabled: true
`;

describe('the shipped policies/healing-policies.yaml', () => {
  test('holds the three seed policies with the seed’s values, unchanged', async () => {
    const { policies } = await readPolicyFile(DEFAULT_FILE);
    const byName = new Map(policies.map((p) => [p.name, p]));
    const strip = (name: string) => {
      const p = byName.get(name)!;
      return {
        event_type: p.event_type,
        auto_heal_severities: p.auto_heal_severities,
        confidence_threshold: p.confidence_threshold,
        actions: p.actions.map(({ source: _source, ...a }) => a),
        rollback_enabled: p.rollback_enabled,
        test_required: p.test_required,
      };
    };
    // Values as printed in seed 000 ("healing-policies.yaml").
    expect(strip('dependency-vulnerability')).toEqual({
      event_type: 'vulnerability.dependency',
      auto_heal_severities: ['low', 'medium'],
      confidence_threshold: 0.9,
      actions: [
        { type: 'update_dependency', conditions: ['patch_available', 'no_breaking_changes'] },
        { type: 'create_pr', conditions: ['fix_available'] },
      ],
      rollback_enabled: true,
      test_required: undefined,
    });
    expect(strip('container-misconfiguration')).toEqual({
      event_type: 'misconfiguration.container',
      auto_heal_severities: ['low', 'medium', 'high'],
      confidence_threshold: 0.85,
      actions: [
        { type: 'update_deployment', conditions: ['known_fix', 'test_environment'] },
        { type: 'apply_policy', conditions: ['policy_exists'] },
      ],
      rollback_enabled: true,
      test_required: undefined,
    });
    expect(strip('exposed-secret')).toEqual({
      event_type: 'secret.exposed',
      auto_heal_severities: ['critical'],
      confidence_threshold: 1,
      actions: [
        { type: 'rotate_secret', conditions: [], immediate: true },
        { type: 'update_references', conditions: [] },
        { type: 'notify_security_team', conditions: [] },
      ],
      rollback_enabled: false,
      test_required: undefined,
    });
    // Seed 000's exercise "custom-healing-policy.yaml".
    expect(strip('sql-injection-fix')).toEqual({
      event_type: 'vulnerability.sql_injection',
      auto_heal_severities: ['high', 'critical'],
      confidence_threshold: 0.95,
      actions: [
        { type: 'apply_parameterized_query', conditions: [], validation: ['code_review'] },
        { type: 'create_fix_pr', conditions: [], require_approval: false },
      ],
      rollback_enabled: true,
      test_required: true,
    });
  });

  test('covers every event type secloop emits', async () => {
    const { policies } = await loadPolicies();
    // The event types of secloop's scanners (and of imported SARIF), each reaching the policy meant for it.
    const expected: Record<string, string> = {
      'vulnerability.dependency': 'dependency-vulnerability',
      'vulnerability.sql_injection': 'sql-injection-fix',
      'secret.exposed': 'exposed-secret',
      'misconfiguration.container': 'container-misconfiguration',
      'misconfiguration.kubernetes': 'kubernetes-misconfiguration',
      'misconfiguration.workflow': 'workflow-misconfiguration',
      'vulnerability.code_injection': 'code-vulnerability',
      'vulnerability.command_injection': 'code-vulnerability',
      'vulnerability.unsafe_deserialization': 'code-vulnerability',
      'vulnerability.code': 'code-vulnerability',
      'runtime.probe_failure': 'runtime-incident',
      'runtime.crash_loop': 'runtime-incident',
    };
    expect(Object.fromEntries(Object.keys(expected).map((t) => [t, findPolicy(t, policies)?.name]))).toEqual(expected);
    expect(policies.every((p) => p.source.file === DEFAULT_FILE && p.source.line > 0)).toBe(true);
    expect(defaultPolicyFilePath()).toBe(DEFAULT_FILE);
  });

  test('validates against policies/healing-policies.schema.json, whose words match the loader’s', async () => {
    const schema = JSON.parse(await readFile(SCHEMA_FILE, 'utf8'));
    const validate = new Ajv({ allErrors: true }).compile(schema);
    expect(validate(parse(await readFile(DEFAULT_FILE, 'utf8')))).toBe(true);
    expect(validate.errors ?? null).toBeNull();
    expect(schema.definitions.action.properties.type.enum).toEqual(ACTION_TYPE_NAMES);
    expect(schema.definitions.condition.enum).toEqual(CONDITION_NAMES);
    expect(schema.definitions.validation.enum).toEqual(VALIDATION_NAMES);
    expect(schema.definitions.severity.enum).toEqual(Object.keys(POLICY_SEVERITIES));
    // The schema rejects what the loader rejects (a sample of the bad files below).
    for (const bad of [
      GOOD_POLICY.replace('update_dependency', 'patch_it'),
      GOOD_POLICY.replace('0.9', '1.5'),
      GOOD_POLICY.replace('[low, medium]', '[low, severe]'),
      GOOD_POLICY.replace('[patch_available]', '[patch_avaliable]'),
      GOOD_POLICY.replace('    rollback_enabled: true\n', ''),
    ]) {
      expect(validate(parse(bad))).toBe(false);
      expect(() => parsePolicyFile(bad, 'bad.yaml')).toThrow(PolicyFileError);
    }
  });
});

describe('bad policy files: every error names file, line and field', () => {
  test('unknown action type', () => {
    expect(problemsOf(GOOD_POLICY.replace('update_dependency', 'patch_it'))).toBe(
      'policies.yaml:7 (policies[0].actions[0].type): unknown action type "patch_it"; expected one of update_dependency, create_pr, ' +
        'update_deployment, apply_policy, rotate_secret, update_references, notify_security_team, apply_parameterized_query, create_fix_pr, ' +
        'revoke_secret, notify, create_issue, apply_fix, add_test, escalate, rollback',
    );
  });

  test('bad severity; moderate is accepted as medium', () => {
    expect(problemsOf(GOOD_POLICY.replace('[low, medium]', '[low, severe]'))).toBe(
      'policies.yaml:4 (policies[0].auto_heal_severities[1]): unknown severity "severe"; expected one of critical, high, medium, moderate, low, info',
    );
    const { policies } = parsePolicyFile(GOOD_POLICY.replace('[low, medium]', '[low, moderate, medium]'), 'p.yaml');
    expect(policies[0]!.auto_heal_severities).toEqual(['low', 'medium']);
  });

  test('threshold outside 0-1 or not a number', () => {
    expect(problemsOf(GOOD_POLICY.replace('0.9', '1.5'))).toBe(
      "policies.yaml:5 (policies[0].confidence_threshold): expected a number from 0 to 1 (the scanner's confidence needed to heal), got 1.5",
    );
    expect(problemsOf(GOOD_POLICY.replace('0.9', '"high"'))).toBe(
      'policies.yaml:5 (policies[0].confidence_threshold): expected a number from 0 to 1 (the scanner\'s confidence needed to heal), got "high"',
    );
    expect(problemsOf(GOOD_POLICY.replace('0.9', '-0.1'))).toMatch(/^policies\.yaml:5 \(policies\[0\]\.confidence_threshold\): .* got -0\.1$/);
  });

  test('unknown condition name', () => {
    expect(problemsOf(GOOD_POLICY.replace('[patch_available]', '[patch_available, patch_avaliable]'))).toBe(
      'policies.yaml:8 (policies[0].actions[0].conditions[1]): unknown condition "patch_avaliable"; expected one of patch_available, ' +
        'no_breaking_changes, fix_available, known_fix, policy_exists, test_environment',
    );
  });

  test('duplicate policy names and duplicate event types', () => {
    const twice = `${GOOD_POLICY}${GOOD_POLICY.replace('policies:\n', '').replace('vulnerability.dependency', 'secret.exposed')}`;
    expect(problemsOf(twice)).toBe('policies.yaml:10 (policies[1].name): duplicate policy name "deps" (first defined at line 2)');
    const sameEvent = `${GOOD_POLICY}${GOOD_POLICY.replace('policies:\n', '').replace('name: deps', 'name: deps-2')}`;
    expect(problemsOf(sameEvent)).toBe(
      'policies.yaml:10 (policies[1].event_type): event type "vulnerability.dependency" already has policy "deps" (line 2); one policy per event type',
    );
  });

  test('unknown and missing fields', () => {
    expect(problemsOf(GOOD_POLICY.replace('    rollback_enabled: true', '    rollback: true'))).toBe(
      'policies.yaml:9 (policies[0].rollback): unknown field "rollback"; expected one of name, event_type, auto_heal_severities, ' +
        'confidence_threshold, actions, rollback_enabled, test_required\n' +
        'policies.yaml:2 (policies[0].rollback_enabled): missing field "rollback_enabled" (true or false)',
    );
    expect(problemsOf(GOOD_POLICY.replace('        conditions:', '        when:'))).toBe(
      'policies.yaml:8 (policies[0].actions[0].when): unknown field "when"; expected one of type, conditions, immediate, validation, require_approval',
    );
    expect(problemsOf(GOOD_POLICY.replace('policies:', 'policy:'))).toMatch(/^policies\.yaml:1 \(policy\): unknown field "policy"; expected one of extends, policies, healing_policies\n/);
  });

  test('bad event type, boolean and validation values', () => {
    expect(problemsOf(GOOD_POLICY.replace('vulnerability.dependency', 'Dependency'))).toBe(
      'policies.yaml:3 (policies[0].event_type): "Dependency" is not an event type: expected <family>.<kind> in lower case ' +
        '(vulnerability.dependency) or a prefix wildcard (runtime.*)',
    );
    expect(problemsOf(GOOD_POLICY.replace('rollback_enabled: true', 'rollback_enabled: yes'))).toBe(
      'policies.yaml:9 (policies[0].rollback_enabled): expected true or false, got "yes"',
    );
    expect(problemsOf(GOOD_POLICY.replace('        conditions: [patch_available]', '        validation: peer_review'))).toBe(
      'policies.yaml:8 (policies[0].actions[0].validation): unknown validation "peer_review"; expected one of code_review, tests_pass, rescan_clean',
    );
  });

  test('YAML errors, empty files, wrong shapes and a bad extends', () => {
    expect(problemsOf(GOOD_POLICY.replace('    rollback_enabled: true', '    name: again\n    rollback_enabled: true'))).toBe(
      'policies.yaml:9: YAML syntax error: Map keys must be unique',
    );
    expect(problemsOf('# nothing here\n')).toBe('policies.yaml:1: the file is empty; expected `policies:` with a list of healing policies');
    expect(problemsOf('policies: dependency\n')).toBe('policies.yaml:1 (policies): expected a list of healing policies');
    expect(problemsOf(`extends: defaults\n${GOOD_POLICY}`)).toBe('policies.yaml:1 (extends): expected "default" (the shipped policies), got "defaults"');
    expect(problemsOf(GOOD_POLICY.replace('    actions:\n      - type: update_dependency\n        conditions: [patch_available]\n', '    actions: []\n'))).toBe(
      'policies.yaml:6 (policies[0].actions): expected a non-empty list of actions (each with a `type`)',
    );
  });

  test('every problem is reported, in file order', () => {
    const text = GOOD_POLICY.replace('[low, medium]', '[urgent]').replace('0.9', '9').replace('update_dependency', 'fix');
    const error = (() => {
      try {
        parsePolicyFile(text, 'many.yaml');
      } catch (e) {
        return e as PolicyFileError;
      }
      throw new Error('expected a rejection');
    })();
    expect(error.problems.map((p) => `${p.line} ${p.field}`)).toEqual([
      '4 policies[0].auto_heal_severities[0]',
      '5 policies[0].confidence_threshold',
      '7 policies[0].actions[0].type',
    ]);
    expect(error.file).toBe('many.yaml');
    expect(error.line).toBe(4);
  });
});

describe('user files: replace or extend the defaults', () => {
  test('without extends the user file is the whole policy', async () => {
    const defaults = await readPolicyFile(DEFAULT_FILE);
    const set = combinePolicies(defaults, parsePolicyFile(GOOD_POLICY, 'mine.yaml'));
    expect(set.policies.map((p) => p.name)).toEqual(['deps']);
    expect(set.files).toEqual(['mine.yaml']);
  });

  test('extends: default replaces the policy of the same name or event type and adds the rest', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'secloop-policies-'));
    try {
      const file = path.join(dir, 'secloop-policies.yaml');
      const text = `extends: default\n${GOOD_POLICY}  - name: licence\n    event_type: license.denied\n    auto_heal_severities: []\n` +
        '    confidence_threshold: 0.5\n    actions: [{ type: create_issue }]\n    rollback_enabled: false\n';
      await writeFile(file, text);
      const set = await loadPolicies({ policyFile: file });
      expect(set.files).toEqual([DEFAULT_FILE, file]);
      const names = set.policies.map((p) => p.name);
      expect(names).toContain('deps');
      expect(names).not.toContain('dependency-vulnerability');
      expect(names).toContain('licence');
      expect(names).toContain('exposed-secret');
      expect(set.policies.filter((p) => p.event_type === 'vulnerability.dependency')).toHaveLength(1);
      expect(set.policies.find((p) => p.name === 'deps')!.source).toEqual({ file, line: 3 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('a file holding one policy (the seed exercise’s custom-healing-policy.yaml) adds it to the defaults', async () => {
    const exercise = [
      'name: "sql-injection-fix"',
      'event_type: "vulnerability.sql_injection"',
      'auto_heal_severities: ["high", "critical"]',
      'confidence_threshold: 0.99',
      'actions:',
      '  - type: "apply_parameterized_query"',
      '    validation: "code_review"',
      '  - type: "create_fix_pr"',
      '    require_approval: false',
      'rollback_enabled: true',
      'test_required: true',
      '',
    ].join('\n');
    const user = parsePolicyFile(exercise, 'custom-healing-policy.yaml');
    expect(user.extends).toBe('default');
    const set = combinePolicies(await readPolicyFile(DEFAULT_FILE), user);
    expect(set.policies).toHaveLength(8);
    expect(set.policies.find((p) => p.name === 'sql-injection-fix')!.confidence_threshold).toBe(0.99);
  });

  test('healing_policies is accepted for policies, not both', () => {
    expect(parsePolicyFile(GOOD_POLICY.replace('policies:', 'healing_policies:'), 'p.yaml').policies).toHaveLength(1);
    expect(problemsOf(`${GOOD_POLICY}healing_policies: []\n`)).toBe(
      'policies.yaml:10 (healing_policies): give the list once: `policies` and `healing_policies` are the same field',
    );
  });

  test('an unreadable file is a ConfigurationError naming it', async () => {
    const missing = path.join(os.tmpdir(), 'secloop-no-such-policies.yaml');
    await expect(loadPolicies({ policyFile: missing })).rejects.toThrow(
      new ConfigurationError(`cannot read the policy file: ENOENT: no such file or directory, open '${missing}'`, missing),
    );
  });
});
