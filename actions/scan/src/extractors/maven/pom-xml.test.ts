import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { corpusPath } from '../../../../../test/corpus.js';
import { readSiblingWithin } from '../sibling.js';
import { ExtractionError, type ExtractionResult } from '../types.js';
import { pomXmlExtractor } from './pom-xml.js';

/** Extracts an in-memory POM whose siblings come from `files` (paths relative to the POM's folder). */
async function extractPom(content: string, files: Record<string, string> = {}): Promise<ExtractionResult> {
  return pomXmlExtractor.extract({
    path: 'app/pom.xml',
    content,
    readSibling: async (relative) => files[path.posix.normalize(relative)],
  });
}

async function extractCorpus(name: string): Promise<ExtractionResult> {
  const file = corpusPath('lockfiles', 'Maven', 'pom-xml', name);
  const root = path.dirname(file);
  return pomXmlExtractor.extract({
    path: `Maven/pom-xml/${name}`,
    content: readFileSync(file, 'utf8'),
    readSibling: (rel) => readSiblingWithin(root, root, rel),
  });
}

const dependency = (g: string, a: string, extra = '') =>
  `<dependency><groupId>${g}</groupId><artifactId>${a}</artifactId>${extra}</dependency>`;

describe('pom.xml extractor', () => {
  it('reports the line of each <dependency> element and marks every declaration direct', async () => {
    const { packages } = await extractCorpus('two-packages.xml');
    expect(packages.map((p) => [p.name, p.line, p.direct])).toEqual([
      ['io.netty:netty-all', 7, true],
      ['org.slf4j:slf4j-log4j12', 12, true],
    ]);
  });

  it('reports the line of the `<` even when the start tag spans lines', async () => {
    const { packages } = await extractPom('<project>\r\n<dependencies>\r\n<dependency\r\n  xml:space="default"\r\n><groupId>g</groupId><artifactId>a</artifactId></dependency></dependencies></project>');
    expect(packages[0]).toMatchObject({ name: 'g:a', version: '', line: 3 });
  });

  it('points inherited dependencies at the <parent> element and warns about the unreachable grandparent', async () => {
    const result = await extractCorpus('with-parent.xml');
    expect(result.packages.find((p) => p.name === 'org.dave:dave')).toMatchObject({ version: '4.0.0', line: 6, direct: true });
    expect(result.warnings?.some((w) => w.includes('org.upstream:parent-pom:1.0') && w.includes('not found'))).toBe(true);
  });

  it('puts non-compile scopes in depGroups, taking a missing scope from dependencyManagement', async () => {
    const { packages } = await extractPom(`<project>
  <dependencyManagement><dependencies>
    ${dependency('org.junit', 'junit', '<version>5.0</version><scope>test</scope>')}
  </dependencies></dependencyManagement>
  <dependencies>
    ${dependency('org.junit', 'junit')}
    ${dependency('javax.servlet', 'api', '<version>4</version><scope>provided</scope>')}
    ${dependency('org.lib', 'lib', '<version>1</version><scope>compile</scope>')}
  </dependencies>
</project>`);
    expect(packages.map((p) => [p.name, p.version, p.depGroups])).toEqual([
      ['org.junit:junit', '5.0', ['test']],
      ['javax.servlet:api', '4', ['provided']],
      ['org.lib:lib', '1', []],
    ]);
  });

  it('interpolates nested properties and project.* values, and leaves unresolved versions empty with a warning', async () => {
    const result = await extractPom(`<project>
  <groupId>org.app</groupId><artifactId>app</artifactId><version>\${revision}</version>
  <properties><revision>7.1</revision><lib.version>\${project.version}</lib.version></properties>
  <dependencies>
    ${dependency('${project.groupId}', 'core', '<version>${lib.version}</version>')}
    ${dependency('org.other', 'other', '<version>${missing.version}</version>')}
  </dependencies>
</project>`);
    expect(result.packages.map((p) => `${p.name}@${p.version}`)).toEqual(['org.app:core@7.1', 'org.other:other@']);
    expect(result.warnings).toEqual([expect.stringContaining('unresolved property')]);
  });

  it('includes activeByDefault profiles only', async () => {
    const { packages } = await extractPom(`<project><profiles>
  <profile><id>on</id><activation><activeByDefault>true</activeByDefault></activation>
    <dependencies>${dependency('org.on', 'on', '<version>1</version>')}</dependencies></profile>
  <profile><id>off</id><activation><jdk>17</jdk></activation>
    <dependencies>${dependency('org.off', 'off', '<version>1</version>')}</dependencies></profile>
</profiles></project>`);
    expect(packages.map((p) => p.name)).toEqual(['org.on:on']);
  });

  it('stops at a parent cycle instead of looping', async () => {
    const pomA = (parentPath: string) => `<project><groupId>g</groupId><artifactId>a</artifactId>
  <parent><groupId>g</groupId><artifactId>b</artifactId><version>1</version><relativePath>${parentPath}</relativePath></parent>
  <dependencies>${dependency('org.a', 'a', '<version>1</version>')}</dependencies></project>`;
    const pomB = `<project><groupId>g</groupId><artifactId>b</artifactId>
  <parent><groupId>g</groupId><artifactId>a</artifactId><version>1</version><relativePath>../pom.xml</relativePath></parent>
  <dependencies>${dependency('org.b', 'b', '<version>2</version>')}</dependencies></project>`;
    const result = await extractPom(pomA('b/pom.xml'), { 'b/pom.xml': pomB, 'pom.xml': pomA('b/pom.xml') });
    expect(result.packages.map((p) => `${p.name}@${p.version}`).sort()).toEqual(['org.a:a@1', 'org.b:b@2']);
    expect(result.warnings?.some((w) => w.includes('cycle'))).toBe(true);
  });

  it('ignores a file at relativePath that is not the declared parent', async () => {
    const stray = `<project><groupId>other</groupId><artifactId>x</artifactId>
  <dependencies>${dependency('org.stray', 'stray', '<version>1</version>')}</dependencies></project>`;
    const result = await extractPom(
      `<project><parent><groupId>g</groupId><artifactId>p</artifactId><version>1</version></parent></project>`,
      { '../pom.xml': stray },
    );
    expect(result.packages).toEqual([]);
    expect(result.warnings?.[0]).toContain('not the declared parent');
  });

  it('throws ExtractionError with the line for malformed XML and for a non-POM document', async () => {
    const malformed = extractPom('<project>\n<dependencies>\n</project>');
    await expect(malformed).rejects.toBeInstanceOf(ExtractionError);
    await expect(malformed).rejects.toMatchObject({ line: 3 });
    await expect(extractPom('<settings/>')).rejects.toThrow(/expected a <project> root element/);
  });

  it('returns nothing for an empty file', async () => {
    expect(await extractPom('')).toEqual({ packages: [] });
  });
});
