import { createHash, createHmac } from 'node:crypto';
import type { Finding, FindingLocation, SeverityLevel } from '../../../../src/shared/contracts/findings.js';
import { SEVERITY_LEVELS } from '../../../../src/shared/contracts/findings.js';
import type { SecretRule } from './config.js';

/**
 * Turns raw detections into findings that never carry the secret: the message shows a redacted preview, and
 * the fingerprint is an HMAC-SHA256 of the secret under a per-repository key, so the same secret found in
 * several files (or commits) is one finding with several locations, and fingerprints cannot be compared across
 * repositories or reversed by hashing guesses without the key.
 */

export interface Occurrence {
  rule: SecretRule;
  secret: string;
  entropy: number;
  location: FindingLocation;
  /** Set for occurrences found in git history (added lines of that commit). */
  commit?: string;
  /** Set when the secret was found by decoding the text at the location (base64, hex, percent, unicode). */
  decodedFrom?: string[];
}

/**
 * The fingerprint key: the `secrets-hash-key` input when given (keep it in a repository secret to make the
 * fingerprints unguessable), else one derived from the repository's name (stable across runs and clones, so
 * fingerprints still track a finding over time, but not a secret: anyone who knows the name can derive it).
 */
export function fingerprintKey(explicitKey: string | undefined, repositoryName: string): Buffer {
  if (explicitKey) return Buffer.from(explicitKey, 'utf8');
  return createHash('sha256').update(`secloop secrets fingerprint key\0${repositoryName}`).digest();
}

export function secretFingerprint(key: Buffer, secret: string): string {
  return createHmac('sha256', key).update(secret, 'utf8').digest('hex');
}

/** First 4 characters and an ellipsis when the secret is long enough for that to leave most of it hidden. */
export function redactedPreview(secret: string): string {
  const chars = [...secret];
  if (chars.length >= 16) return `${chars.slice(0, 4).join('')}…`;
  return '*'.repeat(Math.min(Math.max(chars.length, 4), 8));
}

const SEVERITY_RANK = new Map(SEVERITY_LEVELS.map((s, i) => [s, i]));

function severityOf(rule: SecretRule): SeverityLevel {
  return rule.severity ?? 'high';
}

/** How sure we are: the rule's own precision (overlay or config), else its shape; adjusted by the secret's entropy. */
export function confidenceOf(rule: SecretRule, entropy: number, pathOnly: boolean): number {
  let base = rule.confidence;
  if (base === undefined) {
    if (pathOnly) base = 0.6;
    else if (rule.id.toLowerCase().includes('generic')) base = 0.5;
    else base = rule.keywords.length > 0 ? 0.85 : 0.7;
  }
  if (!pathOnly) {
    if (entropy < 3) base -= 0.15;
    else if (entropy >= 4.5) base += 0.05;
  }
  return Math.round(Math.min(0.99, Math.max(0.05, base)) * 100) / 100;
}

/** Groups occurrences by secret (keyed hash) into findings, most severe rule first; deterministic order. */
export function buildFindings(occurrences: Occurrence[], key: Buffer, detectedAt: string): Finding[] {
  const groups = new Map<string, Occurrence[]>();
  for (const o of occurrences) {
    const fp = secretFingerprint(key, o.secret);
    const list = groups.get(fp);
    if (list) list.push(o);
    else groups.set(fp, [o]);
  }
  const findings: Finding[] = [];
  for (const [fingerprint, list] of groups) {
    const rule = pickRule(list);
    const locations = uniqueLocations(list);
    const primary = locations[0]!;
    const best = list.reduce((a, b) => (b.entropy > a.entropy ? b : a));
    const pathOnly = list.every((o) => o.location.start_line === undefined);
    const preview = pathOnly ? undefined : redactedPreview(best.secret);
    const commits = [...new Set(list.map((o) => o.commit).filter((c): c is string => c !== undefined))];
    const where = `${primary.path}${primary.start_line ? `:${primary.start_line}` : ''}`;
    const more = locations.length > 1 ? ` and ${locations.length - 1} other place(s)` : '';
    const history = commits.length > 0 ? `; in git history of commit(s) ${commits.slice(0, 5).map((c) => c.slice(0, 12)).join(', ')}${commits.length > 5 ? ', ...' : ''}` : '';
    const decodedFrom = [...new Set(list.flatMap((o) => o.decodedFrom ?? []))];
    const encoded = decodedFrom.length > 0 ? ` (${decodedFrom.join('/')}-encoded)` : '';
    const what = pathOnly ? `${rule.description} (the file itself is the secret)` : `${rule.id} secret ${preview}${encoded}`;
    const finding: Finding = {
      fingerprint,
      kind: 'secret',
      event_type: 'secret.exposed',
      rule: {
        id: rule.id,
        name: rule.id,
        help: `${rule.description} ${pathOnly ? 'The file' : `The value (shown redacted as ${preview})`} must be treated as leaked: revoke and rotate it, then remove it from the code and, if pushed, from the git history; keep it in a secret store instead.`,
        help_uri: 'https://github.com/gitleaks/gitleaks',
        cwe: ['CWE-798'],
        tags: ['secret', ...rule.tags, ...decodedFrom.map((e) => `decoded:${e}`)],
      },
      message: `${what} at ${where}${more}${history}`,
      severity: severityOf(rule),
      severity_source: { source: rule.severity ? 'secloop-rule' : 'secloop-default' },
      confidence: confidenceOf(rule, best.entropy, pathOnly),
      location: primary,
      fix: { summary: 'Revoke and rotate the credential, then remove it from the code and the git history', available: false },
      detected_at: detectedAt,
    };
    if (locations.length > 1) finding.other_locations = locations.slice(1);
    findings.push(finding);
  }
  return findings.sort((a, b) => compareLocations(a.location, b.location) || a.rule.id.localeCompare(b.rule.id));
}

function pickRule(list: Occurrence[]): SecretRule {
  const generic = (r: SecretRule) => (r.id.toLowerCase().includes('generic') ? 1 : 0);
  return list
    .map((o) => o.rule)
    .reduce((a, b) => {
      const bySeverity = SEVERITY_RANK.get(severityOf(a))! - SEVERITY_RANK.get(severityOf(b))!;
      if (bySeverity !== 0) return bySeverity < 0 ? a : b;
      return generic(b) < generic(a) ? b : a;
    });
}

function uniqueLocations(list: Occurrence[]): FindingLocation[] {
  const seen = new Set<string>();
  const out: FindingLocation[] = [];
  for (const o of list) {
    const key = `${o.location.path}\0${o.location.start_line}\0${o.location.start_column}\0${o.location.commit ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(o.location);
  }
  return out.sort(compareLocations);
}

function compareLocations(a: FindingLocation, b: FindingLocation): number {
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  return (a.start_line ?? 0) - (b.start_line ?? 0) || (a.start_column ?? 0) - (b.start_column ?? 0);
}
