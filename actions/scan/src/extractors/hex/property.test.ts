import { describe, it } from '@jest/globals';
import fc from 'fast-check';
import { fixtures, mutatedText, onlyExtractionErrors } from '../fuzz.js';
import { mixLockExtractor } from './mix-lock.js';

const TOKENS = [':', '-', '{', '[', '"', ' ', '\n', '\t', '#', '%', '}', ']', ',', '=>', ':hex', ':git', '"1.0.0"', '[:mix]'];

describe('mix.lock extractor under hostile input', () => {
  it('returns packages or throws ExtractionError, never anything else', async () => {
    await onlyExtractionErrors(mixLockExtractor, mutatedText(fixtures('Hex/mix-lock'), TOKENS), fc.constant(undefined));
  });
});
