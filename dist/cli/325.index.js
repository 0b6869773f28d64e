export const id = 325;
export const ids = [325];
export const modules = {

/***/ 6477:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $Q: () => (/* binding */ clip),
/* harmony export */   CB: () => (/* binding */ readBounded),
/* harmony export */   Fv: () => (/* binding */ walkFiles),
/* harmony export */   ax: () => (/* binding */ fingerprintOf),
/* harmony export */   u4: () => (/* binding */ isRecord),
/* harmony export */   y0: () => (/* binding */ nonEmptyString)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/**
 * Helpers shared by the importers (foreign SARIF, runtime alerts): scanners whose input is not the walked
 * tree but files or payloads named by the user.
 */



/** A fingerprint from identity parts (never line numbers): sha256, 32 hex characters, as the other scanners. */
function fingerprintOf(parts) {
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function nonEmptyString(value) {
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
/** Keeps generated messages readable and bounded whatever a foreign tool wrote. */
function clip(text, max) {
    const oneSpace = text.replace(/\s+/g, ' ').trim();
    return oneSpace.length <= max ? oneSpace : `${oneSpace.slice(0, max - 1)}…`;
}
/**
 * Reads a whole file as UTF-8 unless it is larger than `maxBytes`: a 2 GB "SARIF" file must end as a warning,
 * not as an out-of-memory crash. Directories and unreadable files come back as a problem, never a throw.
 */
async function readBounded(file, maxBytes) {
    let handle;
    try {
        const info = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.stat)(file);
        if (!info.isFile())
            return { problem: 'not a regular file' };
        if (info.size > maxBytes)
            return { problem: `${info.size} bytes is more than the ${maxBytes}-byte limit` };
        handle = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.open)(file, 'r');
        const buffer = Buffer.alloc(info.size);
        let read = 0;
        while (read < info.size) {
            const { bytesRead } = await handle.read(buffer, read, info.size - read, read);
            if (bytesRead === 0)
                break;
            read += bytesRead;
        }
        return { text: buffer.subarray(0, read).toString('utf8') };
    }
    catch (error) {
        return { problem: `cannot read: ${error.code ?? String(error)}` };
    }
    finally {
        await handle?.close();
    }
}
/** Folders that never hold the user's own reports or manifests, and can be huge. */
const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules', '.hg', '.svn', 'vendor', '__pycache__', '.venv', 'target', 'dist']);
/**
 * Files under `root` (relative paths, sorted) whose name passes `accept`, at most `limit` of them; symbolic
 * links are not followed so a link loop cannot hang the walk.
 */
async function walkFiles(root, accept, limit) {
    const files = [];
    const pending = [''];
    let truncated = false;
    while (pending.length > 0) {
        const relativeDir = pending.pop();
        let entries;
        try {
            entries = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readdir)(node_path__WEBPACK_IMPORTED_MODULE_2___default().join(root, relativeDir), { withFileTypes: true });
        }
        catch {
            continue;
        }
        entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        for (const entry of entries) {
            const relative = relativeDir ? `${relativeDir}/${entry.name}` : entry.name;
            if (entry.isDirectory()) {
                if (!SKIPPED_DIRECTORIES.has(entry.name))
                    pending.push(relative);
            }
            else if (entry.isFile() && accept(entry.name)) {
                if (files.length >= limit) {
                    truncated = true;
                    break;
                }
                files.push(relative);
            }
        }
        if (truncated)
            break;
    }
    return { files: files.sort(), truncated };
}


/***/ }),

/***/ 4325:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  MAX_SARIF_BYTES: () => (/* binding */ MAX_SARIF_BYTES),
  createSarifImportScanner: () => (/* binding */ createSarifImportScanner),
  isSarifFileName: () => (/* binding */ isSarifFileName),
  sarifImportScanner: () => (/* binding */ sarifImportScanner)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./actions/scan/src/imports/common.ts
var common = __webpack_require__(6477);
// EXTERNAL MODULE: ./src/shared/severity/index.ts + 2 modules
var severity = __webpack_require__(3801);
;// CONCATENATED MODULE: ./actions/scan/src/imports/sarif/classify.ts
/**
 * What a foreign SARIF result means in secloop's healing-policy vocabulary. SARIF has no field for "this is a
 * leaked secret" or "this is a vulnerable package", so the class is read from the tool, the rule's name, id and
 * tags, its CWE list and the shape of the tool's message, in this order: secret, dependency, misconfiguration,
 * SQL injection, other code weakness. See docs/sarif-import.md.
 */
/** Driver names as the four tools write them, to one word each (Semgrep says "Semgrep OSS" or "Semgrep PRO"). */
function normaliseToolName(driverName) {
    const lower = driverName.trim().toLowerCase();
    if (lower === 'codeql')
        return 'codeql';
    if (lower.startsWith('semgrep'))
        return 'semgrep';
    if (lower === 'trivy')
        return 'trivy';
    if (lower === 'gitleaks')
        return 'gitleaks';
    return lower.replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'unknown';
}
const TRIVY_PACKAGE_RULE_NAMES = new Set(['ospackagevulnerability', 'languagespecificpackagevulnerability']);
/** Trivy's vulnerability messages begin "Package: <name>\nInstalled Version: <version>". */
function trivyPackage(message) {
    const name = /^Package: (.+)$/m.exec(message)?.[1]?.trim();
    const version = /^Installed Version: (.+)$/m.exec(message)?.[1]?.trim();
    if (!name || !version)
        return undefined;
    const fixed = /^Fixed Version: (.*)$/m.exec(message)?.[1]?.trim();
    return { name, version, ...(fixed ? { fixedVersion: fixed } : {}) };
}
function hasTag(tags, ...wanted) {
    return tags.some((t) => wanted.includes(t.toLowerCase()));
}
function isSecretRule(facts) {
    if (facts.tool === 'gitleaks')
        return true;
    if (facts.ruleName?.toLowerCase() === 'secret')
        return true;
    if (hasTag(facts.tags, 'secret', 'secrets'))
        return true;
    // Hard-coded credentials (CWE-798), passwords (CWE-259) and keys (CWE-321) are secrets in the source.
    if (facts.cwes.some((c) => c === 'CWE-798' || c === 'CWE-259' || c === 'CWE-321'))
        return true;
    // Semgrep's secrets rules live under "<lang>.secrets." or "generic.secrets." without a "secret" tag.
    return /(^|\.)secrets\./i.test(facts.ruleId);
}
function isDependencyRule(facts) {
    if (facts.ruleName && TRIVY_PACKAGE_RULE_NAMES.has(facts.ruleName.toLowerCase()))
        return true;
    return facts.tool === 'trivy' && trivyPackage(facts.message) !== undefined;
}
function misconfigurationKind(facts) {
    const id = facts.ruleId;
    const trivyMisconfiguration = facts.ruleName?.toLowerCase() === 'misconfiguration' || hasTag(facts.tags, 'misconfiguration');
    const semgrepContainer = /^dockerfile\./i.test(id);
    const semgrepKubernetes = /^yaml\.kubernetes\./i.test(id);
    if (!trivyMisconfiguration && !semgrepContainer && !semgrepKubernetes)
        return undefined;
    // Trivy's check ids say which scanner raised them (KSV: Kubernetes, DS: Dockerfile), in old and AVD- forms.
    const type = /^Type: (.+)$/m.exec(facts.message)?.[1]?.trim().toLowerCase() ?? '';
    const base = facts.path.slice(facts.path.lastIndexOf('/') + 1).toLowerCase();
    if (semgrepKubernetes || /^(AVD-)?KSV-?\d+/i.test(id) || type === 'kubernetes' || type === 'helm')
        return 'misconfiguration.kubernetes';
    if (semgrepContainer || /^(AVD-)?DS-?\d+/i.test(id) || type === 'dockerfile' || base === 'dockerfile' || base.endsWith('.dockerfile') || base.startsWith('dockerfile.')) {
        return 'misconfiguration.container';
    }
    return 'misconfiguration.iac';
}
function isSqlInjection(facts) {
    if (facts.cwes.includes('CWE-89'))
        return true;
    const words = [facts.ruleId, facts.ruleName ?? '', ...facts.tags].join(' ');
    // "nosql" injection is its own weakness (CWE-943), not SQL injection.
    return /sql/i.test(words.replace(/nosql/gi, ''));
}
function classify(facts) {
    if (isSecretRule(facts))
        return 'secret.exposed';
    if (isDependencyRule(facts))
        return 'vulnerability.dependency';
    const misconfiguration = misconfigurationKind(facts);
    if (misconfiguration)
        return misconfiguration;
    if (isSqlInjection(facts))
        return 'vulnerability.sql_injection';
    return 'vulnerability.code';
}
/**
 * CWE ids as "CWE-<n>" from the forms the four tools use: CodeQL tags "external/cwe/cwe-089", Semgrep tags
 * "CWE-78: Improper Neutralization ...", a `cwe` property (string or list), and SARIF taxonomy relationships.
 */
function cweIds(candidates) {
    const found = new Set();
    for (const candidate of candidates) {
        if (typeof candidate !== 'string')
            continue;
        const match = /(?:^|\/|\b)cwe[-/_ ]?0*(\d{1,5})\b/i.exec(candidate);
        if (match)
            found.add(`CWE-${match[1]}`);
    }
    return [...found].sort((a, b) => Number(a.slice(4)) - Number(b.slice(4)));
}

;// CONCATENATED MODULE: ./actions/scan/src/imports/sarif/location.ts
/**
 * SARIF artifact URIs as repository-relative paths. Tools write them in several ways: relative with a
 * symbolic base ("src/app.js" + uriBaseId "%SRCROOT%": CodeQL, Semgrep), relative with a base declared in
 * `originalUriBaseIds` (Trivy's "ROOTPATH"), plain relative ("auth.py": gitleaks), or absolute "file://" URIs
 * of the machine that ran the tool. All of them end up as "dir/file.ext" relative to the checkout.
 */


function decode(uri) {
    try {
        return decodeURIComponent(uri);
    }
    catch {
        return uri;
    }
}
/** "file:///home/x/a.js" -> "/home/x/a.js"; "file:///C:/x/a.js" -> "C:/x/a.js"; other strings unchanged. */
function stripFileScheme(uri) {
    if (!/^file:/i.test(uri))
        return uri;
    let rest = uri.replace(/^file:(\/\/[^/]*)?/i, '');
    if (/^\/[A-Za-z]:\//.test(rest))
        rest = rest.slice(1);
    return rest;
}
function isAbsolute(p) {
    return p.startsWith('/') || /^[A-Za-z]:\//.test(p);
}
function clean(p) {
    const slashed = p.replace(/\\/g, '/');
    const normalised = external_node_path_default().posix.normalize(slashed).replace(/^(\.\/)+/, '');
    if (normalised === '.' || normalised === '' || normalised === '/')
        return undefined;
    return normalised.replace(/\/$/, '');
}
/** The absolute base directories a run declares (`originalUriBaseIds`), as plain paths ending in "/". */
function declaredBases(run) {
    const bases = new Map();
    if (!(0,common/* isRecord */.u4)(run.originalUriBaseIds))
        return bases;
    for (const [id, location] of Object.entries(run.originalUriBaseIds)) {
        const uri = (0,common/* isRecord */.u4)(location) ? (0,common/* nonEmptyString */.y0)(location.uri) : undefined;
        if (uri)
            bases.set(id, stripFileScheme(decode(uri)).replace(/\\/g, '/'));
    }
    return bases;
}
/**
 * The repository-relative path of a physicalLocation, or undefined when it names no artifact. `roots` are
 * absolute directories (the workspace and the scan root) that an absolute URI is made relative to.
 */
function sarifPath(run, physical, roots = []) {
    let artifact = (0,common/* isRecord */.u4)(physical.artifactLocation) ? physical.artifactLocation : undefined;
    if (artifact && !(0,common/* nonEmptyString */.y0)(artifact.uri) && typeof artifact.index === 'number' && Array.isArray(run.artifacts)) {
        const listed = run.artifacts[artifact.index];
        if ((0,common/* isRecord */.u4)(listed) && (0,common/* isRecord */.u4)(listed.location))
            artifact = { ...listed.location, ...artifact, uri: listed.location.uri };
    }
    const rawUri = artifact ? (0,common/* nonEmptyString */.y0)(artifact.uri) : undefined;
    if (!rawUri)
        return undefined;
    let candidate = stripFileScheme(decode(rawUri)).replace(/\\/g, '/');
    const bases = declaredBases(run);
    const baseId = artifact ? (0,common/* nonEmptyString */.y0)(artifact.uriBaseId) : undefined;
    if (!isAbsolute(candidate)) {
        // A base that is itself relative ("src/") is a prefix inside the repository; an absolute one is the
        // checkout on the tool's machine, which is our repository root.
        const base = baseId ? bases.get(baseId) : undefined;
        if (base && !isAbsolute(base) && !/^[a-z]+:/i.test(base))
            candidate = `${base.replace(/\/?$/, '/')}${candidate}`;
        return clean(candidate);
    }
    const prefixes = [...bases.values(), ...roots.map((r) => r.replace(/\\/g, '/'))]
        .filter(isAbsolute)
        .map((p) => p.replace(/\/?$/, '/'))
        .sort((a, b) => b.length - a.length);
    for (const prefix of prefixes) {
        if (candidate.startsWith(prefix))
            return clean(candidate.slice(prefix.length));
    }
    // Absolute and outside every known root (a container image path, another machine): kept as written.
    return clean(candidate) ?? candidate;
}

;// CONCATENATED MODULE: ./actions/scan/src/imports/sarif/normalise.ts




const SCANNER = 'sarif';
/** SARIF `level` to our scale; a result with no level anywhere is "warning" (SARIF 2.1.0 §3.27.10). */
const LEVEL_SEVERITY = { error: 'high', warning: 'medium', note: 'low', none: 'info' };
/** Placeholders that tools write where a fingerprint would be (Semgrep without a login): not an identity. */
const PLACEHOLDER_FINGERPRINTS = new Set(['requires login', '', 'null', 'undefined']);
/**
 * gitleaks puts commit metadata under partialFingerprints (commitSha, author, email, date, commitMessage):
 * shared by every secret of a commit, so it identifies no single finding.
 */
const NON_IDENTIFYING_KEYS = {
    gitleaks: new Set(['commitsha', 'email', 'author', 'date', 'commitmessage']),
};
/** `precision` (CodeQL, Trivy, Semgrep) or Semgrep's "HIGH CONFIDENCE" tag, as our 0-1 confidence. */
const PRECISION_CONFIDENCE = { 'very-high': 0.95, high: 0.85, medium: 0.6, low: 0.4 };
/**
 * `file` names the SARIF file in warnings; `roots` are absolute directories that absolute artifact URIs are
 * made relative to (the workspace and the scan root).
 */
function normaliseSarif(document, file, detectedAt, roots = []) {
    const warnings = [];
    const warn = (reason) => warnings.push({ file, scanner: SCANNER, reason });
    if (!(0,common/* isRecord */.u4)(document)) {
        warn('not a SARIF log: the top level is not a JSON object');
        return { findings: [], warnings, valid: false, leftOut: 0 };
    }
    if (document.version !== '2.1.0') {
        warn(`field "version" is ${JSON.stringify(document.version ?? null)}; expected "2.1.0" (only SARIF 2.1.0 is read)`);
        return { findings: [], warnings, valid: false, leftOut: 0 };
    }
    if (!Array.isArray(document.runs)) {
        warn('field "runs" is missing or not an array; expected the list of runs of a SARIF 2.1.0 log');
        return { findings: [], warnings, valid: false, leftOut: 0 };
    }
    const findings = [];
    const counter = { leftOut: 0 };
    document.runs.forEach((run, runIndex) => {
        const driverName = (0,common/* isRecord */.u4)(run) && (0,common/* isRecord */.u4)(run.tool) && (0,common/* isRecord */.u4)(run.tool.driver) ? (0,common/* nonEmptyString */.y0)(run.tool.driver.name) : undefined;
        if (!(0,common/* isRecord */.u4)(run) || !driverName) {
            warn(`runs[${runIndex}].tool.driver.name is missing; the run is skipped (SARIF requires the tool's name)`);
            return;
        }
        findings.push(...normaliseRun(run, runIndex, driverName, file, roots, detectedAt, warn, counter));
    });
    return { findings: mergeDuplicates(findings), warnings, valid: true, leftOut: counter.leftOut };
}
function normaliseRun(run, runIndex, driverName, file, roots, detectedAt, warn, counter) {
    const tool = normaliseToolName(driverName);
    const results = Array.isArray(run.results) ? run.results : [];
    const prepared = [];
    results.forEach((result, resultIndex) => {
        const where = `runs[${runIndex}].results[${resultIndex}]`;
        if (!(0,common/* isRecord */.u4)(result)) {
            warn(`${where} is not an object; skipped`);
            return;
        }
        if (!isOpenProblem(result)) {
            counter.leftOut++;
            return;
        }
        const rule = ruleOf(run, result);
        if (!rule) {
            warn(`${where} has no ruleId, rule.id or resolvable ruleIndex; skipped`);
            return;
        }
        const location = locationOf(run, result, where, file, roots, warn);
        prepared.push({ result, rule, location, theirs: theirFingerprint(tool, result) });
    });
    const degenerate = degenerateFingerprints(prepared);
    return prepared.map((p) => toFinding(p, tool, driverName, degenerate, detectedAt));
}
/**
 * Only open problems become findings: SARIF also reports passed checks (kind "pass"), results suppressed in
 * the source (`suppressions` with status "accepted", or no status, which means accepted) and, in baseline
 * comparisons, results that are gone ("absent").
 */
function isOpenProblem(result) {
    const kind = typeof result.kind === 'string' ? result.kind : 'fail';
    if (kind !== 'fail' && kind !== 'open' && kind !== 'review')
        return false;
    if (result.baselineState === 'absent')
        return false;
    if (Array.isArray(result.suppressions)) {
        const accepted = result.suppressions.some((s) => (0,common/* isRecord */.u4)(s) && (s.status === undefined || s.status === 'accepted'));
        if (accepted)
            return false;
    }
    return true;
}
/**
 * The rule of a result: by `rule.toolComponent.index` into `tool.extensions` (CodeQL puts its queries in
 * query-pack extensions and leaves driver.rules empty), then `ruleIndex`/`rule.index` into that component's
 * rules, then by id among the driver's and every extension's rules.
 */
function ruleOf(run, result) {
    const reference = (0,common/* isRecord */.u4)(result.rule) ? result.rule : undefined;
    const tool = (0,common/* isRecord */.u4)(run.tool) ? run.tool : {};
    const driver = (0,common/* isRecord */.u4)(tool.driver) ? tool.driver : {};
    const extensions = Array.isArray(tool.extensions) ? tool.extensions.filter(common/* isRecord */.u4) : [];
    const componentIndex = reference && (0,common/* isRecord */.u4)(reference.toolComponent) ? reference.toolComponent.index : undefined;
    const component = typeof componentIndex === 'number' ? extensions[componentIndex] : driver;
    const componentRules = component && Array.isArray(component.rules) ? component.rules : [];
    const index = typeof reference?.index === 'number' ? reference.index : typeof result.ruleIndex === 'number' ? result.ruleIndex : undefined;
    const byIndex = index !== undefined && (0,common/* isRecord */.u4)(componentRules[index]) ? componentRules[index] : undefined;
    const id = (0,common/* nonEmptyString */.y0)(result.ruleId) ?? (0,common/* nonEmptyString */.y0)(reference?.id) ?? (0,common/* nonEmptyString */.y0)(byIndex?.id);
    if (!id)
        return undefined;
    if (byIndex && (byIndex.id === id || id.startsWith(`${String(byIndex.id)}/`)))
        return { id, descriptor: byIndex };
    for (const rules of [driver.rules, ...extensions.map((e) => e.rules)]) {
        if (!Array.isArray(rules))
            continue;
        // A hierarchical ruleId ("CA2101/1") belongs to the rule whose id is its first segment (SARIF §3.27.5).
        const found = rules.find((r) => (0,common/* isRecord */.u4)(r) && (r.id === id || (typeof r.id === 'string' && id.startsWith(`${r.id}/`))));
        if ((0,common/* isRecord */.u4)(found))
            return { id, descriptor: found };
    }
    return { id, descriptor: byIndex };
}
function locationOf(run, result, where, sarifFile, roots, warn) {
    const first = Array.isArray(result.locations) ? result.locations.find((l) => (0,common/* isRecord */.u4)(l) && (0,common/* isRecord */.u4)(l.physicalLocation)) : undefined;
    const physical = (0,common/* isRecord */.u4)(first) && (0,common/* isRecord */.u4)(first.physicalLocation) ? first.physicalLocation : undefined;
    const resolved = physical ? sarifPath(run, physical, roots) : undefined;
    if (!resolved) {
        warn(`${where} has no physicalLocation with an artifact URI; reported at the SARIF file itself`);
        return { path: sarifFile };
    }
    const location = { path: resolved };
    const region = physical && (0,common/* isRecord */.u4)(physical.region) ? physical.region : undefined;
    if (region) {
        const startLine = positive(region.startLine);
        if (startLine) {
            location.start_line = startLine;
            const endLine = positive(region.endLine);
            if (endLine && endLine >= startLine)
                location.end_line = endLine;
            const startColumn = positive(region.startColumn);
            if (startColumn)
                location.start_column = startColumn;
            const endColumn = positive(region.endColumn);
            if (endColumn)
                location.end_column = endColumn;
        }
    }
    return location;
}
function positive(value) {
    return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : undefined;
}
/** The tool's own fingerprints (`fingerprints` and `partialFingerprints`), minus placeholders, as one string. */
function theirFingerprint(tool, result) {
    const ignored = NON_IDENTIFYING_KEYS[tool];
    const parts = [];
    for (const field of ['fingerprints', 'partialFingerprints']) {
        const map = result[field];
        if (!(0,common/* isRecord */.u4)(map))
            continue;
        for (const [key, value] of Object.entries(map)) {
            if (typeof value !== 'string' || PLACEHOLDER_FINGERPRINTS.has(value.trim().toLowerCase()))
                continue;
            if (ignored?.has(key.toLowerCase()))
                continue;
            parts.push(`${field}.${key}=${value}`);
        }
    }
    return parts.length > 0 ? parts.sort().join('\n') : undefined;
}
/**
 * A fingerprint that the same rule gives to results at different places identifies nothing (a constant, or a
 * hash of surrounding code that repeats): those results fall back to our own identity.
 */
function degenerateFingerprints(prepared) {
    const places = new Map();
    for (const p of prepared) {
        if (!p.theirs)
            continue;
        const key = `${p.rule.id}\u0000${p.theirs}`;
        const place = `${p.location.path}:${p.location.start_line ?? 0}:${p.location.start_column ?? 0}`;
        const seen = places.get(key) ?? new Set();
        seen.add(place);
        places.set(key, seen);
    }
    return new Set([...places].filter(([, seen]) => seen.size > 1).map(([key]) => key));
}
function normalise_text(value) {
    return (0,common/* isRecord */.u4)(value) ? (0,common/* nonEmptyString */.y0)(value.text) ?? (0,common/* nonEmptyString */.y0)(value.markdown) : undefined;
}
/** The message text, with `messageStrings` templates filled in and SARIF's embedded links "[text](n)" flattened. */
function messageOf(result, rule) {
    const message = (0,common/* isRecord */.u4)(result.message) ? result.message : {};
    let raw = (0,common/* nonEmptyString */.y0)(message.text);
    if (!raw && typeof message.id === 'string' && rule.descriptor && (0,common/* isRecord */.u4)(rule.descriptor.messageStrings)) {
        raw = normalise_text(rule.descriptor.messageStrings[message.id]);
    }
    if (!raw)
        return '';
    const args = Array.isArray(message.arguments) ? message.arguments.map(String) : [];
    return raw.replace(/\{(\d+)\}/g, (whole, n) => args[Number(n)] ?? whole).replace(/\[([^\]]*)\]\(\d+\)/g, '$1');
}
function stringList(value) {
    if (typeof value === 'string')
        return [value];
    return Array.isArray(value) ? value.filter((v) => typeof v === 'string') : [];
}
function toFinding(p, tool, driverName, degenerate, detectedAt) {
    const descriptor = p.rule.descriptor ?? {};
    const ruleProperties = (0,common/* isRecord */.u4)(descriptor.properties) ? descriptor.properties : {};
    const resultProperties = (0,common/* isRecord */.u4)(p.result.properties) ? p.result.properties : {};
    const ruleTags = stringList(ruleProperties.tags);
    const tags = [...new Set([tool, ...ruleTags, ...stringList(resultProperties.tags)])].slice(0, 25);
    const relationships = Array.isArray(descriptor.relationships)
        ? descriptor.relationships
            .filter(common/* isRecord */.u4)
            .map((r) => ((0,common/* isRecord */.u4)(r.target) && (0,common/* isRecord */.u4)(r.target.toolComponent) && /cwe/i.test(String(r.target.toolComponent.name)) ? `CWE-${String(r.target.id)}` : undefined))
        : [];
    const cwes = cweIds([...ruleTags, ...stringList(ruleProperties.cwe), ...stringList(resultProperties.cwe), ...relationships]);
    const rawMessage = messageOf(p.result, p.rule);
    const ruleName = (0,common/* nonEmptyString */.y0)(descriptor.name);
    const facts = { tool, ruleId: p.rule.id, ruleName, tags, cwes, message: rawMessage, path: p.location.path };
    const eventType = classify(facts);
    const secret = eventType === 'secret.exposed';
    const title = normalise_text(descriptor.shortDescription) ?? ruleName ?? p.rule.id;
    const severity = severityOf(p.result, descriptor, ruleProperties, resultProperties, secret);
    const snippet = snippetOf(p.result);
    const pkg = eventType === 'vulnerability.dependency' ? trivyPackage(rawMessage) : undefined;
    // Identity: the tool's own fingerprint when it has a usable one; else what the result is about (rule, file,
    // package or code) but never the line, so a shifted line is the same finding.
    const identityKey = `${p.rule.id}\u0000${p.theirs ?? ''}`;
    const identity = p.theirs && !degenerate.has(identityKey)
        ? ['theirs', p.theirs]
        : pkg
            ? ['package', p.location.path, pkg.name, pkg.version]
            : ['content', p.location.path, (0,common/* clip */.$Q)(snippet ?? rawMessage, 2000)];
    const fingerprint = (0,common/* fingerprintOf */.ax)(['sarif', tool, p.rule.id, ...identity]);
    const where = `${p.location.path}${p.location.start_line ? `:${p.location.start_line}` : ''}`;
    // A secret scanner's message and snippet may hold the secret itself (gitleaks writes the match into the
    // snippet): for secrets we write our own sentence and keep none of their text.
    const message = secret
        ? `${driverName} rule ${p.rule.id} (${title}) found a secret at ${where}; the tool's message and snippet are not copied`
        : `${driverName} ${p.rule.id}: ${(0,common/* clip */.$Q)(rawMessage || title, 1000)} (${where})`;
    const help = secret ? (0,common/* clip */.$Q)(title, 4000) : (0,common/* clip */.$Q)(normalise_text(descriptor.help) ?? normalise_text(descriptor.fullDescription) ?? title, 4000);
    const helpUri = (0,common/* nonEmptyString */.y0)(descriptor.helpUri);
    const finding = {
        fingerprint,
        kind: 'sarif',
        event_type: eventType,
        rule: {
            id: p.rule.id,
            name: (0,common/* clip */.$Q)(title, 200),
            help,
            ...(helpUri ? { help_uri: helpUri } : {}),
            ...(cwes.length > 0 ? { cwe: cwes } : {}),
            tags,
        },
        message,
        severity: severity.level,
        severity_source: severity.source,
        confidence: confidenceOf(ruleProperties, ruleTags),
        location: p.location,
        detected_at: detectedAt,
    };
    if (pkg) {
        const fixed = pkg.fixedVersion?.split(',')[0]?.trim();
        finding.fix = fixed
            ? { summary: `Upgrade ${pkg.name} from ${pkg.version} to ${fixed} or later`, fixed_version: fixed, available: true }
            : { summary: `No fixed version of ${pkg.name} is known to ${driverName}`, available: false };
    }
    return finding;
}
function snippetOf(result) {
    const first = Array.isArray(result.locations) ? result.locations[0] : undefined;
    const physical = (0,common/* isRecord */.u4)(first) && (0,common/* isRecord */.u4)(first.physicalLocation) ? first.physicalLocation : undefined;
    const region = physical && (0,common/* isRecord */.u4)(physical.region) ? physical.region : undefined;
    return region ? normalise_text(region.snippet) : undefined;
}
/**
 * Severity: the rule's (or result's) `security-severity` score, a CVSS-like 0-10 number that GitHub code
 * scanning also reads, in CVSS bands; else the result's `level`, else the rule's default level, else
 * SARIF's default "warning". A secret with no level at all (gitleaks writes none) is high: an exposed
 * credential is never a medium matter.
 */
function severityOf(result, descriptor, ruleProperties, resultProperties, secret) {
    for (const candidate of [resultProperties['security-severity'], ruleProperties['security-severity']]) {
        const score = typeof candidate === 'number' ? candidate : typeof candidate === 'string' && candidate.trim() !== '' ? Number(candidate) : NaN;
        if (Number.isFinite(score) && score >= 0 && score <= 10) {
            return { level: (0,severity/* severityFromScore */.qI)(score), source: { source: 'sarif:security-severity', score } };
        }
    }
    const defaultConfiguration = (0,common/* isRecord */.u4)(descriptor.defaultConfiguration) ? descriptor.defaultConfiguration : {};
    const level = typeof result.level === 'string' ? result.level : typeof defaultConfiguration.level === 'string' ? defaultConfiguration.level : undefined;
    if (level && level in LEVEL_SEVERITY)
        return { level: LEVEL_SEVERITY[level], source: { source: `sarif:level:${level}` } };
    if (secret)
        return { level: 'high', source: { source: 'sarif:secret-without-level' } };
    return { level: 'medium', source: { source: 'sarif:level:warning (default)' } };
}
function confidenceOf(ruleProperties, ruleTags) {
    const precision = typeof ruleProperties.precision === 'string' ? PRECISION_CONFIDENCE[ruleProperties.precision.toLowerCase()] : undefined;
    if (precision !== undefined)
        return precision;
    const tagged = ruleTags.map((t) => /^(HIGH|MEDIUM|LOW) CONFIDENCE$/i.exec(t)?.[1]?.toLowerCase()).find(Boolean);
    return tagged ? PRECISION_CONFIDENCE[tagged] : 0.7;
}
/** The same finding reported more than once (one per affected line, or two runs) becomes one, with its other places. */
function mergeDuplicates(findings) {
    const byFingerprint = new Map();
    for (const finding of findings) {
        const kept = byFingerprint.get(finding.fingerprint);
        if (!kept) {
            byFingerprint.set(finding.fingerprint, finding);
            continue;
        }
        const same = (a, b) => a.path === b.path && a.start_line === b.start_line && a.start_column === b.start_column;
        if (same(kept.location, finding.location) || kept.other_locations?.some((l) => same(l, finding.location)))
            continue;
        (kept.other_locations ??= []).push(finding.location);
    }
    return [...byFingerprint.values()];
}

;// CONCATENATED MODULE: ./actions/scan/src/imports/sarif/scanner.ts
/**
 * The `sarif` scanner: imports the SARIF logs of other tools (CodeQL, Semgrep, Trivy, gitleaks, ...) named
 * by the `sarif` input, so their results enter the same loop (analysis, remediation, MTTR) as secloop's own.
 * It wants no file of the walk: it reads the files or folders it is given, and nothing when given none.
 */




/** CodeQL logs of large repositories reach tens of megabytes; far beyond this is not a SARIF log we can hold. */
const MAX_SARIF_BYTES = 256 * 1024 * 1024;
/** A folder given as input is searched for at most this many logs. */
const MAX_SARIF_FILES = 1000;
function isSarifFileName(baseName) {
    const lower = baseName.toLowerCase();
    return lower.endsWith('.sarif') || lower.endsWith('.sarif.json');
}
/** Input: sarif (list of files or folders of *.sarif / *.sarif.json, relative to the workspace). */
async function createSarifImportScanner({ inputs, workspace, root }) {
    const entries = inputs.list('sarif').map((p) => ({ given: p, absolute: external_node_path_default().resolve(workspace, p) }));
    return sarifImportScanner(entries, [external_node_path_default().resolve(workspace), external_node_path_default().resolve(root)], workspace);
}
function sarifImportScanner(entries, roots, workspace) {
    return {
        name: 'sarif',
        sources: entries.length > 0 ? [{ name: 'sarif-import', detail: entries.map((e) => e.given).join(', ') }] : [],
        wants: () => false,
        async scan(_files, { logger, detectedAt }) {
            const result = { findings: [], warnings: [], errors: [], examined: 0 };
            if (entries.length === 0)
                return result;
            const display = (absolute) => external_node_path_default().relative(workspace, absolute).split((external_node_path_default()).sep).join('/') || absolute;
            const files = await expandEntries(entries, result, display);
            const findings = [];
            for (const file of files) {
                const shown = display(file);
                const read = await (0,common/* readBounded */.CB)(file, MAX_SARIF_BYTES);
                if ('problem' in read) {
                    result.warnings.push({ file: shown, scanner: 'sarif', reason: read.problem });
                    continue;
                }
                let document;
                try {
                    document = JSON.parse(read.text.replace(/^\uFEFF/, ''));
                }
                catch (error) {
                    result.warnings.push({ file: shown, scanner: 'sarif', reason: `not JSON: ${error.message}` });
                    continue;
                }
                const outcome = normaliseSarif(document, shown, detectedAt, roots);
                result.warnings.push(...outcome.warnings);
                if (!outcome.valid)
                    continue;
                result.examined++;
                findings.push(...outcome.findings);
                logger.info(`${shown}: ${outcome.findings.length} finding(s) imported${outcome.leftOut ? `; ${outcome.leftOut} suppressed, passed or absent result(s) left out` : ''}`);
            }
            result.findings = dedupeAcrossFiles(findings);
            for (const w of result.warnings)
                logger.warning(w.reason, { file: w.file });
            return result;
        },
    };
}
async function expandEntries(entries, result, display) {
    const files = [];
    for (const entry of entries) {
        let info;
        try {
            info = await (0,promises_.stat)(entry.absolute);
        }
        catch {
            // A named report that is not there means the import did not happen: the scan is incomplete, not clean.
            result.errors.push(`sarif input ${JSON.stringify(entry.given)} does not exist (${entry.absolute})`);
            continue;
        }
        if (info.isFile()) {
            files.push(entry.absolute);
            continue;
        }
        const found = await (0,common/* walkFiles */.Fv)(entry.absolute, isSarifFileName, MAX_SARIF_FILES);
        if (found.truncated) {
            result.warnings.push({ file: display(entry.absolute), scanner: 'sarif', reason: `more than ${MAX_SARIF_FILES} SARIF files; only the first ${MAX_SARIF_FILES} were read` });
        }
        if (found.files.length === 0) {
            result.warnings.push({ file: display(entry.absolute), scanner: 'sarif', reason: 'folder holds no *.sarif or *.sarif.json file' });
        }
        files.push(...found.files.map((f) => external_node_path_default().join(entry.absolute, f)));
    }
    return [...new Set(files)];
}
/** The same log given twice (a file and its folder), or two uploads of one run: one finding each. */
function dedupeAcrossFiles(findings) {
    const seen = new Map();
    for (const f of findings)
        if (!seen.has(f.fingerprint))
            seen.set(f.fingerprint, f);
    return [...seen.values()];
}


/***/ })

};
