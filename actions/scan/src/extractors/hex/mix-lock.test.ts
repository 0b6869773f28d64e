import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { corpusPath } from '../../../../../test/corpus.js';
import { ExtractionError, type ExtractionResult } from '../types.js';
import { mixLockExtractor } from './mix-lock.js';

const extract = (content: string) =>
  mixLockExtractor.extract({ path: 'mix.lock', content, readSibling: async () => undefined }) as ExtractionResult;
const corpus = (name: string) => readFileSync(corpusPath('lockfiles', 'Hex', 'mix-lock', name), 'utf8');

describe('mix.lock extractor', () => {
  it('reports the line of each entry and the dependency graph as name@version keys', () => {
    const { packages } = extract(corpus('many.lock'));
    expect(packages.map((p) => p.line)).toEqual(Array.from({ length: 21 }, (_, i) => i + 2));
    expect(packages.find((p) => p.name === 'plug')?.dependencies).toEqual(['mime@1.5.0', 'plug_crypto@1.2.2', 'telemetry@0.4.2']);
    // jason and plug_cowboy are optional and absent from the lock: no edges to them.
    expect(packages.find((p) => p.name === 'phoenix')?.dependencies).toEqual(['phoenix_pubsub@1.1.2', 'plug@1.11.1', 'telemetry@0.4.2']);
    expect(packages.find((p) => p.name === 'decimal')?.dependencies).toEqual([]);
  });

  it('gives git entries the ref as commit, no version and no recorded graph', () => {
    const { packages } = extract(corpus('git.lock'));
    expect(packages[1]).toEqual({
      name: 'foo',
      version: '',
      ecosystem: 'Hex',
      line: 3,
      commit: 'fc94cce7830fa4dc455024bc2a83720afe244531',
    });
  });

  it('reads the old "=>" map syntax, comments and renamed hex packages', () => {
    const { packages } = extract(
      '%{\n  # a comment\n  "my_json" => {:hex, :jason, "1.4.0", "abc", [:mix], [{:decimal, "~> 2.0", [hex: :decimal, repo: "hexpm", optional: true]}], "hexpm", "def"},\n  "decimal": {:hex, :decimal, "2.1.1", "x", [:mix], [], "hexpm", "y"},\n}\n',
    );
    expect(packages.map((p) => [p.name, p.version, p.line, p.dependencies])).toEqual([
      ['jason', '1.4.0', 3, ['decimal@2.1.1']],
      ['decimal', '2.1.1', 4, []],
    ]);
  });

  it('skips unknown sources with a warning', () => {
    const result = extract('%{"local": {:path, "../local", []}}');
    expect(result.packages).toEqual([]);
    expect(result.warnings).toEqual([expect.stringContaining('unsupported source :path')]);
  });

  it('throws ExtractionError with the line for malformed terms', () => {
    for (const [text, line] of [
      ['%{\n  "a": {:hex, :a, "1.0"\n', 3],
      ['%{\n"a": "unterminated}\n', 2],
      ['[1, 2]', 1],
      ['%{"a": {:hex}} trailing', 1],
    ] as const) {
      try {
        extract(text);
        throw new Error(`no error for ${text}`);
      } catch (err) {
        expect(err).toBeInstanceOf(ExtractionError);
        expect((err as ExtractionError).line).toBe(line);
      }
    }
  });

  it('returns nothing for an empty file or map', () => {
    expect(extract('').packages).toEqual([]);
    expect(extract(corpus('empty.lock')).packages).toEqual([]);
  });
});
