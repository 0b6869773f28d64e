import { describe, it } from '@jest/globals';
import fc from 'fast-check';
import { fixtures, mutatedText, onlyExtractionErrors } from '../fuzz.js';
import { composerLockExtractor } from './composer-lock.js';

const TOKENS = ['{', '}', '[', ']', ':', ',', '"packages"', '"packages-dev"', '"name"', '"version"', '"require"', '"a/b"', '"1.0"', 'null', '\n'];

describe('composer.lock extractor on hostile input', () => {
  it('returns packages or throws ExtractionError, never anything else', async () => {
    await onlyExtractionErrors(composerLockExtractor, mutatedText(fixtures('Packagist/composer-lock'), TOKENS), fc.option(fc.constantFrom('{"require": {"sentry/sdk": "^2"}}', '[]', '{'), { nil: undefined }));
  });
});
