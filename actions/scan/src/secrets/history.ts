import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { ConfigurationError } from '../../../../src/shared/errors.js';

/**
 * Git history for the secrets scanner: the lines added by each commit of a range, file by file, so a secret
 * that was committed and later deleted is still found (and attributed to the commit, file and line that added
 * it). git runs through spawn with an argument array: no shell, so nothing in a range or path is interpreted.
 */

export type HistorySelection = { mode: 'none' } | { mode: 'range'; base: string; head: string } | { mode: 'since'; date: string };

/** `none`, `<base>..<head>` or `since:<date>` (any date git understands: 2024-01-31, "2 weeks ago"). */
export function parseHistorySelection(value: string | undefined, input = 'secrets-history'): HistorySelection {
  if (value === undefined || value === '' || value.toLowerCase() === 'none') return { mode: 'none' };
  if (value.toLowerCase().startsWith('since:')) {
    const date = value.slice('since:'.length).trim();
    if (!date || date.startsWith('-')) throw new ConfigurationError(`${JSON.stringify(value)} has no date after since:`, `input '${input}'`);
    return { mode: 'since', date };
  }
  const m = /^([^.\s][^\s]*?)\.\.([^.\s][^\s]*)$/.exec(value);
  if (!m || m[1]!.startsWith('-') || m[2]!.startsWith('-')) {
    throw new ConfigurationError(`${JSON.stringify(value)}: expected none, <base>..<head> (e.g. main..HEAD) or since:<date>`, `input '${input}'`);
  }
  return { mode: 'range', base: m[1]!, head: m[2]! };
}

export interface AddedFile {
  commit: string;
  /** Relative to the scan root, forward slashes. */
  path: string;
  /** The added lines, joined by '\n'. */
  text: string;
  /** lineNumbers[i]: the line in the file (at that commit) of the fragment's line i+1. */
  lineNumbers: number[];
}

export class GitError extends Error {}

interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function git(cwd: string, args: string[]): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', (error) => reject(new GitError(`cannot run git: ${error.message}`)));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

async function gitOk(cwd: string, args: string[]): Promise<string> {
  const r = await git(cwd, args);
  if (r.code !== 0) throw new GitError(`git ${args.join(' ')} failed: ${r.stderr.trim().split('\n')[0] ?? `exit ${r.code}`}`);
  return r.stdout;
}

function revListArgs(selection: Exclude<HistorySelection, { mode: 'none' }>): string[] {
  return selection.mode === 'range' ? [`${selection.base}..${selection.head}`] : [`--since=${selection.date}`, 'HEAD'];
}

/**
 * Makes sure the selected history is all present. A shallow clone that lacks part of it is deepened when
 * allowed, else this throws a GitError naming what is missing: history is never skipped silently.
 */
export async function ensureHistory(root: string, selection: Exclude<HistorySelection, { mode: 'none' }>, deepen: boolean, log: (m: string) => void): Promise<void> {
  const inside = await git(root, ['rev-parse', '--is-inside-work-tree']);
  if (inside.code !== 0 || inside.stdout.trim() !== 'true') throw new GitError(`secrets-history needs a git repository, and ${root} is not inside one`);
  for (let attempt = 0; ; attempt++) {
    const missing = await missingHistory(root, selection);
    if (!missing) return;
    if (!deepen) {
      throw new GitError(`${missing}; set secrets-deepen: true to fetch it, or check out with full history (actions/checkout fetch-depth: 0)`);
    }
    if (attempt >= 8) throw new GitError(`${missing}, still after deepening the clone ${attempt} times`);
    const args = selection.mode === 'since' && attempt === 0 ? ['fetch', '--quiet', `--shallow-since=${selection.date}`] : ['fetch', '--quiet', `--deepen=${100 * 2 ** attempt}`];
    log(`secrets: shallow clone, running git ${args.join(' ')}`);
    const r = await git(root, args);
    if (r.code !== 0) throw new GitError(`${missing}, and git ${args.join(' ')} failed: ${r.stderr.trim().split('\n')[0]}`);
  }
}

async function missingHistory(root: string, selection: Exclude<HistorySelection, { mode: 'none' }>): Promise<string | undefined> {
  const label = selection.mode === 'range' ? `${selection.base}..${selection.head}` : `since:${selection.date}`;
  const shallow = (await gitOk(root, ['rev-parse', '--is-shallow-repository'])).trim() === 'true';
  const exists = async (rev: string) => (await git(root, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`])).code === 0;
  if (selection.mode === 'range') {
    if (!(await exists(selection.head))) return `secrets-history ${label}: ${selection.head} is not a commit in this clone${shallow ? ' (the clone is shallow)' : ''}`;
    if (!(await exists(selection.base))) {
      if (shallow) return `secrets-history ${label}: the clone is shallow and ${selection.base} is not in it`;
      throw new GitError(`secrets-history ${label}: ${selection.base} is not a commit in this repository`);
    }
  }
  if (!shallow) return undefined;
  const boundaryFile = (await gitOk(root, ['rev-parse', '--git-path', 'shallow'])).trim();
  const boundary = new Set((await readFile(path.resolve(root, boundaryFile), 'utf8').catch(() => '')).split('\n').filter(Boolean));
  const commits = (await gitOk(root, ['rev-list', ...revListArgs(selection)])).split('\n').filter(Boolean);
  const cut = commits.find((c) => boundary.has(c));
  if (cut) return `secrets-history ${label}: the clone is shallow and the history before commit ${cut.slice(0, 12)} is missing`;
  return undefined;
}

/** Streams the added lines of every commit in the selection, one (commit, file) at a time. */
export async function forEachAddedFile(root: string, selection: Exclude<HistorySelection, { mode: 'none' }>, visit: (file: AddedFile) => void): Promise<number> {
  const args = [
    '-c', 'core.quotePath=false',
    'log', '-p', '-U0', '--no-color', '--no-ext-diff', '--no-renames', '--diff-filter=AM', '--relative',
    '--format=%x00commit %H', ...revListArgs(selection), '--', '.',
  ];
  const child = spawn('git', args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const closed = new Promise<number>((resolve, reject) => {
    child.on('error', (error) => reject(new GitError(`cannot run git: ${error.message}`)));
    child.on('close', (code) => resolve(code ?? 1));
  });
  let commit = '';
  let file: string | undefined;
  let lines: string[] = [];
  let numbers: number[] = [];
  let next = 0;
  let commits = 0;
  const flush = () => {
    if (file !== undefined && lines.length > 0) visit({ commit, path: file, text: lines.join('\n'), lineNumbers: numbers });
    lines = [];
    numbers = [];
  };
  for await (const line of createInterface({ input: child.stdout, crlfDelay: Infinity })) {
    if (line.startsWith('\0commit ')) {
      flush();
      file = undefined;
      commit = line.slice('\0commit '.length).trim();
      commits++;
    } else if (line.startsWith('diff --git ')) {
      flush();
      file = undefined;
    } else if (line.startsWith('+++ ')) {
      const target = unquote(line.slice(4));
      file = target === '/dev/null' ? undefined : target.replace(/^b\//, '');
    } else if (line.startsWith('@@ ')) {
      const m = /^@@ -\d+(?:,\d+)? \+(\d+)/.exec(line);
      next = m ? Number(m[1]) : 0;
    } else if (line.startsWith('+') && file !== undefined) {
      lines.push(line.slice(1));
      numbers.push(next++);
    }
  }
  flush();
  const code = await closed;
  if (code !== 0) throw new GitError(`git log failed: ${stderr.trim().split('\n')[0] ?? `exit ${code}`}`);
  return commits;
}

function unquote(p: string): string {
  if (!p.startsWith('"')) return p;
  try {
    return JSON.parse(p) as string;
  } catch {
    return p.slice(1, -1);
  }
}
