import { createHash } from 'node:crypto';
import type { Finding, FindingKind, SeverityLevel } from '../../../../../src/shared/contracts/findings.js';

/** One configuration rule: its identity, default severity and how to fix what it reports. */
export interface Rule {
  id: string;
  name: string;
  /** Why it matters and how to fix it (shown in SARIF and PR comments). */
  help: string;
  helpUri?: string;
  cwe?: string[];
  severity: SeverityLevel;
  /** How sure the rule usually is; a finding may lower it. */
  confidence: number;
  /** One line: what to change. */
  fix: string;
}

export interface RuleHit {
  rule: Rule;
  message: string;
  line?: number;
  endLine?: number;
  /**
   * What the finding is about, independent of lines: the workload and container, the job and step, the
   * stage and instruction. With the rule and the path it makes the fingerprint.
   */
  identity: string;
  severity?: SeverityLevel;
  confidence?: number;
  tags?: string[];
}

/** The scanner family's constants: kind, event type, tags every finding carries. */
export interface FindingFamily {
  kind: FindingKind;
  eventType: string;
  tags: string[];
}

export function fingerprintOf(ruleId: string, path: string, identity: string): string {
  return createHash('sha256').update(`${ruleId}\0${path}\0${identity}`).digest('hex').slice(0, 32);
}

export function toFinding(family: FindingFamily, path: string, hit: RuleHit, detectedAt: string): Finding {
  const { rule } = hit;
  const location: Finding['location'] = { path };
  if (hit.line) {
    location.start_line = hit.line;
    location.end_line = Math.max(hit.line, hit.endLine ?? hit.line);
  }
  return {
    fingerprint: fingerprintOf(rule.id, path, hit.identity),
    kind: family.kind,
    event_type: family.eventType,
    rule: {
      id: rule.id,
      name: rule.name,
      help: rule.help,
      ...(rule.helpUri ? { help_uri: rule.helpUri } : {}),
      ...(rule.cwe ? { cwe: rule.cwe } : {}),
      tags: [...new Set(['security', ...family.tags, ...(hit.tags ?? [])])],
    },
    message: hit.message,
    severity: hit.severity ?? rule.severity,
    severity_source: { source: 'secloop-rule' },
    confidence: hit.confidence ?? rule.confidence,
    location,
    fix: { summary: rule.fix, available: false },
    detected_at: detectedAt,
  };
}

/**
 * Names of settings that hold credentials. Suffixes that name where a secret lives, or describe it, are not
 * the secret itself (POSTGRES_PASSWORD_FILE, TOKEN_URL, SECRET_NAME).
 */
const SECRET_NAME = /(PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|API_?KEY|APIKEY|PRIVATE_?KEY|ACCESS_?KEY|AUTH_?KEY|CREDENTIALS?|_PWD$|^PWD_)/i;
const NOT_A_SECRET_NAME =
  /(_FILE|_PATH|_DIR|_URL|_URI|_ENDPOINT|_HOST|_NAME|_REF|_KEY_ID|_ID|_HEADER|_LENGTH|_LEN|_TTL|_EXPIRY|_EXPIRES|_TIMEOUT|_TYPE|_ENABLED|_REQUIRED|_FIELD|_ENV|_VAR|_SECRET_NAME)$/i;

export function looksLikeSecretName(name: string): boolean {
  return SECRET_NAME.test(name) && !NOT_A_SECRET_NAME.test(name);
}

/**
 * A value that is a reference or a placeholder rather than a credential: empty, an environment or template
 * reference, or an obvious "fill me in" marker.
 */
export function isReferenceValue(value: string): boolean {
  const v = value.trim();
  if (v === '') return true;
  if (/^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$/.test(v)) return true; // $VAR, ${VAR}
  if (/^\$\([A-Za-z_][A-Za-z0-9_]*\)$/.test(v)) return true; // $(VAR): Kubernetes dependent env
  if (/^\$\{\{.*\}\}$/.test(v) || /^\{\{.*\}\}$/.test(v)) return true; // ${{ secrets.X }}, {{ .Values.x }}
  if (/^<[^>]+>$/.test(v)) return true; // <your-token-here>
  return false;
}

/** Never print a secret, not even a prefix: the length and the line are enough to find it in the file. */
export function redact(value: string): string {
  return `****** (${value.length} characters, redacted)`;
}
