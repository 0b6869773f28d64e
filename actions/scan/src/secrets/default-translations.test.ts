import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDefaultConfig } from './config.js';
import { DEFAULT_TRANSLATIONS } from './default-translations.generated.js';
import { defaultRe2Patterns, renderDefaultTranslationsModule } from './generate-default-translations.js';
import { re2Key, translateRe2 } from './re2-to-js.js';

describe('the default rules translated ahead', () => {
  test('the generated module is up to date (else: node --import tsx generate-default-translations.ts)', () => {
    const generated = path.join(path.dirname(fileURLToPath(import.meta.url)), 'default-translations.generated.ts');
    expect(readFileSync(generated, 'utf8')).toBe(renderDefaultTranslationsModule());
  });

  test('covers every pattern the default config compiles, each as translateRe2 gives it', () => {
    const patterns = defaultRe2Patterns();
    expect(patterns.length).toBeGreaterThan(250);
    for (const pattern of patterns) {
      const t = translateRe2(pattern);
      expect(DEFAULT_TRANSLATIONS[re2Key(pattern)]).toEqual([t.source, t.captureGroups]);
    }
    // What the loaded rules hold is those translations.
    const config = loadDefaultConfig();
    const rule = config.rules.find((r) => r.id === 'github-pat')!;
    expect(rule.regex!.source).toBe(translateRe2(rule.regexSource!).source);
    expect(rule.regex!.flags).toBe('gu');
  });
});
