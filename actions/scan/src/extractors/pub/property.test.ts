import { describe, it } from '@jest/globals';
import fc from 'fast-check';
import { fixtures, mutatedText, onlyExtractionErrors } from '../fuzz.js';
import { pubspecLockExtractor } from './pubspec-lock.js';

const TOKENS = [':', '-', '{', '[', '"', ' ', '\n', '\t', '#', '&', '*', '!', 'packages', 'dependency', 'version', 'source', 'hosted', 'direct main'];

describe('pubspec.lock extractor under hostile input', () => {
  it('returns packages or throws ExtractionError, never anything else', async () => {
    await onlyExtractionErrors(pubspecLockExtractor, mutatedText(fixtures('Pub/pubspec-lock'), TOKENS), fc.constant(undefined));
  });
});
