import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { matchIterator, plainMatches, splitPrefix } from './anchored.js';
import { loadDefaultConfig } from './config.js';

const rules = loadDefaultConfig().rules.filter((r) => r.regex);
const anchored = rules.filter((r) => splitPrefix(r.regex!.source) !== undefined);

const summary = (matches: Iterable<RegExpExecArray>) => [...matches].map((m) => ({ index: m.index, groups: [...m] }));

/** Pieces of source text near which the semi-generic rules match, and look-alikes that make them backtrack. */
const TOKENS = [
  'api_key', 'API_KEY', 'apiKey', 'secret', 'token', 'password', 'passwd', 'auth', 'access', 'credential', 'creds', 'KEY',
  'okta', 'OKTA', 'cohere', 'CO_API_KEY', 'lob', 'linear', 'twitter', 'sumo', 'SUMO', 'jira', 'travis', 'sonar_token',
  ' = ', '=', ': ', ':=', '=>', '||', ',', '"', "'", '`', ' ', '\t', '\n', '\r\n', ';', '\\n', '.', '-', '_', '(', ')',
  'live_0123456789abcdef0123456789abcdef012', '00abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN', 'sq0atp-aaaaaaaaaaaaaaaaaaaaaaaa',
  'aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dF3gH5', 'c1f2e3d4c5b6a7980123456789abcdef', '0123456789012345', 'su1234567890ab',
  'ſ', 'K', '😀', '\u{1F600}key', 'é', 'x'.repeat(60), 'word_'.repeat(12),
  'confluence', 'ATLASSIAN', 'Jira', 'abcdefghij0123456789abcd', `ATATT3${'xY_0-='.repeat(31)}`, 'ATATT3short',
];
const text = fc.array(fc.constantFrom(...TOKENS), { maxLength: 80 }).map((parts) => parts.join(''));

describe('anchored rule matching', () => {
  it('applies to the semi-generic rules (the slow shape) and not to rules without a bounded prefix', () => {
    const ids = anchored.map((r) => r.id);
    // atlassian-api-token is `prefix...|\b(ATATT3...)`: one prefix for both alternatives (the second has none).
    expect(ids).toEqual(expect.arrayContaining(['generic-api-key', 'okta-access-token', 'cohere-api-token', 'lob-api-key', 'atlassian-api-token']));
    expect(ids).not.toContain('aws-access-token');
    expect(ids).not.toContain('private-key');
  });

  it('gives exactly the global iteration of every rule on generated source-like text', () => {
    fc.assert(
      fc.property(text, (t) => {
        for (const rule of anchored) expect(summary(matchIterator(rule.regex!)(t))).toEqual(summary(plainMatches(rule.regex!)(t)));
      }),
      { numRuns: 300 },
    );
  });

  it('finds overlapping candidates after a match ends inside the next identifier', () => {
    const t = 'api_key = "abcdefghijklmnop1234"\ntoken=secret_value_0123456789 password: "hunter2hunter2hunter2"';
    for (const rule of anchored) expect(summary(matchIterator(rule.regex!)(t))).toEqual(summary(plainMatches(rule.regex!)(t)));
    const generic = anchored.find((r) => r.id === 'generic-api-key')!;
    expect(summary(matchIterator(generic.regex!)(t)).length).toBeGreaterThanOrEqual(2);
  });

  it('splits a nested prefix and drops the parens of the groups it steps into', () => {
    expect(splitPrefix('[a-z]{0,50}?(?:[0-9]{0,10}(?:ok|OK)x)y')).toEqual({ maxLength: 60, classes: ['[a-z]', '[0-9]'], rest: '(?:ok|OK)xy' });
    // Top-level alternatives share one prefix; without a prefix in any of them there is none.
    expect(splitPrefix('[a-z]{0,5}?ab|cd')).toEqual({ maxLength: 5, classes: ['[a-z]'], rest: '(?:ab)|(?:cd)' });
    expect(splitPrefix('[a-z]{0,5}?ab|[0-9]{0,9}cd|ef')).toEqual({ maxLength: 9, classes: ['[a-z]', '[0-9]'], rest: '(?:ab)|(?:cd)|(?:ef)' });
    expect(splitPrefix('ab|cd')).toBeUndefined();
    expect(splitPrefix('(?:[a-z]{0,5}ab)+')).toBeUndefined();
  });
});
