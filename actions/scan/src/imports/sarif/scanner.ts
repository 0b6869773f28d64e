/**
 * The `sarif` scanner: imports the SARIF logs of other tools (CodeQL, Semgrep, Trivy, gitleaks, ...) named
 * by the `sarif` input, so their results enter the same loop (analysis, remediation, MTTR) as secloop's own.
 * It wants no file of the walk: it reads the files or folders it is given, and nothing when given none.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Finding } from '../../../../../src/shared/contracts/findings.js';
import type { Scanner, ScannerResult, ScannerSetup } from '../../scanners/types.js';
import { readBounded, walkFiles } from '../common.js';
import { normaliseSarif } from './normalise.js';

/** CodeQL logs of large repositories reach tens of megabytes; far beyond this is not a SARIF log we can hold. */
export const MAX_SARIF_BYTES = 256 * 1024 * 1024;
/** A folder given as input is searched for at most this many logs. */
const MAX_SARIF_FILES = 1000;

export function isSarifFileName(baseName: string): boolean {
  const lower = baseName.toLowerCase();
  return lower.endsWith('.sarif') || lower.endsWith('.sarif.json');
}

/** Input: sarif (list of files or folders of *.sarif / *.sarif.json, relative to the workspace). */
export async function createSarifImportScanner({ inputs, workspace, root }: ScannerSetup): Promise<Scanner> {
  const entries = inputs.list('sarif').map((p) => ({ given: p, absolute: path.resolve(workspace, p) }));
  return sarifImportScanner(entries, [path.resolve(workspace), path.resolve(root)], workspace);
}

export function sarifImportScanner(entries: { given: string; absolute: string }[], roots: string[], workspace: string): Scanner {
  return {
    name: 'sarif',
    sources: entries.length > 0 ? [{ name: 'sarif-import', detail: entries.map((e) => e.given).join(', ') }] : [],
    wants: () => false,
    async scan(_files, { logger, detectedAt }): Promise<ScannerResult> {
      const result: ScannerResult = { findings: [], warnings: [], errors: [], examined: 0 };
      if (entries.length === 0) return result;
      const display = (absolute: string) => path.relative(workspace, absolute).split(path.sep).join('/') || absolute;
      const files = await expandEntries(entries, result, display);
      const findings: Finding[] = [];
      for (const file of files) {
        const shown = display(file);
        const read = await readBounded(file, MAX_SARIF_BYTES);
        if ('problem' in read) {
          result.warnings.push({ file: shown, scanner: 'sarif', reason: read.problem });
          continue;
        }
        let document: unknown;
        try {
          document = JSON.parse(read.text.replace(/^\uFEFF/, ''));
        } catch (error) {
          result.warnings.push({ file: shown, scanner: 'sarif', reason: `not JSON: ${(error as Error).message}` });
          continue;
        }
        const outcome = normaliseSarif(document, shown, detectedAt, roots);
        result.warnings.push(...outcome.warnings);
        if (!outcome.valid) continue;
        result.examined++;
        findings.push(...outcome.findings);
        logger.info(`${shown}: ${outcome.findings.length} finding(s) imported${outcome.leftOut ? `; ${outcome.leftOut} suppressed, passed or absent result(s) left out` : ''}`);
      }
      result.findings = dedupeAcrossFiles(findings);
      for (const w of result.warnings) logger.warning(w.reason, { file: w.file });
      return result;
    },
  };
}

async function expandEntries(entries: { given: string; absolute: string }[], result: ScannerResult, display: (p: string) => string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of entries) {
    let info;
    try {
      info = await stat(entry.absolute);
    } catch {
      // A named report that is not there means the import did not happen: the scan is incomplete, not clean.
      result.errors.push(`sarif input ${JSON.stringify(entry.given)} does not exist (${entry.absolute})`);
      continue;
    }
    if (info.isFile()) {
      files.push(entry.absolute);
      continue;
    }
    const found = await walkFiles(entry.absolute, isSarifFileName, MAX_SARIF_FILES);
    if (found.truncated) {
      result.warnings.push({ file: display(entry.absolute), scanner: 'sarif', reason: `more than ${MAX_SARIF_FILES} SARIF files; only the first ${MAX_SARIF_FILES} were read` });
    }
    if (found.files.length === 0) {
      result.warnings.push({ file: display(entry.absolute), scanner: 'sarif', reason: 'folder holds no *.sarif or *.sarif.json file' });
    }
    files.push(...found.files.map((f) => path.join(entry.absolute, f)));
  }
  return [...new Set(files)];
}

/** The same log given twice (a file and its folder), or two uploads of one run: one finding each. */
function dedupeAcrossFiles(findings: Finding[]): Finding[] {
  const seen = new Map<string, Finding>();
  for (const f of findings) if (!seen.has(f.fingerprint)) seen.set(f.fingerprint, f);
  return [...seen.values()];
}

