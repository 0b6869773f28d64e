import { ExtractionError, packageKey, type ExtractedPackage, type ExtractInput, type ExtractionResult, type Extractor } from '../types.js';
import { parseGoSum } from './go-sum.js';

/** One directive of go.mod: its verb, its arguments and the `// comment` that trails it. */
interface Directive {
  verb: string;
  args: string[];
  comment: string;
  line: number;
}

interface Requirement {
  path: string;
  version: string;
  indirect: boolean;
  line: number;
}

interface Replacement {
  oldPath: string;
  /** Undefined when the replace applies to every version of oldPath. */
  oldVersion?: string;
  newPath: string;
  /** Undefined for a local directory replacement (`=> ./fork`). */
  newVersion?: string;
  line: number;
}

/** Directives we read; the others (module, exclude, retract, godebug, tool, ignore) do not name dependencies. */
const KNOWN_VERBS = new Set(['module', 'go', 'toolchain', 'require', 'replace', 'exclude', 'retract', 'godebug', 'tool', 'ignore']);

/** Splits one go.mod line into tokens, honouring "quoted" and `raw` strings and `//` comments. */
function tokenize(text: string, file: string, line: number): { tokens: string[]; comment: string } {
  const tokens: string[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      i++;
    } else if (text.startsWith('//', i)) {
      return { tokens, comment: text.slice(i + 2).trim() };
    } else if (ch === '"' || ch === '`') {
      let j = i + 1;
      let value = '';
      while (j < text.length && text[j] !== ch) {
        if (ch === '"' && text[j] === '\\' && j + 1 < text.length) j++;
        value += text[j];
        j++;
      }
      if (j >= text.length) throw new ExtractionError(file, 'unterminated quoted string', line);
      tokens.push(value);
      i = j + 1;
    } else {
      let j = i;
      while (j < text.length && !' \t\r"`'.includes(text[j]!) && !text.startsWith('//', j)) j++;
      tokens.push(text.slice(i, j));
      i = j;
    }
  }
  return { tokens, comment: '' };
}

/** Flattens `verb ( ... )` blocks so every entry becomes its own directive carrying the block's verb. */
function parseDirectives(content: string, file: string): Directive[] {
  const directives: Directive[] = [];
  let blockVerb: string | undefined;
  let blockLine = 0;
  const lines = content.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const lineNo = index + 1;
    const { tokens, comment } = tokenize(lines[index]!, file, lineNo);
    if (tokens.length === 0) continue;
    if (blockVerb !== undefined) {
      if (tokens.length === 1 && tokens[0] === ')') {
        blockVerb = undefined;
        continue;
      }
      directives.push({ verb: blockVerb, args: tokens, comment, line: lineNo });
      continue;
    }
    const [verb, ...args] = tokens as [string, ...string[]];
    if (verb === ')') throw new ExtractionError(file, "')' without an open block", lineNo);
    if (args.length === 1 && args[0] === '(') {
      blockVerb = verb;
      blockLine = lineNo;
      continue;
    }
    // `require ()` on one line is an empty block.
    if (args.length === 2 && args[0] === '(' && args[1] === ')') continue;
    directives.push({ verb, args, comment, line: lineNo });
  }
  if (blockVerb !== undefined) throw new ExtractionError(file, `'${blockVerb} (' block is never closed`, blockLine);
  return directives;
}

function isVersion(token: string | undefined): token is string {
  return token !== undefined && /^v\d/.test(token);
}

/** Go tools write a directory replacement as ./x, ../x, /x or a Windows drive path. */
function isLocalPath(path: string): boolean {
  return /^(\.\.?([/\\]|$)|[/\\]|[A-Za-z]:[/\\])/.test(path);
}

function parseRequire(d: Directive, file: string): Requirement {
  const [path, version] = d.args;
  if (d.args.length !== 2 || !path || !isVersion(version)) {
    throw new ExtractionError(file, `require expects "<module path> v<version>", got "${d.args.join(' ')}"`, d.line);
  }
  // `// indirect` may be followed by other notes after a semicolon.
  const indirect = /^indirect(\s*;|$)/.test(d.comment);
  return { path, version: version.slice(1), indirect, line: d.line };
}

function parseReplace(d: Directive, file: string): Replacement {
  const arrow = d.args.indexOf('=>');
  const left = arrow === -1 ? [] : d.args.slice(0, arrow);
  const right = arrow === -1 ? [] : d.args.slice(arrow + 1);
  const shapeOk =
    (left.length === 1 || (left.length === 2 && isVersion(left[1]))) &&
    ((right.length === 1 && isLocalPath(right[0]!)) || (right.length === 2 && isVersion(right[1])));
  if (!shapeOk) {
    throw new ExtractionError(
      file,
      `replace expects "<module> [v<version>] => <module> v<version>" or "=> <local dir>", got "${d.args.join(' ')}"`,
      d.line,
    );
  }
  return {
    oldPath: left[0]!,
    oldVersion: left[1]?.slice(1),
    newPath: right[0]!,
    newVersion: right[1]?.slice(1),
    line: d.line,
  };
}

/** `toolchain go1.23.6-xyz` names the Go release 1.23.6 (the suffix is a custom build tag). */
function toolchainVersion(name: string): string | undefined {
  const match = /^go(\d[^-\s]*)/.exec(name);
  return match?.[1];
}

/**
 * Before go 1.17, go.mod lists only the direct requirements, so the indirect ones live in go.sum. A go.mod
 * without a `go` line is read as go 1.16, as the go command does.
 */
function listsOnlyDirectDeps(goVersion: string | undefined): boolean {
  if (goVersion === undefined) return true;
  const match = /^(\d+)\.(\d+)/.exec(goVersion);
  if (!match) return false;
  const major = Number(match[1]);
  return major < 1 || (major === 1 && Number(match[2]) < 17);
}

/** go.sum beside go.mod; for a fixture named like `indirect-1.16.mod`, its companion `indirect-1.16.sum` first. */
function goSumCandidates(path: string): string[] {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const stem = base.endsWith('.mod') ? base.slice(0, -'.mod'.length) : base;
  return [...new Set([`${stem}.sum`, 'go.sum'])];
}

async function extractGoMod(input: ExtractInput): Promise<ExtractionResult> {
  const file = input.path;
  const warnings: string[] = [];
  const requirements: Requirement[] = [];
  const replacements: Replacement[] = [];
  let goDirective: { version: string; line: number } | undefined;
  let toolchain: { version: string; line: number } | undefined;

  for (const d of parseDirectives(input.content, file)) {
    switch (d.verb) {
      case 'require':
        requirements.push(parseRequire(d, file));
        break;
      case 'replace':
        replacements.push(parseReplace(d, file));
        break;
      case 'go':
        if (d.args.length !== 1) throw new ExtractionError(file, `go expects one version, got "${d.args.join(' ')}"`, d.line);
        goDirective = { version: d.args[0]!, line: d.line };
        break;
      case 'toolchain': {
        const version = d.args.length === 1 ? toolchainVersion(d.args[0]!) : undefined;
        // `toolchain default` names no release; the go line then says which one is needed.
        if (version) toolchain = { version, line: d.line };
        break;
      }
      default:
        if (!KNOWN_VERBS.has(d.verb)) warnings.push(`${file}:${d.line}: unknown go.mod directive "${d.verb}" ignored`);
    }
  }

  const packages: ExtractedPackage[] = [];
  const byKey = new Map<string, ExtractedPackage>();
  const add = (pkg: ExtractedPackage) => {
    const key = packageKey(pkg.name, pkg.version);
    const existing = byKey.get(key);
    if (existing) {
      // Two requirements replaced by the same module: one package, direct if either was.
      if (pkg.direct) existing.direct = true;
      return;
    }
    byKey.set(key, pkg);
    packages.push(pkg);
  };

  for (const req of requirements) {
    // An exact `path version =>` replace wins over a path-wide one, as in the go command.
    const replacement =
      replacements.find((r) => r.oldPath === req.path && r.oldVersion === req.version) ??
      replacements.find((r) => r.oldPath === req.path && r.oldVersion === undefined);
    if (replacement) {
      add({
        name: replacement.newPath,
        version: replacement.newVersion ?? '',
        ecosystem: 'Go',
        line: replacement.line,
        direct: !req.indirect,
      });
    } else {
      add({ name: req.path, version: req.version, ecosystem: 'Go', line: req.line, direct: !req.indirect });
    }
  }

  // The Go release itself: vulnerabilities in the standard library are reported against "stdlib".
  const goRelease = toolchain ?? goDirective;
  if (goRelease) add({ name: 'stdlib', version: goRelease.version, ecosystem: 'Go', line: goRelease.line });

  if (listsOnlyDirectDeps(goDirective?.version)) {
    for (const candidate of goSumCandidates(file)) {
      const sum = await input.readSibling(candidate);
      if (sum === undefined) continue;
      const parsed = parseGoSum(sum);
      for (const bad of parsed.badLines) warnings.push(`${candidate}:${bad}: not a go.sum line, skipped`);
      for (const mod of parsed.modules) add({ name: mod.path, version: mod.version, ecosystem: 'Go', direct: false });
      break;
    }
  }

  return warnings.length ? { packages, warnings } : { packages };
}

export const goModExtractor: Extractor = {
  id: 'Go/go-mod',
  ecosystem: 'Go',
  fileNames: ['go.mod'],
  extract: extractGoMod,
};
