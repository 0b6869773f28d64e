import { describe, it } from '@jest/globals';
import fc from 'fast-check';
import { fixtures, mutatedText, onlyExtractionErrors } from '../fuzz.js';
import { packagesLockExtractor } from './packages-lock.js';

const TOKENS = ['{', '}', '[', ']', ':', ',', '"dependencies"', '"net6.0"', '"A"', '"type"', '"Direct"', '"Project"', '"resolved"', '"1.0.0"', 'null', '\n'];

describe('packages.lock.json extractor on hostile input', () => {
  it('returns packages or throws ExtractionError, never anything else', async () => {
    await onlyExtractionErrors(packagesLockExtractor, mutatedText(fixtures('NuGet/packages-lock-json'), TOKENS), fc.constant(undefined));
  });
});
