import { createHash } from 'node:crypto';
import type { Finding, ScanWarning } from '../../../../src/shared/contracts/findings.js';
import { errorMessage } from '../../../../src/shared/errors.js';
import { parseByteSize } from '../../../../src/shared/inputs.js';
import type { ScannerContext, ScannerResult, ScannerSetup, TextFile, TextScanner } from '../scanners/types.js';
import { AnalysisTimeout, SourceParseError, analyzeJavaScript } from './javascript.js';
import { ParserLoadError, analyzePython } from './python.js';
import { CODE_RULES } from './rules.js';
import type { Detection } from './values.js';

export const CODE_SCANNER_NAME = 'code';
/** Larger sources are generated or bundled code, not what a reviewer fixes; they are skipped with a warning. */
export const DEFAULT_CODE_MAX_FILE_BYTES = 2 * 1024 * 1024;
/** One file's parse and analysis; a pathological file must not hold up the scan. */
export const DEFAULT_FILE_TIME_BUDGET_MS = 5000;

const JAVASCRIPT = /\.(js|jsx|mjs|cjs|ts|tsx|mts|cts)$/i;
const PYTHON = /\.pyw?$/i;
/** Declarations hold no code; minified bundles are build output (their sources are scanned instead). */
const NOT_SOURCE = /(\.d\.[mc]?ts|[.-]min\.js|\.bundle\.js)$/i;

/** Bundles committed to the repository (GitHub Actions commit theirs): the sources they are built from are scanned. */
const BUILD_OUTPUT = /(^|\/)dist\//;

export interface CodeScannerOptions {
  maxFileBytes?: number;
  fileTimeBudgetMs?: number;
}

/** Inputs: code-max-file-size (default 2MB). */
export async function createCodeScanner({ inputs }: ScannerSetup): Promise<TextScanner> {
  const size = inputs.optional('code-max-file-size');
  return codeScanner({ maxFileBytes: size ? parseByteSize(size, 'code-max-file-size') : DEFAULT_CODE_MAX_FILE_BYTES });
}

/** Injection and unsafe-deserialization rules over JavaScript/TypeScript (Babel) and Python (tree-sitter) syntax trees. */
export function codeScanner(options: CodeScannerOptions = {}): TextScanner {
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_CODE_MAX_FILE_BYTES;
  const budget = options.fileTimeBudgetMs ?? DEFAULT_FILE_TIME_BUDGET_MS;
  let findings: Finding[] = [];
  let warnings: ScanWarning[] = [];
  let examined = 0;
  let errors: string[] = [];
  let unparsedPython = 0;
  const warn = (file: string, reason: string, line?: number) => warnings.push({ file, scanner: CODE_SCANNER_NAME, reason, ...(line ? { line } : {}) });

  return {
    kind: 'text',
    name: CODE_SCANNER_NAME,
    sources: [{ name: 'secloop-code-rules', detail: Object.keys(CODE_RULES).join(', ') }],
    wants: (relativePath, baseName) => (JAVASCRIPT.test(baseName) || PYTHON.test(baseName)) && !NOT_SOURCE.test(baseName) && !BUILD_OUTPUT.test(relativePath),
    async scanText(file: TextFile, context: ScannerContext): Promise<void> {
      if (file.size > maxFileBytes) {
        warn(file.relativePath, `source file is ${file.size} bytes, over the code scanner's limit of ${maxFileBytes} (code-max-file-size); not analysed`);
        return;
      }
      const deadline = Date.now() + budget;
      let detections: Detection[];
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
        } else {
          detections = await analyzeJavaScript(file.relativePath, file.text, deadline);
        }
      } catch (error) {
        if (error instanceof SourceParseError) warn(file.relativePath, error.message, lineOf(error));
        else if (error instanceof AnalysisTimeout) warn(file.relativePath, `not analysed: ${error.message} (${budget} ms)`);
        // Deeply nested code can overflow the parser's stack: the file is reported, the scan goes on.
        else if (error instanceof RangeError) warn(file.relativePath, `not analysed: ${error.message}`);
        else if (error instanceof ParserLoadError) {
          errors.push(error.message);
          unparsedPython++;
        } else {
          // A bug of this scanner on one file must not cost the other files their analysis.
          warn(file.relativePath, `not analysed: code scanner failed on this file: ${errorMessage(error)}`);
        }
        return;
      }
      examined++;
      findings.push(...toFindings(file.relativePath, detections, context.detectedAt));
    },
    async finish(): Promise<ScannerResult> {
      if (unparsedPython > 0) errors.push(`${unparsedPython} Python file(s) not analysed: the Python parser could not be loaded`);
      const result: ScannerResult = { findings, warnings, errors, examined };
      findings = [];
      warnings = [];
      errors = [];
      examined = 0;
      unparsedPython = 0;
      return result;
    },
  };
}

function lineOf(error: Error): number | undefined {
  const match = /\((\d+):\d+\)/.exec(error.message);
  return match ? Number(match[1]) : undefined;
}

/**
 * Findings of one file. The fingerprint hashes rule, path and the call's own text (plus its rank among identical
 * calls in the file), never its line: code added above it does not make it a new finding.
 */
export function toFindings(path: string, detections: Detection[], detectedAt: string): Finding[] {
  const seen = new Map<string, number>();
  const findings: Finding[] = [];
  const sorted = [...detections].sort((a, b) => a.startLine - b.startLine || a.startColumn - b.startColumn);
  for (const d of sorted) {
    const key = `${d.rule}\u0000${path}\u0000${d.callText}`;
    const rank = seen.get(key) ?? 0;
    seen.set(key, rank + 1);
    // Two rules cannot fire on one call, and one rule fires once per call: duplicates come from nested sinks.
    const fingerprint = createHash('sha256').update(`${key}\u0000${rank}`).digest('hex').slice(0, 32);
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
function confidence(d: Detection): number {
  if (d.provenance === 'request') return 0.9;
  if (d.rule === 'secloop.unsafe-yaml-load') return 0.8;
  return d.built ? 0.7 : 0.5;
}
