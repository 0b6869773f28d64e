/**
 * CycloneDX 1.6 JSON (https://cyclonedx.org/docs/1.6/json/), built as plain JSON. @cyclonedx/cyclonedx-library
 * would add about 210 kB to the action bundle for a model we fill in a few lines, and its validator reads
 * schema files from its own folder at run time, which a bundled action does not have; so the library checks
 * our output in tests, and the vendored schema checks it at write time (validate.ts).
 */
import type { LockfileEcosystem } from '../../../../src/shared/ecosystems.js';
import { buildSbomModel, type SbomComponent, type SbomInput, type SbomModel } from './model.js';

/** Property names under our own namespace, per the CycloneDX property taxonomy's advice. */
export const LOCKFILE_PROPERTY = 'secloop:lockfile';
export const ECOSYSTEM_PROPERTY = 'secloop:ecosystem';

/** The root's bom-ref; package bom-refs are purls, which never start with "secloop:". */
export const ROOT_BOM_REF = 'secloop:root';

interface CdxComponent {
  type: 'library' | 'application';
  'bom-ref': string;
  group?: string;
  name: string;
  version?: string;
  scope?: 'required' | 'optional';
  purl?: string;
  properties?: { name: string; value: string }[];
}

/** CycloneDX convention: Maven's groupId and an npm scope go in `group`, the rest in `name`. */
function groupAndName(ecosystem: LockfileEcosystem, name: string): { group?: string; name: string } {
  if (ecosystem === 'Maven') {
    const colon = name.indexOf(':');
    if (colon > 0) return { group: name.slice(0, colon), name: name.slice(colon + 1) };
  }
  if (ecosystem === 'npm' && name.startsWith('@')) {
    const slash = name.indexOf('/');
    if (slash > 1) return { group: name.slice(0, slash), name: name.slice(slash + 1) };
  }
  return { name };
}

function toComponent(component: SbomComponent): CdxComponent {
  return {
    type: 'library',
    'bom-ref': component.id,
    ...groupAndName(component.ecosystem, component.name),
    ...(component.version ? { version: component.version } : {}),
    scope: component.dev ? 'optional' : 'required',
    ...(component.purl ? { purl: component.purl } : {}),
    properties: [
      { name: ECOSYSTEM_PROPERTY, value: component.ecosystem },
      ...component.lockfiles.map((path) => ({ name: LOCKFILE_PROPERTY, value: path })),
    ],
  };
}

/**
 * The document for an already-built model. Schema validation is a separate step (validate.ts, which loads ajv
 * and the schemas): renderSboms runs it when asked. The scan leaves it off: the schema's uniqueItems checks are
 * quadratic (0.5 s for 2,000 components) and the tests validate every document the writers produce.
 */
export function cyclonedxFromModel(model: SbomModel): Record<string, unknown> {
  const dependencies = [
    { ref: ROOT_BOM_REF, dependsOn: model.direct },
    // Only components whose lockfile records a graph: an absent entry means "unknown", an empty one "none".
    ...model.components.filter((c) => c.dependsOn !== undefined).map((c) => ({ ref: c.id, dependsOn: c.dependsOn as string[] })),
  ];
  const document = {
    $schema: 'http://cyclonedx.org/schema/bom-1.6.schema.json',
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    version: 1,
    metadata: {
      timestamp: model.timestamp,
      tools: { components: [{ type: 'application', name: model.tool.name, version: model.tool.version }] },
      component: {
        type: 'application',
        'bom-ref': ROOT_BOM_REF,
        name: model.root.name,
        ...(model.root.version ? { version: model.root.version } : {}),
      },
    },
    components: model.components.map(toComponent),
    dependencies,
  };
  return document;
}

export function buildCycloneDx(input: SbomInput): Record<string, unknown> {
  return cyclonedxFromModel(buildSbomModel(input));
}

/** The file's text: 2-space JSON with a final newline, identical for identical input. */
export function writeCycloneDx(input: SbomInput): string {
  return `${JSON.stringify(buildCycloneDx(input), null, 2)}\n`;
}
