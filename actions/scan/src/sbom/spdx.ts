/**
 * SPDX 2.3 JSON (https://spdx.github.io/spdx-spec/v2.3/). Identifiers and the document namespace derive
 * from the packages themselves, never from randomness or the clock, so a rescan of the same tree produces
 * the same document apart from `creationInfo.created`.
 */
import { buildSbomModel, shortHash, type SbomComponent, type SbomInput, type SbomModel } from './model.js';

export const DOCUMENT_ID = 'SPDXRef-DOCUMENT';
export const ROOT_ID = 'SPDXRef-Root';
/** Where our document namespaces live; SPDX only needs a unique URI, it need not resolve. */
export const NAMESPACE_BASE = 'https://secloop.dev/spdxdocs';

/** SPDX ids allow only letters, digits, "." and "-"; a hash of the full identity keeps them unique. */
export function spdxIdFor(component: Pick<SbomComponent, 'id' | 'ecosystem' | 'name' | 'version'>): string {
  return `SPDXRef-Package-${readableIdPart(`${component.ecosystem}-${component.name}-${component.version}`)}-${shortHash(component.id)}`;
}

/**
 * Each run of other characters becomes one "-", runs of "-" collapse, no "-" at either end, at most 80
 * characters: in one pass over the text, as this runs for every package.
 */
function readableIdPart(text: string): string {
  let out = '';
  let pendingDash = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const allowed = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 46;
    if (!allowed) {
      // "-" itself, or a character replaced by one.
      pendingDash = out !== '';
      continue;
    }
    if (pendingDash) {
      out += '-';
      pendingDash = false;
    }
    out += text[i];
  }
  return out.slice(0, 80);
}

function slug(value: string): string {
  return value.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'project';
}

interface Relationship {
  spdxElementId: string;
  relationshipType: 'DESCRIBES' | 'DEPENDS_ON' | 'DEV_DEPENDENCY_OF';
  relatedSpdxElement: string;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareTypeThenRelated(a: Relationship, b: Relationship): number {
  return compareStrings(a.relationshipType, b.relationshipType) || compareStrings(a.relatedSpdxElement, b.relatedSpdxElement);
}

/**
 * Relationships sorted by element, type, then related element. Grouped by element first: one sort over
 * the elements and small sorts inside each group instead of one sort over every edge.
 */
function sortedRelationships(relationships: Relationship[]): Relationship[] {
  const byElement = new Map<string, Relationship[]>();
  for (const relationship of relationships) {
    const group = byElement.get(relationship.spdxElementId);
    if (group) group.push(relationship);
    else byElement.set(relationship.spdxElementId, [relationship]);
  }
  const sorted: Relationship[] = [];
  for (const element of [...byElement.keys()].sort(compareStrings)) {
    const group = byElement.get(element)!;
    if (group.length > 1) group.sort(compareTypeThenRelated);
    for (const relationship of group) sorted.push(relationship);
  }
  return sorted;
}

/** The document for an already-built model, not validated (see cyclonedxFromModel). */
export function spdxFromModel(model: SbomModel): Record<string, unknown> {
  const spdxIds = new Map<string, string>();
  const devIds = new Set<string>();
  for (const component of model.components) {
    spdxIds.set(component.id, spdxIdFor(component));
    if (component.dev) devIds.add(component.id);
  }
  const idOf = (id: string): string => spdxIds.get(id) as string;

  const rootPackage = {
    SPDXID: ROOT_ID,
    name: model.root.name,
    ...(model.root.version ? { versionInfo: model.root.version } : {}),
    downloadLocation: 'NOASSERTION',
    filesAnalyzed: false,
    primaryPackagePurpose: 'APPLICATION',
  };
  const packages = model.components.map((component) => ({
    SPDXID: idOf(component.id),
    name: component.name,
    ...(component.version ? { versionInfo: component.version } : {}),
    downloadLocation: 'NOASSERTION',
    filesAnalyzed: false,
    sourceInfo: `${component.ecosystem} package declared in ${component.lockfiles.join(', ')}`,
    primaryPackagePurpose: 'LIBRARY',
    ...(component.purl
      ? { externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: component.purl }] }
      : {}),
  }));

  const relationships: Relationship[] = [{ spdxElementId: DOCUMENT_ID, relationshipType: 'DESCRIBES', relatedSpdxElement: ROOT_ID }];
  for (const id of model.direct) {
    relationships.push(
      devIds.has(id)
        ? { spdxElementId: idOf(id), relationshipType: 'DEV_DEPENDENCY_OF', relatedSpdxElement: ROOT_ID }
        : { spdxElementId: ROOT_ID, relationshipType: 'DEPENDS_ON', relatedSpdxElement: idOf(id) },
    );
  }
  for (const component of model.components) {
    for (const target of component.dependsOn ?? []) {
      relationships.push({ spdxElementId: idOf(component.id), relationshipType: 'DEPENDS_ON', relatedSpdxElement: idOf(target) });
    }
  }

  const document = {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: DOCUMENT_ID,
    name: model.root.version ? `${model.root.name}@${model.root.version}` : model.root.name,
    documentNamespace: `${NAMESPACE_BASE}/${slug(model.root.name)}-${model.contentDigest}`,
    creationInfo: {
      created: spdxTimestamp(model.timestamp),
      creators: [`Tool: ${model.tool.name}-${model.tool.version}`],
    },
    packages: [rootPackage, ...packages],
    relationships: sortedRelationships(relationships),
  };
  return document;
}

/** SPDX wants UTC with seconds and no fraction ("2024-01-02T03:04:05Z"). */
function spdxTimestamp(timestamp: string): string {
  return new Date(timestamp).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function buildSpdx(input: SbomInput): Record<string, unknown> {
  return spdxFromModel(buildSbomModel(input));
}

/** The file's text: 2-space JSON with a final newline, identical for identical input. */
export function writeSpdx(input: SbomInput): string {
  return `${JSON.stringify(buildSpdx(input), null, 2)}\n`;
}
