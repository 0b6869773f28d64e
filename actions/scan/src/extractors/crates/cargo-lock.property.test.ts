import { describe, it } from '@jest/globals';
import fc from 'fast-check';
import { fixtures, mutatedText, onlyExtractionErrors } from '../fuzz.js';
import { cargoLockExtractor } from './cargo-lock.js';

const TOKENS = ['[[package]]', '[package]', 'name', 'version', 'source', 'dependencies', '=', '"a"', '"a 1.0.0"', '[', ']', ',', '\n', '#'];

describe('Cargo.lock extractor on hostile input', () => {
  it('returns packages or throws ExtractionError, never anything else', async () => {
    await onlyExtractionErrors(cargoLockExtractor, mutatedText(fixtures('crates.io/cargo-lock'), TOKENS), fc.constant(undefined));
  });
});
