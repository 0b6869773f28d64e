import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair } from 'yaml';
import type { SeverityLevel } from '../../../../src/shared/contracts/findings.js';
import { ConfigurationError, errorMessage } from '../../../../src/shared/errors.js';
import { PolicyFileError, type PolicyProblem } from './errors.js';
import type { HealingPolicy, PolicyAction, PolicySet } from './types.js';
import {
  ACTION_TYPE_NAMES,
  CONDITION_NAMES,
  isActionType,
  isConditionName,
  isValidationName,
  POLICY_SEVERITIES,
  VALIDATION_NAMES,
  type ConditionName,
  type ValidationName,
} from './vocabulary.js';

/** One parsed policy file, before it is combined with the defaults. */
export interface PolicyFile {
  file: string;
  /** `extends: default`: the file adds to (and overrides) the shipped policies instead of replacing them. */
  extends?: 'default';
  policies: HealingPolicy[];
}

export const DEFAULT_POLICY_FILE_NAME = 'healing-policies.yaml';

const TOP_LEVEL_FIELDS = ['extends', 'policies', 'healing_policies'];
const POLICY_FIELDS = ['name', 'event_type', 'auto_heal_severities', 'confidence_threshold', 'actions', 'rollback_enabled', 'test_required'];
const ACTION_FIELDS = ['type', 'conditions', 'immediate', 'validation', 'require_approval'];
/** `vulnerability.dependency`, `misconfiguration.container`, or a prefix wildcard: `runtime.*`. */
const EVENT_TYPE = /^[a-z_]+\.(?:\*|[a-z0-9_]+(?:\.[a-z0-9_]+)*(?:\.\*)?)$/;

const list = (names: readonly string[]) => names.join(', ');

/**
 * Reads a healing-policy file: the YAML is parsed with node positions so that every problem names the file,
 * the line and the field (`policies[1].actions[0].type`). Throws PolicyFileError listing every problem.
 */
export function parsePolicyFile(text: string, file: string): PolicyFile {
  return new PolicyFileReader(text, file).read();
}

export async function readPolicyFile(file: string): Promise<PolicyFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    // fs errors can come from another realm (jest's vm modules), where `instanceof Error` fails.
    const reason = typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : errorMessage(error);
    throw new ConfigurationError(`cannot read the policy file: ${reason}`, file);
  }
  return parsePolicyFile(text, file);
}

/**
 * The shipped policies/healing-policies.yaml, found by walking up from this module: it sits four levels up
 * from the source (actions/analyze/src/policy) and three from a bundle (actions/analyze/dist, dist/cli), and
 * the whole repository is present wherever the action or the CLI runs.
 */
export function defaultPolicyFilePath(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 6; depth++) {
    const candidate = path.join(dir, 'policies', DEFAULT_POLICY_FILE_NAME);
    if (existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error(`the default healing policies (policies/${DEFAULT_POLICY_FILE_NAME}) are missing from the secloop installation`);
}

export interface LoadPoliciesOptions {
  /** The user's file (input `policy-file`): replaces the defaults, or extends them with `extends: default`. */
  policyFile?: string;
  /** Override of the shipped defaults (tests). */
  defaultFile?: string;
}

export async function loadPolicies(options: LoadPoliciesOptions = {}): Promise<PolicySet> {
  const defaults = await readPolicyFile(options.defaultFile ?? defaultPolicyFilePath());
  if (defaults.extends) {
    throw new ConfigurationError('the default policy file cannot extend the defaults', defaults.file, 'extends');
  }
  if (!options.policyFile) return { policies: defaults.policies, files: [defaults.file] };
  return combinePolicies(defaults, await readPolicyFile(options.policyFile));
}

/**
 * Without `extends: default` the user's file is the whole policy. With it, a user policy replaces the default
 * policy of the same name or the same event type (the engine keeps one policy per event type), and the others
 * are added.
 */
export function combinePolicies(defaults: PolicyFile, user: PolicyFile): PolicySet {
  if (user.extends !== 'default') return { policies: user.policies, files: [user.file] };
  const replaced = new Set<HealingPolicy>();
  const policies = defaults.policies.map((base) => {
    const override = user.policies.find((p) => p.name === base.name || p.event_type === base.event_type);
    if (!override) return base;
    replaced.add(override);
    return override;
  });
  policies.push(...user.policies.filter((p) => !replaced.has(p)));
  return { policies, files: [defaults.file, user.file] };
}

type Field = { key: string; keyNode: Node; value: Node | null };

class PolicyFileReader {
  private readonly lines = new LineCounter();
  private readonly problems: PolicyProblem[] = [];

  constructor(
    private readonly text: string,
    private readonly file: string,
  ) {}

  read(): PolicyFile {
    const doc = parseDocument(this.text, { lineCounter: this.lines, prettyErrors: true, uniqueKeys: true });
    for (const error of doc.errors) {
      const line = error.linePos?.[0].line ?? 1;
      // yaml's message repeats the position and a code frame: keep the sentence.
      const sentence = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      this.problems.push({ file: this.file, line, field: '', message: `YAML syntax error: ${sentence}` });
    }
    if (this.problems.length > 0) throw new PolicyFileError(this.problems);

    const result = this.readRoot(doc.contents as Node | null);
    if (this.problems.length > 0) throw new PolicyFileError(this.problems);
    return result;
  }

  private problem(node: Node | null | undefined, field: string, message: string): void {
    this.problems.push({ file: this.file, line: this.lineOf(node), field, message });
  }

  private lineOf(node: Node | null | undefined): number {
    const offset = node?.range?.[0];
    return offset === undefined ? 1 : this.lines.linePos(offset).line;
  }

  private readRoot(root: Node | null): PolicyFile {
    const empty: PolicyFile = { file: this.file, policies: [] };
    if (root === null || (isScalar(root) && root.value === null)) {
      this.problem(root, '', 'the file is empty; expected `policies:` with a list of healing policies');
      return empty;
    }
    if (!isMap(root)) {
      this.problem(root, '', 'expected a mapping with `policies:` (a list of healing policies)');
      return empty;
    }
    const fields = this.fields(root.items, '');
    // The seed's exercise writes one policy as the whole file (custom-healing-policy.yaml): it adds to the defaults.
    if (!fields.has('policies') && !fields.has('healing_policies') && (fields.has('name') || fields.has('event_type'))) {
      const policy = this.readPolicy(root, '');
      return { file: this.file, extends: 'default', policies: policy ? [policy] : [] };
    }
    this.rejectUnknown(fields, TOP_LEVEL_FIELDS, '');

    const result: PolicyFile = { file: this.file, policies: [] };
    const extendsField = fields.get('extends');
    if (extendsField) {
      const value = this.scalar(extendsField.value);
      if (value !== 'default') {
        this.problem(extendsField.value ?? extendsField.keyNode, 'extends', `expected "default" (the shipped policies), got ${this.show(extendsField.value)}`);
      } else {
        result.extends = 'default';
      }
    }

    const seed = fields.get('policies');
    const alias = fields.get('healing_policies');
    if (seed && alias) {
      this.problem(alias.keyNode, 'healing_policies', 'give the list once: `policies` and `healing_policies` are the same field');
    }
    const listField = seed ?? alias;
    if (!listField) {
      this.problem(root, '', 'missing field `policies` (a list of healing policies)');
      return result;
    }
    const listName = listField.key;
    if (!isSeq(listField.value)) {
      this.problem(listField.value ?? listField.keyNode, listName, 'expected a list of healing policies');
      return result;
    }

    const namesSeen = new Map<string, HealingPolicy>();
    const eventTypesSeen = new Map<string, HealingPolicy>();
    listField.value.items.forEach((item, index) => {
      const policy = this.readPolicy(item as Node | null, `${listName}[${index}]`);
      if (!policy) return;
      const sameName = namesSeen.get(policy.name);
      const sameEvent = eventTypesSeen.get(policy.event_type);
      if (sameName) {
        this.problem(item as Node, `${listName}[${index}].name`, `duplicate policy name "${policy.name}" (first defined at line ${sameName.source.line})`);
      } else if (sameEvent) {
        this.problem(
          item as Node,
          `${listName}[${index}].event_type`,
          `event type "${policy.event_type}" already has policy "${sameEvent.name}" (line ${sameEvent.source.line}); one policy per event type`,
        );
      }
      namesSeen.set(policy.name, sameName ?? policy);
      eventTypesSeen.set(policy.event_type, sameEvent ?? policy);
      result.policies.push(policy);
    });
    return result;
  }

  private readPolicy(node: Node | null, at: string): HealingPolicy | undefined {
    const prefix = at ? `${at}.` : '';
    if (!isMap(node)) {
      this.problem(node, at, `expected a policy (a mapping with ${POLICY_FIELDS.slice(0, 5).join(', ')})`);
      return undefined;
    }
    const before = this.problems.length;
    const fields = this.fields(node.items, at);
    this.rejectUnknown(fields, POLICY_FIELDS, at);

    const name = this.requiredString(fields, 'name', node, prefix);
    const eventType = this.requiredString(fields, 'event_type', node, prefix);
    const eventTypeField = fields.get('event_type');
    if (eventType !== undefined && !EVENT_TYPE.test(eventType)) {
      this.problem(
        eventTypeField!.value,
        `${prefix}event_type`,
        `"${eventType}" is not an event type: expected <family>.<kind> in lower case (vulnerability.dependency) or a prefix wildcard (runtime.*)`,
      );
    }
    const severities = this.readSeverities(fields, node, prefix);
    const threshold = this.readThreshold(fields, node, prefix);
    const actions = this.readActions(fields, node, prefix);
    const rollback = this.boolean(fields, 'rollback_enabled', prefix, node);
    const testRequired = this.boolean(fields, 'test_required', prefix);

    if (this.problems.length > before) return undefined;
    const policy: HealingPolicy = {
      name: name!,
      event_type: eventType!,
      auto_heal_severities: severities!,
      confidence_threshold: threshold!,
      actions: actions!,
      rollback_enabled: rollback!,
      source: { file: this.file, line: this.lineOf(node) },
    };
    if (testRequired !== undefined) policy.test_required = testRequired;
    return policy;
  }

  private readSeverities(fields: Map<string, Field>, node: Node, prefix: string): SeverityLevel[] | undefined {
    const field = fields.get('auto_heal_severities');
    const at = `${prefix}auto_heal_severities`;
    if (!field) return this.missing(node, at, 'auto_heal_severities', 'the severities that may be healed without a human, e.g. [low, medium]');
    if (!isSeq(field.value)) {
      this.problem(field.value ?? field.keyNode, at, 'expected a list of severities (critical, high, medium, low, info; moderate means medium)');
      return undefined;
    }
    const severities: SeverityLevel[] = [];
    field.value.items.forEach((item, index) => {
      const word = this.scalar(item as Node);
      const severity = typeof word === 'string' ? (Object.hasOwn(POLICY_SEVERITIES, word) ? POLICY_SEVERITIES[word] : undefined) : undefined;
      if (!severity) {
        this.problem(item as Node, `${at}[${index}]`, `unknown severity ${this.show(item as Node)}; expected one of ${list(Object.keys(POLICY_SEVERITIES))}`);
      } else if (!severities.includes(severity)) {
        severities.push(severity);
      }
    });
    return severities;
  }

  private readThreshold(fields: Map<string, Field>, node: Node, prefix: string): number | undefined {
    const field = fields.get('confidence_threshold');
    const at = `${prefix}confidence_threshold`;
    if (!field) return this.missing(node, at, 'confidence_threshold', 'a number from 0 to 1');
    const value = this.scalar(field.value);
    if (typeof value !== 'number' || Number.isNaN(value) || value < 0 || value > 1) {
      this.problem(field.value ?? field.keyNode, at, `expected a number from 0 to 1 (the scanner's confidence needed to heal), got ${this.show(field.value)}`);
      return undefined;
    }
    return value;
  }

  private readActions(fields: Map<string, Field>, node: Node, prefix: string): PolicyAction[] | undefined {
    const field = fields.get('actions');
    const at = `${prefix}actions`;
    if (!field) return this.missing(node, at, 'actions', 'a list of actions, tried in order');
    if (!isSeq(field.value) || field.value.items.length === 0) {
      this.problem(field.value ?? field.keyNode, at, 'expected a non-empty list of actions (each with a `type`)');
      return undefined;
    }
    const actions: PolicyAction[] = [];
    field.value.items.forEach((item, index) => {
      const action = this.readAction(item as Node | null, `${at}[${index}]`);
      if (action) actions.push(action);
    });
    return actions;
  }

  private readAction(node: Node | null, at: string): PolicyAction | undefined {
    if (!isMap(node)) {
      this.problem(node, at, 'expected an action (a mapping with `type` and optional `conditions`)');
      return undefined;
    }
    const fields = this.fields(node.items, at);
    this.rejectUnknown(fields, ACTION_FIELDS, at);
    const type = this.requiredString(fields, 'type', node, `${at}.`);
    if (type !== undefined && !isActionType(type)) {
      this.problem(fields.get('type')!.value, `${at}.type`, `unknown action type "${type}"; expected one of ${list(ACTION_TYPE_NAMES)}`);
    }
    const conditions = this.readNames(fields.get('conditions'), `${at}.conditions`, 'condition', isConditionName, CONDITION_NAMES);
    const validation = this.readNames(fields.get('validation'), `${at}.validation`, 'validation', isValidationName, VALIDATION_NAMES, true);
    const immediate = this.boolean(fields, 'immediate', `${at}.`);
    const requireApproval = this.boolean(fields, 'require_approval', `${at}.`);
    if (type === undefined || !isActionType(type) || conditions === undefined || validation === undefined) return undefined;

    const action: PolicyAction = { type, conditions: conditions as ConditionName[], source: { file: this.file, line: this.lineOf(node) } };
    if (immediate !== undefined) action.immediate = immediate;
    if (fields.has('validation')) action.validation = validation as ValidationName[];
    if (requireApproval !== undefined) action.require_approval = requireApproval;
    return action;
  }

  /** A list of known words (`conditions`, `validation`); `validation` may also be one word (the seed writes it so). */
  private readNames(
    field: Field | undefined,
    at: string,
    what: string,
    known: (word: string) => boolean,
    names: readonly string[],
    allowSingle = false,
  ): string[] | undefined {
    if (!field || field.value === null) return [];
    const items: { node: Node; at: string }[] = [];
    if (isSeq(field.value)) {
      field.value.items.forEach((item, index) => items.push({ node: item as Node, at: `${at}[${index}]` }));
    } else if (allowSingle && isScalar(field.value)) {
      items.push({ node: field.value, at });
    } else {
      this.problem(field.value, at, `expected a list of ${what}s (${list(names)})`);
      return undefined;
    }
    let ok = true;
    const words: string[] = [];
    for (const item of items) {
      const word = this.scalar(item.node);
      if (typeof word !== 'string' || !known(word)) {
        this.problem(item.node, item.at, `unknown ${what} ${this.show(item.node)}; expected one of ${list(names)}`);
        ok = false;
      } else if (!words.includes(word)) {
        words.push(word);
      }
    }
    return ok ? words : undefined;
  }

  private fields(pairs: Pair[], at: string): Map<string, Field> {
    const fields = new Map<string, Field>();
    for (const pair of pairs) {
      const keyNode = pair.key as Node;
      const key = this.scalar(keyNode);
      if (typeof key !== 'string') {
        this.problem(keyNode, at, `expected a field name, got ${this.show(keyNode)}`);
        continue;
      }
      fields.set(key, { key, keyNode, value: (pair.value as Node | null) ?? null });
    }
    return fields;
  }

  private rejectUnknown(fields: Map<string, Field>, known: readonly string[], at: string): void {
    for (const field of fields.values()) {
      if (!known.includes(field.key)) {
        this.problem(field.keyNode, at ? `${at}.${field.key}` : field.key, `unknown field "${field.key}"; expected one of ${list(known)}`);
      }
    }
  }

  private requiredString(fields: Map<string, Field>, key: string, node: Node, prefix: string): string | undefined {
    const field = fields.get(key);
    if (!field) return this.missing(node, `${prefix}${key}`, key, 'a non-empty string');
    const value = this.scalar(field.value);
    if (typeof value !== 'string' || value.trim() === '') {
      this.problem(field.value ?? field.keyNode, `${prefix}${key}`, `expected a non-empty string, got ${this.show(field.value)}`);
      return undefined;
    }
    return value;
  }

  /** `requiredIn`: the mapping that must hold the field (reported when it is missing). */
  private boolean(fields: Map<string, Field>, key: string, prefix: string, requiredIn?: Node): boolean | undefined {
    const field = fields.get(key);
    if (!field) return requiredIn ? this.missing(requiredIn, `${prefix}${key}`, key, 'true or false') : undefined;
    const value = this.scalar(field.value);
    if (typeof value !== 'boolean') {
      this.problem(field.value ?? field.keyNode, `${prefix}${key}`, `expected true or false, got ${this.show(field.value)}`);
      return undefined;
    }
    return value;
  }

  private missing<T>(node: Node, at: string, key: string, expected: string): T | undefined {
    this.problem(node, at, `missing field "${key}" (${expected})`);
    return undefined;
  }

  private scalar(node: Node | null | undefined): unknown {
    return isScalar(node) ? node.value : undefined;
  }

  private show(node: Node | null | undefined): string {
    if (node === null || node === undefined) return 'nothing';
    if (isScalar(node)) return node.value === null ? 'nothing' : JSON.stringify(node.value);
    if (isSeq(node)) return 'a list';
    if (isMap(node)) return 'a mapping';
    return 'an alias';
  }
}
