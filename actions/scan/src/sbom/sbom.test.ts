import { describe, expect, it } from '@jest/globals';
import * as CDX from '@cyclonedx/cyclonedx-library';
import { Ajv } from 'ajv';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { corpusPath } from '../../../../test/corpus.js';
import { extractorById } from '../extractors/registry.js';
import { readSiblingWithin } from '../extractors/sibling.js';
import type { ExtractedPackage } from '../extractors/types.js';
import { buildCycloneDx, cyclonedxFromModel, ECOSYSTEM_PROPERTY, LOCKFILE_PROPERTY, ROOT_BOM_REF } from './cyclonedx.js';
import { renderSboms } from './index.js';
import { buildSbomModel, SbomInputError, type SbomInput } from './model.js';
import { purlFor } from './purl.js';
import { buildSpdx, DOCUMENT_ID, ROOT_ID, spdxFromModel } from './spdx.js';
import { corpusPackages } from './test-helpers.js';
import { assertValidCycloneDx, assertValidSpdx, InvalidSbomError } from './validate.js';

// The library's own strict validator (with every format checked) is the independent judge in tests.
const cyclonedxValidator = new CDX.Validation.JsonStrictValidator(CDX.Spec.Version.v1dot6);
async function expectValidCycloneDx(document: unknown): Promise<void> {
  const errors = await cyclonedxValidator.validate(JSON.stringify(document));
  expect(errors).toBeNull();
}

// A separate Ajv over the vendored official SPDX 2.3 schema, without the writer's format shortcuts.
const spdxSchema = JSON.parse(readFileSync(new URL('./schema/spdx-2.3.schema.json', import.meta.url), 'utf8')) as object;
const validateSpdx = new Ajv({ allErrors: true, strict: false, validateFormats: false }).compile(spdxSchema);
function expectValidSpdx(document: unknown): void {
  validateSpdx(document);
  expect(validateSpdx.errors ?? null).toBeNull();
}

type Cdx = {
  metadata: { timestamp: string; component: { 'bom-ref': string; name: string; version?: string }; tools: { components: { name: string }[] } };
  components: { 'bom-ref': string; group?: string; name: string; version?: string; scope: string; purl?: string; properties: { name: string; value: string }[] }[];
  dependencies: { ref: string; dependsOn: string[] }[];
};
type Spdx = {
  documentNamespace: string;
  creationInfo: { created: string; creators: string[] };
  packages: { SPDXID: string; name: string; versionInfo?: string; externalRefs?: { referenceLocator: string }[] }[];
  relationships: { spdxElementId: string; relationshipType: string; relatedSpdxElement: string }[];
};

function npm(name: string, version: string, extra: Partial<ExtractedPackage> = {}): ExtractedPackage {
  return { name, version, ecosystem: 'npm', ...extra };
}

/** A small monorepo: an npm lockfile with a graph, a second npm lockfile sharing a package, and a Maven pom without one. */
function smallInput(): SbomInput {
  return {
    rootName: 'shop',
    rootVersion: '1.2.0',
    toolName: 'secloop',
    toolVersion: '0.1.0',
    timestamp: '2024-05-01T10:00:00.000Z',
    lockfiles: [
      {
        path: 'package-lock.json',
        packages: [
          npm('express', '4.18.2', { direct: true, depGroups: [], dependencies: ['body-parser@1.20.1', 'qs@6.11.0', 'fsevents@2.3.2'] }),
          npm('body-parser', '1.20.1', { direct: false, depGroups: [], dependencies: ['qs@6.11.0'] }),
          npm('qs', '6.11.0', { direct: false, depGroups: [], dependencies: [] }),
          npm('@types/express', '4.17.17', { direct: true, depGroups: ['dev'], dependencies: [] }),
          npm('jest', '29.7.0', { direct: true, depGroups: ['dev'], dependencies: ['@types/express@4.17.17'] }),
        ],
      },
      {
        path: 'packages/admin/package-lock.json',
        packages: [
          npm('qs', '6.11.0', { direct: true, depGroups: [], dependencies: [] }),
          npm('jest', '29.7.0', { direct: true, depGroups: [], dependencies: [] }),
        ],
      },
      {
        path: 'backend/pom.xml',
        packages: [{ name: 'org.apache.logging.log4j:log4j-core', version: '2.14.1', ecosystem: 'Maven', direct: true, depGroups: [] }],
      },
    ],
  };
}

const purl = {
  express: 'pkg:npm/express@4.18.2',
  bodyParser: 'pkg:npm/body-parser@1.20.1',
  qs: 'pkg:npm/qs@6.11.0',
  types: 'pkg:npm/%40types/express@4.17.17',
  jest: 'pkg:npm/jest@29.7.0',
  log4j: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1',
};

describe('CycloneDX 1.6 on a hand-made input', () => {
  const bom = buildCycloneDx(smallInput()) as unknown as Cdx;

  it('passes the CycloneDX library strict validator', async () => {
    await expectValidCycloneDx(bom);
  });

  it('has one component per distinct package, sorted, with purls as bom-refs', () => {
    expect(bom.components.map((c) => c['bom-ref'])).toEqual([purl.log4j, purl.types, purl.bodyParser, purl.express, purl.jest, purl.qs]);
    for (const component of bom.components) expect(component.purl).toBe(component['bom-ref']);
  });

  it('splits Maven groupId and npm scope into group', () => {
    expect(bom.components.find((c) => c.purl === purl.log4j)).toMatchObject({ group: 'org.apache.logging.log4j', name: 'log4j-core', version: '2.14.1' });
    expect(bom.components.find((c) => c.purl === purl.types)).toMatchObject({ group: '@types', name: 'express' });
  });

  it('marks dev-only packages optional; a package dev in one lockfile but not another is required', () => {
    const scope = (ref: string) => bom.components.find((c) => c['bom-ref'] === ref)?.scope;
    expect(scope(purl.types)).toBe('optional');
    expect(scope(purl.jest)).toBe('required');
    expect(scope(purl.express)).toBe('required');
  });

  it('records every lockfile a package comes from as a property', () => {
    const qs = bom.components.find((c) => c['bom-ref'] === purl.qs);
    expect(qs?.properties).toEqual([
      { name: ECOSYSTEM_PROPERTY, value: 'npm' },
      { name: LOCKFILE_PROPERTY, value: 'package-lock.json' },
      { name: LOCKFILE_PROPERTY, value: 'packages/admin/package-lock.json' },
    ]);
  });

  it('has the lockfile graph plus the root, drops edges to unlisted packages, and leaves graph-less packages out', () => {
    const graph = Object.fromEntries(bom.dependencies.map((d) => [d.ref, d.dependsOn]));
    expect(graph).toEqual({
      [ROOT_BOM_REF]: [purl.log4j, purl.types, purl.express, purl.jest, purl.qs],
      [purl.express]: [purl.bodyParser, purl.qs],
      [purl.bodyParser]: [purl.qs],
      [purl.qs]: [],
      [purl.types]: [],
      [purl.jest]: [purl.types],
    });
    const refs = new Set([ROOT_BOM_REF, ...bom.components.map((c) => c['bom-ref'])]);
    for (const dependency of bom.dependencies) for (const target of dependency.dependsOn) expect(refs.has(target)).toBe(true);
  });

  it('describes the root and the tool in metadata', () => {
    expect(bom.metadata.component).toEqual({ type: 'application', 'bom-ref': ROOT_BOM_REF, name: 'shop', version: '1.2.0' });
    expect(bom.metadata.tools.components[0]?.name).toBe('secloop');
    expect(bom.metadata.timestamp).toBe('2024-05-01T10:00:00.000Z');
  });
});

describe('SPDX 2.3 on a hand-made input', () => {
  const doc = buildSpdx(smallInput()) as unknown as Spdx;
  const idOf = (locator: string) => doc.packages.find((p) => p.externalRefs?.[0]?.referenceLocator === locator)?.SPDXID as string;
  const has = (a: string, type: string, b: string) =>
    doc.relationships.some((r) => r.spdxElementId === a && r.relationshipType === type && r.relatedSpdxElement === b);

  it('passes the official SPDX 2.3 schema', () => {
    expectValidSpdx(doc);
  });

  it('lists the root and every package, with unique ids and purl external refs', () => {
    expect(doc.packages).toHaveLength(7);
    expect(new Set(doc.packages.map((p) => p.SPDXID)).size).toBe(7);
    for (const locator of Object.values(purl)) expect(idOf(locator)).toMatch(/^SPDXRef-Package-[A-Za-z0-9.-]+$/);
  });

  it('describes the root, which depends on its direct runtime dependencies', () => {
    expect(has(DOCUMENT_ID, 'DESCRIBES', ROOT_ID)).toBe(true);
    expect(has(ROOT_ID, 'DEPENDS_ON', idOf(purl.express))).toBe(true);
    expect(has(ROOT_ID, 'DEPENDS_ON', idOf(purl.log4j))).toBe(true);
    expect(has(ROOT_ID, 'DEPENDS_ON', idOf(purl.jest))).toBe(true);
  });

  it('relates dev-only direct dependencies with DEV_DEPENDENCY_OF instead', () => {
    expect(has(idOf(purl.types), 'DEV_DEPENDENCY_OF', ROOT_ID)).toBe(true);
    expect(has(ROOT_ID, 'DEPENDS_ON', idOf(purl.types))).toBe(false);
  });

  it('carries the lockfile edges as DEPENDS_ON', () => {
    expect(has(idOf(purl.express), 'DEPENDS_ON', idOf(purl.bodyParser))).toBe(true);
    expect(has(idOf(purl.bodyParser), 'DEPENDS_ON', idOf(purl.qs))).toBe(true);
    expect(has(idOf(purl.jest), 'DEPENDS_ON', idOf(purl.types))).toBe(true);
    expect(doc.relationships.filter((r) => r.relationshipType === 'DEPENDS_ON')).toHaveLength(4 + 4);
  });

  it('has a namespace made from the content, and SPDX timestamps', () => {
    expect(doc.documentNamespace).toMatch(/^https:\/\/secloop\.dev\/spdxdocs\/shop-[0-9a-f]{64}$/);
    expect(doc.creationInfo).toEqual({ created: '2024-05-01T10:00:00Z', creators: ['Tool: secloop-0.1.0'] });
  });
});

describe('determinism', () => {
  it('gives identical files apart from the timestamp, whatever the package order', async () => {
    const first = await renderSboms(smallInput());
    const shuffled = smallInput();
    shuffled.timestamp = '2025-01-01T00:00:00Z';
    for (const lockfile of shuffled.lockfiles) lockfile.packages.reverse();
    const second = await renderSboms(shuffled);
    const stripTime = (text: string) => text.replace(/"(timestamp|created)": "[^"]*"/g, '"$1": "T"');
    expect(stripTime(second.cyclonedx)).toBe(stripTime(first.cyclonedx));
    expect(stripTime(second.spdx)).toBe(stripTime(first.spdx));
    expect(second.cyclonedx).not.toBe(first.cyclonedx);
  });

  it('changes the SPDX namespace when the packages change', () => {
    const changed = smallInput();
    (changed.lockfiles[0]?.packages[2] as ExtractedPackage).version = '6.11.1';
    expect((buildSpdx(changed) as unknown as Spdx).documentNamespace).not.toBe((buildSpdx(smallInput()) as unknown as Spdx).documentNamespace);
  });
});

describe('graph inference and bad input', () => {
  it('takes the packages nothing depends on as direct when the lockfile cannot say', () => {
    const model = buildSbomModel({
      ...smallInput(),
      lockfiles: [{ path: 'yarn.lock', packages: [npm('a', '1.0.0', { dependencies: ['b@1.0.0'] }), npm('b', '1.0.0', { dependencies: [] })] }],
    });
    expect(model.direct).toEqual(['pkg:npm/a@1.0.0']);
  });

  it('keeps a package that can have no purl, under a fallback id and without purl', async () => {
    const input = { ...smallInput(), lockfiles: [{ path: 'pom.xml', packages: [{ name: 'no-group', version: '1.0', ecosystem: 'Maven' as const, direct: true }] }] };
    const bom = buildCycloneDx(input) as unknown as Cdx;
    expect(bom.components[0]).toMatchObject({ 'bom-ref': 'Maven:no-group@1.0', name: 'no-group' });
    expect(bom.components[0]?.purl).toBeUndefined();
    await expectValidCycloneDx(bom);
    expectValidSpdx(buildSpdx(input));
  });

  it.each([
    [{ rootName: '' }, /rootName must be a non-empty string/],
    [{ timestamp: 'yesterday' }, /timestamp "yesterday" is not an ISO 8601 date-time/],
    [{ lockfiles: [{ path: 'x.lock', packages: [{ name: 'a' }] }] }, /x.lock: packages\[0\] needs a name, a version string and an ecosystem/],
    [{ lockfiles: undefined }, /lockfiles must be an array/],
  ])('rejects %j', (override, message) => {
    expect(() => buildSbomModel({ ...smallInput(), ...(override as Partial<SbomInput>) })).toThrow(SbomInputError);
    expect(() => buildSbomModel({ ...smallInput(), ...(override as Partial<SbomInput>) })).toThrow(message);
  });

  it('refuses to emit a document that fails its schema', () => {
    const model = buildSbomModel(smallInput());
    const broken = { ...model, timestamp: 'not a date', components: model.components.map((c) => ({ ...c, version: c.version })) };
    expect(() => assertValidCycloneDx(cyclonedxFromModel(broken))).toThrow(InvalidSbomError);
    expect(() => assertValidCycloneDx(cyclonedxFromModel(broken))).toThrow(
      /CycloneDX 1.6 document does not match its schema: \/metadata\/timestamp must match format "date-time"/,
    );
    expect(() => assertValidSpdx({ ...(spdxFromModel(model) as object), dataLicense: undefined })).toThrow(
      /SPDX 2.3 document does not match its schema: \/ must have required property 'dataLicense'/,
    );
  });

  it('validates in renderSboms only when asked, with the same texts as without', async () => {
    const plain = await renderSboms(smallInput());
    expect(await renderSboms(smallInput(), { validate: true })).toEqual(plain);
    // A version over the CycloneDX schema's 1,024-character limit passes the model but not the schema.
    const tooLong = smallInput();
    tooLong.lockfiles[0]!.packages[0]!.version = `1.${'0'.repeat(1100)}`;
    await expect(renderSboms(tooLong)).resolves.toBeDefined();
    await expect(renderSboms(tooLong, { validate: true })).rejects.toThrow(/CycloneDX 1.6 document does not match its schema: \/components\/\d+\/version must NOT have more than 1024 characters/);
    await expect(renderSboms(tooLong, { validate: true })).rejects.toThrow(InvalidSbomError);
  });

  it('uses validators that do reject invalid documents', async () => {
    const invalid = { bomFormat: 'CycloneDX', specVersion: '1.6', components: [{ name: 'no type' }] };
    expect(await cyclonedxValidator.validate(JSON.stringify(invalid))).not.toBeNull();
    expect(() => assertValidCycloneDx(invalid)).toThrow(InvalidSbomError);
    expect(validateSpdx({ spdxVersion: 'SPDX-2.3' })).toBe(false);
  });
});

describe('SBOMs from the real corpus packages', () => {
  const lockfiles = corpusPackages();
  const input: SbomInput = { rootName: 'corpus', toolName: 'secloop', toolVersion: '0.1.0', timestamp: '2024-05-01T10:00:00Z', lockfiles };

  it('validates with every corpus lockfile in one SBOM, with one component per distinct purl', async () => {
    const { cyclonedx, spdx } = await renderSboms(input);
    const bom = JSON.parse(cyclonedx) as Cdx;
    await expectValidCycloneDx(bom);
    const doc = JSON.parse(spdx) as Spdx;
    expectValidSpdx(doc);

    const distinct = new Set(lockfiles.flatMap((l) => l.packages.map((p) => purlFor(p))));
    expect(bom.components).toHaveLength(distinct.size);
    expect(new Set(bom.components.map((c) => c.purl))).toEqual(distinct);
    expect(doc.packages).toHaveLength(distinct.size + 1);
    expect(distinct.size).toBeGreaterThan(400);
  });

  it.each(lockfiles.map((lockfile) => [lockfile.path, lockfile] as const))('%s alone gives valid SBOMs', async (_path, lockfile) => {
    const single = { ...input, lockfiles: [lockfile] };
    const bom = buildCycloneDx(single) as unknown as Cdx;
    await expectValidCycloneDx(bom);
    expectValidSpdx(buildSpdx(single));
    for (const component of bom.components) {
      expect(component.properties).toContainEqual({ name: LOCKFILE_PROPERTY, value: lockfile.path });
    }
  });
});

describe('SBOM graph from the extractors run on the corpus lockfiles', () => {
  const index = JSON.parse(readFileSync(corpusPath('lockfiles', 'index.json'), 'utf8')) as {
    fixtures: { ecosystem: string; format: string; fixture: string }[];
  };

  async function extractAll(): Promise<{ path: string; packages: ExtractedPackage[] }[]> {
    const lockfiles = [];
    for (const entry of index.fixtures) {
      const extractor = extractorById(`${entry.ecosystem}/${entry.format}`);
      if (!extractor) throw new Error(`no extractor for ${entry.ecosystem}/${entry.format}`);
      const file = corpusPath('lockfiles', entry.fixture);
      const dir = path.dirname(file);
      const result = await extractor.extract({
        path: entry.fixture,
        content: readFileSync(file, 'utf8').replace(/^\uFEFF/, ''),
        readSibling: (relative) => readSiblingWithin(dir, dir, relative),
      });
      lockfiles.push({ path: entry.fixture, packages: result.packages });
    }
    return lockfiles;
  }

  it('turns every edge between listed packages into a CycloneDX dependency and an SPDX DEPENDS_ON', async () => {
    const lockfiles = await extractAll();
    const input: SbomInput = { rootName: 'corpus', toolName: 'secloop', toolVersion: '0.1.0', timestamp: '2024-05-01T10:00:00Z', lockfiles };
    const { cyclonedx, spdx } = await renderSboms(input);
    const bom = JSON.parse(cyclonedx) as Cdx;
    const doc = JSON.parse(spdx) as Spdx;
    await expectValidCycloneDx(bom);
    expectValidSpdx(doc);

    // Expected edges computed straight from the extractor output, by purl.
    const expected = new Set<string>();
    for (const lockfile of lockfiles) {
      const byKey = new Map(lockfile.packages.map((p) => [`${p.name}@${p.version}`, purlFor(p)]));
      for (const pkg of lockfile.packages) {
        for (const key of pkg.dependencies ?? []) {
          const target = byKey.get(key);
          if (target && target !== purlFor(pkg)) expected.add(`${purlFor(pkg)} -> ${target}`);
        }
      }
    }
    const cdxEdges = new Set(
      bom.dependencies.filter((d) => d.ref !== ROOT_BOM_REF).flatMap((d) => d.dependsOn.map((t) => `${d.ref} -> ${t}`)),
    );
    expect(cdxEdges).toEqual(expected);
    expect(expected.size).toBeGreaterThan(100);

    const purlOf = new Map(doc.packages.map((p) => [p.SPDXID, p.externalRefs?.[0]?.referenceLocator]));
    const spdxEdges = new Set(
      doc.relationships
        .filter((r) => r.relationshipType === 'DEPENDS_ON' && r.spdxElementId !== ROOT_ID)
        .map((r) => `${purlOf.get(r.spdxElementId)} -> ${purlOf.get(r.relatedSpdxElement)}`),
    );
    expect(spdxEdges).toEqual(expected);
  });
});
