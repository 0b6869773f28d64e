#!/usr/bin/env node
// Adds to package-lock.json the platform binaries of jest's unrs-resolver that this workplace's registry
// mirror does not serve (it has only the linux ones), so npm leaves them out of any lockfile written here and
// `npm ci` then refuses the lockfile everywhere ("Missing: @unrs/resolver-binding-... from lock file").
// Each entry is what npm itself writes for a skipped optional binary: version, cpu, os (libc on linux).
// Entries are kept in npm's own order (localeCompare 'en'), so a later `npm install` leaves the file as is.
// Run after a dependency change here; test/lockfile.test.ts fails while an optional dependency is missing.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const file = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'package-lock.json');
const lock = JSON.parse(readFileSync(file, 'utf8'));
const packages = lock.packages;
const byNpmOrder = (a, b) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b, 'en'));

let added = 0;
for (const [owner, entry] of Object.entries(packages)) {
  if (!owner.endsWith('node_modules/unrs-resolver')) continue;
  for (const [dependency, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${dependency}`;
    if (packages[key]) continue;
    // @unrs/resolver-binding-<os>-<cpu>[-<abi>]: the platform is in the name (wasm32-wasi is always present).
    const [os, cpu] = dependency.split('resolver-binding-')[1].split('-');
    const rest = { cpu: [cpu], dev: true, license: 'MIT', optional: true, os: [os] };
    if (os === 'linux') rest.libc = [dependency.includes('musl') ? 'musl' : 'glibc'];
    packages[key] = { version, ...Object.fromEntries(Object.entries(rest).sort(([a], [b]) => a.localeCompare(b, 'en'))) };
    added++;
  }
}
lock.packages = Object.fromEntries(Object.keys(packages).sort(byNpmOrder).map((k) => [k, packages[k]]));
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.error(`complete-lockfile: ${added} optional platform binar${added === 1 ? 'y' : 'ies'} added`);
