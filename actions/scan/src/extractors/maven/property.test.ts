import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { corpusPath } from '../../../../../test/corpus.js';
import { ExtractionError, type Extractor } from '../types.js';
import { gradleLockfileExtractor } from './gradle-lockfile.js';
import { pomXmlExtractor } from './pom-xml.js';

const parentPom = readFileSync(corpusPath('lockfiles', 'Maven', 'pom-xml', 'parent', 'pom.xml'), 'utf8');

function fixtures(format: string): string[] {
  const dir = corpusPath('lockfiles', 'Maven', format);
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.endsWith('.expected.json'))
    .map((e) => readFileSync(`${dir}/${e.name}`, 'utf8'));
}

/** A real fixture damaged the way files get damaged: cut short, a character changed, a line lost. */
function mutations(sources: string[]): fc.Arbitrary<string> {
  const source = fc.constantFrom(...sources);
  return fc.oneof(
    fc.tuple(source, fc.nat()).map(([s, n]) => s.slice(0, n % (s.length + 1))),
    fc.tuple(source, fc.nat(), fc.string({ minLength: 1, maxLength: 1 })).map(([s, n, c]) => {
      const i = n % Math.max(s.length, 1);
      return s.slice(0, i) + c + s.slice(i + 1);
    }),
    fc.tuple(source, fc.nat()).map(([s, n]) => {
      const lines = s.split('\n');
      lines.splice(n % lines.length, 1);
      return lines.join('\n');
    }),
  );
}

async function onlyExtractionErrors(extractor: Extractor, content: string): Promise<void> {
  try {
    const result = await extractor.extract({
      path: 'fuzz/file',
      content,
      // A damaged POM may name any parent: answer with the real parent or with the damaged text itself.
      readSibling: async (relative) => {
        if (!relative.endsWith('.xml')) return undefined;
        return content.length % 2 === 0 ? parentPom : content;
      },
    });
    expect(Array.isArray(result.packages)).toBe(true);
  } catch (err) {
    if (!(err instanceof ExtractionError)) throw err;
  }
}

describe.each([
  [pomXmlExtractor, fixtures('pom-xml')],
  [gradleLockfileExtractor, fixtures('gradle-lockfile')],
] as const)('%# Maven extractor under hostile input', (extractor, sources) => {
  it(`${extractor.id}: random text throws nothing but ExtractionError`, async () => {
    await fc.assert(fc.asyncProperty(fc.string({ maxLength: 300 }), (s) => onlyExtractionErrors(extractor, s)), { numRuns: 200 });
  });

  it(`${extractor.id}: damaged real fixtures throw nothing but ExtractionError`, async () => {
    await fc.assert(fc.asyncProperty(mutations(sources), (s) => onlyExtractionErrors(extractor, s)), { numRuns: 300 });
  });
});
