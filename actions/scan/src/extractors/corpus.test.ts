import { describe, expect, it } from '@jest/globals';
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { corpusPath } from '../../../../test/corpus.js';
import { extractorById } from './registry.js';
import { readSiblingWithin } from './sibling.js';
import type { ExtractedPackage } from './types.js';

interface ExpectedPackage {
  name: string;
  version: string;
  ecosystem: string;
  commit?: string;
  depGroups?: string[];
  versionComparator?: string;
  requirement?: string;
  line?: number;
}
interface IndexEntry {
  ecosystem: string;
  format: string;
  fixture: string;
  expected: string;
}

const index = JSON.parse(readFileSync(corpusPath('lockfiles', 'index.json'), 'utf8')) as { count: number; fixtures: IndexEntry[] };
const only = process.env.SECLOOP_CORPUS_ONLY; // e.g. "npm/" while working on one ecosystem
const fixtures = index.fixtures.filter((f) => !only || `${f.ecosystem}/${f.format}`.startsWith(only));

/** Project an extracted package onto the fields the expectation asserts, so the comparison is a multiset one. */
function project(actual: ExtractedPackage, expected: ExpectedPackage | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = { name: actual.name, version: actual.version, ecosystem: actual.ecosystem };
  if (!expected) return out;
  if ('commit' in expected) out.commit = actual.commit ?? '';
  if ('depGroups' in expected) out.depGroups = [...(actual.depGroups ?? [])].sort();
  if ('versionComparator' in expected) out.versionComparator = actual.versionComparator ?? '';
  if ('requirement' in expected) out.requirement = actual.requirement ?? '';
  if ('line' in expected) out.line = actual.line;
  return out;
}

function normaliseExpected(e: ExpectedPackage): Record<string, unknown> {
  const out: Record<string, unknown> = { name: e.name, version: e.version, ecosystem: e.ecosystem };
  if ('commit' in e) out.commit = e.commit ?? '';
  if ('depGroups' in e) out.depGroups = [...(e.depGroups ?? [])].sort();
  if ('versionComparator' in e) out.versionComparator = e.versionComparator ?? '';
  if ('requirement' in e) out.requirement = e.requirement ?? '';
  if ('line' in e) out.line = e.line;
  return out;
}

const keyOf = (p: Record<string, unknown>) => JSON.stringify(p);

describe('every corpus lockfile yields exactly its expected packages', () => {
  it('covers the whole corpus index', () => {
    if (!only) expect(fixtures.length).toBe(index.count);
    expect(fixtures.length).toBeGreaterThan(0);
  });

  it.each(fixtures.map((f) => [f.fixture, f] as const))('%s', async (_name, entry) => {
    const extractor = extractorById(`${entry.ecosystem}/${entry.format}`);
    expect(extractor).toBeDefined();
    const file = corpusPath('lockfiles', entry.fixture);
    const expected = JSON.parse(readFileSync(corpusPath('lockfiles', entry.expected), 'utf8')) as { packages: ExpectedPackage[] };
    const root = path.dirname(file);
    const result = await extractor!.extract({
      path: entry.fixture,
      content: readFileSync(file, 'utf8').replace(/^\uFEFF/, ''),
      readSibling: (rel) => readSiblingWithin(root, root, rel),
    });
    // Match each actual package to an expectation of the same identity, then compare the asserted fields.
    const remaining = [...expected.packages];
    const actualProjected = result.packages.map((p) => {
      const i = remaining.findIndex((e) => e.name === p.name && e.version === p.version && e.ecosystem === p.ecosystem);
      const match = i === -1 ? remaining.find((e) => e.name === p.name) : remaining.splice(i, 1)[0];
      return keyOf(project(p, match));
    });
    const expectedProjected = expected.packages.map((e) => keyOf(normaliseExpected(e)));
    expect(actualProjected.sort()).toEqual(expectedProjected.sort());
    expect(existsSync(file)).toBe(true);
  });
});
