/**
 * A Dockerfile parser with the parts of the BuildKit grammar the rules depend on: parser directives
 * (`# syntax=`, `# escape=`), line continuations with the escape character (comment lines inside a
 * continuation are dropped, as Docker does), exec (JSON) and shell forms, `--flag=value` options, heredocs
 * (`RUN <<EOF`), and stages: `FROM image AS name`, where a later `FROM name` refers to the stage.
 * Every position in an instruction's text maps back to its physical line, so findings point at the line
 * that holds the offending word even inside a long continued RUN.
 */

export const KNOWN_INSTRUCTIONS: ReadonlySet<string> = new Set([
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER',
  'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
]);

export interface Heredoc {
  name: string;
  body: string;
}

export interface Instruction {
  /** Upper-case keyword (`RUN`). */
  keyword: string;
  /** `--name=value` options before the arguments (`--from`, `--platform`, `--chown`, `--checksum`). */
  flags: Record<string, string>;
  /** The arguments after the flags, continuation lines joined as Docker joins them. */
  args: string;
  /** Exec form (`["a", "b"]`), when the arguments are a JSON array of strings. */
  json?: string[];
  heredocs: Heredoc[];
  line: number;
  endLine: number;
  /** The physical line of a character offset within `args`. */
  lineOf(offset: number): number;
}

export interface Stage {
  index: number;
  /** The `AS` name, lower-cased as Docker compares it. */
  name?: string;
  from: Instruction;
  /** The image reference as written (before ARG substitution). */
  imageText: string;
  /** After substituting global ARG defaults; undefined when a variable has no default. */
  image?: string;
  /** The stage this one builds on (`FROM builder`), instead of an image. */
  parentStage?: Stage;
  instructions: Instruction[];
}

export interface ParseProblem {
  line: number;
  reason: string;
}

export interface Dockerfile {
  directives: Record<string, string>;
  escape: string;
  /** ARG instructions before the first FROM (usable in FROM lines). */
  globalArgs: Instruction[];
  stages: Stage[];
  problems: ParseProblem[];
}

const DIRECTIVE = /^#\s*([A-Za-z][A-Za-z0-9_-]*)\s*=\s*(.*?)\s*$/;
const HEREDOC_MARK = /<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/g;

export function parseDockerfile(text: string): Dockerfile {
  const lines = text.split(/\r?\n/);
  const directives: Record<string, string> = {};
  const problems: ParseProblem[] = [];
  let i = 0;
  // Directives only count at the very top, before any blank line, comment or instruction.
  for (; i < lines.length; i++) {
    const m = DIRECTIVE.exec(lines[i]!);
    if (!m) break;
    const name = m[1]!.toLowerCase();
    if (name in directives) break;
    directives[name] = m[2]!;
  }
  let escape = '\\';
  if (directives.escape !== undefined) {
    if (directives.escape === '`' || directives.escape === '\\') escape = directives.escape;
    else problems.push({ line: 1, reason: `invalid escape directive ${JSON.stringify(directives.escape)}; expected \\ or \`` });
  }
  const continuation = new RegExp(`${escape === '\\' ? '\\\\' : '`'}[ \\t]*$`);

  const instructions: Instruction[] = [];
  while (i < lines.length) {
    const first = lines[i]!;
    if (first.trim() === '' || /^\s*#/.test(first)) {
      i++;
      continue;
    }
    const startLine = i + 1;
    // Pieces of the logical line, each with the physical line it came from.
    let logical = '';
    const pieces: { offset: number; line: number }[] = [];
    let current = first;
    for (;;) {
      const cont = continuation.exec(current);
      pieces.push({ offset: logical.length, line: i + 1 });
      logical += cont ? current.slice(0, cont.index) : current;
      i++;
      if (!cont) break;
      // Inside a continuation, comment lines and blank lines are skipped, not ends of the instruction.
      while (i < lines.length && (/^\s*#/.test(lines[i]!) || lines[i]!.trim() === '')) i++;
      if (i >= lines.length) break;
      current = lines[i]!;
    }
    const head = /^\s*(\S+)\s*/.exec(logical);
    if (!head) continue;
    const keyword = head[1]!.toUpperCase();
    const afterKeyword = head[0].length;
    const { flags, consumed } = readFlags(logical, afterKeyword);
    const argsStart = afterKeyword + consumed;
    const args = logical.slice(argsStart).trimEnd();

    const heredocs: Heredoc[] = [];
    let endLine = i;
    if (keyword === 'RUN' || keyword === 'COPY' || keyword === 'ADD') {
      // Heredoc bodies follow the arguments in commandText(), one '\n' before each line.
      let bodyOffset = args.length + 1;
      for (const m of args.matchAll(HEREDOC_MARK)) {
        const stripTabs = m[1] === '-';
        const name = m[3]!;
        const body: string[] = [];
        let closed = false;
        while (i < lines.length) {
          const raw = lines[i]!;
          i++;
          if ((stripTabs ? raw.replace(/^\t+/, '') : raw) === name) {
            closed = true;
            break;
          }
          const kept = stripTabs ? raw.replace(/^\t+/, '') : raw;
          pieces.push({ offset: argsStart + bodyOffset, line: i });
          bodyOffset += kept.length + 1;
          body.push(kept);
        }
        if (!closed) problems.push({ line: startLine, reason: `heredoc <<${name} is not terminated` });
        heredocs.push({ name, body: body.join('\n') });
        endLine = i;
      }
    }

    let json: string[] | undefined;
    if (args.startsWith('[')) {
      try {
        const parsed: unknown = JSON.parse(args);
        if (Array.isArray(parsed) && parsed.every((x) => typeof x === 'string')) json = parsed;
      } catch {
        // Not JSON: Docker runs it in shell form, and so do we.
      }
    }
    if (!KNOWN_INSTRUCTIONS.has(keyword)) problems.push({ line: startLine, reason: `unknown instruction ${head[1]}` });
    const lineOf = (offset: number) => {
      const absolute = argsStart + offset;
      let line = startLine;
      for (const p of pieces) {
        if (p.offset > absolute) break;
        line = p.line;
      }
      return line;
    };
    instructions.push({ keyword, flags, args, ...(json ? { json } : {}), heredocs, line: startLine, endLine: Math.max(startLine, endLine), lineOf });
  }

  return { directives, escape, ...buildStages(instructions, problems), problems };
}

/** Leading `--name=value` / `--name` options. */
function readFlags(text: string, from: number): { flags: Record<string, string>; consumed: number } {
  const flags: Record<string, string> = {};
  const re = /--([A-Za-z][A-Za-z0-9-]*)(?:=("[^"]*"|'[^']*'|\S*))?\s*/y;
  re.lastIndex = from;
  let end = from;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    flags[m[1]!.toLowerCase()] = unquote(m[2] ?? '');
    end = re.lastIndex;
  }
  return { flags, consumed: end - from };
}

function unquote(s: string): string {
  return s.length >= 2 && (s[0] === '"' || s[0] === "'") && s[s.length - 1] === s[0] ? s.slice(1, -1) : s;
}

function buildStages(instructions: Instruction[], problems: ParseProblem[]): { globalArgs: Instruction[]; stages: Stage[] } {
  const globalArgs: Instruction[] = [];
  const stages: Stage[] = [];
  const byName = new Map<string, Stage>();
  const argDefaults = new Map<string, string>();
  for (const ins of instructions) {
    if (ins.keyword === 'FROM') {
      const words = splitWords(ins.args).map((w) => w.text);
      const imageText = words[0] ?? '';
      let name: string | undefined;
      if (words.length >= 3 && words[1]!.toUpperCase() === 'AS') name = words[2]!.toLowerCase();
      else if (words.length !== 1) problems.push({ line: ins.line, reason: `FROM expects "image [AS name]", got ${JSON.stringify(ins.args)}` });
      if (!imageText) problems.push({ line: ins.line, reason: 'FROM without an image' });
      const image = substitute(imageText, argDefaults);
      const parentStage = image !== undefined ? byName.get(image.toLowerCase()) : undefined;
      const stage: Stage = {
        index: stages.length,
        ...(name ? { name } : {}),
        from: ins,
        imageText,
        ...(image !== undefined ? { image } : {}),
        ...(parentStage ? { parentStage } : {}),
        instructions: [],
      };
      stages.push(stage);
      if (name) byName.set(name, stage);
      continue;
    }
    const stage = stages[stages.length - 1];
    if (stage) {
      stage.instructions.push(ins);
    } else if (ins.keyword === 'ARG') {
      globalArgs.push(ins);
      for (const { name, value } of assignments(ins)) if (value !== undefined) argDefaults.set(name, value);
    } else {
      problems.push({ line: ins.line, reason: `${ins.keyword} before the first FROM (only ARG may come first)` });
    }
  }
  return { globalArgs, stages };
}

/** `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR:+alt}` with the known values; undefined if one is unknown. */
export function substitute(text: string, values: ReadonlyMap<string, string>): string | undefined {
  let unknown = false;
  const out = text.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?::?([-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g, (_m, braced, op, word, bare) => {
    const name = (braced ?? bare) as string;
    const value = values.get(name);
    if (op === '-') return value ? value : (word as string);
    if (op === '+') return value ? (word as string) : '';
    if (value === undefined) {
      unknown = true;
      return '';
    }
    return value;
  });
  return unknown ? undefined : out;
}

export interface Word {
  text: string;
  /** Offset of the word's first character in the source string. */
  offset: number;
}

/** Shell-like words: whitespace separated, with single/double quotes and backslash escapes removed. */
export function splitWords(s: string): Word[] {
  const words: Word[] = [];
  let i = 0;
  while (i < s.length) {
    while (i < s.length && /\s/.test(s[i]!)) i++;
    if (i >= s.length) break;
    const start = i;
    let text = '';
    while (i < s.length && !/\s/.test(s[i]!)) {
      const c = s[i]!;
      if (c === '"' || c === "'") {
        const close = s.indexOf(c, i + 1);
        const end = close < 0 ? s.length : close;
        text += c === '"' ? s.slice(i + 1, end).replace(/\\(.)/g, '$1') : s.slice(i + 1, end);
        i = end + 1;
      } else if (c === '\\' && i + 1 < s.length) {
        text += s[i + 1];
        i += 2;
      } else {
        text += c;
        i++;
      }
    }
    words.push({ text, offset: start });
  }
  return words;
}

export interface Assignment {
  name: string;
  /** undefined: `ARG NAME` without a default. */
  value?: string;
  /** Offset of the name in the instruction's args. */
  offset: number;
}

/** The variables an ENV or ARG instruction sets, in both `K=V ...` and legacy `ENV K V` forms. */
export function assignments(ins: Instruction): Assignment[] {
  const words = splitWords(ins.args);
  if (words.length === 0) return [];
  if (ins.keyword === 'ENV' && !words[0]!.text.includes('=')) {
    // Legacy form: the first word is the name, the rest of the line (as written) is the value.
    const rest = ins.args.slice(words[0]!.offset + ins.args.slice(words[0]!.offset).search(/\s|$/)).trim();
    return [{ name: words[0]!.text, value: splitWords(rest).map((w) => w.text).join(' '), offset: words[0]!.offset }];
  }
  return words.map((w) => {
    const eq = w.text.indexOf('=');
    return eq < 0 ? { name: w.text, offset: w.offset } : { name: w.text.slice(0, eq), value: w.text.slice(eq + 1), offset: w.offset };
  });
}

export interface ImageReference {
  /** Registry and repository (`docker.io/library/node`, `node`). */
  name: string;
  tag?: string;
  digest?: string;
}

export function parseImageReference(ref: string): ImageReference {
  const at = ref.indexOf('@');
  const digest = at >= 0 ? ref.slice(at + 1) : undefined;
  const rest = at >= 0 ? ref.slice(0, at) : ref;
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  // A colon before the last slash is a registry port (localhost:5000/app), not a tag.
  const hasTag = colon > slash;
  return {
    name: hasTag ? rest.slice(0, colon) : rest,
    ...(hasTag ? { tag: rest.slice(colon + 1) } : {}),
    ...(digest ? { digest } : {}),
  };
}

/** The command text of a RUN: shell form as written, exec form joined, heredoc bodies appended. */
export function commandText(ins: Instruction): string {
  const base = ins.json ? ins.json.join(' ') : ins.args;
  return ins.heredocs.length ? `${base}\n${ins.heredocs.map((h) => h.body).join('\n')}` : base;
}
