import { describe, expect, test } from '@jest/globals';
import { loadDefaultConfig } from './config.js';
import fc from 'fast-check';
import { decodeBase64, decodeHex, decodePercent, decodeUnicode, ENCODINGS, firstBase64GroupPrintable, FragmentDecoder, scanEncodings } from './decoder.js';
import { SecretDetector } from './detector.js';

/** gitleaks' own way of finding candidate segments: its four patterns as one alternation, run left to right. */
function regexMatches(text: string) {
  const joined = new RegExp(ENCODINGS.map((e) => `(${e.pattern})`).join('|'), 'g');
  return [...text.matchAll(joined)].map((m) => ({ kind: ENCODINGS[m.findIndex((g, i) => i > 0 && g !== undefined) - 1]!.kind, start: m.index, end: m.index + m[0].length }));
}

/** Deterministic pseudo-random text over the characters that matter to the patterns. */
function generatedText(seed: number, length: number): string {
  const alphabet = ['%', '4', '1', 'a', 'F', 'Z', 'U', '+', '\\', 'u', '0', '=', '\n', ' ', '-', '_', '/', '.', 'x', '9', 'é'];
  let state = seed;
  let out = '';
  while (out.length < length) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    const pick = state % (alphabet.length + 6);
    // Some long runs, so that hex (32+) and base64 (16+) candidates occur.
    if (pick >= alphabet.length) out += ['0123456789abcdef0123456789ABCDEF0', 'QUJDREVGR0hJSktMTU5PUA', 'transitiveDependencyClosure'][pick % 3];
    else out += alphabet[pick];
  }
  return out;
}

describe('finding encoded segments', () => {
  const BASE64_KIND = ENCODINGS[3]!.kind;
  const asKinds = (matches: ReturnType<typeof scanEncodings>) => matches.map((m) => ({ kind: m.encoding.kind, start: m.start, end: m.end }));

  test('the linear scan finds exactly what the joined regex finds, on 400 generated texts', () => {
    let leftOut = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const text = generatedText(seed, 50 + (seed % 7) * 60);
      const expected = regexMatches(text);
      expect({ seed, scanned: asKinds(scanEncodings(text, true)) }).toEqual({ seed, scanned: expected });
      // By default base64 candidates that cannot decode (no digit or + / - _, or a first group that is not printable) are left out.
      const tried = expected.filter((m) => m.kind !== BASE64_KIND || (/[0-9+/_-]/.test(text.slice(m.start, m.end)) && firstBase64GroupPrintable(text, m.start)));
      leftOut += expected.length - tried.length;
      expect({ seed, scanned: asKinds(scanEncodings(text)) }).toEqual({ seed, scanned: tried });
    }
    expect(leftOut).toBeGreaterThan(0);
  });

  test('edge cases of each pattern agree with the regex', () => {
    const cases = [
      'U+0041 U+0042',
      'U+0041',
      'U+0041x U+0042\t',
      '\\\\\\u0041\\U0042x',
      '%41 and later %2f on the line\n%4',
      '%4%41',
      'abcdef0123456789abcdef0123456789ABCDEFx',
      'short_ident another_one_that_is_long= == ===',
      'UUUUUUUUUUUUUUUU+0041 ',
      'x'.repeat(15) + '/' + 'y'.repeat(3),
      'computeTransitiveClosure abcdef0123456789abcdef0123456789AB_CDEFGHIJKLMNOPQRSTUV',
    ];
    for (const text of cases) {
      expect({ text, scanned: asKinds(scanEncodings(text, true)) }).toEqual({ text, scanned: regexMatches(text) });
    }
  });
});

describe('decoders (printable ASCII only, as gitleaks)', () => {
  test('base64: standard with padding, else url-safe without', () => {
    expect(decodeBase64('c21hbGwtc2VjcmV0')).toBe('small-secret');
    expect(decodeBase64('ZGVjb2RlZC1zZWNyZXQtdmFsdWUwMA==')).toBe('decoded-secret-value00');
    expect(decodeBase64('YT8/Pn5rZXk+Pj9+')).toBe('a??>~key>>?~');
    // url-safe alphabet, no padding
    expect(decodeBase64('YT8_Pn5rZXk-Pj9-')).toBe('a??>~key>>?~');
    expect(decodeBase64('eD8-P3k_Pj96Pj4')).toBe('x?>?y?>?z>>');
  });

  test('base64 look-alikes decode to nothing', () => {
    expect(decodeBase64('ABCDEFGHIJKLMNOPQRSTUVWXYZ')).toBe(''); // no digit or + / - _: a word, not tried
    expect(decodeBase64('AAECAwQFBgcICQoLDA0ODw==')).toBe(''); // binary bytes
    expect(decodeBase64('c21hbGwtc2VjcmV0=')).toBe(''); // bad padding, and = is not url-safe
    expect(decodeBase64('some_identifier_name_1')).toBe(''); // url-safe but decodes to binary
  });

  test('hex: even length, a digit, printable bytes', () => {
    expect(decodeHex('6465636F6465642D7365637265742D76616C756576484558')).toBe('decoded-secret-valuevHEX');
    expect(decodeHex('6465636F6465642D7365637265742D76616C7565764845')).toBe('decoded-secret-valuevHE');
    expect(decodeHex('d41d8cd98f00b204e9800998ecf8427e')).toBe(''); // an MD5 digest: binary
    expect(decodeHex('6465636F6465642D7365637265742D76616C75657648455')).toBe(''); // odd length
  });

  test('percent: escapes decoded in place, the rest kept', () => {
    expect(decodePercent('%64%65coded-%73%65%63%72%65%74-valuev3')).toBe('decoded-secret-valuev3');
    expect(decodePercent('%41%zz%4')).toBe('A%zz%4');
    expect(decodePercent('%41%00')).toBe(''); // a NUL is not text
  });

  test('unicode: U+XXXX runs and \\uXXXX runs', () => {
    expect(decodeUnicode('U+0074 U+006F U+006B ')).toBe('tok');
    expect(decodeUnicode('\\u0074\\\\u006f\\U006B')).toBe('tok');
  });
});

describe('the first-group test that spares most base64 candidates a decode', () => {
  test('never rejects a value that decodes: printable values, identifiers and random runs of 16 or more', () => {
    const encoded = fc.string({ minLength: 12, maxLength: 60 }).map((s) => Buffer.from(s.replace(/[^\x20-\x7e]/g, 'x')).toString('base64'));
    const run = fc.stringMatching(/^[\w/+-]{16,40}={0,2}$/);
    fc.assert(
      fc.property(fc.oneof(encoded, encoded.map((v) => v.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')), run), (value) => {
        if (!firstBase64GroupPrintable(value, 0)) expect(decodeBase64(value)).toBe('');
      }),
      { numRuns: 3000 },
    );
    expect(firstBase64GroupPrintable(Buffer.from('a printable secret').toString('base64'), 0)).toBe(true);
    expect(firstBase64GroupPrintable('__webpack_require__1', 0)).toBe(false);
  });
});

describe('decoding passes', () => {
  test('a segment decoded twice remembers both encodings and the original place', () => {
    // base64 of "secret=ZGVjb2RlZC1zZWNyZXQtdmFsdWU=" (itself base64 of "decoded-secret-value")
    const text = 'x = "c2VjcmV0PVpHVmpiMlJsWkMxelpXTnlaWFF0ZG1Gc2RXVT0="\n';
    const decoder = new FragmentDecoder();
    const first = decoder.decode(text, []);
    expect(first.text).toBe('x = "secret=ZGVjb2RlZC1zZWNyZXQtdmFsdWU="\n');
    const second = decoder.decode(first.text, first.segments);
    expect(second.text).toBe('x = "secret=decoded-secret-value"\n');
    expect(second.segments.map((s) => ({ depth: s.depth, original: s.original }))).toEqual([{ depth: 2, original: { start: 5, end: 53 } }]);
  });

  test('an encoded AWS key is reported at the encoded text with decoded tags; the plain identifier beside it is not', () => {
    const aws = Buffer.from('aws_access_key_id = AKIAXY7PQ2LM4NB6RT3W').toString('base64');
    const text = `const ok = "dependency_resolution_order";\nconst blob = "${aws}";\n`;
    const detector = new SecretDetector(loadDefaultConfig());
    const found = detector.detect({ text, path: 'config.js' });
    expect(found.map((f) => ({ rule: f.ruleId, secret: f.secret, line: f.startLine, column: f.startColumn, end: f.endColumn, tags: f.tags, depth: f.decodeDepth }))).toEqual([
      { rule: 'aws-access-token', secret: 'AKIAXY7PQ2LM4NB6RT3W', line: 2, column: 15, end: 14 + aws.length, tags: ['decoded:base64', 'decode-depth:1'], depth: 1 },
    ]);
    expect(new SecretDetector(loadDefaultConfig(), { maxDecodeDepth: 0 }).detect({ text, path: 'config.js' })).toEqual([]);
  });

  test('integrity hashes, digests and long identifiers give no findings', () => {
    const text = [
      '"integrity": "sha512-2XKb4zfX8bGg7wFgcRZTvAJ0lTmc6XlqPW9IXrcVhJxsnmdG/uBR6yHGJc6lA6JxOKKPXvmNTa8ZbEz4fmgYLQ=="',
      'const digest = "d41d8cd98f00b204e9800998ecf8427e";',
      'function computeTransitiveDependencyClosure_v2() {}',
      'const url = "https://example.com/search?q=hello%20world&lang=en%2DUS";',
    ].join('\n');
    expect(new SecretDetector(loadDefaultConfig()).detect({ text, path: 'package-lock.json' })).toEqual([]);
  });

  test('a negative decode depth is refused with the option named', () => {
    expect(() => new SecretDetector(loadDefaultConfig(), { maxDecodeDepth: -1 })).toThrow(/maxDecodeDepth/);
  });
});
