import type { Finding, ScanWarning } from '../../../../../src/shared/contracts/findings.js';
import { errorMessage } from '../../../../../src/shared/errors.js';
import type { ScannerContext, ScannerResult, TextFile, TextScanner } from '../../scanners/types.js';
import { toFinding, type FindingFamily, type RuleHit } from './findings.js';
import { ManifestLimitError } from './yaml.js';

/** Manifests are small; anything larger than this is generated data or an attack on the parser. */
export const MAX_MANIFEST_CHARS = 4 * 1024 * 1024;

export interface FileAnalysis {
  hits: RuleHit[];
  warnings: Omit<ScanWarning, 'scanner' | 'file'>[];
  /** false when the file turned out not to be one of ours (a YAML file that is no manifest). */
  examined: boolean;
}

export interface ManifestScannerSpec {
  name: string;
  family: FindingFamily;
  wants(relativePath: string, baseName: string): boolean;
  analyse(file: TextFile): FileAnalysis;
}

/**
 * The shared shape of the three manifest scanners: analyse each wanted file on its own, turn rule hits into
 * findings, and keep bad input (too large, alias bombs, nesting deep enough to exhaust the stack) as a
 * warning naming the file, so one hostile file never stops the scan.
 */
export function manifestScanner(spec: ManifestScannerSpec): TextScanner {
  const findings = new Map<string, Finding>();
  const warnings: ScanWarning[] = [];
  const errors: string[] = [];
  let examined = 0;

  return {
    kind: 'text',
    name: spec.name,
    wants: spec.wants,
    scanText(file: TextFile, context: ScannerContext) {
      const warn = (reason: string, line?: number) =>
        warnings.push({ file: file.relativePath, ...(line ? { line } : {}), scanner: spec.name, reason });
      if (file.text.length > MAX_MANIFEST_CHARS) {
        warn(`not analysed: ${file.text.length} characters exceeds the ${MAX_MANIFEST_CHARS}-character limit for manifests`);
        return;
      }
      let analysis: FileAnalysis;
      try {
        analysis = spec.analyse(file);
      } catch (error) {
        if (error instanceof ManifestLimitError || error instanceof RangeError) {
          // RangeError: the stack ran out on pathological nesting; bounded, and the file is named.
          warn(`not analysed: ${errorMessage(error)}`);
        } else {
          errors.push(`${spec.name}: ${file.relativePath}: analysis failed: ${errorMessage(error)}`);
          context.logger.error(errors[errors.length - 1]!);
        }
        return;
      }
      for (const w of analysis.warnings) warn(w.reason, w.line);
      if (analysis.examined) examined++;
      for (const hit of analysis.hits) {
        const finding = toFinding(spec.family, file.relativePath, hit, context.detectedAt);
        // The same identity twice in one file (a duplicated key, a repeated step) is one finding.
        if (!findings.has(finding.fingerprint)) findings.set(finding.fingerprint, finding);
      }
    },
    async finish(context: ScannerContext): Promise<ScannerResult> {
      for (const w of warnings) context.logger.warning(`${spec.name}: ${w.reason}`, { file: w.file, line: w.line });
      const list = [...findings.values()].sort(
        (a, b) =>
          a.location.path.localeCompare(b.location.path) ||
          (a.location.start_line ?? 0) - (b.location.start_line ?? 0) ||
          a.rule.id.localeCompare(b.rule.id) ||
          a.fingerprint.localeCompare(b.fingerprint),
      );
      context.logger.info(`${spec.name}: ${examined} file(s) examined, ${list.length} finding(s)`);
      return { findings: list, warnings: [...warnings], errors: [...errors], examined };
    },
  };
}
