// The secrets bench's input: a large source-like tree with planted secrets, generated deterministically from a
// seed. Its text is copies of real files of this repository's node_modules (JavaScript, TypeScript, JSON,
// Markdown, YAML), one to three concatenated per output file, laid out as packages of a monorepo under names
// no scanner skips; its secrets are of formats that both secloop's rules (gitleaks') and secretlint's
// recommended preset detect. The same seed and the same node_modules (package-lock.json) give the same tree.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const SOURCE_EXTENSIONS = new Set(['.js', '.mjs', '.cjs', '.ts', '.json', '.md', '.yml', '.yaml']);
const MIN_SOURCE_BYTES = 512;
const MAX_SOURCE_BYTES = 256 << 10;

/** mulberry32: a small seeded PRNG, so the tree is the same on every machine and run. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
const ALNUM = UPPER + LOWER + DIGITS;
const BASE64 = `${ALNUM}+/`;

/**
 * Secret formats both tools detect. `secloop` is the gitleaks rule id secloop reports, `secretlint` the rule
 * (and message) secretlint's recommended preset reports; a type is the same secret seen by both.
 */
export const SECRET_TYPES = [
  // secretlint's aws rule reports access key IDs only with its option enableIDScanRule, which the recommended
  // preset leaves off: secretlint finds none of these, and the bench says so (it compares what secretlint finds).
  { type: 'aws-access-key-id', secloop: ['aws-access-token'], secretlint: ['@secretlint/secretlint-rule-aws:AWSAccessKeyID'], make: (r) => `AKIA${pick(r, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}` },
  { type: 'github-token', secloop: ['github-pat'], secretlint: ['@secretlint/secretlint-rule-github:GITHUB_TOKEN'], make: (r) => `ghp_${pick(r, ALNUM, 36)}` },
  { type: 'slack-bot-token', secloop: ['slack-bot-token'], secretlint: ['@secretlint/secretlint-rule-slack:SLACK_TOKEN'], make: (r) => `xoxb-${pick(r, DIGITS, 11)}-${pick(r, DIGITS, 12)}-${pick(r, ALNUM, 24)}` },
  { type: 'npm-token', secloop: ['npm-access-token'], secretlint: ['@secretlint/secretlint-rule-npm:NPM_ACCESS_TOKEN'], make: (r) => `npm_${pick(r, LOWER + DIGITS, 36)}` },
  { type: 'sendgrid-key', secloop: ['sendgrid-api-token'], secretlint: ['@secretlint/secretlint-rule-sendgrid:SENDGRID_KEY'], make: (r) => `SG.${pick(r, ALNUM, 22)}.${pick(r, ALNUM, 43)}` },
  { type: 'shopify-token', secloop: ['shopify-access-token'], secretlint: ['@secretlint/secretlint-rule-shopify:SHOPIFY_KEY'], make: (r) => `shpat_${pick(r, '0123456789abcdef', 32)}` },
  { type: 'gitlab-token', secloop: ['gitlab-pat'], secretlint: ['@secretlint/secretlint-rule-gitlab:GITLAB_PERSONAL_ACCESS_TOKEN'], make: (r) => `glpat-${pick(r, ALNUM, 20)}` },
  {
    type: 'private-key',
    secloop: ['private-key'],
    secretlint: ['@secretlint/secretlint-rule-privatekey:PrivateKey'],
    // A PEM block: DER (base64 "MI...") wrapped at 64 characters, as openssl writes it.
    make: (r) => {
      const body = `MIIEow${pick(r, BASE64, 1200)}`;
      const lines = body.match(/.{1,64}/g);
      return `-----BEGIN RSA PRIVATE KEY-----\n${lines.join('\n')}\n-----END RSA PRIVATE KEY-----`;
    },
  },
];

function pick(random, alphabet, n) {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(random() * alphabet.length)];
  return s;
}

/** How a secret is written into a file of each kind (a private key is a block of its own lines). */
function plantedLine(ext, name, secret) {
  if (secret.includes('\n')) return ext === '.md' ? `\n\`\`\`\n${secret}\n\`\`\`\n` : `${secret}\n`;
  switch (ext) {
    case '.json':
      return `  "${name}": "${secret}",\n`;
    case '.md':
      return `Set \`${name.toUpperCase()}=${secret}\` before running the examples.\n`;
    case '.yml':
    case '.yaml':
      return `${name}: "${secret}"\n`;
    default:
      return `const ${name} = '${secret}';\n`;
  }
}

/** Candidate source files under `root` (sorted, so the choice from them is deterministic). */
export function sourceFiles(root) {
  const out = [];
  const walk = (dir) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile() && SOURCE_EXTENSIONS.has(path.extname(e.name)) && !/(?:^|[-.])lock\.|\.map$/.test(e.name)) {
        const size = statSync(full).size;
        if (size >= MIN_SOURCE_BYTES && size <= MAX_SOURCE_BYTES) out.push(full);
      }
    }
  };
  walk(root);
  return out;
}

/**
 * Writes the tree under `dir`: output files of 1-3 concatenated source files of one extension until
 * `targetBytes`, and `secretsPerType` secrets of each type planted at line boundaries of random files.
 * Returns { files, bytes, planted: [{ file, type, secret }] } (file relative to dir, forward slashes).
 */
export function generateSecretsTree(dir, { seed = 20261122, targetBytes = 320 << 20, secretsPerType = 40, sourceRoot, sources } = {}) {
  const random = prng(seed);
  const pool = sources ?? sourceFiles(sourceRoot);
  if (pool.length < 100) throw new Error(`too few source files under ${sourceRoot} (${pool.length}); run npm ci first`);
  const byExt = new Map();
  for (const f of pool) {
    const ext = path.extname(f) === '.yaml' ? '.yml' : path.extname(f);
    if (!byExt.has(ext)) byExt.set(ext, []);
    byExt.get(ext).push(f);
  }
  const cache = new Map();
  const read = (f) => {
    let text = cache.get(f);
    if (text === undefined) {
      text = readFileSync(f, 'utf8');
      cache.set(f, text);
    }
    return text;
  };

  // Plan the files first, so secrets can be planted into a random choice of them.
  const plan = [];
  let bytes = 0;
  for (let n = 0; bytes < targetBytes; n++) {
    const first = pool[Math.floor(random() * pool.length)];
    const ext = path.extname(first) === '.yaml' ? '.yml' : path.extname(first);
    const parts = [first];
    const extra = Math.floor(random() * 3);
    const sameKind = byExt.get(ext);
    for (let i = 0; i < extra; i++) parts.push(sameKind[Math.floor(random() * sameKind.length)]);
    const size = parts.reduce((s, f) => s + Buffer.byteLength(read(f)), 0);
    const pkg = `pkg-${String(Math.floor(n / 40)).padStart(4, '0')}`;
    const sub = ['src', 'lib', 'docs', 'config', 'test'][Math.floor(random() * 5)];
    const base = path.basename(first, path.extname(first)).replace(/[^A-Za-z0-9_-]/g, '_');
    plan.push({ rel: `packages/${pkg}/${sub}/${base}-${n}${ext}`, ext, parts, planted: [] });
    bytes += size;
  }

  const planted = [];
  for (const kind of SECRET_TYPES) {
    for (let i = 0; i < secretsPerType; i++) {
      const target = plan[Math.floor(random() * plan.length)];
      const secret = kind.make(random);
      target.planted.push({ kind, secret, at: random() });
      planted.push({ file: target.rel, type: kind.type, secret });
    }
  }

  let written = 0;
  const madeDirs = new Set();
  for (const file of plan) {
    let text = file.parts.map(read).join('\n');
    for (const p of file.planted) {
      // At a line boundary near a random point of the text.
      const at = text.indexOf('\n', Math.floor(p.at * text.length));
      const cut = at === -1 ? text.length : at + 1;
      const name = `${p.kind.type.replace(/-/g, '_')}_${planted.findIndex((x) => x.secret === p.secret)}`;
      text = `${text.slice(0, cut)}${cut > 0 && text[cut - 1] !== '\n' ? '\n' : ''}${plantedLine(file.ext, name, p.secret)}${text.slice(cut)}`;
    }
    const full = path.join(dir, file.rel);
    const parent = path.dirname(full);
    if (!madeDirs.has(parent)) {
      mkdirSync(parent, { recursive: true });
      madeDirs.add(parent);
    }
    writeFileSync(full, text);
    written += Buffer.byteLength(text);
  }
  return { files: plan.length, bytes: written, planted };
}
