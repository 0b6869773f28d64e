/**
 * The analyze settings, config-as-code: `secloop.yml` at the repository root (or the file named by the
 * `config-file` input / SECLOOP_CONFIG_FILE). Each setting is taken from, in order of precedence:
 * the input (action input or CLI flag) > the environment (SECLOOP_<NAME>) > the file > the built-in default.
 *
 *     fail-on-severity: high        # none | info | low | medium (moderate) | high | critical
 *     gate-on: new                  # new | all
 *     vex: [security/vex.json]      # OpenVEX documents, relative to the file
 *     baseline: .secloop/baseline   # a findings/analysis file or a directory of them
 *     ignore:
 *       - id: GHSA-p6mc-m468-83gw   # or CVE-…, or a rule id; or `fingerprint:`, or `package:` (purl or
 *         reason: not reachable    #   ecosystem/name[@version]); reason is required
 *         expires: 2026-12-31       # the entry applies through that day (UTC), then stops and is reported
 *         owner: "@team-web"
 *
 * Every problem in the file is a ConfigurationError naming the file, the field (`ignore[2].reason`) and its
 * line. Sections for other agents are left alone; unknown top-level keys are warned about.
 */
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { PackageURL } from 'packageurl-js';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type YAMLMap } from 'yaml';
import { ConfigurationError, errorMessage } from '../../../../src/shared/errors.js';
import type { Inputs } from '../../../../src/shared/inputs.js';
import { normaliseSeverity, type Severity } from '../../../../src/shared/severity/index.js';

export const CONFIG_FILE_NAMES = ['secloop.yml', 'secloop.yaml', '.github/secloop.yml', '.github/secloop.yaml'];
const KNOWN_TOP_LEVEL = ['fail-on-severity', 'gate-on', 'vex', 'baseline', 'ignore'];
/** Other agents' sections of the same file: not ours to check. */
const OTHER_AGENTS = ['scan', 'remediate', 'report', 'feedback', 'policies', 'policy-file'];
const IGNORE_FIELDS = ['id', 'fingerprint', 'package', 'reason', 'expires', 'owner'];

export interface PackageSelector {
  /** OSV ecosystem or purl type, lower-case (`npm`, `pypi`, `maven`, `crates.io` …). */
  ecosystem: string;
  /** Full name as the finding spells it (`@babel/core`, `org.apache.logging.log4j:log4j-core`), lower-case. */
  name: string;
  version?: string;
}

export interface IgnoreEntry {
  index: number;
  /** `secloop.yml#ignore[2]` */
  source: string;
  line?: number;
  id?: string;
  fingerprint?: string;
  package?: PackageSelector;
  packageText?: string;
  reason: string;
  /** As written (YYYY-MM-DD or a date-time). */
  expires?: string;
  /** Milliseconds after which the entry no longer applies. */
  expiresAt?: number;
  owner?: string;
}

export interface ConfigFile {
  file: string;
  failOnSeverity?: Severity | 'none';
  gateOn?: 'new' | 'all';
  vex: string[];
  baseline?: string;
  ignore: IgnoreEntry[];
  warnings: string[];
}

export interface AnalyzeSettings {
  configFile?: string;
  failOnSeverity: Severity | 'none';
  gateOn: 'new' | 'all';
  vexFiles: string[];
  baseline?: string;
  ignore: IgnoreEntry[];
  warnings: string[];
}

export const BUILT_IN = { failOnSeverity: 'high', gateOn: 'new' } as const;

/** Ecosystem words users write, as the finding's ecosystem (lower-case). */
const ECOSYSTEM_ALIASES: Record<string, string> = {
  cargo: 'crates.io',
  gem: 'rubygems',
  golang: 'go',
  composer: 'packagist',
  pip: 'pypi',
  python: 'pypi',
};

export function normaliseEcosystem(ecosystem: string): string {
  const lower = ecosystem.toLowerCase();
  return ECOSYSTEM_ALIASES[lower] ?? lower;
}

/** PyPI names compare by PEP 503; everything else case-insensitively. */
export function normalisePackageName(ecosystem: string, name: string): string {
  const lower = name.toLowerCase();
  return ecosystem === 'pypi' ? lower.replace(/[-_.]+/g, '-') : lower;
}

/** `pkg:npm/lodash@4.17.15`, `npm/@babel/core@7.0.0`, `Maven/org.example:lib`, `PyPI/Django` … */
export function parsePackageSelector(text: string): PackageSelector {
  if (text.startsWith('pkg:')) {
    const purl = PackageURL.fromString(text);
    const ecosystem = normaliseEcosystem(purl.type);
    const name =
      purl.type === 'maven' && purl.namespace
        ? `${purl.namespace}:${purl.name}`
        : purl.namespace
          ? `${purl.namespace}/${purl.name}`
          : purl.name;
    return { ecosystem, name: normalisePackageName(ecosystem, name), ...(purl.version ? { version: purl.version.replace(/^v(?=\d)/, '') } : {}) };
  }
  const slash = text.indexOf('/');
  if (slash <= 0 || slash === text.length - 1) throw new Error('expected a purl (pkg:npm/lodash@4.17.15) or ecosystem/name[@version] (npm/lodash@4.17.15)');
  const ecosystem = normaliseEcosystem(text.slice(0, slash));
  const rest = text.slice(slash + 1);
  // A scoped npm name starts with "@": the version separator is the last "@" after the first character.
  const at = rest.lastIndexOf('@');
  const name = at > 0 ? rest.slice(0, at) : rest;
  const version = at > 0 ? rest.slice(at + 1) : undefined;
  if (!name || version === '') throw new Error('empty package name or version');
  return { ecosystem, name: normalisePackageName(ecosystem, name), ...(version ? { version: version.replace(/^v(?=\d)/, '') } : {}) };
}

function parseExpiry(text: string): number | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const time = Date.parse(`${text}T00:00:00Z`);
    // Date.parse accepts 2026-02-31 (rolls over); a date that does not round-trip is not a date.
    if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== text) return undefined;
    return time + 24 * 60 * 60 * 1000 - 1;
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) {
    const time = Date.parse(text);
    return Number.isNaN(time) ? undefined : time;
  }
  return undefined;
}

class ConfigReader {
  private readonly lines = new LineCounter();
  constructor(
    private readonly text: string,
    private readonly file: string,
    private readonly label: string,
  ) {}

  private lineOf(node: Node | null | undefined): number | undefined {
    return node?.range ? this.lines.linePos(node.range[0]).line : undefined;
  }

  private fail(message: string, field: string, node?: Node | null): never {
    const line = this.lineOf(node);
    throw new ConfigurationError(`${message}${line ? ` (line ${line})` : ''}`, this.file, field);
  }

  private scalarString(node: Node | null | undefined, field: string): string | undefined {
    if (node === undefined || node === null) return undefined;
    if (!isScalar(node) || node.value === null || typeof node.value === 'object') this.fail('expected a text value', field, node);
    const value = String(node.value).trim();
    return value || undefined;
  }

  read(): ConfigFile {
    const doc = parseDocument(this.text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true });
    if (doc.errors.length > 0) {
      const first = doc.errors[0]!;
      const line = first.linePos?.[0].line ?? this.lines.linePos(first.pos[0]).line;
      throw new ConfigurationError(`not valid YAML: ${first.message.split('\n')[0]} (line ${line})`, this.file);
    }
    const result: ConfigFile = { file: this.file, vex: [], ignore: [], warnings: [] };
    if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) return result;
    if (!isMap(doc.contents)) this.fail('expected a mapping of settings at the top level', '/', doc.contents);
    const root = doc.contents as YAMLMap<Node, Node>;
    for (const pair of root.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const value = pair.value;
      switch (key) {
        case 'fail-on-severity': {
          const text = this.scalarString(value, key);
          if (text) result.failOnSeverity = text.toLowerCase() === 'none' ? 'none' : this.severity(text, key, value);
          break;
        }
        case 'gate-on': {
          const text = this.scalarString(value, key)?.toLowerCase();
          if (text && text !== 'new' && text !== 'all') this.fail(`is ${JSON.stringify(text)}; expected new or all`, key, value);
          if (text) result.gateOn = text as 'new' | 'all';
          break;
        }
        case 'vex':
          result.vex = this.stringList(value, key);
          break;
        case 'baseline':
          result.baseline = this.scalarString(value, key);
          break;
        case 'ignore':
          result.ignore = this.ignoreEntries(value);
          break;
        default:
          if (!OTHER_AGENTS.includes(key)) {
            result.warnings.push(`${this.file}: unknown setting ${JSON.stringify(key)} (line ${this.lineOf(pair.key as Node) ?? '?'}) ignored; analyze reads ${KNOWN_TOP_LEVEL.join(', ')}`);
          }
      }
    }
    return result;
  }

  private severity(text: string, field: string, node: Node | null | undefined): Severity {
    try {
      return normaliseSeverity(text);
    } catch (error) {
      this.fail(errorMessage(error), field, node);
    }
  }

  private stringList(node: Node | null | undefined, field: string): string[] {
    if (node === null || node === undefined) return [];
    if (isScalar(node)) {
      const one = this.scalarString(node, field);
      return one ? [one] : [];
    }
    if (!isSeq(node)) this.fail('expected a list of paths', field, node);
    return node.items.map((item, i) => this.scalarString(item as Node, `${field}[${i}]`)).filter((s): s is string => !!s);
  }

  private ignoreEntries(node: Node | null | undefined): IgnoreEntry[] {
    if (node === null || node === undefined) return [];
    if (!isSeq(node)) this.fail('expected a list of entries (- id: …, reason: …)', 'ignore', node);
    return node.items.map((item, index) => this.ignoreEntry(item as Node, index));
  }

  private ignoreEntry(node: Node, index: number): IgnoreEntry {
    const at = `ignore[${index}]`;
    if (!isMap(node)) this.fail('expected a mapping with id, fingerprint or package, and reason', at, node);
    const map = node as YAMLMap<Node, Node>;
    const fields = new Map<string, Node | null>();
    for (const pair of map.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (!IGNORE_FIELDS.includes(key)) this.fail(`unknown field ${JSON.stringify(key)}; expected ${IGNORE_FIELDS.join(', ')}`, `${at}.${key}`, pair.key as Node);
      fields.set(key, pair.value);
    }
    const line = this.lineOf(node);
    const entry: IgnoreEntry = { index, source: `${this.label}#${at}`, reason: '', ...(line ? { line } : {}) };
    const id = this.scalarString(fields.get('id'), `${at}.id`);
    const fingerprint = this.scalarString(fields.get('fingerprint'), `${at}.fingerprint`);
    const pkg = this.scalarString(fields.get('package'), `${at}.package`);
    const selectors = [id, fingerprint, pkg].filter((s) => s !== undefined).length;
    if (selectors !== 1) this.fail(`needs exactly one of id, fingerprint or package (has ${selectors})`, at, node);
    if (id) entry.id = id;
    if (fingerprint) {
      if (!/^[0-9a-f]{16,64}$/.test(fingerprint)) this.fail(`${JSON.stringify(fingerprint)} is not a fingerprint (16-64 hex digits)`, `${at}.fingerprint`, fields.get('fingerprint'));
      entry.fingerprint = fingerprint;
    }
    if (pkg) {
      try {
        entry.package = parsePackageSelector(pkg);
      } catch (error) {
        this.fail(`${JSON.stringify(pkg)}: ${errorMessage(error)}`, `${at}.package`, fields.get('package'));
      }
      entry.packageText = pkg;
    }
    const reason = this.scalarString(fields.get('reason'), `${at}.reason`);
    if (!reason) this.fail('reason is required: say why this is accepted, so the next reader can judge it', `${at}.reason`, fields.get('reason') ?? node);
    entry.reason = reason;
    const expiresNode = fields.get('expires');
    const expires = this.scalarString(expiresNode, `${at}.expires`);
    if (expires) {
      const expiresAt = parseExpiry(expires);
      if (expiresAt === undefined) this.fail(`${JSON.stringify(expires)} is not a date (expected YYYY-MM-DD or an ISO 8601 date-time)`, `${at}.expires`, expiresNode);
      entry.expires = expires;
      entry.expiresAt = expiresAt;
    }
    const owner = this.scalarString(fields.get('owner'), `${at}.owner`);
    if (owner) entry.owner = owner;
    return entry;
  }
}

export function parseConfigFile(text: string, file: string, label = path.basename(file)): ConfigFile {
  return new ConfigReader(text, file, label).read();
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

export interface SettingsSources {
  inputs: Inputs;
  env: NodeJS.ProcessEnv;
  /** The repository root: where secloop.yml is looked for and relative inputs start. */
  workspace: string;
}

const envName = (input: string) => `SECLOOP_${input.toUpperCase().replace(/-/g, '_')}`;

/** Input > environment > file > built-in, one setting at a time. */
export async function resolveSettings({ inputs, env, workspace }: SettingsSources): Promise<AnalyzeSettings> {
  const fromEnv = (name: string) => env[envName(name)]?.trim() || undefined;
  const given = inputs.optional('config-file') ?? fromEnv('config-file');
  let configFile: string | undefined;
  if (given) {
    configFile = path.resolve(workspace, given);
    if (!(await exists(configFile))) throw new ConfigurationError(`the configuration file ${given} does not exist`, given, 'config-file');
  } else {
    for (const name of CONFIG_FILE_NAMES) {
      if (await exists(path.join(workspace, name))) {
        configFile = path.join(workspace, name);
        break;
      }
    }
  }
  let file: ConfigFile | undefined;
  if (configFile) {
    let text: string;
    try {
      text = await readFile(configFile, 'utf8');
    } catch (error) {
      throw new ConfigurationError(`cannot read: ${errorMessage(error)}`, configFile);
    }
    file = parseConfigFile(text, configFile, path.relative(workspace, configFile) || path.basename(configFile));
  }
  const fileDir = configFile ? path.dirname(configFile) : workspace;

  const severityText = inputs.optional('fail-on-severity') ?? inputs.optional('severity-cutoff') ?? fromEnv('fail-on-severity');
  const failOnSeverity: Severity | 'none' =
    severityText !== undefined
      ? severityText.toLowerCase() === 'none'
        ? 'none'
        : normaliseSeverity(severityText, 'fail-on-severity')
      : (file?.failOnSeverity ?? BUILT_IN.failOnSeverity);

  const gateText = (inputs.optional('gate-on') ?? fromEnv('gate-on'))?.toLowerCase();
  if (gateText !== undefined && gateText !== 'new' && gateText !== 'all') {
    throw new ConfigurationError(`gate-on is ${JSON.stringify(gateText)}; expected new or all`, 'gate-on');
  }
  const gateOn = (gateText as 'new' | 'all' | undefined) ?? file?.gateOn ?? BUILT_IN.gateOn;

  const vexInput = inputs.list('vex');
  const vexEnv = fromEnv('vex')?.split(/[\n,]/).map((s) => s.trim()).filter(Boolean) ?? [];
  const vexFiles =
    vexInput.length > 0
      ? vexInput.map((f) => path.resolve(workspace, f))
      : vexEnv.length > 0
        ? vexEnv.map((f) => path.resolve(workspace, f))
        : (file?.vex ?? []).map((f) => path.resolve(fileDir, f));

  const baselineGiven = inputs.optional('baseline') ?? fromEnv('baseline');
  const baseline = baselineGiven ? path.resolve(workspace, baselineGiven) : file?.baseline ? path.resolve(fileDir, file.baseline) : undefined;

  return {
    ...(configFile ? { configFile } : {}),
    failOnSeverity,
    gateOn,
    vexFiles,
    ...(baseline ? { baseline } : {}),
    ignore: file?.ignore ?? [],
    warnings: file?.warnings ?? [],
  };
}
