import { describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os, { availableParallelism } from 'node:os';
import path from 'node:path';
import { ConfigurationError } from '../../../../src/shared/errors.js';
import { Inputs } from '../../../../src/shared/inputs.js';
import { memoryLogger } from '../../../../src/shared/logger.js';
import { runScan } from '../scan.js';
import { loadDefaultConfig } from './config.js';
import { fingerprintKey, redactedPreview, secretFingerprint } from './findings.js';
import { parseHistorySelection } from './history.js';
import { createSecretsScanner, scanThreads, secretsScanner } from './scanner.js';

// Fake credentials in gitleaks' published formats (split so this file itself is not one long token).
const GITHUB_PAT = 'ghp_' + 'R8fQk2LmZx7Vt9WbNc3Hy6Jd1Ps4Ua5Ge0Kq';
const AWS_KEY = 'AKIA' + 'QYLPMN5HHHFPZAM2';
const STRIPE = 'sk_live_' + 'h7Gf4Kq9Lm2Np8Rs5Tv1Wx3Yz';
const PRIVATE_KEY = ['-----BEGIN RSA PRIVATE KEY-----', 'MIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM9Oi8DmHs2mVVB7fJh3kJqvV4ZT2O', 'q8Jvn3L0xk2bNfVtR9sWm1QpZy6Hc4Ge7Da5Ub0KiLo8Mj3NhRs2Tt9Wv1Xy', '-----END RSA PRIVATE KEY-----'].join('\n');

function tempTree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'secloop-secrets-'));
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}

async function scanTree(root: string, inputs: Record<string, string> = {}) {
  const logger = memoryLogger();
  const scanner = await createSecretsScanner({ inputs: new Inputs((n) => inputs[n]), workspace: root, root, logger });
  const out = mkdtempSync(path.join(os.tmpdir(), 'secloop-secrets-out-'));
  try {
    // runScan writes findings.json through the schema validator: every finding must be valid.
    const outcome = await runScan({ root, outDir: out, scanners: [scanner], exclude: [], failOnSeverity: 'high', allowEmpty: true, context: {} }, logger);
    return outcome.document;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

describe('secrets scanner on a tree', () => {
  test('finds real-format secrets, never writes them, and merges one secret found twice', async () => {
    const root = tempTree({
      'src/config.js': `const token = "${GITHUB_PAT}";\nconst other = process.env.GITHUB_TOKEN;\n`,
      'deploy/.env': `AWS_ACCESS_KEY_ID=${AWS_KEY}\nGITHUB_TOKEN=${GITHUB_PAT}\n`,
      'keys/id_rsa': PRIVATE_KEY + '\n',
      'docs/readme.md': 'Set GITHUB_TOKEN to ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx and AWS key to AKIAIOSFODNN7EXAMPLE.\n',
      'certs/client.p12': '\u0000binary',
    });
    try {
      const doc = await scanTree(root);
      const json = JSON.stringify(doc);
      for (const secret of [GITHUB_PAT, AWS_KEY, PRIVATE_KEY.split('\n')[1]!]) expect(json).not.toContain(secret);
      const byRule = Object.fromEntries(doc.findings.map((f) => [f.rule.id, f]));
      expect(Object.keys(byRule).sort()).toEqual(['aws-access-token', 'github-pat', 'pkcs12-file', 'private-key']);
      const pat = byRule['github-pat']!;
      expect(pat.location).toEqual({ path: 'deploy/.env', start_line: 2, end_line: 2, start_column: 14, end_column: 53 });
      expect(pat.other_locations).toEqual([{ path: 'src/config.js', start_line: 1, end_line: 1, start_column: 16, end_column: 55 }]);
      expect(pat.message).toContain('ghp_…');
      expect(pat.severity).toBe('high');
      expect(pat.kind).toBe('secret');
      expect(pat.event_type).toBe('secret.exposed');
      expect(byRule['private-key']!.severity).toBe('critical');
      expect(byRule['aws-access-token']!.severity).toBe('critical');
      expect(byRule['pkcs12-file']!.location).toEqual({ path: 'certs/client.p12' });
      expect(pat.fingerprint).toBe(secretFingerprint(fingerprintKey(undefined, path.basename(root)), GITHUB_PAT));
      expect(doc.summary.result).toBe('fail');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('the fingerprint is keyed: another key gives another fingerprint for the same secret', async () => {
    const root = tempTree({ 'a.py': `stripe_key = "${STRIPE}"\n` });
    try {
      const one = await scanTree(root, { 'secrets-hash-key': 'k1' });
      const two = await scanTree(root, { 'secrets-hash-key': 'k2' });
      expect(one.findings).toHaveLength(1);
      expect(one.findings[0]!.fingerprint).not.toBe(two.findings[0]!.fingerprint);
      expect(one.findings[0]!.fingerprint).toBe(secretFingerprint(Buffer.from('k1'), STRIPE));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('safe look-alikes: placeholders, env lookups, gitleaks:allow and the rule files themselves', async () => {
    const root = tempTree({
      'app.js': `const key = process.env.API_KEY;\nconst token = "\${GITHUB_TOKEN}";\nconst example = "${GITHUB_PAT}"; // gitleaks:allow\n`,
      'policies/secrets/custom.toml': `[[rules]]\nid = "x"\nregex = '''${AWS_KEY}'''\n`,
      'values.yaml': 'password: changeme\napiKey: "{{ .Values.apiKey }}"\n',
    });
    try {
      const doc = await scanTree(root);
      expect(doc.findings).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('a user config extends the defaults (useDefault) and sets severity', async () => {
    const root = tempTree({
      'gitleaks.custom.toml': `[extend]\nuseDefault = true\n\n[[rules]]\nid = "internal-token"\ndescription = "Internal service token"\nregex = '''\\b(itk_[a-z0-9]{24})\\b'''\nkeywords = ["itk_"]\nseverity = "medium"\n`,
      'svc.go': `var t = "itk_9f8e7d6c5b4a39281706f5e4"\nvar g = "${GITHUB_PAT}"\n`,
    });
    try {
      const doc = await scanTree(root, { 'secrets-config': 'gitleaks.custom.toml' });
      expect(doc.findings.map((f) => [f.rule.id, f.severity]).sort()).toEqual([
        ['github-pat', 'high'],
        ['internal-token', 'medium'],
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('bad configuration is a ConfigurationError naming the file and field', async () => {
    const root = tempTree({ 'bad.toml': `[[rules]]\nid = "r"\nregex = '''(?=x)abc'''\n`, 'bad2.toml': `[[rules]]\nid = "r"\nregex = "a"\nsecretGroup = 2\n` });
    try {
      await expect(scanTree(root, { 'secrets-config': 'bad.toml' })).rejects.toThrow(/bad\.toml \(rules\[0\]\.regex\).*lookaround/);
      await expect(scanTree(root, { 'secrets-config': 'bad2.toml' })).rejects.toThrow(/bad2\.toml \(rules\[0\]\.secretGroup\)/);
      await expect(scanTree(root, { 'secrets-config': 'missing.toml' })).rejects.toThrow(/missing\.toml.*ENOENT/);
      await expect(scanTree(root, { 'secrets-history': 'main' })).rejects.toThrow(/secrets-history/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('a huge single line takes bounded time, ends as a warning, and a secret inside it is still found', async () => {
    const filler = 'x'.repeat(1024).concat(' key ').repeat(2000); // ~2 MB on one line, keyword-rich
    const root = tempTree({ 'min.js': `${filler}"${GITHUB_PAT}"${filler}` });
    try {
      const started = Date.now();
      const doc = await scanTree(root);
      expect(Date.now() - started).toBeLessThan(20_000);
      expect(doc.findings.map((f) => f.rule.id)).toEqual(['github-pat']);
      expect(doc.findings[0]!.location.start_column).toBe(filler.length + 2);
      expect(doc.warnings.some((w) => w.file === 'min.js' && w.scanner === 'secrets')).toBe(true);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('redaction', () => {
  test('long secrets keep 4 characters, short ones are fully masked', () => {
    expect(redactedPreview(GITHUB_PAT)).toBe('ghp_…');
    expect(redactedPreview('hunter2')).toBe('*******');
    expect(redactedPreview('abc')).toBe('****');
  });
});

function sh(cwd: string, ...args: string[]) {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.org' } });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

describe('git history (secrets-history)', () => {
  test('parses none, ranges and since:', () => {
    expect(parseHistorySelection(undefined)).toEqual({ mode: 'none' });
    expect(parseHistorySelection('main..HEAD')).toEqual({ mode: 'range', base: 'main', head: 'HEAD' });
    expect(parseHistorySelection('since:2024-01-31')).toEqual({ mode: 'since', date: '2024-01-31' });
    expect(() => parseHistorySelection('--output=x..HEAD')).toThrow(/secrets-history/);
  });

  test('a secret added then deleted is found, attributed to commit, file and line; shallow clones are refused or deepened', async () => {
    const repo = mkdtempSync(path.join(os.tmpdir(), 'secloop-secrets-git-'));
    const clone = mkdtempSync(path.join(os.tmpdir(), 'secloop-secrets-clone-'));
    try {
      sh(repo, 'init', '-q', '-b', 'main');
      writeFileSync(path.join(repo, 'README.md'), '# app\n');
      sh(repo, 'add', '.');
      sh(repo, 'commit', '-q', '-m', 'initial');
      const base = sh(repo, 'rev-parse', 'HEAD');
      mkdirSync(path.join(repo, 'src'));
      writeFileSync(path.join(repo, 'src', 'app.js'), `// app\nconst a = 1;\nconst token = "${GITHUB_PAT}";\n`);
      sh(repo, 'add', '.');
      sh(repo, 'commit', '-q', '-m', 'add app');
      const leaking = sh(repo, 'rev-parse', 'HEAD');
      writeFileSync(path.join(repo, 'src', 'app.js'), '// app\nconst a = 1;\nconst token = process.env.TOKEN;\n');
      sh(repo, 'commit', '-q', '-am', 'remove the token');

      const scan = async (root: string, inputs: Record<string, string>) => {
        const s = secretsScanner({
          config: loadDefaultConfig(),
          key: Buffer.from('k'),
          history: parseHistorySelection(inputs['secrets-history']),
          deepen: inputs['secrets-deepen'] === 'true',
        });
        return s.finish({ root, logger: memoryLogger(), detectedAt: new Date().toISOString(), settings: {} });
      };
      const result = await scan(repo, { 'secrets-history': `${base}..HEAD` });
      expect(result.errors).toEqual([]);
      expect(result.findings).toHaveLength(1);
      expect(result.findings[0]!.rule.id).toBe('github-pat');
      expect(result.findings[0]!.location).toEqual({ path: 'src/app.js', start_line: 3, end_line: 3, start_column: 16, end_column: expect.any(Number), commit: leaking });
      expect(result.findings[0]!.message).toContain(leaking.slice(0, 12));
      expect(result.examined).toBe(2);

      // A shallow clone that lacks the range: an error naming what is missing, or deepened when allowed.
      sh(clone, 'clone', '-q', '--depth', '1', `file://${repo}`, 'c');
      const shallow = path.join(clone, 'c');
      const refused = await scan(shallow, { 'secrets-history': 'since:1970-01-02' });
      expect(refused.findings).toEqual([]);
      expect(refused.errors.join()).toMatch(/shallow.*secrets-deepen/);
      const refusedRange = await scan(shallow, { 'secrets-history': `${base}..HEAD` });
      expect(refusedRange.errors.join()).toMatch(/shallow.*not in it/);
      const deepened = await scan(shallow, { 'secrets-history': `${base}..HEAD`, 'secrets-deepen': 'true' });
      expect(deepened.errors).toEqual([]);
      expect(deepened.findings.map((f) => f.rule.id)).toEqual(['github-pat']);

      const notGit = await scan(clone, { 'secrets-history': 'since:1970-01-02' });
      expect(notGit.errors.join()).toMatch(/not inside one/);
    } finally {
      rmSync(repo, { recursive: true, force: true });
      rmSync(clone, { recursive: true, force: true });
    }
  });
});

test('the bundled default rules are policies/secrets, unchanged', async () => {
  const { DEFAULT_GITLEAKS_TOML, SECLOOP_OVERLAY_TOML } = await import('./default-rules.js');
  const policies = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../../policies/secrets');
  // Stale? run: node actions/scan/src/secrets/generate-default-rules.mjs
  expect(DEFAULT_GITLEAKS_TOML).toBe(readFileSync(path.join(policies, 'gitleaks.toml'), 'utf8'));
  expect(SECLOOP_OVERLAY_TOML).toBe(readFileSync(path.join(policies, 'secloop-overlay.toml'), 'utf8'));
});

describe('secrets hidden by encoding', () => {
  test('a base64-encoded and a percent-encoded credential are found at the encoded text, and neither form is written', async () => {
    const encodedEnv = Buffer.from(`AWS_ACCESS_KEY_ID=${AWS_KEY}\n`).toString('base64');
    const percentToken = [...`token=${GITHUB_PAT}`].map((ch, i) => (i % 3 === 0 ? `%${ch.charCodeAt(0).toString(16).toUpperCase()}` : ch)).join('');
    const root = tempTree({
      'deploy/values.yaml': `image: shop/web:1.4.2\nreplicas: 2\nbootstrap:\n  env: ${encodedEnv}\n`,
      'scripts/call.sh': `curl "https://api.example.com/hook?${percentToken}"\n`,
      // Look-alikes: an integrity hash, a hex digest, a URL with ordinary escapes, and a base64 text without secrets.
      'package-lock.json': '{"integrity": "sha512-2XKb4zfX8bGg7wFgcRZTvAJ0lTmc6XlqPW9IXrcVhJxsnmdG/uBR6yHGJc6lA6JxOKKPXvmNTa8ZbEz4fmgYLQ=="}\n',
      'src/digest.js': `const empty = "d41d8cd98f00b204e9800998ecf8427e";\nconst url = "https://example.com/search?q=hello%20world";\nconst note = "${Buffer.from('just a friendly note, nothing secret here').toString('base64')}";\n`,
    });
    try {
      const doc = await scanTree(root);
      const json = JSON.stringify(doc);
      for (const secret of [AWS_KEY, GITHUB_PAT, encodedEnv, percentToken]) expect(json).not.toContain(secret);
      const found = doc.findings.map((f) => ({ rule: f.rule.id, location: f.location, tags: f.rule.tags, encoded: /\(\w+-encoded\)/.exec(f.message)?.[0] }));
      expect(found).toEqual([
        {
          rule: 'aws-access-token',
          location: { path: 'deploy/values.yaml', start_line: 4, end_line: 4, start_column: 8, end_column: 7 + encodedEnv.length },
          tags: ['secret', 'decoded:base64'],
          encoded: '(base64-encoded)',
        },
        {
          rule: 'github-pat',
          location: { path: 'scripts/call.sh', start_line: 1, end_line: 1, start_column: 36, end_column: 35 + percentToken.length },
          tags: ['secret', 'decoded:percent'],
          encoded: '(percent-encoded)',
        },
      ]);
      // The preview and the fingerprint are the decoded secret's, so it matches the same key found in plain text.
      const key = fingerprintKey(undefined, path.basename(root));
      expect(doc.findings[0]!.fingerprint).toBe(secretFingerprint(key, AWS_KEY));
      expect(doc.findings[0]!.message).toContain(redactedPreview(AWS_KEY));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('secrets-max-decode-depth 0 turns decoding off; a bad value names the input', async () => {
    const root = tempTree({ 'env.b64': Buffer.from(`AWS_ACCESS_KEY_ID=${AWS_KEY}\n`).toString('base64') + '\n' });
    try {
      expect((await scanTree(root)).findings.map((f) => f.rule.id)).toEqual(['aws-access-token']);
      expect((await scanTree(root, { 'secrets-max-decode-depth': '0' })).findings).toEqual([]);
      await expect(scanTree(root, { 'secrets-max-decode-depth': 'deep' })).rejects.toThrow(/secrets-max-decode-depth.*integer from 0 to 20/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('secrets worker threads setting (SECLOOP_SCAN_THREADS)', () => {
  test('takes a count, 0 for one thread, and refuses anything else naming the variable', () => {
    expect(scanThreads('0')).toBe(0);
    expect(scanThreads(' 3 ')).toBe(3);
    expect(() => scanThreads('many')).toThrow(/SECLOOP_SCAN_THREADS|expected an integer from 0 to 64/);
    expect(() => scanThreads('-1')).toThrow(ConfigurationError);
  });

  test('defaults to the cores the process may use, at most 8', () => {
    expect(scanThreads(undefined)).toBe(Math.min(availableParallelism(), 8));
    expect(scanThreads('')).toBe(Math.min(availableParallelism(), 8));
  });
});
