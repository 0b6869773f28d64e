import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusPath } from '../../../../test/corpus.js';
import { plainMatches, ruleMatcher } from './anchored.js';
import { loadDefaultConfig } from './config.js';
import { KeywordHits, KeywordIndex } from './keywords.js';
import { renderDefaultAnchorsModule } from './generate-default-anchors.js';
import { anchorKeywords, foldCodeUnit, foldText, literalHeads } from './literal-heads.js';

const rules = loadDefaultConfig().rules.filter((r) => r.regex);
const summary = (matches: Iterable<RegExpExecArray>) => [...matches].map((m) => ({ index: m.index, groups: [...m] }));

describe('literal heads of a regex', () => {
  it('follows literals, case-fold classes, groups, optional parts and zero-width assertions', () => {
    expect(literalHeads('\\b(ghp_[0-9a-zA-Z]{36})')).toEqual(['ghp_']);
    expect(literalHeads('(?:A3T[A-Z0-9]|AKIA|ASIA)[A-Z2-7]{16}')).toEqual(['a3t', 'akia', 'asia']);
    expect(literalHeads('[Pp][Aa][Ss\\u{17f}][Ss\\u{17f}][Ww](?:[Oo][Rr])?[Dd]=')).toEqual(['passwd=', 'password=']);
    expect(literalHeads('(?<=x)[Kk\\u{212a}]ey')).toEqual(['key']);
  });

  it('ends a head at anything that is not one literal character', () => {
    expect(literalHeads('ab[0-9]cd')).toEqual(['ab']);
    expect(literalHeads('ab\\wcd')).toEqual(['ab']);
    expect(literalHeads('(?:ab)+cd')).toEqual(['ab']);
    expect(literalHeads('x?yz')?.sort()).toEqual(['xyz', 'yz']);
    expect(literalHeads('[\\w.-]{0,50}?key')?.sort()).toEqual(['', 'key']);
  });

  it('folds the letters outside ASCII that case-insensitive matching and the prefilter equate with ASCII ones', () => {
    expect(String.fromCharCode(foldCodeUnit(0x212a))).toBe('k');
    expect(String.fromCharCode(foldCodeUnit(0x17f))).toBe('s');
    expect(String.fromCharCode(foldCodeUnit(0x130))).toBe('i');
    expect(foldText('SeCrEt')).toBe('secret');
  });

  it('anchors a regex only when every head starts with a keyword', () => {
    expect(anchorKeywords('\\b(ghp_[0-9a-z]{36})', ['ghp_'])).toEqual([0]);
    expect(anchorKeywords('(?:access|auth|key)=', ['auth', 'access', 'key'])).toEqual([0, 1, 2]);
    // "pat" is not the keyword "airtable": the rule must be searched.
    expect(anchorKeywords('\\b(pat[0-9a-z]{14})', ['airtable'])).toBeUndefined();
    // A head shorter than its keyword proves nothing.
    expect(anchorKeywords('xox[a-z]-', ['xoxb'])).toBeUndefined();
    expect(anchorKeywords('x?key', ['key'])).toBeUndefined();
    expect(anchorKeywords('key', [])).toBeUndefined();
  });

  it('has the default rules\' anchors generated ahead, up to date (else: node --import tsx generate-default-anchors.ts)', () => {
    const generated = path.join(path.dirname(fileURLToPath(import.meta.url)), 'default-anchors.generated.ts');
    expect(readFileSync(generated, 'utf8')).toBe(renderDefaultAnchorsModule());
  });

  it('anchors most default rules, the costly generic ones among them', () => {
    const anchored = rules.filter((r) => ruleMatcher(r.regex!, r.keywords).anchors);
    expect(anchored.length).toBeGreaterThan(rules.length * 0.8);
    expect(anchored.map((r) => r.id)).toEqual(expect.arrayContaining(['generic-api-key', 'github-pat', 'aws-access-token', 'private-key', 'jwt', 'vault-service-token']));
  });
});

describe('keyword-anchored matching gives exactly the global iteration', () => {
  const index = new KeywordIndex(rules.flatMap((r) => r.keywords));
  const idOf = new Map(index.keywords.map((k, i) => [k, i]));
  const anchoredRules = rules.flatMap((rule) => {
    const matcher = ruleMatcher(rule.regex!, rule.keywords);
    return matcher.anchors ? [{ rule, matcher, ids: matcher.anchors.map((k) => idOf.get(foldText(rule.keywords[k]!))!) }] : [];
  });

  /** Every anchored rule over `text`, tried at its keywords' hits only, against the plain global iteration. */
  const expectSameMatches = (text: string) => {
    const hits = new KeywordHits(index.keywords.length);
    index.scan(text, new Uint8Array(index.keywords.length), 0, text.length, hits);
    for (const { rule, matcher, ids } of anchoredRules) {
      const starts = [...new Set(ids.flatMap((id) => hits.starts[id]!))].sort((a, b) => a - b);
      expect({ rule: rule.id, matches: summary(matcher.matches(text, starts)) }).toEqual({ rule: rule.id, matches: summary(plainMatches(rule.regex!)(text)) });
    }
  };

  it('on every gitleaks rule example, true and false positives', () => {
    const examples = JSON.parse(readFileSync(corpusPath('secrets', 'rule-examples.json'), 'utf8')) as { rules: { truePositives?: string[]; falsePositives?: string[] }[] };
    const texts = examples.rules.flatMap((r) => [...(r.truePositives ?? []), ...(r.falsePositives ?? [])]);
    expect(texts.length).toBeGreaterThan(500);
    for (const text of texts) expectSameMatches(text);
  });

  it('on generated text mixing keywords, case variants, look-alike letters and secrets', () => {
    const tokens = [
      'ghp_', 'GHP_', 'AKIA', 'akia', 'xoxb-', 'hvs.', 's.', 'eyJ', 'ey', '-----BEGIN RSA PRIVATE KEY-----', 'KEY-----', 'api_key', 'Api', 'token',
      'ſecret', '\u212aey', 'İ', 'sk-', 'SG.', 'glpat-', 'npm_', 'shpat_', ' = ', '"', "'", ':', '\n', '.', '_', '-', 'aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dF3gH5',
      '0123456789abcdef0123456789abcdef', 'ABCDEFGHIJKLMNOP', 'x'.repeat(40), '😀',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...tokens), { maxLength: 60 }), (parts) => expectSameMatches(parts.join(''))),
      { numRuns: 200 },
    );
  });
});

describe('the code units that fold to ASCII', () => {
  it('are the upper-case letters and İ, ſ, K: nothing else in the 65,536 folds to an ASCII character', () => {
    const folding: number[] = [];
    for (let c = 0; c < 65536; c++) if (foldCodeUnit(c) !== c && foldCodeUnit(c) < 128) folding.push(c);
    expect(folding).toEqual([...Array.from({ length: 26 }, (_, i) => 65 + i), 0x130, 0x17f, 0x212a]);
  });
});
