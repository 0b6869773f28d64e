/**
 * One SARIF 2.1.0 log (CodeQL, Semgrep, Trivy, gitleaks, or any tool that follows the specification) as
 * secloop findings: one finding per result. The rules for severity, location, fingerprint and class are
 * documented in docs/sarif-import.md; each is commented where it is applied.
 */
import type { Finding, FindingLocation, ScanWarning, SeverityLevel } from '../../../../../src/shared/contracts/findings.js';
import { severityFromScore } from '../../../../../src/shared/severity/index.js';
import { clip, fingerprintOf, isRecord, nonEmptyString } from '../common.js';
import { classify, cweIds, normaliseToolName, trivyPackage, type RuleFacts } from './classify.js';
import { sarifPath } from './location.js';

type Json = Record<string, unknown>;

export interface NormaliseOutcome {
  findings: Finding[];
  warnings: ScanWarning[];
  /** Whether the log passed validation at all (a file that is not SARIF 2.1.0 counts as not examined). */
  valid: boolean;
  /** Results that are not open problems (suppressed, passed, absent from the baseline): left out on purpose. */
  leftOut: number;
}

const SCANNER = 'sarif';

/** SARIF `level` to our scale; a result with no level anywhere is "warning" (SARIF 2.1.0 §3.27.10). */
const LEVEL_SEVERITY: Record<string, SeverityLevel> = { error: 'high', warning: 'medium', note: 'low', none: 'info' };

/** Placeholders that tools write where a fingerprint would be (Semgrep without a login): not an identity. */
const PLACEHOLDER_FINGERPRINTS = new Set(['requires login', '', 'null', 'undefined']);

/**
 * gitleaks puts commit metadata under partialFingerprints (commitSha, author, email, date, commitMessage):
 * shared by every secret of a commit, so it identifies no single finding.
 */
const NON_IDENTIFYING_KEYS: Record<string, Set<string>> = {
  gitleaks: new Set(['commitsha', 'email', 'author', 'date', 'commitmessage']),
};

/** `precision` (CodeQL, Trivy, Semgrep) or Semgrep's "HIGH CONFIDENCE" tag, as our 0-1 confidence. */
const PRECISION_CONFIDENCE: Record<string, number> = { 'very-high': 0.95, high: 0.85, medium: 0.6, low: 0.4 };

interface RuleView {
  id: string;
  descriptor?: Json;
}

/**
 * `file` names the SARIF file in warnings; `roots` are absolute directories that absolute artifact URIs are
 * made relative to (the workspace and the scan root).
 */
export function normaliseSarif(document: unknown, file: string, detectedAt: string, roots: readonly string[] = []): NormaliseOutcome {
  const warnings: ScanWarning[] = [];
  const warn = (reason: string) => warnings.push({ file, scanner: SCANNER, reason });
  if (!isRecord(document)) {
    warn('not a SARIF log: the top level is not a JSON object');
    return { findings: [], warnings, valid: false, leftOut: 0 };
  }
  if (document.version !== '2.1.0') {
    warn(`field "version" is ${JSON.stringify(document.version ?? null)}; expected "2.1.0" (only SARIF 2.1.0 is read)`);
    return { findings: [], warnings, valid: false, leftOut: 0 };
  }
  if (!Array.isArray(document.runs)) {
    warn('field "runs" is missing or not an array; expected the list of runs of a SARIF 2.1.0 log');
    return { findings: [], warnings, valid: false, leftOut: 0 };
  }
  const findings: Finding[] = [];
  const counter = { leftOut: 0 };
  document.runs.forEach((run, runIndex) => {
    const driverName = isRecord(run) && isRecord(run.tool) && isRecord(run.tool.driver) ? nonEmptyString(run.tool.driver.name) : undefined;
    if (!isRecord(run) || !driverName) {
      warn(`runs[${runIndex}].tool.driver.name is missing; the run is skipped (SARIF requires the tool's name)`);
      return;
    }
    findings.push(...normaliseRun(run, runIndex, driverName, file, roots, detectedAt, warn, counter));
  });
  return { findings: mergeDuplicates(findings), warnings, valid: true, leftOut: counter.leftOut };
}

function normaliseRun(run: Json, runIndex: number, driverName: string, file: string, roots: readonly string[], detectedAt: string, warn: (reason: string) => void, counter: { leftOut: number }): Finding[] {
  const tool = normaliseToolName(driverName);
  const results = Array.isArray(run.results) ? run.results : [];
  const prepared: Prepared[] = [];
  results.forEach((result, resultIndex) => {
    const where = `runs[${runIndex}].results[${resultIndex}]`;
    if (!isRecord(result)) {
      warn(`${where} is not an object; skipped`);
      return;
    }
    if (!isOpenProblem(result)) {
      counter.leftOut++;
      return;
    }
    const rule = ruleOf(run, result);
    if (!rule) {
      warn(`${where} has no ruleId, rule.id or resolvable ruleIndex; skipped`);
      return;
    }
    const location = locationOf(run, result, where, file, roots, warn);
    prepared.push({ result, rule, location, theirs: theirFingerprint(tool, result) });
  });
  const degenerate = degenerateFingerprints(prepared);
  return prepared.map((p) => toFinding(p, tool, driverName, degenerate, detectedAt));
}

interface Prepared {
  result: Json;
  rule: RuleView;
  location: FindingLocation;
  theirs?: string;
}

/**
 * Only open problems become findings: SARIF also reports passed checks (kind "pass"), results suppressed in
 * the source (`suppressions` with status "accepted", or no status, which means accepted) and, in baseline
 * comparisons, results that are gone ("absent").
 */
function isOpenProblem(result: Json): boolean {
  const kind = typeof result.kind === 'string' ? result.kind : 'fail';
  if (kind !== 'fail' && kind !== 'open' && kind !== 'review') return false;
  if (result.baselineState === 'absent') return false;
  if (Array.isArray(result.suppressions)) {
    const accepted = result.suppressions.some((s) => isRecord(s) && (s.status === undefined || s.status === 'accepted'));
    if (accepted) return false;
  }
  return true;
}

/**
 * The rule of a result: by `rule.toolComponent.index` into `tool.extensions` (CodeQL puts its queries in
 * query-pack extensions and leaves driver.rules empty), then `ruleIndex`/`rule.index` into that component's
 * rules, then by id among the driver's and every extension's rules.
 */
function ruleOf(run: Json, result: Json): RuleView | undefined {
  const reference = isRecord(result.rule) ? result.rule : undefined;
  const tool = isRecord(run.tool) ? run.tool : {};
  const driver = isRecord(tool.driver) ? tool.driver : {};
  const extensions = Array.isArray(tool.extensions) ? tool.extensions.filter(isRecord) : [];
  const componentIndex = reference && isRecord(reference.toolComponent) ? reference.toolComponent.index : undefined;
  const component = typeof componentIndex === 'number' ? extensions[componentIndex] : driver;
  const componentRules = component && Array.isArray(component.rules) ? component.rules : [];
  const index = typeof reference?.index === 'number' ? reference.index : typeof result.ruleIndex === 'number' ? result.ruleIndex : undefined;
  const byIndex = index !== undefined && isRecord(componentRules[index]) ? (componentRules[index] as Json) : undefined;
  const id = nonEmptyString(result.ruleId) ?? nonEmptyString(reference?.id) ?? nonEmptyString(byIndex?.id);
  if (!id) return undefined;
  if (byIndex && (byIndex.id === id || id.startsWith(`${String(byIndex.id)}/`))) return { id, descriptor: byIndex };
  for (const rules of [driver.rules, ...extensions.map((e) => e.rules)]) {
    if (!Array.isArray(rules)) continue;
    // A hierarchical ruleId ("CA2101/1") belongs to the rule whose id is its first segment (SARIF §3.27.5).
    const found = rules.find((r) => isRecord(r) && (r.id === id || (typeof r.id === 'string' && id.startsWith(`${r.id}/`))));
    if (isRecord(found)) return { id, descriptor: found };
  }
  return { id, descriptor: byIndex };
}

function locationOf(run: Json, result: Json, where: string, sarifFile: string, roots: readonly string[], warn: (reason: string) => void): FindingLocation {
  const first = Array.isArray(result.locations) ? result.locations.find((l) => isRecord(l) && isRecord(l.physicalLocation)) : undefined;
  const physical = isRecord(first) && isRecord(first.physicalLocation) ? first.physicalLocation : undefined;
  const resolved = physical ? sarifPath(run, physical, roots) : undefined;
  if (!resolved) {
    warn(`${where} has no physicalLocation with an artifact URI; reported at the SARIF file itself`);
    return { path: sarifFile };
  }
  const location: FindingLocation = { path: resolved };
  const region = physical && isRecord(physical.region) ? physical.region : undefined;
  if (region) {
    const startLine = positive(region.startLine);
    if (startLine) {
      location.start_line = startLine;
      const endLine = positive(region.endLine);
      if (endLine && endLine >= startLine) location.end_line = endLine;
      const startColumn = positive(region.startColumn);
      if (startColumn) location.start_column = startColumn;
      const endColumn = positive(region.endColumn);
      if (endColumn) location.end_column = endColumn;
    }
  }
  return location;
}

function positive(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : undefined;
}

/** The tool's own fingerprints (`fingerprints` and `partialFingerprints`), minus placeholders, as one string. */
function theirFingerprint(tool: string, result: Json): string | undefined {
  const ignored = NON_IDENTIFYING_KEYS[tool];
  const parts: string[] = [];
  for (const field of ['fingerprints', 'partialFingerprints'] as const) {
    const map = result[field];
    if (!isRecord(map)) continue;
    for (const [key, value] of Object.entries(map)) {
      if (typeof value !== 'string' || PLACEHOLDER_FINGERPRINTS.has(value.trim().toLowerCase())) continue;
      if (ignored?.has(key.toLowerCase())) continue;
      parts.push(`${field}.${key}=${value}`);
    }
  }
  return parts.length > 0 ? parts.sort().join('\n') : undefined;
}

/**
 * A fingerprint that the same rule gives to results at different places identifies nothing (a constant, or a
 * hash of surrounding code that repeats): those results fall back to our own identity.
 */
function degenerateFingerprints(prepared: Prepared[]): Set<string> {
  const places = new Map<string, Set<string>>();
  for (const p of prepared) {
    if (!p.theirs) continue;
    const key = `${p.rule.id}\u0000${p.theirs}`;
    const place = `${p.location.path}:${p.location.start_line ?? 0}:${p.location.start_column ?? 0}`;
    const seen = places.get(key) ?? new Set<string>();
    seen.add(place);
    places.set(key, seen);
  }
  return new Set([...places].filter(([, seen]) => seen.size > 1).map(([key]) => key));
}

function text(value: unknown): string | undefined {
  return isRecord(value) ? nonEmptyString(value.text) ?? nonEmptyString(value.markdown) : undefined;
}

/** The message text, with `messageStrings` templates filled in and SARIF's embedded links "[text](n)" flattened. */
function messageOf(result: Json, rule: RuleView): string {
  const message = isRecord(result.message) ? result.message : {};
  let raw = nonEmptyString(message.text);
  if (!raw && typeof message.id === 'string' && rule.descriptor && isRecord(rule.descriptor.messageStrings)) {
    raw = text(rule.descriptor.messageStrings[message.id]);
  }
  if (!raw) return '';
  const args = Array.isArray(message.arguments) ? message.arguments.map(String) : [];
  return raw.replace(/\{(\d+)\}/g, (whole, n: string) => args[Number(n)] ?? whole).replace(/\[([^\]]*)\]\(\d+\)/g, '$1');
}

function stringList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function toFinding(p: Prepared, tool: string, driverName: string, degenerate: Set<string>, detectedAt: string): Finding {
  const descriptor = p.rule.descriptor ?? {};
  const ruleProperties = isRecord(descriptor.properties) ? descriptor.properties : {};
  const resultProperties = isRecord(p.result.properties) ? p.result.properties : {};
  const ruleTags = stringList(ruleProperties.tags);
  const tags = [...new Set([tool, ...ruleTags, ...stringList(resultProperties.tags)])].slice(0, 25);
  const relationships = Array.isArray(descriptor.relationships)
    ? descriptor.relationships
        .filter(isRecord)
        .map((r) => (isRecord(r.target) && isRecord(r.target.toolComponent) && /cwe/i.test(String(r.target.toolComponent.name)) ? `CWE-${String(r.target.id)}` : undefined))
    : [];
  const cwes = cweIds([...ruleTags, ...stringList(ruleProperties.cwe), ...stringList(resultProperties.cwe), ...relationships]);
  const rawMessage = messageOf(p.result, p.rule);
  const ruleName = nonEmptyString(descriptor.name);
  const facts: RuleFacts = { tool, ruleId: p.rule.id, ruleName, tags, cwes, message: rawMessage, path: p.location.path };
  const eventType = classify(facts);
  const secret = eventType === 'secret.exposed';
  const title = text(descriptor.shortDescription) ?? ruleName ?? p.rule.id;
  const severity = severityOf(p.result, descriptor, ruleProperties, resultProperties, secret);
  const snippet = snippetOf(p.result);
  const pkg = eventType === 'vulnerability.dependency' ? trivyPackage(rawMessage) : undefined;

  // Identity: the tool's own fingerprint when it has a usable one; else what the result is about (rule, file,
  // package or code) but never the line, so a shifted line is the same finding.
  const identityKey = `${p.rule.id}\u0000${p.theirs ?? ''}`;
  const identity = p.theirs && !degenerate.has(identityKey)
    ? ['theirs', p.theirs]
    : pkg
      ? ['package', p.location.path, pkg.name, pkg.version]
      : ['content', p.location.path, clip(snippet ?? rawMessage, 2000)];
  const fingerprint = fingerprintOf(['sarif', tool, p.rule.id, ...identity]);

  const where = `${p.location.path}${p.location.start_line ? `:${p.location.start_line}` : ''}`;
  // A secret scanner's message and snippet may hold the secret itself (gitleaks writes the match into the
  // snippet): for secrets we write our own sentence and keep none of their text.
  const message = secret
    ? `${driverName} rule ${p.rule.id} (${title}) found a secret at ${where}; the tool's message and snippet are not copied`
    : `${driverName} ${p.rule.id}: ${clip(rawMessage || title, 1000)} (${where})`;
  const help = secret ? clip(title, 4000) : clip(text(descriptor.help) ?? text(descriptor.fullDescription) ?? title, 4000);
  const helpUri = nonEmptyString(descriptor.helpUri);

  const finding: Finding = {
    fingerprint,
    kind: 'sarif',
    event_type: eventType,
    rule: {
      id: p.rule.id,
      name: clip(title, 200),
      help,
      ...(helpUri ? { help_uri: helpUri } : {}),
      ...(cwes.length > 0 ? { cwe: cwes } : {}),
      tags,
    },
    message,
    severity: severity.level,
    severity_source: severity.source,
    confidence: confidenceOf(ruleProperties, ruleTags),
    location: p.location,
    detected_at: detectedAt,
  };
  if (pkg) {
    const fixed = pkg.fixedVersion?.split(',')[0]?.trim();
    finding.fix = fixed
      ? { summary: `Upgrade ${pkg.name} from ${pkg.version} to ${fixed} or later`, fixed_version: fixed, available: true }
      : { summary: `No fixed version of ${pkg.name} is known to ${driverName}`, available: false };
  }
  return finding;
}

function snippetOf(result: Json): string | undefined {
  const first = Array.isArray(result.locations) ? result.locations[0] : undefined;
  const physical = isRecord(first) && isRecord(first.physicalLocation) ? first.physicalLocation : undefined;
  const region = physical && isRecord(physical.region) ? physical.region : undefined;
  return region ? text(region.snippet) : undefined;
}

/**
 * Severity: the rule's (or result's) `security-severity` score, a CVSS-like 0-10 number that GitHub code
 * scanning also reads, in CVSS bands; else the result's `level`, else the rule's default level, else
 * SARIF's default "warning". A secret with no level at all (gitleaks writes none) is high: an exposed
 * credential is never a medium matter.
 */
function severityOf(result: Json, descriptor: Json, ruleProperties: Json, resultProperties: Json, secret: boolean): { level: SeverityLevel; source: Finding['severity_source'] } {
  for (const candidate of [resultProperties['security-severity'], ruleProperties['security-severity']]) {
    const score = typeof candidate === 'number' ? candidate : typeof candidate === 'string' && candidate.trim() !== '' ? Number(candidate) : NaN;
    if (Number.isFinite(score) && score >= 0 && score <= 10) {
      return { level: severityFromScore(score), source: { source: 'sarif:security-severity', score } };
    }
  }
  const defaultConfiguration = isRecord(descriptor.defaultConfiguration) ? descriptor.defaultConfiguration : {};
  const level = typeof result.level === 'string' ? result.level : typeof defaultConfiguration.level === 'string' ? defaultConfiguration.level : undefined;
  if (level && level in LEVEL_SEVERITY) return { level: LEVEL_SEVERITY[level]!, source: { source: `sarif:level:${level}` } };
  if (secret) return { level: 'high', source: { source: 'sarif:secret-without-level' } };
  return { level: 'medium', source: { source: 'sarif:level:warning (default)' } };
}

function confidenceOf(ruleProperties: Json, ruleTags: string[]): number {
  const precision = typeof ruleProperties.precision === 'string' ? PRECISION_CONFIDENCE[ruleProperties.precision.toLowerCase()] : undefined;
  if (precision !== undefined) return precision;
  const tagged = ruleTags.map((t) => /^(HIGH|MEDIUM|LOW) CONFIDENCE$/i.exec(t)?.[1]?.toLowerCase()).find(Boolean);
  return tagged ? PRECISION_CONFIDENCE[tagged]! : 0.7;
}

/** The same finding reported more than once (one per affected line, or two runs) becomes one, with its other places. */
function mergeDuplicates(findings: Finding[]): Finding[] {
  const byFingerprint = new Map<string, Finding>();
  for (const finding of findings) {
    const kept = byFingerprint.get(finding.fingerprint);
    if (!kept) {
      byFingerprint.set(finding.fingerprint, finding);
      continue;
    }
    const same = (a: FindingLocation, b: FindingLocation) => a.path === b.path && a.start_line === b.start_line && a.start_column === b.start_column;
    if (same(kept.location, finding.location) || kept.other_locations?.some((l) => same(l, finding.location))) continue;
    (kept.other_locations ??= []).push(finding.location);
  }
  return [...byFingerprint.values()];
}
