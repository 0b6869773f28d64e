import path from 'node:path';
import type { ExtractedPackage, ExtractInput, ExtractionResult, Extractor } from '../types.js';
import { normalizeName } from './names.js';

/**
 * Canonical names discovery matches exactly. Projects also use `requirements-<anything>.txt`,
 * `<anything>-requirements.txt` and `requirements/<anything>.txt`: `matches` recognises those, but the
 * registry only consults it for a name in this list, so discovery must call `isRequirementsFile` itself to
 * pick them up.
 */
const CANONICAL_NAMES = [
  'requirements.txt',
  'requirements-dev.txt',
  'requirements-test.txt',
  'dev-requirements.txt',
  'test-requirements.txt',
  'constraints.txt',
] as const;

export function isRequirementsFile(relativePath: string): boolean {
  const base = relativePath.slice(relativePath.lastIndexOf('/') + 1);
  if ((CANONICAL_NAMES as readonly string[]).includes(base)) return true;
  if (/^requirements[-_.][^/]*\.txt$/.test(base) || /^[^/]*[-_.]requirements\.txt$/.test(base)) return true;
  return /(?:^|\/)requirements\/[^/]+\.txt$/.test(relativePath);
}

/** Per-requirement options pip accepts after a requirement; they and all that follows are not the requirement. */
const PER_REQUIREMENT_OPTION = /\s(?:--hash|--global-option|--install-option|--config-settings)(?=[\s=]|$)|\s-C/;
/** Comments start at `#` at the start of a line or after whitespace (pip's rule: `pkg#egg` is no comment). */
const COMMENT = /(?:^|\s)#.*$/;
/** `${VAR}` is expanded by pip from the environment, which a scan does not have. */
const ENV_VAR = /\$\{[A-Za-z0-9_]+\}/;
/** A PEP 508 name, optional extras, then the rest (specifiers, markers or a URL). */
const REQUIREMENT = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[[^\]]*\])?\s*(.*)$/s;
const SPECIFIER_CLAUSE = /^(===|==|~=|!=|<=|>=|<|>)\s*(.*)$/s;
/** Operators whose version is the one reported: the pin, or the bound a range starts from. */
const REPORTED_OPERATORS = new Set(['===', '==', '~=', '>=', '<=']);
const INCLUDE = /^(--requirement|--constraint|-r|-c)(?:\s*=\s*|\s+|(?=[^\s-]))(.+)$/;
/** Nested includes beyond this depth are ignored; real projects nest two or three levels. */
const MAX_INCLUDE_DEPTH = 20;

interface LogicalLine {
  text: string;
  /** 1-based line where the logical line starts (a `\` continuation joins the next lines onto it). */
  line: number;
}

/** Joins `\`-continued lines after dropping comments, keeping the first physical line's number. */
export function logicalLines(content: string): LogicalLine[] {
  const result: LogicalLine[] = [];
  const physical = content.split(/\r?\n/);
  let pending: LogicalLine | undefined;
  physical.forEach((raw, index) => {
    const text = raw.replace(COMMENT, '');
    const current: LogicalLine = pending ?? { text: '', line: index + 1 };
    if (text.endsWith('\\')) {
      current.text += text.slice(0, -1);
      pending = current;
      return;
    }
    current.text += text;
    pending = undefined;
    result.push(current);
  });
  if (pending) result.push(pending);
  return result;
}

export interface ParsedRequirement {
  name: string;
  version: string;
  versionComparator?: string;
  requirement: string;
}

/**
 * One requirement line (per-requirement options already cut off), or undefined when it names no PyPI package
 * (a path, a URL, `name @ url`, an operator without a version). `version` is the single pinned or lower-bound
 * version; a wildcard, an exclusion, an upper bound or several clauses leave it empty, like an unpinned name.
 */
export function parseRequirement(requirement: string): ParsedRequirement | undefined {
  const match = REQUIREMENT.exec(requirement);
  if (!match) return undefined;
  const [, name, rest] = match;
  if (/^[/:\\]/.test(rest) || rest.startsWith('@')) return undefined; // a path, a URL or a direct reference
  let specifiers = rest.split(';')[0].trim();
  if (specifiers.startsWith('(') && specifiers.endsWith(')')) specifiers = specifiers.slice(1, -1).trim();
  if (specifiers === '') return { name, version: '', requirement };
  const clauses = specifiers.split(',').map((clause) => SPECIFIER_CLAUSE.exec(clause.trim()));
  if (clauses.some((clause) => !clause || clause[2].trim() === '')) return undefined;
  const [only] = clauses;
  if (clauses.length === 1 && only && REPORTED_OPERATORS.has(only[1]) && !only[2].includes('*')) {
    return { name, version: only[2].trim(), versionComparator: only[1], requirement };
  }
  return { name, version: '', requirement };
}

interface Walk {
  input: ExtractInput;
  packages: ExtractedPackage[];
  warnings: string[];
  /** Exact pins from constraints files, by normalised name. */
  pins: Map<string, string>;
  /** Files already read (as requirements or as constraints), so cycles and diamonds read each once. */
  visited: Set<string>;
}

/**
 * requirements.txt. Every requirement is direct (the file is the project's own list). `-r` includes are
 * followed through readSibling, each file once (cycles end there); their packages carry the line of the
 * `-r` in this file, since findings annotate this file. `-c` constraints files add no packages, but their
 * exact pins (`==`/`===`) replace the version of a requirement that pins none exactly: pip installs that pin.
 * Lines using `${VAR}` are skipped with a warning (the value is unknown outside the install environment).
 */
export const requirementsTxtExtractor: Extractor = {
  id: 'PyPI/requirements-txt',
  ecosystem: 'PyPI',
  fileNames: CANONICAL_NAMES,
  matches: isRequirementsFile,
  async extract(input: ExtractInput): Promise<ExtractionResult> {
    const self = path.posix.basename(input.path);
    const walk: Walk = { input, packages: [], warnings: [], pins: new Map(), visited: new Set([`requirement:${self}`]) };
    await readFile(walk, input.content, self, 'requirement', undefined, 0);
    for (const pkg of walk.packages) {
      const pin = walk.pins.get(normalizeName(pkg.name));
      if (pin !== undefined && pkg.versionComparator !== '==' && pkg.versionComparator !== '===') {
        pkg.version = pin;
        pkg.versionComparator = '==';
      }
    }
    return walk.warnings.length > 0 ? { packages: walk.packages, warnings: walk.warnings } : { packages: walk.packages };
  },
};

/**
 * Reads one file of the include tree. `file` is relative to the scanned file's directory (what readSibling
 * takes); `includeLine` is the line of the top-level `-r`/`-c` that led here (undefined for the file itself).
 */
async function readFile(
  walk: Walk,
  content: string,
  file: string,
  mode: 'requirement' | 'constraint',
  includeLine: number | undefined,
  depth: number,
): Promise<void> {
  for (const { text, line } of logicalLines(content)) {
    const trimmed = text.trim();
    if (trimmed === '') continue;
    const where = `${file}:${line}`;
    if (trimmed.startsWith('-')) {
      const include = INCLUDE.exec(trimmed);
      if (include) {
        const nestedMode = include[1] === '-c' || include[1] === '--constraint' ? 'constraint' : mode;
        await follow(walk, file, include[2].trim(), nestedMode, includeLine ?? line, depth, where);
      }
      continue; // other global options (-i, -e, --find-links, ...) name no PyPI package
    }
    if (ENV_VAR.test(trimmed)) {
      walk.warnings.push(`${where}: requirement uses an environment variable; skipped`);
      continue;
    }
    const optionAt = trimmed.search(PER_REQUIREMENT_OPTION);
    const requirement = (optionAt === -1 ? trimmed : trimmed.slice(0, optionAt)).trim();
    const parsed = parseRequirement(requirement);
    if (!parsed) continue;
    if (mode === 'constraint') {
      if (parsed.versionComparator === '==' || parsed.versionComparator === '===') {
        walk.pins.set(normalizeName(parsed.name), parsed.version);
      }
      continue;
    }
    const pkg: ExtractedPackage = {
      name: parsed.name,
      version: parsed.version,
      ecosystem: 'PyPI',
      line: includeLine ?? line,
      direct: true,
      requirement: parsed.requirement,
    };
    if (includeLine !== undefined) pkg.declaredIn = path.posix.join(path.posix.dirname(walk.input.path), file);
    if (parsed.versionComparator) pkg.versionComparator = parsed.versionComparator;
    walk.packages.push(pkg);
  }
}

async function follow(
  walk: Walk,
  fromFile: string,
  target: string,
  mode: 'requirement' | 'constraint',
  includeLine: number,
  depth: number,
  where: string,
): Promise<void> {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) {
    walk.warnings.push(`${where}: remote include ${target} is not fetched`);
    return;
  }
  const relative = path.posix.isAbsolute(target) ? target : path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), target));
  const key = `${mode}:${relative}`;
  if (walk.visited.has(key)) return;
  walk.visited.add(key);
  if (depth >= MAX_INCLUDE_DEPTH) {
    walk.warnings.push(`${where}: include ${target} nested deeper than ${MAX_INCLUDE_DEPTH} levels; not read`);
    return;
  }
  const content = await walk.input.readSibling(relative);
  if (content === undefined) {
    walk.warnings.push(`${where}: included file ${target} not found in the scanned tree`);
    return;
  }
  await readFile(walk, content, relative, mode, includeLine, depth + 1);
}
