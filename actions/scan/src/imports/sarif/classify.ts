/**
 * What a foreign SARIF result means in secloop's healing-policy vocabulary. SARIF has no field for "this is a
 * leaked secret" or "this is a vulnerable package", so the class is read from the tool, the rule's name, id and
 * tags, its CWE list and the shape of the tool's message, in this order: secret, dependency, misconfiguration,
 * SQL injection, other code weakness. See docs/sarif-import.md.
 */

export type SarifEventType =
  | 'secret.exposed'
  | 'vulnerability.dependency'
  | 'misconfiguration.container'
  | 'misconfiguration.kubernetes'
  | 'misconfiguration.iac'
  | 'vulnerability.sql_injection'
  | 'vulnerability.code';

export interface RuleFacts {
  /** Normalised tool name: codeql, semgrep, trivy, gitleaks, or the driver name in kebab case. */
  tool: string;
  ruleId: string;
  /** The rule's `name` (Trivy puts its result class there: OsPackageVulnerability, Misconfiguration, Secret). */
  ruleName?: string;
  tags: string[];
  cwes: string[];
  /** The result's message text, for tools that only say what they found in prose (Trivy). */
  message: string;
  path: string;
}

/** Driver names as the four tools write them, to one word each (Semgrep says "Semgrep OSS" or "Semgrep PRO"). */
export function normaliseToolName(driverName: string): string {
  const lower = driverName.trim().toLowerCase();
  if (lower === 'codeql') return 'codeql';
  if (lower.startsWith('semgrep')) return 'semgrep';
  if (lower === 'trivy') return 'trivy';
  if (lower === 'gitleaks') return 'gitleaks';
  return lower.replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'unknown';
}

const TRIVY_PACKAGE_RULE_NAMES = new Set(['ospackagevulnerability', 'languagespecificpackagevulnerability']);

/** Trivy's vulnerability messages begin "Package: <name>\nInstalled Version: <version>". */
export function trivyPackage(message: string): { name: string; version: string; fixedVersion?: string } | undefined {
  const name = /^Package: (.+)$/m.exec(message)?.[1]?.trim();
  const version = /^Installed Version: (.+)$/m.exec(message)?.[1]?.trim();
  if (!name || !version) return undefined;
  const fixed = /^Fixed Version: (.*)$/m.exec(message)?.[1]?.trim();
  return { name, version, ...(fixed ? { fixedVersion: fixed } : {}) };
}

function hasTag(tags: string[], ...wanted: string[]): boolean {
  return tags.some((t) => wanted.includes(t.toLowerCase()));
}

export function isSecretRule(facts: RuleFacts): boolean {
  if (facts.tool === 'gitleaks') return true;
  if (facts.ruleName?.toLowerCase() === 'secret') return true;
  if (hasTag(facts.tags, 'secret', 'secrets')) return true;
  // Hard-coded credentials (CWE-798), passwords (CWE-259) and keys (CWE-321) are secrets in the source.
  if (facts.cwes.some((c) => c === 'CWE-798' || c === 'CWE-259' || c === 'CWE-321')) return true;
  // Semgrep's secrets rules live under "<lang>.secrets." or "generic.secrets." without a "secret" tag.
  return /(^|\.)secrets\./i.test(facts.ruleId);
}

function isDependencyRule(facts: RuleFacts): boolean {
  if (facts.ruleName && TRIVY_PACKAGE_RULE_NAMES.has(facts.ruleName.toLowerCase())) return true;
  return facts.tool === 'trivy' && trivyPackage(facts.message) !== undefined;
}

function misconfigurationKind(facts: RuleFacts): SarifEventType | undefined {
  const id = facts.ruleId;
  const trivyMisconfiguration = facts.ruleName?.toLowerCase() === 'misconfiguration' || hasTag(facts.tags, 'misconfiguration');
  const semgrepContainer = /^dockerfile\./i.test(id);
  const semgrepKubernetes = /^yaml\.kubernetes\./i.test(id);
  if (!trivyMisconfiguration && !semgrepContainer && !semgrepKubernetes) return undefined;
  // Trivy's check ids say which scanner raised them (KSV: Kubernetes, DS: Dockerfile), in old and AVD- forms.
  const type = /^Type: (.+)$/m.exec(facts.message)?.[1]?.trim().toLowerCase() ?? '';
  const base = facts.path.slice(facts.path.lastIndexOf('/') + 1).toLowerCase();
  if (semgrepKubernetes || /^(AVD-)?KSV-?\d+/i.test(id) || type === 'kubernetes' || type === 'helm') return 'misconfiguration.kubernetes';
  if (semgrepContainer || /^(AVD-)?DS-?\d+/i.test(id) || type === 'dockerfile' || base === 'dockerfile' || base.endsWith('.dockerfile') || base.startsWith('dockerfile.')) {
    return 'misconfiguration.container';
  }
  return 'misconfiguration.iac';
}

function isSqlInjection(facts: RuleFacts): boolean {
  if (facts.cwes.includes('CWE-89')) return true;
  const words = [facts.ruleId, facts.ruleName ?? '', ...facts.tags].join(' ');
  // "nosql" injection is its own weakness (CWE-943), not SQL injection.
  return /sql/i.test(words.replace(/nosql/gi, ''));
}

export function classify(facts: RuleFacts): SarifEventType {
  if (isSecretRule(facts)) return 'secret.exposed';
  if (isDependencyRule(facts)) return 'vulnerability.dependency';
  const misconfiguration = misconfigurationKind(facts);
  if (misconfiguration) return misconfiguration;
  if (isSqlInjection(facts)) return 'vulnerability.sql_injection';
  return 'vulnerability.code';
}

/**
 * CWE ids as "CWE-<n>" from the forms the four tools use: CodeQL tags "external/cwe/cwe-089", Semgrep tags
 * "CWE-78: Improper Neutralization ...", a `cwe` property (string or list), and SARIF taxonomy relationships.
 */
export function cweIds(candidates: unknown[]): string[] {
  const found = new Set<string>();
  for (const candidate of candidates) {
    if (typeof candidate !== 'string') continue;
    const match = /(?:^|\/|\b)cwe[-/_ ]?0*(\d{1,5})\b/i.exec(candidate);
    if (match) found.add(`CWE-${match[1]}`);
  }
  return [...found].sort((a, b) => Number(a.slice(4)) - Number(b.slice(4)));
}
