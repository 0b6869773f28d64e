import type { ParserPlugin } from '@babel/parser';
import type * as t from '@babel/types';
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

type BabelParse = typeof import('@babel/parser').parse;

let babelParse: BabelParse | undefined;

/** @babel/parser is loaded on the first JavaScript file, so scans without any pay nothing for it. */
async function loadBabel(): Promise<BabelParse> {
  babelParse ??= (await import('@babel/parser')).parse;
  return babelParse;
}

export class SourceParseError extends Error {}

function pluginsFor(path: string): ParserPlugin[][] {
  if (/\.[mc]?ts$/i.test(path)) return [['typescript', 'decorators-legacy']];
  if (/\.tsx$/i.test(path)) return [['typescript', 'jsx', 'decorators-legacy']];
  // Plain .js may hold JSX, Flow or (in some repositories) TypeScript syntax: try the common case first.
  return [['jsx'], ['jsx', 'flow'], ['typescript', 'jsx', 'decorators-legacy']];
}

async function parseSource(path: string, text: string): Promise<t.File> {
  const parse = await loadBabel();
  let firstError: unknown;
  for (const plugins of pluginsFor(path)) {
    try {
      return parse(text, {
        sourceType: 'unambiguous',
        plugins,
        errorRecovery: true,
        allowReturnOutsideFunction: true,
        allowAwaitOutsideFunction: true,
        allowImportExportEverywhere: true,
        allowUndeclaredExports: true,
      });
    } catch (error) {
      // Stack exhaustion on deep nesting says nothing about the syntax: it is not a parse error.
      if (error instanceof RangeError) throw error;
      firstError ??= error;
    }
  }
  const message = firstError instanceof Error ? firstError.message : String(firstError);
  throw new SourceParseError(`not valid JavaScript/TypeScript: ${message}`);
}

/** An assignment to a local name: `x = e`, `let x = e`, `x += e`, or a name whose value the analysis cannot see. */
interface Binding {
  start: number;
  kind: 'assign' | 'append' | 'opaque' | 'derived';
  value?: t.Node;
}

interface Scope {
  parent: Scope | undefined;
  bindings: Map<string, Binding[]>;
}

/** Calls found in the walk, each with the scope it is in (evaluated once every binding is known). */
interface CallSite {
  node: t.CallExpression | t.NewExpression;
  scope: Scope;
}

/** Names bound to node modules the rules care about (`const cp = require('child_process')`, `import { exec } ...`). */
interface ModuleNames {
  /** Local name -> module for namespace/default bindings (`cp` -> child_process). */
  namespaces: Map<string, string>;
  /** Local name -> `module.export` for named bindings (`run` -> child_process.exec). */
  members: Map<string, string>;
}

const SKIPPED_KEYS = new Set(['loc', 'start', 'end', 'extra', 'leadingComments', 'trailingComments', 'innerComments', 'range', 'typeAnnotation', 'returnType', 'typeParameters']);
const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ObjectMethod', 'ClassMethod', 'ClassPrivateMethod']);

function isNode(value: unknown): value is t.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

function moduleName(spec: string): string {
  return spec.replace(/^node:/, '');
}

function requiredModule(node: t.Node | null | undefined): string | undefined {
  if (node?.type === 'AwaitExpression') return requiredModule(node.argument);
  if (node?.type !== 'CallExpression' || node.callee.type !== 'Identifier' || node.callee.name !== 'require') return undefined;
  const arg = node.arguments[0];
  return arg?.type === 'StringLiteral' ? moduleName(arg.value) : undefined;
}

/** The property name of a member access when it is static (`a.b`, `a['b']`). */
function propertyName(node: t.MemberExpression | t.OptionalMemberExpression): string | undefined {
  if (!node.computed && node.property.type === 'Identifier') return node.property.name;
  if (node.property.type === 'StringLiteral') return node.property.value;
  return undefined;
}

function isMember(node: t.Node): node is t.MemberExpression | t.OptionalMemberExpression {
  return node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression';
}

/** Request objects of the common Node frameworks (Express, Koa, Fastify, Next.js, Lambda events). */
const REQUEST_OBJECTS = new Set(['req', 'request', 'ctx', 'context', 'event']);
const REQUEST_FIELDS = new Set([
  'query', 'body', 'params', 'headers', 'cookies', 'signedCookies', 'url', 'originalUrl', 'path', 'hostname',
  'queryStringParameters', 'pathParameters', 'multiValueQueryStringParameters', 'files', 'file', 'searchParams', 'request',
]);
const REQUEST_METHODS = new Set(['param', 'get', 'header', 'query', 'json', 'text', 'formData']);

/** Calls whose result cannot carry SQL or shell syntax. */
const SANITIZERS = new Set([
  'escape', 'escapeId', 'escapeLiteral', 'escapeIdentifier', 'quote', 'quoteIdentifier', 'Number', 'parseInt',
  'parseFloat', 'Boolean', 'BigInt', 'raw', 'literal', 'ident', 'sql',
]);
/** String methods whose result carries the receiver's data. */
const PASS_THROUGH_METHODS = new Set([
  'trim', 'trimStart', 'trimEnd', 'toLowerCase', 'toUpperCase', 'toString', 'slice', 'substring', 'substr',
  'padStart', 'padEnd', 'normalize', 'replace', 'replaceAll', 'repeat', 'valueOf', 'toLocaleLowerCase', 'toLocaleUpperCase',
]);

/** SQL methods whose name alone says "raw SQL text", whatever the text looks like. */
const RAW_SQL_METHODS = new Set([
  'raw', 'whereRaw', 'orWhereRaw', 'andWhereRaw', 'havingRaw', 'orHavingRaw', 'orderByRaw', 'groupByRaw', 'joinRaw',
  'fromRaw', '$queryRawUnsafe', '$executeRawUnsafe', 'unsafe',
]);
/** Methods that run SQL in mysql/mysql2, pg, pg-promise, sqlite3, better-sqlite3, sequelize: SQL sinks when the text is SQL. */
const SQL_METHODS = new Set([
  'query', 'execute', 'exec', 'run', 'all', 'get', 'each', 'prepare', 'many', 'one', 'none', 'any', 'oneOrNone',
  'manyOrNone', 'result', 'literal',
]);
const SHELL_EXEC = new Set(['exec', 'execSync']);
const SPAWNERS = new Set(['spawn', 'spawnSync', 'execFile', 'execFileSync']);
const VM_RUNNERS = new Set(['runInThisContext', 'runInNewContext', 'runInContext', 'compileFunction']);

/** Bound on how far a value is followed through variables, so hostile code cannot make resolution explode. */
const MAX_RESOLVE_DEPTH = 24;

class JavaScriptAnalysis {
  private readonly calls: CallSite[] = [];
  private readonly modules: ModuleNames = { namespaces: new Map(), members: new Map() };
  private readonly detections: Detection[] = [];

  constructor(
    private readonly text: string,
    private readonly deadline: number,
  ) {}

  run(file: t.File): Detection[] {
    this.collect(file.program);
    for (const site of this.calls) {
      if (Date.now() > this.deadline) throw new AnalysisTimeout();
      this.check(site);
    }
    return this.detections;
  }

  /** One iterative walk: scopes, bindings, module names and call sites. */
  private collect(program: t.Program): void {
    const root: Scope = { parent: undefined, bindings: new Map() };
    const stack: { node: t.Node; scope: Scope }[] = [{ node: program, scope: root }];
    let visited = 0;
    while (stack.length > 0) {
      const { node, scope: outer } = stack.pop()!;
      if (++visited % 4096 === 0 && Date.now() > this.deadline) throw new AnalysisTimeout();
      let scope = outer;
      if (FUNCTION_TYPES.has(node.type)) {
        scope = { parent: outer, bindings: new Map() };
        for (const param of (node as t.Function).params) this.bindPattern(param, scope, param.start ?? 0, undefined);
      }
      this.record(node, scope);
      for (const key of Object.keys(node)) {
        if (SKIPPED_KEYS.has(key)) continue;
        const child = (node as unknown as Record<string, unknown>)[key];
        if (Array.isArray(child)) {
          for (let i = child.length - 1; i >= 0; i--) if (isNode(child[i])) stack.push({ node: child[i] as t.Node, scope });
        } else if (isNode(child)) {
          stack.push({ node: child, scope });
        }
      }
    }
  }

  private record(node: t.Node, scope: Scope): void {
    switch (node.type) {
      case 'CallExpression':
      case 'NewExpression':
        this.calls.push({ node, scope });
        break;
      case 'VariableDeclarator': {
        const mod = requiredModule(node.init);
        if (mod) this.bindModule(node.id, mod);
        if (node.init) this.bindPattern(node.id, scope, node.start ?? 0, node.init);
        break;
      }
      case 'AssignmentExpression':
        if (node.left.type === 'Identifier') {
          const kind = node.operator === '=' ? 'assign' : node.operator === '+=' ? 'append' : 'opaque';
          this.bind(scope, node.left.name, { start: node.start ?? 0, kind, value: node.right });
        }
        break;
      case 'ImportDeclaration': {
        const mod = moduleName(node.source.value);
        for (const spec of node.specifiers) {
          if (spec.type === 'ImportSpecifier') {
            const imported = spec.imported.type === 'Identifier' ? spec.imported.name : spec.imported.value;
            this.modules.members.set(spec.local.name, `${mod}.${imported}`);
          } else {
            this.modules.namespaces.set(spec.local.name, mod);
          }
        }
        break;
      }
      case 'ForOfStatement':
      case 'ForInStatement':
        if (node.left.type === 'VariableDeclaration') {
          for (const decl of node.left.declarations) this.bindPattern(decl.id, scope, node.start ?? 0, node.right, 'derived');
        }
        break;
      case 'CatchClause':
        if (node.param) this.bindPattern(node.param, scope, node.start ?? 0, undefined);
        break;
      default:
        break;
    }
  }

  private bindModule(pattern: t.Node, mod: string): void {
    if (pattern.type === 'Identifier') this.modules.namespaces.set(pattern.name, mod);
    else if (pattern.type === 'ObjectPattern') {
      for (const prop of pattern.properties) {
        if (prop.type !== 'ObjectProperty' || prop.value.type !== 'Identifier') continue;
        const key = prop.key.type === 'Identifier' ? prop.key.name : prop.key.type === 'StringLiteral' ? prop.key.value : undefined;
        if (key) this.modules.members.set(prop.value.name, `${mod}.${key}`);
      }
    }
  }

  /** Binds every name of a declaration pattern; names inside a destructuring carry their source's provenance. */
  private bindPattern(pattern: t.Node, scope: Scope, start: number, value: t.Node | undefined, kind: Binding['kind'] = 'assign'): void {
    switch (pattern.type) {
      case 'Identifier':
        this.bind(scope, pattern.name, value ? { start, kind, value } : { start, kind: 'opaque' });
        break;
      case 'AssignmentPattern':
        this.bindPattern(pattern.left, scope, start, value, kind);
        break;
      case 'RestElement':
        this.bindPattern(pattern.argument, scope, start, value, 'derived');
        break;
      case 'TSParameterProperty':
        this.bindPattern(pattern.parameter, scope, start, value, kind);
        break;
      case 'ObjectPattern':
        for (const prop of pattern.properties) {
          this.bindPattern(prop.type === 'ObjectProperty' ? prop.value : prop, scope, start, value, 'derived');
        }
        break;
      case 'ArrayPattern':
        for (const element of pattern.elements) if (element) this.bindPattern(element, scope, start, value, 'derived');
        break;
      default:
        break;
    }
  }

  private bind(scope: Scope, name: string, binding: Binding): void {
    const list = scope.bindings.get(name);
    if (list) list.push(binding);
    else scope.bindings.set(name, [binding]);
  }

  // ---- values ----

  private value(node: t.Node | null | undefined, scope: Scope, at: number, depth = 0, seen: Set<Binding> = new Set()): ValueInfo {
    if (!node) return CONSTANT;
    if (depth > MAX_RESOLVE_DEPTH) return UNKNOWN;
    const next = (n: t.Node | null | undefined) => this.value(n, scope, at, depth + 1, seen);
    switch (node.type) {
      case 'StringLiteral':
        return constantString(node.value);
      case 'NumericLiteral':
      case 'BooleanLiteral':
      case 'NullLiteral':
      case 'BigIntLiteral':
      case 'RegExpLiteral':
        return CONSTANT;
      case 'TemplateLiteral': {
        const parts: ValueInfo[] = node.quasis.map((q) => constantString(q.value.cooked ?? q.value.raw));
        for (const e of node.expressions) parts.push(next(e));
        return assembled(parts);
      }
      // sql`...`, Prisma.sql`...`, $queryRaw`...`: the tag receives values apart from the text and binds them.
      case 'TaggedTemplateExpression':
        return SANITIZED;
      case 'BinaryExpression': {
        const left = next(node.left);
        const right = next(node.right);
        if (node.operator === '+' && (looksLikeString(left) || looksLikeString(right))) return assembled([left, right]);
        if (node.operator === '+') return either([left, right]);
        return SANITIZED;
      }
      case 'LogicalExpression':
        return either([next(node.left), next(node.right)]);
      case 'ConditionalExpression':
        return either([next(node.consequent), next(node.alternate)]);
      case 'SequenceExpression':
        return next(node.expressions[node.expressions.length - 1]);
      case 'AssignmentExpression':
        return next(node.right);
      case 'AwaitExpression':
        return next(node.argument);
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSNonNullExpression':
      case 'TSTypeAssertion':
      case 'TypeCastExpression':
      case 'ParenthesizedExpression':
        return next(node.expression);
      case 'ArrayExpression':
        return either(node.elements.map((e) => (e && e.type !== 'SpreadElement' ? next(e) : e ? next(e.argument) : CONSTANT)));
      case 'UnaryExpression':
        return node.operator === 'typeof' || node.operator === 'void' ? CONSTANT : SANITIZED;
      case 'Identifier':
        return this.resolve(node.name, scope, at, depth, seen);
      case 'MemberExpression':
      case 'OptionalMemberExpression':
        if (this.isRequestAccess(node, scope, at, depth, seen)) return FROM_REQUEST;
        return isConfiguration(node) ? SANITIZED : UNKNOWN;
      case 'CallExpression':
      case 'OptionalCallExpression':
        return this.callValue(node, scope, at, depth, seen);
      default:
        return UNKNOWN;
    }
  }

  private resolve(name: string, scope: Scope, at: number, depth: number, seen: Set<Binding>): ValueInfo {
    if (name === 'undefined') return CONSTANT;
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      const bindings = s.bindings.get(name);
      if (!bindings) continue;
      // In the function that makes the call only earlier assignments count; an outer scope's may run in any order.
      const relevant = s === scope ? bindings.filter((b) => b.start < at) : bindings;
      if (relevant.length === 0) return UNKNOWN;
      const values: ValueInfo[] = [];
      let appended = false;
      for (const b of relevant) {
        if (seen.has(b)) continue;
        seen.add(b);
        const v = b.kind === 'opaque' || !b.value ? UNKNOWN : this.value(b.value, s, b.start, depth + 1, seen);
        seen.delete(b);
        if (b.kind === 'derived') values.push(v.provenance === 'request' ? FROM_REQUEST : UNKNOWN);
        else values.push(v);
        if (b.kind === 'append') appended = true;
      }
      return appended ? assembled(values) : either(values);
    }
    // Constants imported from elsewhere (TABLE_NAME) are configuration, not data.
    return SCREAMING_CASE.test(name) ? SANITIZED : UNKNOWN;
  }

  /** `req.query.id`, `ctx.request.body`, `event.queryStringParameters`, `const q = req.query; q.id`. */
  private isRequestAccess(node: t.Node, scope: Scope, at: number, depth: number, seen: Set<Binding>): boolean {
    let current: t.Node = node;
    let field: string | undefined;
    for (let i = 0; i < 32 && isMember(current); i++) {
      const name = propertyName(current);
      if (current.object.type === 'Identifier' && REQUEST_OBJECTS.has(current.object.name) && name && REQUEST_FIELDS.has(name)) return true;
      field = name;
      current = current.object;
    }
    if (current.type === 'Identifier' && field !== undefined) {
      return this.resolve(current.name, scope, at, depth + 1, seen).provenance === 'request';
    }
    if (current.type === 'CallExpression' || current.type === 'OptionalCallExpression') {
      return this.callValue(current, scope, at, depth + 1, seen).provenance === 'request';
    }
    return false;
  }

  private callValue(node: t.CallExpression | t.OptionalCallExpression, scope: Scope, at: number, depth: number, seen: Set<Binding>): ValueInfo {
    const next = (n: t.Node | null | undefined) => this.value(n, scope, at, depth + 1, seen);
    const callee = node.callee;
    const args = node.arguments.filter((a): a is t.Expression => a.type !== 'SpreadElement' && a.type !== 'ArgumentPlaceholder');
    const name = callee.type === 'Identifier' ? callee.name : isMember(callee) ? propertyName(callee) : undefined;
    if (name && SANITIZERS.has(name)) return SANITIZED;
    if (callee.type === 'Identifier') {
      if (name === 'String' || name === 'decodeURIComponent' || name === 'decodeURI') return next(args[0]);
      if (name === 'format' && this.modules.members.get('format') !== 'util.format') return this.formatValue(args, next, true);
      if (name === 'format') return this.formatValue(args, next, false);
      return UNKNOWN;
    }
    if (!isMember(callee) || !name) return UNKNOWN;
    const receiver = callee.object;
    if (receiver.type === 'Identifier' && REQUEST_OBJECTS.has(receiver.name) && REQUEST_METHODS.has(name)) return FROM_REQUEST;
    if (receiver.type === 'Identifier' && receiver.name === 'JSON' && name === 'stringify') return next(args[0]);
    if (receiver.type === 'Identifier' && name === 'format' && this.modules.namespaces.get(receiver.name) === 'util') return this.formatValue(args, next, false);
    if (name === 'join') return assembled([next(receiver), ...args.map(next)]);
    if (name === 'concat') return assembled([next(receiver), ...args.map(next)]);
    if (PASS_THROUGH_METHODS.has(name)) {
      const base = next(receiver);
      return name === 'replace' || name === 'replaceAll' ? either([base, next(args[1])]) : base;
    }
    // A getter on request data (`req.query.get('id')`, `url.searchParams.get('q')`) returns request data.
    const base = next(receiver);
    return base.provenance === 'request' ? FROM_REQUEST : UNKNOWN;
  }

  /** util.format / printf-style: built from its arguments. pg-format with only %I/%L/%% escapes them. */
  private formatValue(args: t.Expression[], next: (n: t.Node) => ValueInfo, maybePgFormat: boolean): ValueInfo {
    const first = args[0];
    if (maybePgFormat && first?.type === 'StringLiteral' && !/%s/.test(first.value) && /%[IL]/.test(first.value)) return SANITIZED;
    return assembled(args.map(next));
  }

  // ---- sinks ----

  private check(site: CallSite): void {
    const { node, scope } = site;
    const callee = node.callee;
    const at = node.start ?? 0;
    const args = node.arguments.filter((a): a is t.Expression => a.type !== 'SpreadElement' && a.type !== 'ArgumentPlaceholder');
    const first = args[0];
    const name = callee.type === 'Identifier' ? callee.name : isMember(callee) ? propertyName(callee) : undefined;
    if (!name) return;
    const receiver = isMember(callee) ? callee.object : undefined;

    // Code injection: eval, Function, vm.
    if (callee.type === 'Identifier' && (name === 'eval' || name === 'Function') && args.length > 0) {
      if (this.modules.members.has(name) || this.isShadowed(name, scope)) return;
      const body = name === 'Function' ? args[args.length - 1] : first;
      return this.report('secloop.code-injection', node, body, scope, at, name === 'eval' ? 'eval' : 'new Function');
    }
    const vmName = receiver?.type === 'Identifier' ? this.modules.namespaces.get(receiver.name) : this.modules.members.get(name)?.split('.')[0];
    if (vmName === 'vm' && (VM_RUNNERS.has(name) || (name === 'Script' && node.type === 'NewExpression'))) {
      return this.report('secloop.code-injection', node, first, scope, at, `vm.${name}`);
    }

    // Command injection: child_process.exec / execSync (always a shell); spawn/execFile only with shell: true.
    const cpFunction = this.childProcessFunction(callee, name);
    if (cpFunction && SHELL_EXEC.has(cpFunction)) return this.report('secloop.command-injection', node, first, scope, at, `child_process.${cpFunction}`, 'built');
    if (cpFunction && SPAWNERS.has(cpFunction) && args.some((a) => a.type === 'ObjectExpression' && hasTrueShell(a))) {
      return this.report('secloop.command-injection', node, first, scope, at, `child_process.${cpFunction}`, 'built');
    }

    // SQL injection.
    if (node.type !== 'CallExpression' || !first) return;
    const rawMethod = receiver !== undefined && RAW_SQL_METHODS.has(name);
    const sqlMethod = SQL_METHODS.has(name) && (receiver !== undefined || name === 'query' || name === 'execute');
    if (!rawMethod && !sqlMethod) return;
    if (cpFunction) return;
    // pg and mysql accept a config object: { text | sql, values }.
    const sqlArg = first.type === 'ObjectExpression' ? objectProperty(first, ['text', 'sql']) : first;
    if (!sqlArg) return;
    const v = this.value(sqlArg, scope, at);
    if (!rawMethod && !looksLikeSql(v.constantText)) return;
    this.reportValue('secloop.sql-injection', node, v, rawMethod ? 'request-or-built' : 'built', this.calleeText(callee));
  }

  private isShadowed(name: string, scope: Scope): boolean {
    for (let s: Scope | undefined = scope; s; s = s.parent) if (s.bindings.has(name)) return true;
    return false;
  }

  /** `exec` from child_process however it was bound: cp.exec, require('child_process').exec, a named import. */
  private childProcessFunction(callee: t.Node, name: string): string | undefined {
    if (callee.type === 'Identifier') {
      const member = this.modules.members.get(name);
      return member?.startsWith('child_process.') ? member.slice('child_process.'.length) : undefined;
    }
    if (!isMember(callee)) return undefined;
    const receiver = callee.object;
    const mod = receiver.type === 'Identifier' ? this.modules.namespaces.get(receiver.name) : requiredModule(receiver);
    return mod === 'child_process' ? name : undefined;
  }

  private report(rule: RuleId, call: t.Node, arg: t.Node | undefined, scope: Scope, at: number, sink: string, need: 'any' | 'built' = 'any'): void {
    if (!arg || arg.type === 'FunctionExpression' || arg.type === 'ArrowFunctionExpression') return;
    this.reportValue(rule, call, this.value(arg, scope, at), need === 'any' ? 'any' : 'request-or-built', sink);
  }

  /**
   * `any`: every non-constant value (eval of data is always wrong); `request-or-built`: assembled from data, or
   * request data used as is; `built`: assembled from data only (generic SQL methods: `db.query(sql)` with a
   * parameter `sql` is how every data-access layer is written).
   */
  private reportValue(rule: RuleId, call: t.Node, v: ValueInfo, need: 'any' | 'request-or-built' | 'built', sink: string): void {
    if (!isTainted(v.provenance)) return;
    if (need === 'built' && !v.built) return;
    if (need === 'request-or-built' && !v.built && v.provenance !== 'request') return;
    const loc = call.loc;
    if (!loc) return;
    this.detections.push({
      rule,
      startLine: loc.start.line,
      startColumn: loc.start.column + 1,
      endLine: loc.end.line,
      endColumn: loc.end.column + 1,
      callText: normaliseCallText(this.text.slice(call.start ?? 0, call.end ?? 0)),
      sink,
      provenance: v.provenance,
      built: v.built,
      detail: describe(v),
    });
  }

  private calleeText(callee: t.Node): string {
    return normaliseCallText(this.text.slice(callee.start ?? 0, callee.end ?? 0)).slice(0, 80);
  }
}

const SCREAMING_CASE = /^[A-Z][A-Z0-9_]*$/;

/** `this.table`, `config.TABLE_NAME`: fields of code objects name tables and columns far more often than they carry data. */
function isConfiguration(node: t.MemberExpression | t.OptionalMemberExpression): boolean {
  if (node.object.type === 'ThisExpression') return true;
  const name = propertyName(node);
  return name !== undefined && SCREAMING_CASE.test(name);
}

function describe(v: ValueInfo): string {
  if (v.built && v.provenance === 'request') return 'built from request data';
  if (v.built) return 'built from non-constant data';
  if (v.provenance === 'request') return 'request data used as is';
  return 'non-constant data';
}

function hasTrueShell(options: t.ObjectExpression): boolean {
  const shell = objectProperty(options, ['shell']);
  return shell !== undefined && !(shell.type === 'BooleanLiteral' && !shell.value);
}

function objectProperty(object: t.ObjectExpression, keys: string[]): t.Expression | undefined {
  for (const prop of object.properties) {
    if (prop.type !== 'ObjectProperty') continue;
    const key = prop.key.type === 'Identifier' ? prop.key.name : prop.key.type === 'StringLiteral' ? prop.key.value : undefined;
    if (key && keys.includes(key) && prop.value.type !== 'RestElement' && !prop.value.type.endsWith('Pattern')) return prop.value as t.Expression;
  }
  return undefined;
}

export class AnalysisTimeout extends Error {
  constructor() {
    super('analysis took longer than its time budget');
  }
}

/** Parses one JavaScript/TypeScript file and returns where the rules fire. Throws SourceParseError or AnalysisTimeout. */
export async function analyzeJavaScript(path: string, text: string, deadline: number): Promise<Detection[]> {
  const file = await parseSource(path, text);
  return new JavaScriptAnalysis(text, deadline).run(file);
}
