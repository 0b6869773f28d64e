/**
 * Collecting the findings documents to analyse: every `findings.json` under the given directories, and every
 * matching artifact of an ArtifactStore (downloaded first). A document that cannot be read is not skipped: it
 * becomes an input with an error, and the analysis result is "error" — a missing matrix cell must never pass.
 */
import { mkdtemp, readdir, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import picomatch from 'picomatch';
import type { ArtifactStore } from '../../../../src/shared/artifacts/store.js';
import { parseFindingsDocument } from '../../../../src/shared/contracts/documents.js';
import { parseEvents, type EventEnvelope } from '../../../../src/shared/contracts/events.js';
import { FINDINGS_SCHEMA_ID, type FindingsDocument } from '../../../../src/shared/contracts/findings.js';
import { ConfigurationError, errorMessage, InvalidDocumentError } from '../../../../src/shared/errors.js';
import type { AnalysisInput } from '../../../../src/shared/contracts/analysis.js';

export interface LoadedInput {
  report: AnalysisInput;
  /** Absent when the document could not be read. */
  document?: FindingsDocument;
  /** The events.jsonl beside the document, carried forward into ours. */
  events: EventEnvelope[];
}

export interface ArtifactSource {
  store: ArtifactStore;
  /** Glob on artifact names (default `secloop-scan-*`). */
  pattern?: string;
  /** Where to download them (default: a new temporary directory). */
  downloadDir?: string;
}

export const FINDINGS_FILE = 'findings.json';
export const EVENTS_FILE = 'events.jsonl';

/**
 * Schema ids read as v1. A minor revision (`secloop.findings/v1.N`) only adds optional fields by our
 * versioning rule, so it is read as v1 when it validates as v1; anything else names both versions.
 */
export function upgradeFindingsText(text: string, source: string): FindingsDocument {
  let declared: unknown;
  try {
    declared = (JSON.parse(text) as { schema?: unknown } | null)?.schema;
  } catch (error) {
    throw new InvalidDocumentError(source, [`not JSON: ${errorMessage(error)}`]);
  }
  if (typeof declared === 'string' && /^secloop\.findings\/v1\.\d+$/.test(declared)) {
    const value = JSON.parse(text) as { schema: string };
    value.schema = FINDINGS_SCHEMA_ID;
    try {
      return parseFindingsDocument(JSON.stringify(value), source);
    } catch (error) {
      const problems = error instanceof InvalidDocumentError ? error.problems : [errorMessage(error)];
      throw new InvalidDocumentError(source, [
        `schema ${declared} is not compatible with ${FINDINGS_SCHEMA_ID}, which this secloop reads: ${problems.slice(0, 3).join('; ')}`,
      ]);
    }
  }
  return parseFindingsDocument(text, source);
}

/** Every `findings.json` below `dir` (or `dir` itself when it is a file), sorted for a stable merge order. */
export async function findFindingsFiles(dir: string): Promise<string[]> {
  let info;
  try {
    info = await stat(dir);
  } catch (error) {
    throw new ConfigurationError(`input ${dir} cannot be read: ${(error as NodeJS.ErrnoException).code ?? errorMessage(error)}`, dir, 'in');
  }
  if (info.isFile()) return [dir];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name === FINDINGS_FILE)
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

async function loadOne(source: string, file: string): Promise<LoadedInput> {
  const report: AnalysisInput = { source, file, findings: 0, result: 'unreadable' };
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    report.error = `${file}: cannot read: ${(error as NodeJS.ErrnoException).code ?? errorMessage(error)}`;
    return { report, events: [] };
  }
  let document: FindingsDocument;
  try {
    document = upgradeFindingsText(text, file);
  } catch (error) {
    report.error = errorMessage(error);
    const declared = /"schema"\s*:\s*"([^"]*)"/.exec(text.slice(0, 200))?.[1];
    if (declared) report.schema = declared;
    return { report, events: [] };
  }
  report.schema = document.schema;
  report.correlation_id = document.run.correlation_id;
  report.findings = document.findings.length;
  report.result = document.summary.result;
  let events: EventEnvelope[] = [];
  const eventsFile = path.join(path.dirname(file), EVENTS_FILE);
  try {
    events = parseEvents(await readFile(eventsFile, 'utf8'), eventsFile);
  } catch (error) {
    // No events file is fine (a findings.json copied by hand); a corrupt one is an error like a corrupt document.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') report.error = errorMessage(error);
  }
  return { report, document, events };
}

export async function loadDirectoryInputs(dirs: string[]): Promise<LoadedInput[]> {
  const loaded: LoadedInput[] = [];
  for (const dir of dirs) {
    const files = await findFindingsFiles(dir);
    if (files.length === 0) {
      loaded.push({
        report: { source: dir, file: path.join(dir, FINDINGS_FILE), findings: 0, result: 'unreadable', error: `${dir}: no ${FINDINGS_FILE} found under it` },
        events: [],
      });
    }
    for (const file of files) {
      const relative = path.relative(dir, path.dirname(file));
      loaded.push(await loadOne(relative ? `${dir}/${relative}` : dir, file));
    }
  }
  return loaded;
}

export async function loadArtifactInputs(source: ArtifactSource): Promise<LoadedInput[]> {
  const pattern = source.pattern ?? 'secloop-scan-*';
  const matches = picomatch(pattern, { dot: true });
  const listed = (await source.store.list({ prefix: 'secloop-' })).filter((a) => matches(a.name));
  const root = source.downloadDir ?? (await mkdtemp(path.join(tmpdir(), 'secloop-analyze-')));
  const loaded: LoadedInput[] = [];
  for (const artifact of listed.sort((a, b) => a.name.localeCompare(b.name))) {
    let directory: string;
    try {
      directory = await source.store.download(artifact, path.join(root, artifact.name));
    } catch (error) {
      loaded.push({
        report: { source: artifact.name, file: FINDINGS_FILE, findings: 0, result: 'unreadable', error: `artifact ${artifact.name}: download failed: ${errorMessage(error)}` },
        events: [],
      });
      continue;
    }
    const files = await findFindingsFiles(directory);
    if (files.length === 0) {
      loaded.push({
        report: { source: artifact.name, file: FINDINGS_FILE, findings: 0, result: 'unreadable', error: `artifact ${artifact.name} holds no ${FINDINGS_FILE}` },
        events: [],
      });
    }
    for (const file of files) loaded.push(await loadOne(artifact.name, file));
  }
  return loaded;
}
