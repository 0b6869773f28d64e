import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Language, Node as SyntaxNode, Parser } from 'web-tree-sitter';
import { AnalysisTimeout } from './javascript.js';
import type { RuleId } from './rules.js';
import {
  CONSTANT,
  FROM_REQUEST,
  SANITIZED,
  UNKNOWN,
  assembled,
  constantString,
  either,
  isTainted,
  looksLikeSql,
  looksLikeString,
  normaliseCallText,
  type Detection,
  type ValueInfo,
} from './values.js';

function filePath(ref: URL | string): string {
  return typeof ref === 'string' ? ref : fileURLToPath(ref);
}

let parserPromise: Promise<Parser> | undefined;
let grammarPath = 'tree-sitter-python.wasm';

/** The parser itself is missing or broken (a bundle without its .wasm files): no Python file can be analysed. */
export class ParserLoadError extends Error {}

/** The Python parser, loaded once on the first Python file (tree-sitter runtime and grammar, both WebAssembly). */
export function loadPythonParser(): Promise<Parser> {
  parserPromise ??= (async () => {
    const treeSitter = (await import('./web-tree-sitter.cjs')).default;
    const files = await import('./wasm-files.mjs');
    const runtimeWasm = filePath(files.runtimeWasm);
    const pythonWasm = filePath(files.pythonWasm);
    grammarPath = pythonWasm;
    // The CommonJS build reads `__dirname` while it starts, which an ES module bundle does not define; it only
    // uses it to find its .wasm, and locateFile below says where that is.
    const scope = globalThis as { __dirname?: string };
    const lent = scope.__dirname === undefined;
    if (lent) scope.__dirname = path.dirname(runtimeWasm);
    try {
      await treeSitter.Parser.init({ locateFile: () => runtimeWasm });
    } finally {
      if (lent) delete scope.__dirname;
    }
    const language: Language = await treeSitter.Language.load(pythonWasm);
    const parser = new treeSitter.Parser();
    parser.setLanguage(language);
    return parser;
  })().catch((error: unknown) => {
    throw new ParserLoadError(`cannot load the Python parser (${grammarPath}): ${error instanceof Error ? error.message : String(error)}`);
  });
  parserPromise.catch(() => (parserPromise = undefined));
  return parserPromise;
}

interface Binding {
  start: number;
  kind: 'assign' | 'append' | 'opaque' | 'derived';
  value?: SyntaxNode;
}

interface Scope {
  parent: Scope | undefined;
  bindings: Map<string, Binding[]>;
}

const REQUEST_OBJECTS = new Set(['request', 'req']);
/** Request data in Flask, Django, Starlette/FastAPI, aiohttp, Tornado. */
const REQUEST_FIELDS = new Set([
  'args', 'form', 'values', 'json', 'data', 'files', 'cookies', 'headers', 'GET', 'POST', 'COOKIES', 'META', 'body',
  'query_params', 'path_params', 'view_args', 'query', 'match_info', 'arguments', 'query_arguments', 'body_arguments',
  'get_json', 'get_data', 'path', 'full_path', 'url', 'query_string',
]);
const SANITIZERS = new Set(['int', 'float', 'bool', 'len', 'escape', 'quote', 'escape_string', 'Identifier', 'Literal', 'SQL', 'Placeholder', 'bindparam']);
const PASS_THROUGH_METHODS = new Set(['strip', 'lstrip', 'rstrip', 'lower', 'upper', 'title', 'capitalize', 'encode', 'decode', 'replace', 'casefold']);

/** SQL sinks that take raw SQL whatever it looks like (the name says so). */
const RAW_SQL_FUNCTIONS = new Set(['executemany', 'executescript', 'RawSQL', 'read_sql', 'read_sql_query', 'exec_driver_sql']);
/** Generic names (DB-API cursors, SQLAlchemy sessions, Django managers): SQL sinks when the text is SQL. */
const SQL_FUNCTIONS = new Set(['execute', 'raw', 'text']);
const SHELL_ALWAYS = new Set(['os.system', 'os.popen', 'subprocess.getoutput', 'subprocess.getstatusoutput', 'commands.getoutput']);
const SHELL_OPTIONAL = new Set(['subprocess.run', 'subprocess.call', 'subprocess.check_call', 'subprocess.check_output', 'subprocess.Popen']);
const SAFE_YAML_LOADERS = /(^|\.)(SafeLoader|CSafeLoader|BaseLoader|CBaseLoader)$/;

const MAX_RESOLVE_DEPTH = 24;

class PythonAnalysis {
  private readonly calls: { node: SyntaxNode; scope: Scope }[] = [];
  /** Local name -> qualified name: `sp` -> subprocess, `load` -> yaml.load, `system` -> os.system. */
  private readonly imports = new Map<string, string>();
  private readonly detections: Detection[] = [];

  constructor(private readonly deadline: number) {}

  run(root: SyntaxNode): Detection[] {
    this.collect(root);
    for (const site of this.calls) {
      if (Date.now() > this.deadline) throw new AnalysisTimeout();
      this.check(site.node, site.scope);
    }
    return this.detections;
  }

  private collect(root: SyntaxNode): void {
    const module: Scope = { parent: undefined, bindings: new Map() };
    const stack: { node: SyntaxNode; scope: Scope }[] = [{ node: root, scope: module }];
    let visited = 0;
    while (stack.length > 0) {
      const { node, scope: outer } = stack.pop()!;
      if (++visited % 4096 === 0 && Date.now() > this.deadline) throw new AnalysisTimeout();
      let scope = outer;
      if (node.type === 'function_definition' || node.type === 'lambda') {
        scope = { parent: outer, bindings: new Map() };
        const params = node.childForFieldName('parameters');
        if (params) for (const p of params.namedChildren) if (p) this.bindParameter(p, scope);
      }
      this.record(node, scope);
      const children = node.namedChildren;
      for (let i = children.length - 1; i >= 0; i--) if (children[i]) stack.push({ node: children[i]!, scope });
    }
  }

  private bindParameter(param: SyntaxNode, scope: Scope): void {
    const name = param.type === 'identifier' ? param : (param.childForFieldName('name') ?? param.namedChildren.find((c) => c?.type === 'identifier'));
    if (name?.type === 'identifier') this.bind(scope, name.text, { start: param.startIndex, kind: 'opaque' });
  }

  private record(node: SyntaxNode, scope: Scope): void {
    switch (node.type) {
      case 'call':
        this.calls.push({ node, scope });
        break;
      case 'assignment': {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        if (left && right) this.bindTarget(left, scope, node.startIndex, right, 'assign');
        break;
      }
      case 'augmented_assignment': {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        const op = node.childForFieldName('operator')?.text;
        if (left?.type === 'identifier' && right) {
          this.bind(scope, left.text, { start: node.startIndex, kind: op === '+=' ? 'append' : 'opaque', value: right });
        }
        break;
      }
      case 'for_statement': {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        if (left && right) this.bindTarget(left, scope, node.startIndex, right, 'derived');
        break;
      }
      case 'import_statement':
        for (const name of node.childrenForFieldName('name')) {
          if (!name) continue;
          if (name.type === 'aliased_import') {
            const real = name.childForFieldName('name')?.text;
            const alias = name.childForFieldName('alias')?.text;
            if (real && alias) this.imports.set(alias, real);
          } else {
            const first = name.text.split('.')[0]!;
            this.imports.set(first, first);
          }
        }
        break;
      case 'import_from_statement': {
        const mod = node.childForFieldName('module_name')?.text;
        if (!mod) break;
        for (const name of node.childrenForFieldName('name')) {
          if (!name) continue;
          if (name.type === 'aliased_import') {
            const real = name.childForFieldName('name')?.text;
            const alias = name.childForFieldName('alias')?.text;
            if (real && alias) this.imports.set(alias, `${mod}.${real}`);
          } else {
            this.imports.set(name.text, `${mod}.${name.text}`);
          }
        }
        break;
      }
      default:
        break;
    }
  }

  private bindTarget(target: SyntaxNode, scope: Scope, start: number, value: SyntaxNode, kind: Binding['kind']): void {
    if (target.type === 'identifier') {
      this.bind(scope, target.text, { start, kind, value });
    } else if (target.type === 'pattern_list' || target.type === 'tuple_pattern' || target.type === 'list_pattern') {
      for (const element of target.namedChildren) if (element) this.bindTarget(element, scope, start, value, 'derived');
    }
  }

  private bind(scope: Scope, name: string, binding: Binding): void {
    const list = scope.bindings.get(name);
    if (list) list.push(binding);
    else scope.bindings.set(name, [binding]);
  }

  /** The dotted name of a callee with its first part replaced by what it was imported as. */
  private qualified(node: SyntaxNode): string | undefined {
    const dotted = dottedName(node);
    if (!dotted) return undefined;
    const [head, ...rest] = dotted.split('.');
    const resolved = this.imports.get(head!);
    return resolved ? [resolved, ...rest].join('.') : dotted;
  }

  // ---- values ----

  private value(node: SyntaxNode | null | undefined, scope: Scope, at: number, depth = 0, seen: Set<Binding> = new Set()): ValueInfo {
    if (!node) return CONSTANT;
    if (depth > MAX_RESOLVE_DEPTH) return UNKNOWN;
    const next = (n: SyntaxNode | null | undefined) => this.value(n, scope, at, depth + 1, seen);
    switch (node.type) {
      case 'string': {
        const parts: ValueInfo[] = [];
        for (const child of node.namedChildren) {
          if (!child) continue;
          if (child.type === 'string_content' || child.type === 'escape_sequence') parts.push(constantString(child.text));
          else if (child.type === 'interpolation') parts.push(next(child.childForFieldName('expression')));
        }
        return parts.length === 0 ? constantString('') : assembled(parts);
      }
      case 'concatenated_string':
        return assembled(node.namedChildren.map((c) => next(c)));
      case 'integer':
      case 'float':
      case 'true':
      case 'false':
      case 'none':
        return CONSTANT;
      case 'binary_operator': {
        const op = node.childForFieldName('operator')?.text;
        const left = next(node.childForFieldName('left'));
        const right = next(node.childForFieldName('right'));
        if (op === '+' && (looksLikeString(left) || looksLikeString(right))) return assembled([left, right]);
        if (op === '%' && looksLikeString(left)) return assembled([left, right]);
        if (op === '+') return either([left, right]);
        return SANITIZED;
      }
      case 'boolean_operator':
        return either([next(node.childForFieldName('left')), next(node.childForFieldName('right'))]);
      case 'conditional_expression':
        return either(node.namedChildren.slice(0, 1).concat(node.namedChildren.slice(2)).map((c) => next(c)));
      case 'parenthesized_expression':
      case 'await':
      case 'expression_statement':
        return next(node.namedChildren[0]);
      case 'list':
      case 'tuple':
      case 'set':
        return either(node.namedChildren.map((c) => next(c)));
      case 'identifier':
        return this.resolve(node.text, scope, at, depth, seen);
      case 'attribute':
      case 'subscript':
        return this.isRequestAccess(node, scope, at, depth, seen) ? FROM_REQUEST : memberDefault(node);
      case 'call':
        return this.callValue(node, scope, at, depth, seen);
      default:
        return UNKNOWN;
    }
  }

  private resolve(name: string, scope: Scope, at: number, depth: number, seen: Set<Binding>): ValueInfo {
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      const bindings = s.bindings.get(name);
      if (!bindings) continue;
      const relevant = s === scope ? bindings.filter((b) => b.start < at) : bindings;
      if (relevant.length === 0) return UNKNOWN;
      const values: ValueInfo[] = [];
      let appended = false;
      for (const b of relevant) {
        if (seen.has(b)) continue;
        seen.add(b);
        const v = b.kind === 'opaque' || !b.value ? UNKNOWN : this.value(b.value, s, b.start, depth + 1, seen);
        seen.delete(b);
        values.push(b.kind === 'derived' ? (v.provenance === 'request' ? FROM_REQUEST : UNKNOWN) : v);
        if (b.kind === 'append') appended = true;
      }
      return appended ? assembled(values) : either(values);
    }
    // Module constants imported from elsewhere (TABLE_NAME) are configuration, not data.
    return /^[A-Z][A-Z0-9_]*$/.test(name) ? SANITIZED : UNKNOWN;
  }

  /** request.args["id"], request.GET.get("q"), self.request.POST, data = request.json; data["x"]. */
  private isRequestAccess(node: SyntaxNode, scope: Scope, at: number, depth: number, seen: Set<Binding>): boolean {
    let current: SyntaxNode | null = node;
    let accessed = false;
    for (let i = 0; i < 32 && current; i++) {
      if (current.type === 'attribute') {
        const object = current.childForFieldName('object');
        const attr = current.childForFieldName('attribute')?.text;
        const objectName = object?.type === 'identifier' ? object.text : object?.type === 'attribute' ? object.childForFieldName('attribute')?.text : undefined;
        if (objectName && REQUEST_OBJECTS.has(objectName) && attr && REQUEST_FIELDS.has(attr)) return true;
        current = object;
      } else if (current.type === 'subscript') {
        current = current.childForFieldName('value');
      } else if (current.type === 'call') {
        current = current.childForFieldName('function');
      } else {
        break;
      }
      accessed = true;
    }
    if (accessed && current?.type === 'identifier') return this.resolve(current.text, scope, at, depth + 1, seen).provenance === 'request';
    return false;
  }

  private callValue(node: SyntaxNode, scope: Scope, at: number, depth: number, seen: Set<Binding>): ValueInfo {
    const next = (n: SyntaxNode | null | undefined) => this.value(n, scope, at, depth + 1, seen);
    const fn = node.childForFieldName('function');
    const args = argumentsOf(node);
    if (!fn) return UNKNOWN;
    const name = fn.type === 'identifier' ? fn.text : fn.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
    if (name && SANITIZERS.has(name)) return SANITIZED;
    if (fn.type === 'identifier') {
      if (name === 'str' || name === 'repr') return next(args.positional[0]);
      return UNKNOWN;
    }
    if (fn.type !== 'attribute' || !name) return UNKNOWN;
    const receiver = fn.childForFieldName('object');
    if (this.isRequestAccess(node, scope, at, depth, seen)) return FROM_REQUEST;
    const base = next(receiver);
    if (name === 'format' && looksLikeString(base)) {
      return assembled([base, ...args.positional.map(next), ...args.keywords.map((k) => next(k.value))]);
    }
    if (name === 'join' && looksLikeString(base)) return assembled([base, ...args.positional.map(next)]);
    if (PASS_THROUGH_METHODS.has(name)) return base;
    return base.provenance === 'request' ? FROM_REQUEST : UNKNOWN;
  }

  // ---- sinks ----

  private check(node: SyntaxNode, scope: Scope): void {
    const fn = node.childForFieldName('function');
    if (!fn) return;
    const qualified = this.qualified(fn);
    if (!qualified) return;
    const name = qualified.slice(qualified.lastIndexOf('.') + 1);
    const args = argumentsOf(node);
    const first = args.positional[0];
    const at = node.startIndex;

    if ((qualified === 'eval' || qualified === 'exec') && fn.type === 'identifier' && first && !this.isShadowed(qualified, scope)) {
      return this.reportValue('secloop.code-injection', node, this.value(first, scope, at), 'any', qualified);
    }

    if (SHELL_ALWAYS.has(qualified) || (SHELL_OPTIONAL.has(qualified) && isTrue(args.keyword('shell')))) {
      const command = first ?? args.keyword('args') ?? args.keyword('cmd');
      if (!command || command.type === 'list' || command.type === 'tuple') return;
      return this.reportValue('secloop.command-injection', node, this.value(command, scope, at), 'request-or-built', qualified);
    }

    if (/^yaml\.(load|load_all|unsafe_load|unsafe_load_all)$/.test(qualified) && first) {
      const loader = args.keyword('Loader') ?? args.positional[1];
      const unsafeByName = name.startsWith('unsafe_');
      if (!unsafeByName && loader && SAFE_YAML_LOADERS.test(dottedName(loader) ?? '')) return;
      const v = this.value(first, scope, at);
      return this.push('secloop.unsafe-yaml-load', node, { ...v, provenance: v.provenance === 'request' ? 'request' : 'unknown' }, qualified);
    }

    // SQL injection.
    if (name === 'extra' && fn.type === 'attribute') {
      for (const key of ['where', 'select', 'tables', 'order_by']) {
        const arg = args.keyword(key);
        if (arg) this.reportValue('secloop.sql-injection', node, this.value(arg, scope, at), 'request-or-built', 'QuerySet.extra');
      }
      return;
    }
    const raw = RAW_SQL_FUNCTIONS.has(name);
    if (!raw && !SQL_FUNCTIONS.has(name)) return;
    const sql = first ?? args.keyword('sql') ?? args.keyword('statement');
    if (!sql) return;
    const v = this.value(sql, scope, at);
    if (!raw && !looksLikeSql(v.constantText)) return;
    this.reportValue('secloop.sql-injection', node, v, raw ? 'request-or-built' : 'built', normaliseCallText(fn.text).slice(0, 80));
  }

  private isShadowed(name: string, scope: Scope): boolean {
    for (let s: Scope | undefined = scope; s; s = s.parent) if (s.bindings.has(name)) return true;
    return false;
  }

  private reportValue(rule: RuleId, call: SyntaxNode, v: ValueInfo, need: 'any' | 'request-or-built' | 'built', sink: string): void {
    if (!isTainted(v.provenance)) return;
    if (need === 'built' && !v.built) return;
    if (need === 'request-or-built' && !v.built && v.provenance !== 'request') return;
    this.push(rule, call, v, sink);
  }

  private push(rule: RuleId, call: SyntaxNode, v: ValueInfo, sink: string): void {
    this.detections.push({
      rule,
      startLine: call.startPosition.row + 1,
      startColumn: call.startPosition.column + 1,
      endLine: call.endPosition.row + 1,
      endColumn: call.endPosition.column + 1,
      callText: normaliseCallText(call.text),
      sink,
      provenance: v.provenance,
      built: v.built,
      detail: v.built && v.provenance === 'request' ? 'built from request data' : v.built ? 'built from non-constant data' : v.provenance === 'request' ? 'request data used as is' : 'non-constant data',
    });
  }
}

/** `self.table`, `settings.TABLE`: attributes of code objects are configuration more often than data. */
function memberDefault(node: SyntaxNode): ValueInfo {
  if (node.type === 'attribute') {
    const object = node.childForFieldName('object');
    const attr = node.childForFieldName('attribute')?.text ?? '';
    if (object?.type === 'identifier' && (object.text === 'self' || object.text === 'cls' || object.text === 'settings')) return SANITIZED;
    if (/^[A-Z][A-Z0-9_]*$/.test(attr)) return SANITIZED;
  }
  return UNKNOWN;
}

function dottedName(node: SyntaxNode): string | undefined {
  if (node.type === 'identifier') return node.text;
  if (node.type !== 'attribute') return undefined;
  const object = node.childForFieldName('object');
  const attr = node.childForFieldName('attribute');
  const base = object ? dottedName(object) : undefined;
  return base && attr ? `${base}.${attr.text}` : undefined;
}

function isTrue(node: SyntaxNode | undefined): boolean {
  return node !== undefined && node.type !== 'false' && node.type !== 'none' && !(node.type === 'integer' && node.text === '0');
}

interface CallArguments {
  positional: SyntaxNode[];
  keywords: { name: string; value: SyntaxNode }[];
  keyword(name: string): SyntaxNode | undefined;
}

function argumentsOf(call: SyntaxNode): CallArguments {
  const positional: SyntaxNode[] = [];
  const keywords: { name: string; value: SyntaxNode }[] = [];
  const list = call.childForFieldName('arguments');
  for (const arg of list?.type === 'argument_list' ? list.namedChildren : []) {
    if (!arg || arg.type === 'comment') continue;
    if (arg.type === 'keyword_argument') {
      const name = arg.childForFieldName('name')?.text;
      const value = arg.childForFieldName('value');
      if (name && value) keywords.push({ name, value });
    } else if (arg.type !== 'list_splat' && arg.type !== 'dictionary_splat') {
      positional.push(arg);
    }
  }
  return { positional, keywords, keyword: (name) => keywords.find((k) => k.name === name)?.value };
}

export interface PythonAnalysisResult {
  detections: Detection[];
  /** The grammar recovered from syntax errors: what parsed was analysed, the rest was not. */
  syntaxErrorLine?: number;
}

/** Parses one Python file (bounded by the deadline) and returns where the rules fire. */
export async function analyzePython(text: string, deadline: number): Promise<PythonAnalysisResult> {
  const parser = await loadPythonParser();
  const tree = parser.parse(text, null, { progressCallback: () => Date.now() > deadline });
  if (!tree) {
    // A cancelled parse is resumed by the next parse() unless reset: the next file would be parsed as its tail.
    parser.reset();
    throw new AnalysisTimeout();
  }
  try {
    const root = tree.rootNode;
    const detections = new PythonAnalysis(deadline).run(root);
    let syntaxErrorLine: number | undefined;
    if (root.hasError) {
      const error = firstError(root);
      syntaxErrorLine = (error?.startPosition.row ?? 0) + 1;
    }
    return { detections, syntaxErrorLine };
  } finally {
    tree.delete();
  }
}

function firstError(root: SyntaxNode): SyntaxNode | undefined {
  const cursor = root.walk();
  try {
    for (;;) {
      const node = cursor.currentNode;
      if (node.isError || node.isMissing) return node;
      if (node.hasError && cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) if (!cursor.gotoParent()) return undefined;
    }
  } finally {
    cursor.delete();
  }
}
