export const id = 964;
export const ids = [964];
export const modules = {

/***/ 95964:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  CODE_SCANNER_NAME: () => (/* binding */ CODE_SCANNER_NAME),
  DEFAULT_CODE_MAX_FILE_BYTES: () => (/* binding */ DEFAULT_CODE_MAX_FILE_BYTES),
  DEFAULT_FILE_TIME_BUDGET_MS: () => (/* binding */ DEFAULT_FILE_TIME_BUDGET_MS),
  codeScanner: () => (/* binding */ codeScanner),
  createCodeScanner: () => (/* binding */ createCodeScanner),
  toFindings: () => (/* binding */ toFindings)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./src/shared/errors.ts
var shared_errors = __webpack_require__(58382);
// EXTERNAL MODULE: ./src/shared/inputs.ts
var shared_inputs = __webpack_require__(93876);
;// CONCATENATED MODULE: ./actions/scan/src/code/values.ts
const RANK = { constant: 0, sanitized: 1, unknown: 2, request: 3 };
const MAX_CONSTANT_TEXT = 4096;
const CONSTANT = { provenance: 'constant', built: false, constantText: '' };
const SANITIZED = { provenance: 'sanitized', built: false, constantText: '' };
const UNKNOWN = { provenance: 'unknown', built: false, constantText: '' };
const FROM_REQUEST = { provenance: 'request', built: false, constantText: '' };
function constantString(text) {
    return { provenance: 'constant', built: false, constantText: text.slice(0, MAX_CONSTANT_TEXT) };
}
function worse(a, b) {
    return RANK[a] >= RANK[b] ? a : b;
}
function isTainted(p) {
    return RANK[p] >= RANK.unknown;
}
/** Values that flow into one result without string assembly (branches of a conditional, `a || b`). */
function either(values) {
    let provenance = 'constant';
    let built = false;
    let constantText = '';
    for (const v of values) {
        provenance = worse(provenance, v.provenance);
        built ||= v.built;
        if (constantText.length < MAX_CONSTANT_TEXT)
            constantText += (constantText ? ' ' : '') + v.constantText;
    }
    return { provenance, built, constantText: constantText.slice(0, MAX_CONSTANT_TEXT) };
}
/** String assembly (`+`, template, f-string, `%`, `.format`, `.join`): built as soon as one part is not constant. */
function assembled(parts) {
    const merged = either(parts);
    return { ...merged, built: merged.built || isTainted(merged.provenance) };
}
/** Whether a value is treated as a string by `+` (so `a + b` is assembly and not arithmetic). */
function looksLikeString(v) {
    return v.built || v.constantText.length > 0;
}
/**
 * Does the constant text look like SQL? Generic method names (`query`, `execute`, `get`, `run`) are SQL
 * sinks only when the text handed to them is SQL: a statement keyword or a WHERE-style comparison fragment.
 */
function looksLikeSql(text) {
    return SQL_STATEMENT.test(text) || SQL_LEADING_KEYWORD.test(text) || SQL_CLAUSE.test(text);
}
const SQL_STATEMENT = /\b(select\s[\s\S]*?\bfrom\b|insert\s+into\b|update\s+[\w."`[\]]+\s+set\b|delete\s+from\b|replace\s+into\b|merge\s+into\b|(create|drop|alter|truncate)\s+(table|index|view)\b)/i;
const SQL_LEADING_KEYWORD = /^\s*(select|insert|update|delete|with|pragma)\s/i;
const SQL_CLAUSE = /\b(where|order\s+by|group\s+by|having)\s/i;
function normaliseCallText(text) {
    return text.replace(/\s+/g, ' ').trim().slice(0, 4000);
}

;// CONCATENATED MODULE: ./actions/scan/src/code/javascript.ts

let babelParse;
/** @babel/parser is loaded on the first JavaScript file, so scans without any pay nothing for it. */
async function loadBabel() {
    babelParse ??= (await __webpack_require__.e(/* import() */ 429).then(__webpack_require__.bind(__webpack_require__, 5429))).parse;
    return babelParse;
}
class SourceParseError extends Error {
}
function pluginsFor(path) {
    if (/\.[mc]?ts$/i.test(path))
        return [['typescript', 'decorators-legacy']];
    if (/\.tsx$/i.test(path))
        return [['typescript', 'jsx', 'decorators-legacy']];
    // Plain .js may hold JSX, Flow or (in some repositories) TypeScript syntax: try the common case first.
    return [['jsx'], ['jsx', 'flow'], ['typescript', 'jsx', 'decorators-legacy']];
}
async function parseSource(path, text) {
    const parse = await loadBabel();
    let firstError;
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
        }
        catch (error) {
            // Stack exhaustion on deep nesting says nothing about the syntax: it is not a parse error.
            if (error instanceof RangeError)
                throw error;
            firstError ??= error;
        }
    }
    const message = firstError instanceof Error ? firstError.message : String(firstError);
    throw new SourceParseError(`not valid JavaScript/TypeScript: ${message}`);
}
const SKIPPED_KEYS = new Set(['loc', 'start', 'end', 'extra', 'leadingComments', 'trailingComments', 'innerComments', 'range', 'typeAnnotation', 'returnType', 'typeParameters']);
const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ObjectMethod', 'ClassMethod', 'ClassPrivateMethod']);
function isNode(value) {
    return typeof value === 'object' && value !== null && typeof value.type === 'string';
}
function moduleName(spec) {
    return spec.replace(/^node:/, '');
}
function requiredModule(node) {
    if (node?.type === 'AwaitExpression')
        return requiredModule(node.argument);
    if (node?.type !== 'CallExpression' || node.callee.type !== 'Identifier' || node.callee.name !== 'require')
        return undefined;
    const arg = node.arguments[0];
    return arg?.type === 'StringLiteral' ? moduleName(arg.value) : undefined;
}
/** The property name of a member access when it is static (`a.b`, `a['b']`). */
function propertyName(node) {
    if (!node.computed && node.property.type === 'Identifier')
        return node.property.name;
    if (node.property.type === 'StringLiteral')
        return node.property.value;
    return undefined;
}
function isMember(node) {
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
    text;
    deadline;
    calls = [];
    modules = { namespaces: new Map(), members: new Map() };
    detections = [];
    constructor(text, deadline) {
        this.text = text;
        this.deadline = deadline;
    }
    run(file) {
        this.collect(file.program);
        for (const site of this.calls) {
            if (Date.now() > this.deadline)
                throw new AnalysisTimeout();
            this.check(site);
        }
        return this.detections;
    }
    /** One iterative walk: scopes, bindings, module names and call sites. */
    collect(program) {
        const root = { parent: undefined, bindings: new Map() };
        const stack = [{ node: program, scope: root }];
        let visited = 0;
        while (stack.length > 0) {
            const { node, scope: outer } = stack.pop();
            if (++visited % 4096 === 0 && Date.now() > this.deadline)
                throw new AnalysisTimeout();
            let scope = outer;
            if (FUNCTION_TYPES.has(node.type)) {
                scope = { parent: outer, bindings: new Map() };
                for (const param of node.params)
                    this.bindPattern(param, scope, param.start ?? 0, undefined);
            }
            this.record(node, scope);
            for (const key of Object.keys(node)) {
                if (SKIPPED_KEYS.has(key))
                    continue;
                const child = node[key];
                if (Array.isArray(child)) {
                    for (let i = child.length - 1; i >= 0; i--)
                        if (isNode(child[i]))
                            stack.push({ node: child[i], scope });
                }
                else if (isNode(child)) {
                    stack.push({ node: child, scope });
                }
            }
        }
    }
    record(node, scope) {
        switch (node.type) {
            case 'CallExpression':
            case 'NewExpression':
                this.calls.push({ node, scope });
                break;
            case 'VariableDeclarator': {
                const mod = requiredModule(node.init);
                if (mod)
                    this.bindModule(node.id, mod);
                if (node.init)
                    this.bindPattern(node.id, scope, node.start ?? 0, node.init);
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
                    }
                    else {
                        this.modules.namespaces.set(spec.local.name, mod);
                    }
                }
                break;
            }
            case 'ForOfStatement':
            case 'ForInStatement':
                if (node.left.type === 'VariableDeclaration') {
                    for (const decl of node.left.declarations)
                        this.bindPattern(decl.id, scope, node.start ?? 0, node.right, 'derived');
                }
                break;
            case 'CatchClause':
                if (node.param)
                    this.bindPattern(node.param, scope, node.start ?? 0, undefined);
                break;
            default:
                break;
        }
    }
    bindModule(pattern, mod) {
        if (pattern.type === 'Identifier')
            this.modules.namespaces.set(pattern.name, mod);
        else if (pattern.type === 'ObjectPattern') {
            for (const prop of pattern.properties) {
                if (prop.type !== 'ObjectProperty' || prop.value.type !== 'Identifier')
                    continue;
                const key = prop.key.type === 'Identifier' ? prop.key.name : prop.key.type === 'StringLiteral' ? prop.key.value : undefined;
                if (key)
                    this.modules.members.set(prop.value.name, `${mod}.${key}`);
            }
        }
    }
    /** Binds every name of a declaration pattern; names inside a destructuring carry their source's provenance. */
    bindPattern(pattern, scope, start, value, kind = 'assign') {
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
                for (const element of pattern.elements)
                    if (element)
                        this.bindPattern(element, scope, start, value, 'derived');
                break;
            default:
                break;
        }
    }
    bind(scope, name, binding) {
        const list = scope.bindings.get(name);
        if (list)
            list.push(binding);
        else
            scope.bindings.set(name, [binding]);
    }
    // ---- values ----
    value(node, scope, at, depth = 0, seen = new Set()) {
        if (!node)
            return CONSTANT;
        if (depth > MAX_RESOLVE_DEPTH)
            return UNKNOWN;
        const next = (n) => this.value(n, scope, at, depth + 1, seen);
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
                const parts = node.quasis.map((q) => constantString(q.value.cooked ?? q.value.raw));
                for (const e of node.expressions)
                    parts.push(next(e));
                return assembled(parts);
            }
            // sql`...`, Prisma.sql`...`, $queryRaw`...`: the tag receives values apart from the text and binds them.
            case 'TaggedTemplateExpression':
                return SANITIZED;
            case 'BinaryExpression': {
                const left = next(node.left);
                const right = next(node.right);
                if (node.operator === '+' && (looksLikeString(left) || looksLikeString(right)))
                    return assembled([left, right]);
                if (node.operator === '+')
                    return either([left, right]);
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
                if (this.isRequestAccess(node, scope, at, depth, seen))
                    return FROM_REQUEST;
                return isConfiguration(node) ? SANITIZED : UNKNOWN;
            case 'CallExpression':
            case 'OptionalCallExpression':
                return this.callValue(node, scope, at, depth, seen);
            default:
                return UNKNOWN;
        }
    }
    resolve(name, scope, at, depth, seen) {
        if (name === 'undefined')
            return CONSTANT;
        for (let s = scope; s; s = s.parent) {
            const bindings = s.bindings.get(name);
            if (!bindings)
                continue;
            // In the function that makes the call only earlier assignments count; an outer scope's may run in any order.
            const relevant = s === scope ? bindings.filter((b) => b.start < at) : bindings;
            if (relevant.length === 0)
                return UNKNOWN;
            const values = [];
            let appended = false;
            for (const b of relevant) {
                if (seen.has(b))
                    continue;
                seen.add(b);
                const v = b.kind === 'opaque' || !b.value ? UNKNOWN : this.value(b.value, s, b.start, depth + 1, seen);
                seen.delete(b);
                if (b.kind === 'derived')
                    values.push(v.provenance === 'request' ? FROM_REQUEST : UNKNOWN);
                else
                    values.push(v);
                if (b.kind === 'append')
                    appended = true;
            }
            return appended ? assembled(values) : either(values);
        }
        // Constants imported from elsewhere (TABLE_NAME) are configuration, not data.
        return SCREAMING_CASE.test(name) ? SANITIZED : UNKNOWN;
    }
    /** `req.query.id`, `ctx.request.body`, `event.queryStringParameters`, `const q = req.query; q.id`. */
    isRequestAccess(node, scope, at, depth, seen) {
        let current = node;
        let field;
        for (let i = 0; i < 32 && isMember(current); i++) {
            const name = propertyName(current);
            if (current.object.type === 'Identifier' && REQUEST_OBJECTS.has(current.object.name) && name && REQUEST_FIELDS.has(name))
                return true;
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
    callValue(node, scope, at, depth, seen) {
        const next = (n) => this.value(n, scope, at, depth + 1, seen);
        const callee = node.callee;
        const args = node.arguments.filter((a) => a.type !== 'SpreadElement' && a.type !== 'ArgumentPlaceholder');
        const name = callee.type === 'Identifier' ? callee.name : isMember(callee) ? propertyName(callee) : undefined;
        if (name && SANITIZERS.has(name))
            return SANITIZED;
        if (callee.type === 'Identifier') {
            if (name === 'String' || name === 'decodeURIComponent' || name === 'decodeURI')
                return next(args[0]);
            if (name === 'format' && this.modules.members.get('format') !== 'util.format')
                return this.formatValue(args, next, true);
            if (name === 'format')
                return this.formatValue(args, next, false);
            return UNKNOWN;
        }
        if (!isMember(callee) || !name)
            return UNKNOWN;
        const receiver = callee.object;
        if (receiver.type === 'Identifier' && REQUEST_OBJECTS.has(receiver.name) && REQUEST_METHODS.has(name))
            return FROM_REQUEST;
        if (receiver.type === 'Identifier' && receiver.name === 'JSON' && name === 'stringify')
            return next(args[0]);
        if (receiver.type === 'Identifier' && name === 'format' && this.modules.namespaces.get(receiver.name) === 'util')
            return this.formatValue(args, next, false);
        if (name === 'join')
            return assembled([next(receiver), ...args.map(next)]);
        if (name === 'concat')
            return assembled([next(receiver), ...args.map(next)]);
        if (PASS_THROUGH_METHODS.has(name)) {
            const base = next(receiver);
            return name === 'replace' || name === 'replaceAll' ? either([base, next(args[1])]) : base;
        }
        // A getter on request data (`req.query.get('id')`, `url.searchParams.get('q')`) returns request data.
        const base = next(receiver);
        return base.provenance === 'request' ? FROM_REQUEST : UNKNOWN;
    }
    /** util.format / printf-style: built from its arguments. pg-format with only %I/%L/%% escapes them. */
    formatValue(args, next, maybePgFormat) {
        const first = args[0];
        if (maybePgFormat && first?.type === 'StringLiteral' && !/%s/.test(first.value) && /%[IL]/.test(first.value))
            return SANITIZED;
        return assembled(args.map(next));
    }
    // ---- sinks ----
    check(site) {
        const { node, scope } = site;
        const callee = node.callee;
        const at = node.start ?? 0;
        const args = node.arguments.filter((a) => a.type !== 'SpreadElement' && a.type !== 'ArgumentPlaceholder');
        const first = args[0];
        const name = callee.type === 'Identifier' ? callee.name : isMember(callee) ? propertyName(callee) : undefined;
        if (!name)
            return;
        const receiver = isMember(callee) ? callee.object : undefined;
        // Code injection: eval, Function, vm.
        if (callee.type === 'Identifier' && (name === 'eval' || name === 'Function') && args.length > 0) {
            if (this.modules.members.has(name) || this.isShadowed(name, scope))
                return;
            const body = name === 'Function' ? args[args.length - 1] : first;
            return this.report('secloop.code-injection', node, body, scope, at, name === 'eval' ? 'eval' : 'new Function');
        }
        const vmName = receiver?.type === 'Identifier' ? this.modules.namespaces.get(receiver.name) : this.modules.members.get(name)?.split('.')[0];
        if (vmName === 'vm' && (VM_RUNNERS.has(name) || (name === 'Script' && node.type === 'NewExpression'))) {
            return this.report('secloop.code-injection', node, first, scope, at, `vm.${name}`);
        }
        // Command injection: child_process.exec / execSync (always a shell); spawn/execFile only with shell: true.
        const cpFunction = this.childProcessFunction(callee, name);
        if (cpFunction && SHELL_EXEC.has(cpFunction))
            return this.report('secloop.command-injection', node, first, scope, at, `child_process.${cpFunction}`, 'built');
        if (cpFunction && SPAWNERS.has(cpFunction) && args.some((a) => a.type === 'ObjectExpression' && hasTrueShell(a))) {
            return this.report('secloop.command-injection', node, first, scope, at, `child_process.${cpFunction}`, 'built');
        }
        // SQL injection.
        if (node.type !== 'CallExpression' || !first)
            return;
        const rawMethod = receiver !== undefined && RAW_SQL_METHODS.has(name);
        const sqlMethod = SQL_METHODS.has(name) && (receiver !== undefined || name === 'query' || name === 'execute');
        if (!rawMethod && !sqlMethod)
            return;
        if (cpFunction)
            return;
        // pg and mysql accept a config object: { text | sql, values }.
        const sqlArg = first.type === 'ObjectExpression' ? objectProperty(first, ['text', 'sql']) : first;
        if (!sqlArg)
            return;
        const v = this.value(sqlArg, scope, at);
        if (!rawMethod && !looksLikeSql(v.constantText))
            return;
        this.reportValue('secloop.sql-injection', node, v, rawMethod ? 'request-or-built' : 'built', this.calleeText(callee));
    }
    isShadowed(name, scope) {
        for (let s = scope; s; s = s.parent)
            if (s.bindings.has(name))
                return true;
        return false;
    }
    /** `exec` from child_process however it was bound: cp.exec, require('child_process').exec, a named import. */
    childProcessFunction(callee, name) {
        if (callee.type === 'Identifier') {
            const member = this.modules.members.get(name);
            return member?.startsWith('child_process.') ? member.slice('child_process.'.length) : undefined;
        }
        if (!isMember(callee))
            return undefined;
        const receiver = callee.object;
        const mod = receiver.type === 'Identifier' ? this.modules.namespaces.get(receiver.name) : requiredModule(receiver);
        return mod === 'child_process' ? name : undefined;
    }
    report(rule, call, arg, scope, at, sink, need = 'any') {
        if (!arg || arg.type === 'FunctionExpression' || arg.type === 'ArrowFunctionExpression')
            return;
        this.reportValue(rule, call, this.value(arg, scope, at), need === 'any' ? 'any' : 'request-or-built', sink);
    }
    /**
     * `any`: every non-constant value (eval of data is always wrong); `request-or-built`: assembled from data, or
     * request data used as is; `built`: assembled from data only (generic SQL methods: `db.query(sql)` with a
     * parameter `sql` is how every data-access layer is written).
     */
    reportValue(rule, call, v, need, sink) {
        if (!isTainted(v.provenance))
            return;
        if (need === 'built' && !v.built)
            return;
        if (need === 'request-or-built' && !v.built && v.provenance !== 'request')
            return;
        const loc = call.loc;
        if (!loc)
            return;
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
    calleeText(callee) {
        return normaliseCallText(this.text.slice(callee.start ?? 0, callee.end ?? 0)).slice(0, 80);
    }
}
const SCREAMING_CASE = /^[A-Z][A-Z0-9_]*$/;
/** `this.table`, `config.TABLE_NAME`: fields of code objects name tables and columns far more often than they carry data. */
function isConfiguration(node) {
    if (node.object.type === 'ThisExpression')
        return true;
    const name = propertyName(node);
    return name !== undefined && SCREAMING_CASE.test(name);
}
function describe(v) {
    if (v.built && v.provenance === 'request')
        return 'built from request data';
    if (v.built)
        return 'built from non-constant data';
    if (v.provenance === 'request')
        return 'request data used as is';
    return 'non-constant data';
}
function hasTrueShell(options) {
    const shell = objectProperty(options, ['shell']);
    return shell !== undefined && !(shell.type === 'BooleanLiteral' && !shell.value);
}
function objectProperty(object, keys) {
    for (const prop of object.properties) {
        if (prop.type !== 'ObjectProperty')
            continue;
        const key = prop.key.type === 'Identifier' ? prop.key.name : prop.key.type === 'StringLiteral' ? prop.key.value : undefined;
        if (key && keys.includes(key) && prop.value.type !== 'RestElement' && !prop.value.type.endsWith('Pattern'))
            return prop.value;
    }
    return undefined;
}
class AnalysisTimeout extends Error {
    constructor() {
        super('analysis took longer than its time budget');
    }
}
/** Parses one JavaScript/TypeScript file and returns where the rules fire. Throws SourceParseError or AnalysisTimeout. */
async function analyzeJavaScript(path, text, deadline) {
    const file = await parseSource(path, text);
    return new JavaScriptAnalysis(text, deadline).run(file);
}

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(73136);
;// CONCATENATED MODULE: ./actions/scan/src/code/python.ts




function filePath(ref) {
    return typeof ref === 'string' ? ref : (0,external_node_url_.fileURLToPath)(ref);
}
let parserPromise;
let grammarPath = 'tree-sitter-python.wasm';
/** The parser itself is missing or broken (a bundle without its .wasm files): no Python file can be analysed. */
class ParserLoadError extends Error {
}
/** The Python parser, loaded once on the first Python file (tree-sitter runtime and grammar, both WebAssembly). */
function loadPythonParser() {
    parserPromise ??= (async () => {
        const treeSitter = (await Promise.all(/* import() */[__webpack_require__.e(551), __webpack_require__.e(159)]).then(__webpack_require__.t.bind(__webpack_require__, 80159, 23))).default;
        const files = await __webpack_require__.e(/* import() */ 519).then(__webpack_require__.bind(__webpack_require__, 70519));
        const runtimeWasm = filePath(files.runtimeWasm);
        const pythonWasm = filePath(files.pythonWasm);
        grammarPath = pythonWasm;
        // The CommonJS build reads `__dirname` while it starts, which an ES module bundle does not define; it only
        // uses it to find its .wasm, and locateFile below says where that is.
        const scope = globalThis;
        const lent = scope.__dirname === undefined;
        if (lent)
            scope.__dirname = external_node_path_default().dirname(runtimeWasm);
        try {
            await treeSitter.Parser.init({ locateFile: () => runtimeWasm });
        }
        finally {
            if (lent)
                delete scope.__dirname;
        }
        const language = await treeSitter.Language.load(pythonWasm);
        const parser = new treeSitter.Parser();
        parser.setLanguage(language);
        return parser;
    })().catch((error) => {
        throw new ParserLoadError(`cannot load the Python parser (${grammarPath}): ${error instanceof Error ? error.message : String(error)}`);
    });
    parserPromise.catch(() => (parserPromise = undefined));
    return parserPromise;
}
const python_REQUEST_OBJECTS = new Set(['request', 'req']);
/** Request data in Flask, Django, Starlette/FastAPI, aiohttp, Tornado. */
const python_REQUEST_FIELDS = new Set([
    'args', 'form', 'values', 'json', 'data', 'files', 'cookies', 'headers', 'GET', 'POST', 'COOKIES', 'META', 'body',
    'query_params', 'path_params', 'view_args', 'query', 'match_info', 'arguments', 'query_arguments', 'body_arguments',
    'get_json', 'get_data', 'path', 'full_path', 'url', 'query_string',
]);
const python_SANITIZERS = new Set(['int', 'float', 'bool', 'len', 'escape', 'quote', 'escape_string', 'Identifier', 'Literal', 'SQL', 'Placeholder', 'bindparam']);
const python_PASS_THROUGH_METHODS = new Set(['strip', 'lstrip', 'rstrip', 'lower', 'upper', 'title', 'capitalize', 'encode', 'decode', 'replace', 'casefold']);
/** SQL sinks that take raw SQL whatever it looks like (the name says so). */
const RAW_SQL_FUNCTIONS = new Set(['executemany', 'executescript', 'RawSQL', 'read_sql', 'read_sql_query', 'exec_driver_sql']);
/** Generic names (DB-API cursors, SQLAlchemy sessions, Django managers): SQL sinks when the text is SQL. */
const SQL_FUNCTIONS = new Set(['execute', 'raw', 'text']);
const SHELL_ALWAYS = new Set(['os.system', 'os.popen', 'subprocess.getoutput', 'subprocess.getstatusoutput', 'commands.getoutput']);
const SHELL_OPTIONAL = new Set(['subprocess.run', 'subprocess.call', 'subprocess.check_call', 'subprocess.check_output', 'subprocess.Popen']);
const SAFE_YAML_LOADERS = /(^|\.)(SafeLoader|CSafeLoader|BaseLoader|CBaseLoader)$/;
const python_MAX_RESOLVE_DEPTH = 24;
class PythonAnalysis {
    deadline;
    calls = [];
    /** Local name -> qualified name: `sp` -> subprocess, `load` -> yaml.load, `system` -> os.system. */
    imports = new Map();
    detections = [];
    constructor(deadline) {
        this.deadline = deadline;
    }
    run(root) {
        this.collect(root);
        for (const site of this.calls) {
            if (Date.now() > this.deadline)
                throw new AnalysisTimeout();
            this.check(site.node, site.scope);
        }
        return this.detections;
    }
    collect(root) {
        const module = { parent: undefined, bindings: new Map() };
        const stack = [{ node: root, scope: module }];
        let visited = 0;
        while (stack.length > 0) {
            const { node, scope: outer } = stack.pop();
            if (++visited % 4096 === 0 && Date.now() > this.deadline)
                throw new AnalysisTimeout();
            let scope = outer;
            if (node.type === 'function_definition' || node.type === 'lambda') {
                scope = { parent: outer, bindings: new Map() };
                const params = node.childForFieldName('parameters');
                if (params)
                    for (const p of params.namedChildren)
                        if (p)
                            this.bindParameter(p, scope);
            }
            this.record(node, scope);
            const children = node.namedChildren;
            for (let i = children.length - 1; i >= 0; i--)
                if (children[i])
                    stack.push({ node: children[i], scope });
        }
    }
    bindParameter(param, scope) {
        const name = param.type === 'identifier' ? param : (param.childForFieldName('name') ?? param.namedChildren.find((c) => c?.type === 'identifier'));
        if (name?.type === 'identifier')
            this.bind(scope, name.text, { start: param.startIndex, kind: 'opaque' });
    }
    record(node, scope) {
        switch (node.type) {
            case 'call':
                this.calls.push({ node, scope });
                break;
            case 'assignment': {
                const left = node.childForFieldName('left');
                const right = node.childForFieldName('right');
                if (left && right)
                    this.bindTarget(left, scope, node.startIndex, right, 'assign');
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
                if (left && right)
                    this.bindTarget(left, scope, node.startIndex, right, 'derived');
                break;
            }
            case 'import_statement':
                for (const name of node.childrenForFieldName('name')) {
                    if (!name)
                        continue;
                    if (name.type === 'aliased_import') {
                        const real = name.childForFieldName('name')?.text;
                        const alias = name.childForFieldName('alias')?.text;
                        if (real && alias)
                            this.imports.set(alias, real);
                    }
                    else {
                        const first = name.text.split('.')[0];
                        this.imports.set(first, first);
                    }
                }
                break;
            case 'import_from_statement': {
                const mod = node.childForFieldName('module_name')?.text;
                if (!mod)
                    break;
                for (const name of node.childrenForFieldName('name')) {
                    if (!name)
                        continue;
                    if (name.type === 'aliased_import') {
                        const real = name.childForFieldName('name')?.text;
                        const alias = name.childForFieldName('alias')?.text;
                        if (real && alias)
                            this.imports.set(alias, `${mod}.${real}`);
                    }
                    else {
                        this.imports.set(name.text, `${mod}.${name.text}`);
                    }
                }
                break;
            }
            default:
                break;
        }
    }
    bindTarget(target, scope, start, value, kind) {
        if (target.type === 'identifier') {
            this.bind(scope, target.text, { start, kind, value });
        }
        else if (target.type === 'pattern_list' || target.type === 'tuple_pattern' || target.type === 'list_pattern') {
            for (const element of target.namedChildren)
                if (element)
                    this.bindTarget(element, scope, start, value, 'derived');
        }
    }
    bind(scope, name, binding) {
        const list = scope.bindings.get(name);
        if (list)
            list.push(binding);
        else
            scope.bindings.set(name, [binding]);
    }
    /** The dotted name of a callee with its first part replaced by what it was imported as. */
    qualified(node) {
        const dotted = dottedName(node);
        if (!dotted)
            return undefined;
        const [head, ...rest] = dotted.split('.');
        const resolved = this.imports.get(head);
        return resolved ? [resolved, ...rest].join('.') : dotted;
    }
    // ---- values ----
    value(node, scope, at, depth = 0, seen = new Set()) {
        if (!node)
            return CONSTANT;
        if (depth > python_MAX_RESOLVE_DEPTH)
            return UNKNOWN;
        const next = (n) => this.value(n, scope, at, depth + 1, seen);
        switch (node.type) {
            case 'string': {
                const parts = [];
                for (const child of node.namedChildren) {
                    if (!child)
                        continue;
                    if (child.type === 'string_content' || child.type === 'escape_sequence')
                        parts.push(constantString(child.text));
                    else if (child.type === 'interpolation')
                        parts.push(next(child.childForFieldName('expression')));
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
                if (op === '+' && (looksLikeString(left) || looksLikeString(right)))
                    return assembled([left, right]);
                if (op === '%' && looksLikeString(left))
                    return assembled([left, right]);
                if (op === '+')
                    return either([left, right]);
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
    resolve(name, scope, at, depth, seen) {
        for (let s = scope; s; s = s.parent) {
            const bindings = s.bindings.get(name);
            if (!bindings)
                continue;
            const relevant = s === scope ? bindings.filter((b) => b.start < at) : bindings;
            if (relevant.length === 0)
                return UNKNOWN;
            const values = [];
            let appended = false;
            for (const b of relevant) {
                if (seen.has(b))
                    continue;
                seen.add(b);
                const v = b.kind === 'opaque' || !b.value ? UNKNOWN : this.value(b.value, s, b.start, depth + 1, seen);
                seen.delete(b);
                values.push(b.kind === 'derived' ? (v.provenance === 'request' ? FROM_REQUEST : UNKNOWN) : v);
                if (b.kind === 'append')
                    appended = true;
            }
            return appended ? assembled(values) : either(values);
        }
        // Module constants imported from elsewhere (TABLE_NAME) are configuration, not data.
        return /^[A-Z][A-Z0-9_]*$/.test(name) ? SANITIZED : UNKNOWN;
    }
    /** request.args["id"], request.GET.get("q"), self.request.POST, data = request.json; data["x"]. */
    isRequestAccess(node, scope, at, depth, seen) {
        let current = node;
        let accessed = false;
        for (let i = 0; i < 32 && current; i++) {
            if (current.type === 'attribute') {
                const object = current.childForFieldName('object');
                const attr = current.childForFieldName('attribute')?.text;
                const objectName = object?.type === 'identifier' ? object.text : object?.type === 'attribute' ? object.childForFieldName('attribute')?.text : undefined;
                if (objectName && python_REQUEST_OBJECTS.has(objectName) && attr && python_REQUEST_FIELDS.has(attr))
                    return true;
                current = object;
            }
            else if (current.type === 'subscript') {
                current = current.childForFieldName('value');
            }
            else if (current.type === 'call') {
                current = current.childForFieldName('function');
            }
            else {
                break;
            }
            accessed = true;
        }
        if (accessed && current?.type === 'identifier')
            return this.resolve(current.text, scope, at, depth + 1, seen).provenance === 'request';
        return false;
    }
    callValue(node, scope, at, depth, seen) {
        const next = (n) => this.value(n, scope, at, depth + 1, seen);
        const fn = node.childForFieldName('function');
        const args = argumentsOf(node);
        if (!fn)
            return UNKNOWN;
        const name = fn.type === 'identifier' ? fn.text : fn.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
        if (name && python_SANITIZERS.has(name))
            return SANITIZED;
        if (fn.type === 'identifier') {
            if (name === 'str' || name === 'repr')
                return next(args.positional[0]);
            return UNKNOWN;
        }
        if (fn.type !== 'attribute' || !name)
            return UNKNOWN;
        const receiver = fn.childForFieldName('object');
        if (this.isRequestAccess(node, scope, at, depth, seen))
            return FROM_REQUEST;
        const base = next(receiver);
        if (name === 'format' && looksLikeString(base)) {
            return assembled([base, ...args.positional.map(next), ...args.keywords.map((k) => next(k.value))]);
        }
        if (name === 'join' && looksLikeString(base))
            return assembled([base, ...args.positional.map(next)]);
        if (python_PASS_THROUGH_METHODS.has(name))
            return base;
        return base.provenance === 'request' ? FROM_REQUEST : UNKNOWN;
    }
    // ---- sinks ----
    check(node, scope) {
        const fn = node.childForFieldName('function');
        if (!fn)
            return;
        const qualified = this.qualified(fn);
        if (!qualified)
            return;
        const name = qualified.slice(qualified.lastIndexOf('.') + 1);
        const args = argumentsOf(node);
        const first = args.positional[0];
        const at = node.startIndex;
        if ((qualified === 'eval' || qualified === 'exec') && fn.type === 'identifier' && first && !this.isShadowed(qualified, scope)) {
            return this.reportValue('secloop.code-injection', node, this.value(first, scope, at), 'any', qualified);
        }
        if (SHELL_ALWAYS.has(qualified) || (SHELL_OPTIONAL.has(qualified) && isTrue(args.keyword('shell')))) {
            const command = first ?? args.keyword('args') ?? args.keyword('cmd');
            if (!command || command.type === 'list' || command.type === 'tuple')
                return;
            return this.reportValue('secloop.command-injection', node, this.value(command, scope, at), 'request-or-built', qualified);
        }
        if (/^yaml\.(load|load_all|unsafe_load|unsafe_load_all)$/.test(qualified) && first) {
            const loader = args.keyword('Loader') ?? args.positional[1];
            const unsafeByName = name.startsWith('unsafe_');
            if (!unsafeByName && loader && SAFE_YAML_LOADERS.test(dottedName(loader) ?? ''))
                return;
            const v = this.value(first, scope, at);
            return this.push('secloop.unsafe-yaml-load', node, { ...v, provenance: v.provenance === 'request' ? 'request' : 'unknown' }, qualified);
        }
        // SQL injection.
        if (name === 'extra' && fn.type === 'attribute') {
            for (const key of ['where', 'select', 'tables', 'order_by']) {
                const arg = args.keyword(key);
                if (arg)
                    this.reportValue('secloop.sql-injection', node, this.value(arg, scope, at), 'request-or-built', 'QuerySet.extra');
            }
            return;
        }
        const raw = RAW_SQL_FUNCTIONS.has(name);
        if (!raw && !SQL_FUNCTIONS.has(name))
            return;
        const sql = first ?? args.keyword('sql') ?? args.keyword('statement');
        if (!sql)
            return;
        const v = this.value(sql, scope, at);
        if (!raw && !looksLikeSql(v.constantText))
            return;
        this.reportValue('secloop.sql-injection', node, v, raw ? 'request-or-built' : 'built', normaliseCallText(fn.text).slice(0, 80));
    }
    isShadowed(name, scope) {
        for (let s = scope; s; s = s.parent)
            if (s.bindings.has(name))
                return true;
        return false;
    }
    reportValue(rule, call, v, need, sink) {
        if (!isTainted(v.provenance))
            return;
        if (need === 'built' && !v.built)
            return;
        if (need === 'request-or-built' && !v.built && v.provenance !== 'request')
            return;
        this.push(rule, call, v, sink);
    }
    push(rule, call, v, sink) {
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
function memberDefault(node) {
    if (node.type === 'attribute') {
        const object = node.childForFieldName('object');
        const attr = node.childForFieldName('attribute')?.text ?? '';
        if (object?.type === 'identifier' && (object.text === 'self' || object.text === 'cls' || object.text === 'settings'))
            return SANITIZED;
        if (/^[A-Z][A-Z0-9_]*$/.test(attr))
            return SANITIZED;
    }
    return UNKNOWN;
}
function dottedName(node) {
    if (node.type === 'identifier')
        return node.text;
    if (node.type !== 'attribute')
        return undefined;
    const object = node.childForFieldName('object');
    const attr = node.childForFieldName('attribute');
    const base = object ? dottedName(object) : undefined;
    return base && attr ? `${base}.${attr.text}` : undefined;
}
function isTrue(node) {
    return node !== undefined && node.type !== 'false' && node.type !== 'none' && !(node.type === 'integer' && node.text === '0');
}
function argumentsOf(call) {
    const positional = [];
    const keywords = [];
    const list = call.childForFieldName('arguments');
    for (const arg of list?.type === 'argument_list' ? list.namedChildren : []) {
        if (!arg || arg.type === 'comment')
            continue;
        if (arg.type === 'keyword_argument') {
            const name = arg.childForFieldName('name')?.text;
            const value = arg.childForFieldName('value');
            if (name && value)
                keywords.push({ name, value });
        }
        else if (arg.type !== 'list_splat' && arg.type !== 'dictionary_splat') {
            positional.push(arg);
        }
    }
    return { positional, keywords, keyword: (name) => keywords.find((k) => k.name === name)?.value };
}
/** Parses one Python file (bounded by the deadline) and returns where the rules fire. */
async function analyzePython(text, deadline) {
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
        let syntaxErrorLine;
        if (root.hasError) {
            const error = firstError(root);
            syntaxErrorLine = (error?.startPosition.row ?? 0) + 1;
        }
        return { detections, syntaxErrorLine };
    }
    finally {
        tree.delete();
    }
}
function firstError(root) {
    const cursor = root.walk();
    try {
        for (;;) {
            const node = cursor.currentNode;
            if (node.isError || node.isMissing)
                return node;
            if (node.hasError && cursor.gotoFirstChild())
                continue;
            while (!cursor.gotoNextSibling())
                if (!cursor.gotoParent())
                    return undefined;
        }
    }
    finally {
        cursor.delete();
    }
}

;// CONCATENATED MODULE: ./actions/scan/src/code/rules.ts
const CODE_RULES = {
    'secloop.sql-injection': {
        id: 'secloop.sql-injection',
        name: 'SQL query built from non-constant data',
        event_type: 'vulnerability.sql_injection',
        cwe: ['CWE-89'],
        severity: 'high',
        severityFromRequest: 'critical',
        help: 'The SQL text handed to the database is assembled from data by concatenation, interpolation or formatting, ' +
            'so a quote in that data changes the query. Keep the SQL constant and pass the values as parameters: ' +
            "JavaScript `db.query('SELECT * FROM users WHERE id = ?', [id])` (pg: `$1`), knex `whereRaw('id = ?', [id])`, " +
            'Prisma `$queryRaw` tagged templates; Python `cursor.execute("SELECT * FROM users WHERE id = %s", (user_id,))`, ' +
            'SQLAlchemy `text("... WHERE id = :id")` with `{"id": user_id}`, Django `raw(sql, [params])`. ' +
            'Identifiers (table or column names) cannot be parameters: pick them from a fixed allow-list.',
        help_uri: 'https://cwe.mitre.org/data/definitions/89.html',
        fix: 'Use a parameterized query: constant SQL with placeholders, values passed separately.',
        tags: ['security', 'injection', 'sql'],
    },
    'secloop.code-injection': {
        id: 'secloop.code-injection',
        name: 'Code evaluated from non-constant data',
        event_type: 'vulnerability.code_injection',
        cwe: ['CWE-95'],
        severity: 'high',
        severityFromRequest: 'critical',
        help: 'eval, new Function, vm.runIn*Context and vm.Script (Python: eval and exec) run their argument as code: ' +
            'whoever controls that data runs code in the process. Parse data instead of evaluating it ' +
            '(JSON.parse, ast.literal_eval, a lookup table of allowed operations); note that the vm module is not a security sandbox.',
        help_uri: 'https://cwe.mitre.org/data/definitions/95.html',
        fix: 'Do not evaluate data as code: parse it (JSON.parse, ast.literal_eval) or dispatch through an allow-list.',
        tags: ['security', 'injection', 'eval'],
    },
    'secloop.command-injection': {
        id: 'secloop.command-injection',
        name: 'Shell command built from non-constant data',
        event_type: 'vulnerability.command_injection',
        cwe: ['CWE-78'],
        severity: 'high',
        severityFromRequest: 'critical',
        help: 'The command line is assembled from data and run by a shell, so `;`, `|`, `$( )` or a space in that data ' +
            'run other commands. Run the program directly with an argument list and no shell: ' +
            "`execFile('convert', [input, output])` or `spawn('git', ['log', ref])` in Node; " +
            "`subprocess.run(['convert', src, dst])` (no shell=True) in Python instead of os.system / os.popen.",
        help_uri: 'https://cwe.mitre.org/data/definitions/78.html',
        fix: 'Pass the program and its arguments as a list to execFile/spawn or subprocess.run without a shell.',
        tags: ['security', 'injection', 'command'],
    },
    'secloop.unsafe-yaml-load': {
        id: 'secloop.unsafe-yaml-load',
        name: 'YAML loaded with a loader that builds arbitrary objects',
        event_type: 'vulnerability.unsafe_deserialization',
        cwe: ['CWE-502'],
        severity: 'high',
        severityFromRequest: 'critical',
        help: 'PyYAML `yaml.load` without a safe Loader (and `yaml.unsafe_load`, or Loader=yaml.Loader / UnsafeLoader / FullLoader) ' +
            'can construct arbitrary Python objects from tags such as `!!python/object/apply`, which runs code. ' +
            'Use `yaml.safe_load(data)` or `yaml.load(data, Loader=yaml.SafeLoader)`.',
        help_uri: 'https://cwe.mitre.org/data/definitions/502.html',
        fix: 'Use yaml.safe_load (or Loader=yaml.SafeLoader / CSafeLoader).',
        tags: ['security', 'deserialization', 'yaml'],
    },
};

;// CONCATENATED MODULE: ./actions/scan/src/code/index.ts






const CODE_SCANNER_NAME = 'code';
/** Larger sources are generated or bundled code, not what a reviewer fixes; they are skipped with a warning. */
const DEFAULT_CODE_MAX_FILE_BYTES = 2 * 1024 * 1024;
/** One file's parse and analysis; a pathological file must not hold up the scan. */
const DEFAULT_FILE_TIME_BUDGET_MS = 5000;
const JAVASCRIPT = /\.(js|jsx|mjs|cjs|ts|tsx|mts|cts)$/i;
const PYTHON = /\.pyw?$/i;
/** Declarations hold no code; minified bundles are build output (their sources are scanned instead). */
const NOT_SOURCE = /(\.d\.[mc]?ts|[.-]min\.js|\.bundle\.js)$/i;
/** Bundles committed to the repository (GitHub Actions commit theirs): the sources they are built from are scanned. */
const BUILD_OUTPUT = /(^|\/)dist\//;
/** Inputs: code-max-file-size (default 2MB). */
async function createCodeScanner({ inputs }) {
    const size = inputs.optional('code-max-file-size');
    return codeScanner({ maxFileBytes: size ? (0,shared_inputs/* parseByteSize */.n)(size, 'code-max-file-size') : DEFAULT_CODE_MAX_FILE_BYTES });
}
/** Injection and unsafe-deserialization rules over JavaScript/TypeScript (Babel) and Python (tree-sitter) syntax trees. */
function codeScanner(options = {}) {
    const maxFileBytes = options.maxFileBytes ?? DEFAULT_CODE_MAX_FILE_BYTES;
    const budget = options.fileTimeBudgetMs ?? DEFAULT_FILE_TIME_BUDGET_MS;
    let findings = [];
    let warnings = [];
    let examined = 0;
    let errors = [];
    let unparsedPython = 0;
    const warn = (file, reason, line) => warnings.push({ file, scanner: CODE_SCANNER_NAME, reason, ...(line ? { line } : {}) });
    return {
        kind: 'text',
        name: CODE_SCANNER_NAME,
        sources: [{ name: 'secloop-code-rules', detail: Object.keys(CODE_RULES).join(', ') }],
        wants: (relativePath, baseName) => (JAVASCRIPT.test(baseName) || PYTHON.test(baseName)) && !NOT_SOURCE.test(baseName) && !BUILD_OUTPUT.test(relativePath),
        async scanText(file, context) {
            if (file.size > maxFileBytes) {
                warn(file.relativePath, `source file is ${file.size} bytes, over the code scanner's limit of ${maxFileBytes} (code-max-file-size); not analysed`);
                return;
            }
            const deadline = Date.now() + budget;
            let detections;
            const python = PYTHON.test(file.relativePath);
            if (python && unparsedPython > 0) {
                unparsedPython++;
                return;
            }
            try {
                if (python) {
                    const result = await analyzePython(file.text, deadline);
                    detections = result.detections;
                    if (result.syntaxErrorLine !== undefined) {
                        warn(file.relativePath, 'Python syntax error; the statements around it were not analysed', result.syntaxErrorLine);
                    }
                }
                else {
                    detections = await analyzeJavaScript(file.relativePath, file.text, deadline);
                }
            }
            catch (error) {
                if (error instanceof SourceParseError)
                    warn(file.relativePath, error.message, lineOf(error));
                else if (error instanceof AnalysisTimeout)
                    warn(file.relativePath, `not analysed: ${error.message} (${budget} ms)`);
                // Deeply nested code can overflow the parser's stack: the file is reported, the scan goes on.
                else if (error instanceof RangeError)
                    warn(file.relativePath, `not analysed: ${error.message}`);
                else if (error instanceof ParserLoadError) {
                    errors.push(error.message);
                    unparsedPython++;
                }
                else {
                    // A bug of this scanner on one file must not cost the other files their analysis.
                    warn(file.relativePath, `not analysed: code scanner failed on this file: ${(0,shared_errors/* errorMessage */.gJ)(error)}`);
                }
                return;
            }
            examined++;
            findings.push(...toFindings(file.relativePath, detections, context.detectedAt));
        },
        async finish() {
            if (unparsedPython > 0)
                errors.push(`${unparsedPython} Python file(s) not analysed: the Python parser could not be loaded`);
            const result = { findings, warnings, errors, examined };
            findings = [];
            warnings = [];
            errors = [];
            examined = 0;
            unparsedPython = 0;
            return result;
        },
    };
}
function lineOf(error) {
    const match = /\((\d+):\d+\)/.exec(error.message);
    return match ? Number(match[1]) : undefined;
}
/**
 * Findings of one file. The fingerprint hashes rule, path and the call's own text (plus its rank among identical
 * calls in the file), never its line: code added above it does not make it a new finding.
 */
function toFindings(path, detections, detectedAt) {
    const seen = new Map();
    const findings = [];
    const sorted = [...detections].sort((a, b) => a.startLine - b.startLine || a.startColumn - b.startColumn);
    for (const d of sorted) {
        const key = `${d.rule}\u0000${path}\u0000${d.callText}`;
        const rank = seen.get(key) ?? 0;
        seen.set(key, rank + 1);
        // Two rules cannot fire on one call, and one rule fires once per call: duplicates come from nested sinks.
        const fingerprint = (0,external_node_crypto_.createHash)('sha256').update(`${key}\u0000${rank}`).digest('hex').slice(0, 32);
        const rule = CODE_RULES[d.rule];
        const fromRequest = d.provenance === 'request';
        findings.push({
            fingerprint,
            kind: 'code',
            event_type: rule.event_type,
            rule: { id: rule.id, name: rule.name, help: rule.help, help_uri: rule.help_uri, cwe: rule.cwe, tags: rule.tags },
            message: `${rule.name}: ${d.sink}(...) gets ${d.detail}`,
            severity: fromRequest ? rule.severityFromRequest : rule.severity,
            severity_source: { source: 'secloop-rule' },
            confidence: confidence(d),
            location: { path, start_line: d.startLine, end_line: d.endLine, start_column: d.startColumn, end_column: d.endColumn },
            fix: { summary: rule.fix, available: false },
            detected_at: detectedAt,
        });
    }
    return findings;
}
/** Request data reaching the sink is near certain; assembled from other data is likely; bare data is possible. */
function confidence(d) {
    if (d.provenance === 'request')
        return 0.9;
    if (d.rule === 'secloop.unsafe-yaml-load')
        return 0.8;
    return d.built ? 0.7 : 0.5;
}


/***/ })

};
