import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { SEVERITY_LEVELS, type SeverityLevel } from '../../../../src/shared/contracts/findings.js';
import { ConfigurationError } from '../../../../src/shared/errors.js';
import { DEFAULT_GITLEAKS_TOML, SECLOOP_OVERLAY_TOML } from './default-rules.js';
import { DEFAULT_TRANSLATIONS } from './default-translations.generated.js';
import { RegexTranslationError, re2Key, translateRe2 } from './re2-to-js.js';

/**
 * Secret-detection rules in gitleaks' configuration format (the same field names, so a team's existing
 * `.gitleaks.toml` works unchanged), compiled for JavaScript. The default rule set is gitleaks' own
 * `config/gitleaks.toml`, bundled as text, decorated by secloop's overlay (severity and confidence per rule id).
 */

export type RegexTarget = 'secret' | 'match' | 'line';

export interface Allowlist {
  description?: string;
  /** true: every configured kind of check must hold ("AND"); false: any one is enough ("OR", gitleaks' default). */
  matchAll: boolean;
  commits: string[];
  paths: RegExp[];
  regexes: RegExp[];
  regexTarget: RegexTarget;
  /** Lower-cased; a secret containing one is allowed. */
  stopwords: string[];
}

export interface RequiredRule {
  id: string;
  withinLines?: number;
  withinColumns?: number;
}

export interface SecretRule {
  id: string;
  description: string;
  /** Global + unicode: iterate with lastIndex. */
  regex?: RegExp;
  /** The same pattern without `g`, to re-match a match for its groups (as gitleaks does). */
  groupRegex?: RegExp;
  /** The RE2 source, for reports and the ReDoS test. */
  regexSource?: string;
  secretGroup: number;
  entropy: number;
  /** Lower-cased. A rule with keywords runs only on text containing one of them. */
  keywords: string[];
  path?: RegExp;
  tags: string[];
  allowlists: Allowlist[];
  required: RequiredRule[];
  skipReport: boolean;
  /** secloop extension fields (from the overlay or the user's config). */
  severity?: SeverityLevel;
  confidence?: number;
}

export interface SecretsConfig {
  rules: SecretRule[];
  allowlists: Allowlist[];
  /** Where the rules came from, for the run metadata. */
  description: string;
}

/** Rule fields as read from TOML, before the regexes are compiled (configs are merged in this form). */
interface RawRule {
  id: string;
  description?: string;
  regex?: string;
  secretGroup?: number;
  entropy?: number;
  keywords: string[];
  path?: string;
  tags: string[];
  allowlists: RawAllowlist[];
  required: RequiredRule[];
  skipReport?: boolean;
  severity?: SeverityLevel;
  confidence?: number;
  field: string;
  source: string;
}

interface RawAllowlist {
  description?: string;
  condition?: 'OR' | 'AND';
  commits: string[];
  paths: string[];
  regexes: string[];
  regexTarget?: RegexTarget;
  stopwords: string[];
  targetRules: string[];
  field: string;
  source: string;
}

interface RawConfig {
  rules: RawRule[];
  allowlists: RawAllowlist[];
  extend?: { useDefault: boolean; path?: string; disabledRules: string[] };
  source: string;
}

export const DEFAULT_CONFIG_NAME = 'gitleaks default rules (policies/secrets/gitleaks.toml)';

/** The default rules (gitleaks.toml + secloop overlay). */
export function loadDefaultConfig(): SecretsConfig {
  return compile(defaultRaw(), DEFAULT_CONFIG_NAME);
}

/** A gitleaks-format TOML file; `[extend] useDefault = true` layers it on the default rules. */
export function loadConfigFile(file: string): SecretsConfig {
  return compile(resolveFile(file, 0), file);
}

/** The same, from text (tests, and configs that are not files). */
export function loadConfigText(text: string, source: string): SecretsConfig {
  return compile(resolveRaw(readRaw(text, source), path.dirname(source), 0), source);
}

let cachedDefault: RawConfig | undefined;
function defaultRaw(): RawConfig {
  cachedDefault ??= applyOverlay(readRaw(DEFAULT_GITLEAKS_TOML, 'policies/secrets/gitleaks.toml'), true);
  return cachedDefault;
}

const MAX_EXTEND_DEPTH = 4;

function resolveFile(file: string, depth: number): RawConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigurationError(`cannot read the secrets configuration: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, file);
  }
  return resolveRaw(readRaw(text, file), path.dirname(file), depth);
}

function resolveRaw(config: RawConfig, dir: string, depth: number): RawConfig {
  if (!config.extend) return applyOverlay(config);
  if (depth >= MAX_EXTEND_DEPTH) throw new ConfigurationError(`[extend] goes deeper than ${MAX_EXTEND_DEPTH} levels`, config.source, 'extend');
  const { useDefault, path: basePath, disabledRules } = config.extend;
  if (useDefault && basePath) throw new ConfigurationError('give either useDefault or path, not both', config.source, 'extend');
  let base: RawConfig | undefined;
  if (useDefault) base = defaultRaw();
  else if (basePath) base = resolveFile(path.resolve(dir, basePath), depth + 1);
  if (!base) return applyOverlay(config);
  return applyOverlay(extend(config, base, new Set(disabledRules)));
}

/**
 * gitleaks' [extend] semantics: the base config's rules are kept (minus disabledRules); a rule of the extending
 * config with the same id overrides the fields it sets, adds its tags, keywords and allowlists; global
 * allowlists are concatenated.
 */
function extend(config: RawConfig, base: RawConfig, disabled: Set<string>): RawConfig {
  const own = new Map(config.rules.map((r) => [r.id, r]));
  const rules: RawRule[] = [];
  for (const baseRule of base.rules) {
    if (disabled.has(baseRule.id)) continue;
    const override = own.get(baseRule.id);
    if (!override) {
      rules.push(baseRule);
      continue;
    }
    own.delete(baseRule.id);
    rules.push({
      ...baseRule,
      description: override.description ?? baseRule.description,
      regex: override.regex ?? baseRule.regex,
      path: override.path ?? baseRule.path,
      entropy: override.entropy ?? baseRule.entropy,
      secretGroup: override.secretGroup ?? baseRule.secretGroup,
      severity: override.severity ?? baseRule.severity,
      confidence: override.confidence ?? baseRule.confidence,
      skipReport: override.skipReport ?? baseRule.skipReport,
      tags: [...baseRule.tags, ...override.tags],
      keywords: [...baseRule.keywords, ...override.keywords],
      allowlists: [...baseRule.allowlists, ...override.allowlists],
      required: [...baseRule.required, ...override.required],
      field: override.field,
      source: override.source,
    });
  }
  rules.push(...config.rules.filter((r) => own.has(r.id)));
  return { rules, allowlists: [...base.allowlists, ...config.allowlists], source: config.source };
}

/**
 * secloop's per-rule metadata (severity, confidence) for gitleaks rule ids, where a rule does not set its own;
 * applied to every config, so a copy of gitleaks.toml gets the same severities. The overlay's global allowlists
 * belong to the default rules only.
 */
function applyOverlay(config: RawConfig, withAllowlists = false): RawConfig {
  const overlay = overlayRules();
  return {
    ...config,
    rules: config.rules.map((rule) => {
      const extra = overlay.byId.get(rule.id);
      return extra ? { ...rule, severity: rule.severity ?? extra.severity, confidence: rule.confidence ?? extra.confidence } : rule;
    }),
    allowlists: withAllowlists ? [...config.allowlists, ...overlay.allowlists] : config.allowlists,
  };
}

let cachedOverlay: { byId: Map<string, { severity?: SeverityLevel; confidence?: number }>; allowlists: RawAllowlist[] } | undefined;
function overlayRules() {
  if (cachedOverlay) return cachedOverlay;
  const source = 'policies/secrets/secloop-overlay.toml';
  const doc = parseTomlText(SECLOOP_OVERLAY_TOML, source);
  const byId = new Map<string, { severity?: SeverityLevel; confidence?: number }>();
  const rules = optionalArray(doc, 'rules', source, 'rules');
  rules.forEach((entry, i) => {
    const field = `rules[${i}]`;
    const table = asTable(entry, source, field);
    const ids = table.ids === undefined ? [requiredString(table, 'id', source, field)] : stringList(table, 'ids', source, field);
    for (const id of ids) byId.set(id, { severity: optionalSeverity(table, source, field), confidence: optionalConfidence(table, source, field) });
  });
  const allowlists = optionalArray(doc, 'allowlists', source, 'allowlists').map((a, i) => readAllowlist(a, source, `allowlists[${i}]`, true));
  cachedOverlay = { byId, allowlists };
  return cachedOverlay;
}

// ---------------------------------------------------------------------------------------------- reading TOML

function parseTomlText(text: string, source: string): Record<string, unknown> {
  try {
    return parseToml(text) as Record<string, unknown>;
  } catch (error) {
    throw new ConfigurationError(`not valid TOML: ${(error as Error).message.split('\n')[0]}`, source);
  }
}

function readRaw(text: string, source: string): RawConfig {
  const doc = parseTomlText(text, source);
  const rules = optionalArray(doc, 'rules', source, 'rules').map((r, i) => readRule(r, source, `rules[${i}]`));
  const allowlists: RawAllowlist[] = [];
  if (doc.allowlist !== undefined) allowlists.push(readAllowlist(doc.allowlist, source, 'allowlist', true));
  optionalArray(doc, 'allowlists', source, 'allowlists').forEach((a, i) => allowlists.push(readAllowlist(a, source, `allowlists[${i}]`, true)));
  let extendSection: RawConfig['extend'];
  if (doc.extend !== undefined) {
    const e = asTable(doc.extend, source, 'extend');
    if (e.url !== undefined) throw new ConfigurationError('extending from a URL is not supported (no network); copy the file and use path', source, 'extend.url');
    extendSection = {
      useDefault: optionalBoolean(e, 'useDefault', source, 'extend') ?? false,
      path: optionalString(e, 'path', source, 'extend'),
      disabledRules: e.disabledRules === undefined ? [] : stringList(e, 'disabledRules', source, 'extend'),
    };
  }
  // As gitleaks (rules are a map by id): a later rule with the same id replaces the earlier one.
  const lastIndexOf = new Map(rules.map((r, i) => [r.id, i]));
  const unique = rules.filter((r, i) => lastIndexOf.get(r.id) === i);
  return { rules: unique, allowlists, extend: extendSection, source };
}

function readRule(value: unknown, source: string, field: string): RawRule {
  const t = asTable(value, source, field);
  const id = requiredString(t, 'id', source, field);
  const allowlists: RawAllowlist[] = [];
  if (t.allowlist !== undefined) allowlists.push(readAllowlist(t.allowlist, source, `${field}.allowlist`, false));
  optionalArray(t, 'allowlists', source, field).forEach((a, i) => allowlists.push(readAllowlist(a, source, `${field}.allowlists[${i}]`, false)));
  const required = optionalArray(t, 'required', source, field).map((r, i) => {
    const rf = `${field}.required[${i}]`;
    const rt = asTable(r, source, rf);
    return { id: requiredString(rt, 'id', source, rf), withinLines: optionalInteger(rt, 'withinLines', source, rf), withinColumns: optionalInteger(rt, 'withinColumns', source, rf) };
  });
  const secretGroup = optionalInteger(t, 'secretGroup', source, field);
  const entropy = optionalNumber(t, 'entropy', source, field);
  return {
    id,
    description: optionalString(t, 'description', source, field),
    regex: optionalString(t, 'regex', source, field),
    secretGroup,
    entropy,
    keywords: t.keywords === undefined ? [] : stringList(t, 'keywords', source, field).map((k) => k.toLowerCase()),
    path: optionalString(t, 'path', source, field),
    tags: t.tags === undefined ? [] : stringList(t, 'tags', source, field),
    allowlists,
    required,
    skipReport: optionalBoolean(t, 'skipReport', source, field),
    severity: optionalSeverity(t, source, field),
    confidence: optionalConfidence(t, source, field),
    field,
    source,
  };
}

function readAllowlist(value: unknown, source: string, field: string, global: boolean): RawAllowlist {
  const t = asTable(value, source, field);
  const condition = optionalString(t, 'condition', source, field)?.toUpperCase();
  if (condition !== undefined && condition !== 'OR' && condition !== 'AND') {
    throw new ConfigurationError(`condition is ${JSON.stringify(t.condition)}; expected "OR" or "AND"`, source, `${field}.condition`);
  }
  const regexTarget = optionalString(t, 'regexTarget', source, field);
  if (regexTarget !== undefined && regexTarget !== '' && !['secret', 'match', 'line'].includes(regexTarget)) {
    throw new ConfigurationError(`regexTarget is ${JSON.stringify(regexTarget)}; expected "secret", "match" or "line"`, source, `${field}.regexTarget`);
  }
  const list = (key: string) => (t[key] === undefined ? [] : stringList(t, key, source, field));
  const allowlist: RawAllowlist = {
    description: optionalString(t, 'description', source, field),
    condition: condition as RawAllowlist['condition'],
    commits: list('commits'),
    paths: list('paths'),
    regexes: list('regexes'),
    regexTarget: regexTarget ? (regexTarget as RegexTarget) : undefined,
    stopwords: list('stopwords'),
    targetRules: list('targetRules'),
    field,
    source,
  };
  if (!global && allowlist.targetRules.length > 0) throw new ConfigurationError('targetRules is only valid in a global [[allowlists]]', source, `${field}.targetRules`);
  if (allowlist.commits.length + allowlist.paths.length + allowlist.regexes.length + allowlist.stopwords.length === 0) {
    throw new ConfigurationError('an allowlist needs at least one of commits, paths, regexes or stopwords', source, field);
  }
  return allowlist;
}

function asTable(value: unknown, source: string, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ConfigurationError('expected a table', source, field);
  return value as Record<string, unknown>;
}

function optionalArray(t: Record<string, unknown>, key: string, source: string, field: string): unknown[] {
  const v = t[key];
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new ConfigurationError(`${key} must be an array of tables ([[${key}]])`, source, `${field}.${key}`);
  return v;
}

function requiredString(t: Record<string, unknown>, key: string, source: string, field: string): string {
  const v = optionalString(t, key, source, field);
  if (v === undefined || v === '') throw new ConfigurationError(`${key} is required`, source, `${field}.${key}`);
  return v;
}

function optionalString(t: Record<string, unknown>, key: string, source: string, field: string): string | undefined {
  const v = t[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new ConfigurationError(`${key} must be a string`, source, `${field}.${key}`);
  return v;
}

function optionalBoolean(t: Record<string, unknown>, key: string, source: string, field: string): boolean | undefined {
  const v = t[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'boolean') throw new ConfigurationError(`${key} must be true or false`, source, `${field}.${key}`);
  return v;
}

function optionalNumber(t: Record<string, unknown>, key: string, source: string, field: string): number | undefined {
  const v = t[key];
  if (v === undefined) return undefined;
  const n = typeof v === 'bigint' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) throw new ConfigurationError(`${key} must be a non-negative number`, source, `${field}.${key}`);
  return n;
}

function optionalInteger(t: Record<string, unknown>, key: string, source: string, field: string): number | undefined {
  const n = optionalNumber(t, key, source, field);
  if (n !== undefined && !Number.isInteger(n)) throw new ConfigurationError(`${key} must be a whole number`, source, `${field}.${key}`);
  return n;
}

function stringList(t: Record<string, unknown>, key: string, source: string, field: string): string[] {
  const v = t[key];
  if (!Array.isArray(v) || v.some((s) => typeof s !== 'string')) throw new ConfigurationError(`${key} must be a list of strings`, source, `${field}.${key}`);
  return v as string[];
}

function optionalSeverity(t: Record<string, unknown>, source: string, field: string): SeverityLevel | undefined {
  const v = optionalString(t, 'severity', source, field)?.toLowerCase();
  if (v === undefined) return undefined;
  if (!(SEVERITY_LEVELS as readonly string[]).includes(v)) {
    throw new ConfigurationError(`severity is ${JSON.stringify(v)}; expected one of ${SEVERITY_LEVELS.join(', ')}`, source, `${field}.severity`);
  }
  return v as SeverityLevel;
}

function optionalConfidence(t: Record<string, unknown>, source: string, field: string): number | undefined {
  const v = optionalNumber(t, 'confidence', source, field);
  if (v !== undefined && v > 1) throw new ConfigurationError('confidence must be between 0 and 1', source, `${field}.confidence`);
  return v;
}

// ------------------------------------------------------------------------------------------------- compiling

function compileRegex(pattern: string, source: string, field: string, what: string, extraFlags = ''): { regex: RegExp; groups: number } {
  try {
    // The default rules' patterns were translated ahead (default-translations.generated.ts); others are here.
    const known = DEFAULT_TRANSLATIONS[re2Key(pattern)];
    if (known) return { regex: new RegExp(known[0], `u${extraFlags}`), groups: known[1] };
    const t = translateRe2(pattern);
    return { regex: new RegExp(t.source, t.flags + extraFlags), groups: t.captureGroups };
  } catch (error) {
    if (error instanceof RegexTranslationError) throw new ConfigurationError(`${what}: cannot be translated to JavaScript: ${error.message}`, source, field);
    throw error;
  }
}

function compileAllowlist(a: RawAllowlist, owner: string): Allowlist {
  return {
    description: a.description,
    matchAll: a.condition === 'AND',
    commits: a.commits,
    paths: a.paths.map((p, i) => compileRegex(p, a.source, `${a.field}.paths[${i}]`, `${owner} allowlist path`).regex),
    regexes: a.regexes.map((p, i) => compileRegex(p, a.source, `${a.field}.regexes[${i}]`, `${owner} allowlist regex`).regex),
    regexTarget: a.regexTarget ?? 'secret',
    stopwords: a.stopwords.map((s) => s.toLowerCase()),
  };
}

function compile(raw: RawConfig, description: string): SecretsConfig {
  const ruleIds = new Set(raw.rules.map((r) => r.id));
  const globalAllowlists: Allowlist[] = [];
  const targeted = new Map<string, Allowlist[]>();
  for (const a of raw.allowlists) {
    const compiled = compileAllowlist(a, 'global');
    if (a.targetRules.length === 0) {
      globalAllowlists.push(compiled);
      continue;
    }
    for (const id of a.targetRules) {
      if (!ruleIds.has(id)) throw new ConfigurationError(`targetRules names rule ${JSON.stringify(id)}, which does not exist`, a.source, `${a.field}.targetRules`);
      targeted.set(id, [...(targeted.get(id) ?? []), compiled]);
    }
  }
  const rules = raw.rules.map((r): SecretRule => {
    const label = `rule ${JSON.stringify(r.id)}`;
    if (r.regex === undefined && r.path === undefined) {
      throw new ConfigurationError(`${label} has neither regex nor path, so it can never match`, r.source, r.field);
    }
    let regex: RegExp | undefined;
    let groupRegex: RegExp | undefined;
    if (r.regex !== undefined) {
      const compiled = compileRegex(r.regex, r.source, `${r.field}.regex`, label, 'g');
      regex = compiled.regex;
      groupRegex = new RegExp(regex.source, 'u');
      if ((r.secretGroup ?? 0) > compiled.groups) {
        throw new ConfigurationError(`${label}: secretGroup ${r.secretGroup} is more than the regex's ${compiled.groups} capture group(s)`, r.source, `${r.field}.secretGroup`);
      }
    }
    for (const req of r.required) {
      if (!ruleIds.has(req.id)) throw new ConfigurationError(`${label} requires rule ${JSON.stringify(req.id)}, which does not exist`, r.source, `${r.field}.required`);
    }
    return {
      id: r.id,
      description: r.description ?? r.id,
      regex,
      groupRegex,
      regexSource: r.regex,
      secretGroup: r.secretGroup ?? 0,
      entropy: r.entropy ?? 0,
      keywords: [...new Set(r.keywords)],
      path: r.path === undefined ? undefined : compileRegex(r.path, r.source, `${r.field}.path`, `${label} path`).regex,
      tags: r.tags,
      allowlists: [...r.allowlists.map((a) => compileAllowlist(a, label)), ...(targeted.get(r.id) ?? [])],
      required: r.required,
      skipReport: r.skipReport ?? false,
      severity: r.severity,
      confidence: r.confidence,
    };
  });
  return { rules, allowlists: globalAllowlists, description };
}
