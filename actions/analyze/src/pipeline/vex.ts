/**
 * OpenVEX documents (https://github.com/openvex/spec, v0.2.0; the 0.0.x string forms are read too): a
 * statement says whether a product is affected by a vulnerability. `not_affected` (with a justification or
 * an impact statement, as the spec requires) and `fixed` suppress the matching findings — for the gate too;
 * `affected` and `under_investigation` leave them as they are.
 *
 * Matching, as the spec's product matching describes it: the statement's vulnerability name, @id or any
 * alias is one of the finding's ids; and one of its products (or their subcomponents) is a purl naming the
 * finding's package. A purl without a version matches every version; qualifiers in the statement must all be
 * present with the same value in the finding's purl, qualifiers it leaves out match anything. When several
 * statements match, the latest (statement timestamp, else the document's) wins, as the spec orders them.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PackageURL } from 'packageurl-js';
import type { Finding } from '../../../../src/shared/contracts/findings.js';
import { ConfigurationError, errorMessage } from '../../../../src/shared/errors.js';
import type { Suppression } from '../types.js';
import { normaliseEcosystem, normalisePackageName } from './config.js';
import { vulnerabilityIds } from './merge.js';

export const VEX_STATUSES = ['not_affected', 'affected', 'fixed', 'under_investigation'] as const;
export type VexStatus = (typeof VEX_STATUSES)[number];
export const VEX_JUSTIFICATIONS = [
  'component_not_present',
  'vulnerable_code_not_present',
  'vulnerable_code_not_in_execute_path',
  'vulnerable_code_cannot_be_controlled_by_adversary',
  'inline_mitigations_already_exist',
] as const;

interface PurlMatcher {
  key: string;
  version?: string;
  qualifiers: [string, string][];
}

export interface VexStatement {
  source: string;
  ids: string[];
  products: PurlMatcher[];
  status: VexStatus;
  justification?: string;
  impact_statement?: string;
  action_statement?: string;
  /** For "latest wins": milliseconds, then position across all documents. */
  time: number;
  order: number;
}

export interface VexIndex {
  files: string[];
  byId: Map<string, VexStatement[]>;
  statements: VexStatement[];
}

/** ecosystem/name, as config.ts normalises them, so a purl and a finding's package compare alike. */
function purlKey(purl: PackageURL): string {
  const ecosystem = normaliseEcosystem(purl.type);
  const name =
    purl.type === 'maven' && purl.namespace ? `${purl.namespace}:${purl.name}` : purl.namespace ? `${purl.namespace}/${purl.name}` : purl.name;
  return `${ecosystem}/${normalisePackageName(ecosystem, name)}`;
}

function purlMatcher(text: string): PurlMatcher | undefined {
  if (!text.startsWith('pkg:')) return undefined;
  let purl: PackageURL;
  try {
    purl = PackageURL.fromString(text);
  } catch {
    return undefined;
  }
  return {
    key: purlKey(purl),
    ...(purl.version ? { version: purl.version.replace(/^v(?=\d)/, '') } : {}),
    qualifiers: Object.entries(purl.qualifiers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]),
  };
}

/** The id in a vulnerability @id that is a URL (https://nvd.nist.gov/vuln/detail/CVE-2021-44228). */
function idFromIri(iri: string): string {
  const last = iri.replace(/\/+$/, '').split(/[/#]/).pop() ?? iri;
  return last.toUpperCase();
}

function fail(file: string, field: string, message: string): never {
  throw new ConfigurationError(message, file, field);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseVexDocument(text: string, file: string, orderStart = 0): VexStatement[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    fail(file, '/', `not JSON: ${errorMessage(error)}`);
  }
  if (!isObject(doc)) fail(file, '/', 'expected an OpenVEX document (a JSON object)');
  const context = doc['@context'];
  if (typeof context !== 'string' || !context.startsWith('https://openvex.dev/ns')) {
    fail(file, '@context', `is ${JSON.stringify(context)}; expected an OpenVEX context (https://openvex.dev/ns/v0.2.0)`);
  }
  const docTime = typeof doc.timestamp === 'string' ? Date.parse(doc.timestamp) : NaN;
  if (!Array.isArray(doc.statements)) fail(file, 'statements', 'expected a list of statements');
  const label = path.basename(file);
  return doc.statements.map((raw: unknown, i: number): VexStatement => {
    const at = `statements[${i}]`;
    if (!isObject(raw)) fail(file, at, 'expected a statement object');
    const vulnerability = raw.vulnerability;
    const ids = new Set<string>();
    if (typeof vulnerability === 'string') ids.add(vulnerability.toUpperCase());
    else if (isObject(vulnerability)) {
      if (typeof vulnerability.name === 'string') ids.add(vulnerability.name.toUpperCase());
      if (typeof vulnerability['@id'] === 'string') ids.add(idFromIri(vulnerability['@id']));
      if (Array.isArray(vulnerability.aliases)) for (const a of vulnerability.aliases) if (typeof a === 'string') ids.add(a.toUpperCase());
    }
    if (ids.size === 0) fail(file, `${at}.vulnerability`, 'needs a name (CVE-…, GHSA-…) or an @id');
    const status = raw.status;
    if (typeof status !== 'string' || !(VEX_STATUSES as readonly string[]).includes(status)) {
      fail(file, `${at}.status`, `is ${JSON.stringify(status)}; expected one of ${VEX_STATUSES.join(', ')}`);
    }
    const justification = typeof raw.justification === 'string' ? raw.justification : undefined;
    const impact = typeof raw.impact_statement === 'string' ? raw.impact_statement : undefined;
    if (status === 'not_affected') {
      if (!justification && !impact) fail(file, `${at}.justification`, 'a not_affected statement needs a justification or an impact_statement');
      if (justification && !(VEX_JUSTIFICATIONS as readonly string[]).includes(justification)) {
        fail(file, `${at}.justification`, `is ${JSON.stringify(justification)}; expected one of ${VEX_JUSTIFICATIONS.join(', ')}`);
      }
    }
    if (!Array.isArray(raw.products) || raw.products.length === 0) fail(file, `${at}.products`, 'needs at least one product (a purl such as pkg:npm/lodash@4.17.15)');
    const products: PurlMatcher[] = [];
    const collect = (product: unknown) => {
      const candidates: unknown[] = [];
      if (typeof product === 'string') candidates.push(product);
      else if (isObject(product)) {
        candidates.push(product['@id']);
        if (isObject(product.identifiers)) candidates.push(product.identifiers.purl);
        if (Array.isArray(product.subcomponents)) for (const sub of product.subcomponents) collect(sub);
      }
      for (const c of candidates) {
        const matcher = typeof c === 'string' ? purlMatcher(c) : undefined;
        if (matcher) products.push(matcher);
      }
    };
    raw.products.forEach(collect);
    if (products.length === 0) fail(file, `${at}.products`, 'names no package URL (pkg:…), so it cannot match any finding');
    const statementTime = typeof raw.timestamp === 'string' ? Date.parse(raw.timestamp) : NaN;
    return {
      source: `${label}#${at}`,
      ids: [...ids],
      products,
      status: status as VexStatus,
      ...(justification ? { justification } : {}),
      ...(impact ? { impact_statement: impact } : {}),
      ...(typeof raw.action_statement === 'string' ? { action_statement: raw.action_statement } : {}),
      time: Number.isNaN(statementTime) ? (Number.isNaN(docTime) ? 0 : docTime) : statementTime,
      order: orderStart + i,
    };
  });
}

export async function loadVex(files: string[]): Promise<VexIndex> {
  const statements: VexStatement[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw new ConfigurationError(`cannot read the VEX document: ${(error as NodeJS.ErrnoException).code ?? errorMessage(error)}`, file, 'vex');
    }
    statements.push(...parseVexDocument(text, file, statements.length));
  }
  const byId = new Map<string, VexStatement[]>();
  for (const s of statements) {
    for (const id of s.ids) {
      const list = byId.get(id);
      if (list) list.push(s);
      else byId.set(id, [s]);
    }
  }
  return { files, byId, statements };
}

function productMatches(matcher: PurlMatcher, finding: PackageURL, findingKey: string): boolean {
  if (matcher.key !== findingKey) return false;
  if (matcher.version && matcher.version !== (finding.version ?? '').replace(/^v(?=\d)/, '')) return false;
  const qualifiers = finding.qualifiers ?? {};
  return matcher.qualifiers.every(([k, v]) => String((qualifiers as Record<string, unknown>)[k] ?? '') === v);
}

/** The statement that decides this finding (the latest matching one), if any. */
export function vexStatementFor(index: VexIndex, finding: Finding): VexStatement | undefined {
  if (!finding.package || index.statements.length === 0) return undefined;
  const candidates = new Set<VexStatement>();
  for (const id of vulnerabilityIds(finding)) for (const s of index.byId.get(id) ?? []) candidates.add(s);
  if (candidates.size === 0) return undefined;
  let purl: PackageURL;
  try {
    purl = PackageURL.fromString(finding.package.purl);
  } catch {
    return undefined;
  }
  const key = purlKey(purl);
  let best: VexStatement | undefined;
  for (const s of candidates) {
    if (!s.products.some((p) => productMatches(p, purl, key))) continue;
    if (!best || s.time > best.time || (s.time === best.time && s.order > best.order)) best = s;
  }
  return best;
}

export function vexSuppression(statement: VexStatement): Suppression | undefined {
  if (statement.status !== 'not_affected' && statement.status !== 'fixed') return undefined;
  const reason =
    statement.status === 'fixed'
      ? `VEX: fixed${statement.action_statement ? ` (${statement.action_statement})` : ''}`
      : `VEX: not affected (${statement.justification ?? statement.impact_statement})${statement.justification && statement.impact_statement ? `: ${statement.impact_statement}` : ''}`;
  return {
    by: 'vex',
    reason,
    source: statement.source,
    vex_status: statement.status,
    ...(statement.justification ? { justification: statement.justification } : {}),
  };
}
