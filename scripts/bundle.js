#!/usr/bin/env node
// Builds one ESM bundle per action (actions/<name>/dist) and one for the CLI (dist/cli) with @vercel/ncc.
// `--check` rebuilds into a temporary directory and fails when the committed bundles differ: CI runs it so a
// source change can never ship with a stale dist/.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, readFileSync, writeFileSync } from 'node:fs';
import { minify } from 'terser';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
// The budget is reported (here and in `npm run bench`), not enforced: the scan action's lazily loaded
// @actions/artifact chunk alone is over it, and CI must not fail on a known, documented overrun.
const MAX_BUNDLE_BYTES = 3 * 1024 * 1024;

const targets = [
  ...readdirSync(path.join(root, 'actions'))
    .filter((name) => existsSync(path.join(root, 'actions', name, 'src', 'index.ts')))
    .map((name) => ({ entry: `actions/${name}/src/index.ts`, out: `actions/${name}/dist` })),
  { entry: 'src/cli/index.ts', out: 'dist/cli' },
];

function listFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true }).filter((f) => statSync(path.join(dir, f)).isFile()).sort();
}

let failed = false;
// The contract validators are generated code that the bundles include: regenerate them first (or, with
// --check, fail when they no longer match their schemas).
const generated = spawnSync(process.execPath, [path.join(root, 'scripts/generate-validators.js'), ...(check ? ['--check'] : [])], {
  cwd: root,
  stdio: ['ignore', 'inherit', 'inherit'],
});
if (generated.status !== 0) {
  if (!check) process.exit(1);
  failed = true;
}
const scratch = mkdtempSync(path.join(os.tmpdir(), 'secloop-bundle-'));
for (const { entry, out } of targets) {
  const dest = path.join(scratch, out);
  // --minify for size; no source maps (they would double the committed size). No --transpile-only: with it
  // ncc emits CommonJS, which cannot load the ESM-only @actions/* packages.
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/@vercel/ncc/dist/ncc/cli.js'), 'build', entry, '-o', dest, '--minify', '--quiet', '--target', 'es2022'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (r.status !== 0) {
    console.error(`bundle: ncc failed for ${entry}`);
    process.exit(1);
  }
  await minifyChunks(dest);
  const files = listFiles(dest);
  const sizes = files.map((f) => `${f} ${(statSync(path.join(dest, f)).size / 1024 / 1024).toFixed(2)} MB`);
  const size = files.reduce((n, f) => n + statSync(path.join(dest, f)).size, 0);
  console.error(`bundle: ${out} ${(size / 1024 / 1024).toFixed(2)} MB (${sizes.join(', ')})`);
  if (size > MAX_BUNDLE_BYTES) console.error(`bundle: warning: ${out} is over the ${MAX_BUNDLE_BYTES / 1024 / 1024} MB budget`);
  const target = path.join(root, out);
  if (check) {
    const committed = listFiles(target);
    const same =
      committed.length === files.length &&
      files.every((f, i) => committed[i] === f && readFileSync(path.join(dest, f)).equals(readFileSync(path.join(target, f))));
    if (!same) {
      console.error(`bundle: ${out} is stale; run 'npm run bundle' and commit the result`);
      failed = true;
    }
  } else {
    rmSync(target, { recursive: true, force: true });
    cpSync(dest, target, { recursive: true });
  }
}
rmSync(scratch, { recursive: true, force: true });
process.exit(failed ? 1 : 0);

/**
 * ncc minifies the entry but not the chunks it splits off for dynamic imports (@actions/artifact with the
 * Azure SDK, the parsers): terser does, which takes the largest from 2.8 MB to under 1 MB. Deterministic, so
 * --check still compares byte for byte.
 */
async function minifyChunks(dir) {
  for (const file of listFiles(dir)) {
    if (file === 'index.js' || !file.endsWith('.js')) continue;
    const code = readFileSync(path.join(dir, file), 'utf8');
    const result = await minify(code, { module: true, compress: true, mangle: true, format: { comments: false } });
    writeFileSync(path.join(dir, file), result.code);
  }
}
