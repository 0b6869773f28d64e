import { describe, it } from '@jest/globals';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { corpusPath } from '../../../../../test/corpus.js';
import { fixtures, mutatedText, onlyExtractionErrors } from '../fuzz.js';
import { goModExtractor } from './go-mod.js';

const GO_MOD_TOKENS = ['require', 'replace', 'go', 'toolchain', '(', ')', '=>', 'v1.0.0', '// indirect', '\n', '\t', ' ', '"', '`', './x', 'a.b/c'];

describe('go.mod extractor on hostile input', () => {
  it('returns packages or throws ExtractionError, never anything else', async () => {
    // go.sum is read for go < 1.17, so it gets mutated too.
    const goSum = readFileSync(corpusPath('lockfiles', 'Go', 'go-mod', 'indirect-1.16.sum'), 'utf8');
    await onlyExtractionErrors(
      goModExtractor,
      mutatedText(fixtures('Go/go-mod'), GO_MOD_TOKENS),
      fc.option(mutatedText([goSum], [' ', '\n', 'v1.0.0', '/go.mod', 'h1:x=']), { nil: undefined }),
    );
  });
});
