import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** GITHUB_OUTPUT's `name<<delimiter` blocks (what @actions/core writes), as a map. */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i]!);
    if (!m) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i]!);
    out[m[1]!] = value.join('\n');
  }
  return out;
}

/** Every input an action's code reads, found in its sources (`inputs.optional('name')` and the like). */
export function inputsReadBy(dir: string): Set<string> {
  const names = new Set<string>();
  for (const file of readdirSync(dir, { recursive: true }) as string[]) {
    if (!file.endsWith('.ts') || file.endsWith('.test.ts') || file.includes('test-util') || file.includes('testdata')) continue;
    const text = readFileSync(path.join(dir, file), 'utf8');
    for (const m of text.matchAll(/inputs\.(?:optional|required|list|boolean|enumOf|positiveInteger)\('([a-z0-9-]+)'/g)) names.add(m[1]!);
  }
  return names;
}
