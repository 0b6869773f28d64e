import { describe, it } from '@jest/globals';
import fc from 'fast-check';
import { fixtures, mutatedText, onlyExtractionErrors } from '../fuzz.js';
import { gemfileLockExtractor } from './gemfile-lock.js';

const TOKENS = ['GEM', 'GIT', 'PATH', 'DEPENDENCIES', '  specs:', '  revision: abc', '    ', '      ', '  ', 'rack', ' (1.0-x86)', ' (~> 1.0)', '!', '\n'];

describe('Gemfile.lock extractor on hostile input', () => {
  it('returns packages or throws ExtractionError, never anything else', async () => {
    await onlyExtractionErrors(gemfileLockExtractor, mutatedText(fixtures('RubyGems/gemfile-lock'), TOKENS), fc.constant(undefined));
  });
});
