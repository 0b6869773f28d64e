import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { corpusPath } from '../../../test/corpus.js';
import { comparatorFor } from './index.js';

/**
 * Every comparison of the osv-scalibr version fixtures (corpus/versions, README §1), in both directions:
 * compare(a, b) must have the sign of the operator and compare(b, a) the opposite one.
 */

interface Comparison {
  file: string;
  line: number;
  a: string;
  op: '<' | '=' | '>';
  b: string;
}

interface EcosystemIndex {
  ecosystems: Record<string, string[]>;
  comparisons: Record<string, number>;
}

const OP_SIGN = { '<': -1, '=': 0, '>': 1 } as const;
const SHOWN_FAILURES = 25;

function readIndex(): EcosystemIndex {
  const file = corpusPath('versions', 'ecosystems.json');
  const index = JSON.parse(readFileSync(file, 'utf8')) as Partial<EcosystemIndex>;
  if (typeof index.ecosystems !== 'object' || typeof index.comparisons !== 'object') {
    throw new Error(`${file}: expected "ecosystems" and "comparisons" objects`);
  }
  return index as EcosystemIndex;
}

/** README §1: "<a> <op> <b>" split on single spaces; skip blank lines and "# " / "// " comments. */
function readFixture(file: string): Comparison[] {
  const comparisons: Comparison[] = [];
  readFileSync(corpusPath('versions', file), 'utf8')
    .split('\n')
    .forEach((text, index) => {
      if (text === '' || text.startsWith('# ') || text.startsWith('// ')) return;
      const fields = text.split(' ');
      const op = fields[1];
      if (fields.length !== 3 || (op !== '<' && op !== '=' && op !== '>')) {
        throw new Error(`${file}:${index + 1}: expected "<a> <op> <b>" with op one of < = >, got ${JSON.stringify(text)}`);
      }
      comparisons.push({ file, line: index + 1, a: fields[0]!, op, b: fields[2]! });
    });
  return comparisons;
}

const index = readIndex();
const fixtures = new Map(Object.keys(index.comparisons).map((file) => [file, readFixture(file)]));

function fixture(file: string): Comparison[] {
  const comparisons = fixtures.get(file);
  if (!comparisons) throw new Error(`ecosystems.json: "${file}" is used by an ecosystem but has no count in "comparisons"`);
  return comparisons;
}

function describeSign(value: number): string {
  return value < 0 ? '<' : value > 0 ? '>' : '=';
}

describe('version ordering fixtures (corpus/versions)', () => {
  test('each fixture file holds the number of comparisons ecosystems.json declares, 71,818 in all', () => {
    const counted = Object.fromEntries([...fixtures].map(([file, comparisons]) => [file, comparisons.length]));
    expect(counted).toEqual(index.comparisons);
    const total = [...fixtures.values()].reduce((sum, comparisons) => sum + comparisons.length, 0);
    expect(total).toBe(Object.values(index.comparisons).reduce((sum, count) => sum + count, 0));
  });

  test('every fixture file is used by at least one ecosystem', () => {
    const used = new Set(Object.values(index.ecosystems).flat());
    expect([...fixtures.keys()].filter((file) => !used.has(file))).toEqual([]);
  });

  const checkedPerFile = new Map<string, number>();

  test.each(Object.entries(index.ecosystems))('%s orders every fixture line both ways', (ecosystem, files) => {
    const comparator = comparatorFor(ecosystem);
    expect(comparator).toBeDefined();
    const failures: string[] = [];
    let checked = 0;
    for (const file of files) {
      let checkedInFile = 0;
      for (const { line, a, op, b } of fixture(file)) {
        const forward = Math.sign(comparator!.compare(a, b));
        const backward = Math.sign(comparator!.compare(b, a));
        if (forward !== OP_SIGN[op] || backward !== -OP_SIGN[op]) {
          failures.push(
            `${file}:${line}  ${a} ${op} ${b}  but compare(a, b) says ${describeSign(forward)} and compare(b, a) says ${describeSign(backward)}`,
          );
        }
        checkedInFile++;
      }
      checkedPerFile.set(file, checkedInFile);
      checked += checkedInFile;
    }
    const shown = failures.slice(0, SHOWN_FAILURES);
    if (failures.length > SHOWN_FAILURES) shown.push(`... and ${failures.length - SHOWN_FAILURES} more of ${checked}`);
    expect(shown).toEqual([]);
    expect(checked).toBe(files.reduce((sum, file) => sum + index.comparisons[file]!, 0));
  });

  test('the ecosystem runs above checked all 71,818 comparisons', () => {
    const total = [...checkedPerFile.values()].reduce((sum, count) => sum + count, 0);
    expect(checkedPerFile.size).toBe(fixtures.size);
    expect(total).toBe(Object.values(index.comparisons).reduce((sum, count) => sum + count, 0));
  });
});
