import { describe, expect, test } from '@jest/globals';
import { DEFAULT_PIECE_LIMITS } from './chunks.js';
import { loadDefaultConfig } from './config.js';

/**
 * Catastrophic backtracking, as a bounded-time test. (The `recheck` ReDoS checker was tried first: with its
 * pure-JS backend it needs ~10 minutes for the 221 rules, times out on 67 of them and reports bounded
 * repetitions such as [\w.-]{0,50}? as exponential, so it cannot gate CI.) Each rule's translated regex is run
 * over adversarial lines of the longest size one regex ever sees (the window over a long line, chunks.ts):
 * its keywords repeated with the separators and word characters its patterns backtrack over, and the attack
 * strings recheck produced for the rules it flagged as exponential.
 */

const WINDOW = DEFAULT_PIECE_LIMITS.maxLine;
const BUDGET_MS = 2500;

const fill = (unit: string) => unit.repeat(Math.ceil(WINDOW / unit.length)).slice(0, WINDOW);

/** recheck's attack patterns for the rules it called exponential (pump part repeated to the window). */
const RECHECK_ATTACKS: Record<string, string> = {
  'plaid-api-token': 'PLAIDXOTNC-ANMRMMMXENDB',
  'privateai-api-token': 'PRiVatEaIpIv0',
  'sidekiq-secret': 'BUNDLE_GEMS__CONTRIBSYS__COMCRTN-TY-TCMT',
  'twitter-access-token': 'ETWITTERETNIN-',
  'yandex-access-token': 'TYANDEXT-R1',
};

function adversarialInputs(id: string, keywords: string[]): string[] {
  const kw = keywords[0] ?? 'key';
  const inputs = [
    fill(`${kw}-a_b.c `),
    fill(`${kw} = "`),
    kw + 'a'.repeat(WINDOW),
    fill(`-----BEGIN ${kw} PRIVATE KEY-----\n`),
    fill(`curl -H ${kw}\n`),
    fill(`${kw.toUpperCase()}_${kw}:`),
  ];
  if (RECHECK_ATTACKS[id]) inputs.push(fill(RECHECK_ATTACKS[id]!));
  return inputs;
}

describe('no rule backtracks catastrophically on the largest text a regex sees', () => {
  const rules = loadDefaultConfig().rules.filter((r) => r.regex);
  test.each(rules.map((r) => [r.id, r] as const))('%s', (_id, rule) => {
    let worst = 0;
    for (const input of adversarialInputs(rule.id, rule.keywords)) {
      const started = performance.now();
      rule.regex!.lastIndex = 0;
      for (let n = 0; rule.regex!.exec(input) !== null && n < 10_000; n++);
      worst = Math.max(worst, performance.now() - started);
    }
    expect(worst).toBeLessThan(BUDGET_MS);
  });
});
