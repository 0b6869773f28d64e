import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusPath } from '../../../../test/corpus.js';
import { loadDefaultConfig } from './config.js';
import { scanEncodings } from './decoder.js';
import { SecretDetector } from './detector.js';
import { renderTextSimdModule } from './generate-text-simd.js';
import { KeywordHits, KeywordIndex } from './keywords.js';
import { TextSimd } from './text-simd.js';

const defaults = loadDefaultConfig();
const keywordIndex = new KeywordIndex(defaults.rules.flatMap((r) => r.keywords));
const simd = TextSimd.create(keywordIndex.automaton()!)!;

/** Every keyword occurrence as KeywordIndex.scan finds it (JavaScript), and as record finds it from the SIMD pass. */
function keywordHits(text: string) {
  const viaScan = new KeywordHits(keywordIndex.keywords.length);
  const viaSimd = new KeywordHits(keywordIndex.keywords.length);
  const seenScan = new Uint8Array(keywordIndex.keywords.length);
  const seenSimd = new Uint8Array(keywordIndex.keywords.length);
  const newScan = keywordIndex.scan(text, seenScan, 0, text.length, viaScan);
  const newSimd = keywordIndex.record(simd.scan(text), seenSimd, viaSimd);
  return { scan: { found: newScan, starts: viaScan.starts }, simd: { found: newSimd, starts: viaSimd.starts } };
}

const asSpans = (matches: ReturnType<typeof scanEncodings>) => matches.map((m) => [m.encoding.kind, m.start, m.end]);

/** Both searches for encoded segments: scanEncodings' own, and from the SIMD pass's candidate lists. */
function encodingMatches(text: string) {
  const { candidates } = simd.scan(text);
  // Every candidate (what the regex finds), and the ones worth decoding (what the decoder asks for).
  return {
    searched: [asSpans(scanEncodings(text, true)), asSpans(scanEncodings(text, false))],
    listed: [asSpans(scanEncodings(text, true, candidates)), asSpans(scanEncodings(text, false, candidates))],
  };
}

// Pieces that exercise both passes: keywords and their prefixes in both cases, the code units that fold to ASCII
// keyword letters (ſ to s, K to k, İ to i), other non-ASCII text (Latin-1, CJK, a surrogate pair), every escape
// form, base64 and hex runs around the 16- and 32-character thresholds, and separators.
const PIECES = [
  'api', 'API', 'key', 'KEY', 'ey', 'token', 'secret', 'ſecret', 'Kº', 'kEy', 'İ', 'pass', 'passwo', 'github', 'ghp_',
  'xoxb-', 'sk_live_', 'AKIA', 'jira', 'é', '日本', '😀', '\u0130', '\u212a', '\u017f', 'ÿ', '\u0080',
  '%', '%41', '%4', '\\', '\\u0041', '\\\\u00e9', 'U+0041 ', 'U+', 'U', '+', '=', '==',
  'QUJDREVGR0hJSktMTU5P', 'abcdefghijklmno', 'abcdefghijklmnop', '0123456789abcdef0123456789abcdef', 'a1b2c3d4e5f6a7b8',
  'deadbeefcafebabedeadbeefcafebabe', 'camelCaseIdentifierName', 'snake_case_name_x',
  '_', '-', '/', ' ', '\n', '\t', '.', ':', '"', "'",
];
const texts = fc.array(fc.constantFrom(...PIECES), { maxLength: 400 }).map((parts) => parts.join(''));

describe('the WebAssembly passes over the text (text-simd.ts) find what the JavaScript passes find', () => {
  test('the generated module is up to date (else: node --import tsx generate-text-simd.ts)', async () => {
    const generated = path.join(path.dirname(fileURLToPath(import.meta.url)), 'text-simd.generated.ts');
    expect(readFileSync(generated, 'utf8')).toBe(await renderTextSimdModule());
  });

  test('keyword occurrences, on generated text of every length around the four-stream split', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const { scan, simd: viaSimd } = keywordHits(text);
        expect(viaSimd).toEqual(scan);
      }),
      { numRuns: 600 },
    );
  });

  test('keyword occurrences that straddle the quarters of a long text', () => {
    // The longest keyword placed across each quarter boundary (the streams split at multiples of floor(n / 4)).
    const longest = keywordIndex.keywords.reduce((a, b) => (b.length > a.length ? b : a));
    for (const n of [256, 257, 1000, 4099, 65536 + 3]) {
      for (let shift = 1; shift < longest.length; shift += 7) {
        const chars = Array.from({ length: n }, (_, i) => ';. '[i % 3]!);
        const quarter = n >> 2;
        for (let k = 1; k < 4; k++) for (const [j, c] of [...longest].entries()) chars[k * quarter - shift + j] = c;
        const { scan, simd: viaSimd } = keywordHits(chars.join(''));
        expect(viaSimd).toEqual(scan);
        expect(scan.starts[keywordIndex.keywords.indexOf(longest)]).toHaveLength(3);
      }
    }
  });

  test('where encoded segments can start, on generated text', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const { searched, listed } = encodingMatches(text);
        expect(listed).toEqual(searched);
      }),
      { numRuns: 600 },
    );
  });

  test('a base64 run, a U+ and an escape at every offset of a 16-character block', () => {
    for (let offset = 0; offset < 40; offset++) {
      for (const piece of ['QUJDREVGR0hJSktMTU5P', 'U+0041 ', '\\u0041', '%41', 'U']) {
        const text = `${'.'.repeat(offset)}${piece}${'.'.repeat(offset % 7)}`;
        const { searched, listed } = encodingMatches(text);
        expect({ text, spans: listed }).toEqual({ text, spans: searched });
      }
    }
  });

  test('the real texts of the secrets corpus give the same findings either way', () => {
    const examples = JSON.parse(readFileSync(corpusPath('secrets', 'rule-examples.json'), 'utf8')) as { rules: { truePositives?: string[]; falsePositives?: string[] }[] };
    const corpus = examples.rules.flatMap((r) => [...(r.truePositives ?? []), ...(r.falsePositives ?? [])]);
    expect(corpus.length).toBeGreaterThan(500);
    const withSimd = new SecretDetector(defaults);
    const withoutSimd = new SecretDetector(defaults, { simd: false });
    let findings = 0;
    for (const text of corpus) {
      const expected = withoutSimd.detect({ text, path: 'example.txt' });
      findings += expected.length;
      expect({ text, found: withSimd.detect({ text, path: 'example.txt' }) }).toEqual({ text, found: expected });
      const { scan, simd: viaSimd } = keywordHits(text);
      expect(viaSimd).toEqual(scan);
    }
    expect(findings).toBeGreaterThan(200);
  });

  test('an ASCII text read as bytes gives what it gives read as UTF-16', () => {
    const asciiPieces = PIECES.filter((piece) => /^[\x00-\x7f]*$/.test(piece));
    const asciiTexts = fc.array(fc.constantFrom(...asciiPieces), { maxLength: 400 }).map((parts) => parts.join(''));
    const asPlain = (r: ReturnType<typeof simd.scan>) => {
      const events: number[] = [];
      for (let k = 0; k < 4; k++) for (let i = 0; i < r.regions[2 * k + 1]!; i++) events.push(r.events[2 * (r.regions[2 * k]! + i)]!, r.events[2 * (r.regions[2 * k]! + i) + 1]!);
      const { runs, percents, backslashes, codePoints } = r.candidates;
      return { events, runs: [...runs], percents: [...percents], backslashes: [...backslashes], codePoints: [...codePoints] };
    };
    fc.assert(
      fc.property(asciiTexts, (text) => {
        const wide = asPlain(simd.scan(text));
        expect(asPlain(simd.scan(text, true))).toEqual(wide);
      }),
      { numRuns: 400 },
    );
    // And the detector, told a corpus text is ASCII, finds what it finds otherwise.
    const detector = new SecretDetector(defaults);
    const text = `${'const token = "ghp_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8'}";\n`.repeat(50) + 'U+0041 %41 \\u0041 QUJDREVGR0hJSktMTU5P\n';
    expect(detector.detect({ text, path: 'a.js', ascii: true })).toEqual(detector.detect({ text, path: 'a.js' }));
    expect(detector.detect({ text, path: 'a.js' }).length).toBeGreaterThan(0);
  });

  test('a text larger than the module memory makes it grow, with the same results', () => {
    const text = 'token = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo="\n'.repeat(60_000);
    const { scan, simd: viaSimd } = keywordHits(text);
    expect(viaSimd).toEqual(scan);
    const { searched, listed } = encodingMatches(text);
    expect(listed).toEqual(searched);
    expect(searched[0]!.length).toBe(60_000);
  });
});
