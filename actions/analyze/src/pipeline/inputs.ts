/**
 * Collecting the findings documents to analyse: every `findings.json` under the given directories, and every
 * matching artifact of an ArtifactStore (downloaded first). A document that cannot be read is not skipped: it
 * becomes an input with an error, and the analysis result is "error" — a missing matrix cell must never pass.
 */
import { mkdtemp, readdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import picomatch from 'picomatch';
import type { ArtifactStore } from '../../../../src/shared/artifacts/store.js';
import { parseFindingsDocument } from '../../../../src/shared/contracts/documents.js';
import { forEachEventLine } from '../../../../src/shared/contracts/events.js';
import { FINDINGS_SCHEMA_ID, type FindingsDocument } from '../../../../src/shared/contracts/findings.js';
import { ConfigurationError, errorMessage, InvalidDocumentError } from '../../../../src/shared/errors.js';
import type { AnalysisInput } from '../../../../src/shared/contracts/analysis.js';
import { mapBounded } from './bounded.js';
import { repositoryRelativePaths } from './paths.js';
import { mainThreadReader, type EventLogText, type TextReader } from './text-reader.js';

/** A findings document to read: found under a directory or in a downloaded artifact. */
export interface InputFile {
  /** The artifact name or the directory given. */
  source: string;
  file: string;
  /** Set when there is nothing to read (no findings.json in the artifact, a failed download). */
  error?: string;
}

/**
 * An input's events.jsonl, validated and kept as text to be copied forward: 200,000 findings come with 200,000
 * events, and one string per file costs a fraction of an object per event.
 */
export interface CarriedEvents {
  /**
   * The events, one per line as the file has them (trimmed, blank lines left out), each line ending with a
   * newline. Bytes (ASCII) when the reader's worker vouched for the file: 200,000 events are 92 MB, which are
   * then written out as read, with no string made of them on the way in or encoded on the way out.
   */
  text: string | Buffer;
  /** Each line's event id, in order (made on demand from the worker's JSON list). */
  ids(): string[];
  /**
   * The worker vouched that no id of these events repeats in them or in any other input's carried events
   * (read by the same reader), so they can be written without comparing ids. False when unknown.
   */
  fresh: boolean;
  /** Correlation id → the id of its last scan.completed event (what analysis.complete names as its cause). */
  completed: Map<string, string>;
}

const NO_EVENTS: CarriedEvents = { text: '', ids: () => [], fresh: true, completed: new Map() };

/** What remains of an input once read and merged: its report and its events (the document is dropped). */
export interface LoadedInput {
  report: AnalysisInput;
  events: CarriedEvents;
}

export interface ArtifactSource {
  store: ArtifactStore;
  /** Glob on artifact names (default `secloop-scan-*`). */
  pattern?: string;
  /** Where to download them (default: a new temporary directory). */
  downloadDir?: string;
  /**
   * How many artifacts the matrix uploads (its cell count). A cell that crashed before uploading leaves no
   * artifact to be corrupt: only a count can tell that one is missing.
   */
  expected?: number;
}

export const FINDINGS_FILE = 'findings.json';
export const EVENTS_FILE = 'events.jsonl';
/** Artifact downloads in flight at once. */
const DOWNLOADS_IN_FLIGHT = 8;

/**
 * Schema ids read as v1. A minor revision (`secloop.findings/v1.N`) only adds optional fields by our
 * versioning rule, so it is read as v1 when it validates as v1; anything else names both versions.
 */
export function upgradeFindingsText(text: string, source: string): FindingsDocument {
  // The schema id is the first key our writers emit; only a minor revision needs the document parsed twice.
  const declared = /^\s*\{\s*"schema"\s*:\s*"(secloop\.findings\/v1\.\d+)"/.exec(text.slice(0, 200))?.[1];
  if (declared) {
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

/**
 * Each line validated like parseEvents does, but kept as the line itself: it is copied, not changed. Lines the
 * reader's worker already found valid (`checked`) are not parsed again.
 */
function carriedEvents(read: EventLogText, file: string): CarriedEvents {
  const completed = new Map<string, string>();
  if (read.checked) {
    const pairs = read.checked.completed;
    for (let i = 0; i < pairs.length; i += 2) completed.set(pairs[i]!, pairs[i + 1]!);
    const { ids, repeats } = read.checked;
    let parsed: string[] | undefined;
    return { text: 'bytes' in read ? read.bytes : read.text, ids: () => (parsed ??= JSON.parse(ids) as string[]), fresh: !repeats, completed };
  }
  if ('bytes' in read) throw new Error('unreachable: an event log read as bytes is always checked');
  const kept: string[] = [];
  const ids: string[] = [];
  forEachEventLine(read.text, file, (event, line) => {
    kept.push(line);
    ids.push(event.id);
    if (event.topic === 'scan.completed') completed.set(event.correlation_id, event.id);
  });
  return { text: kept.length > 0 ? `${kept.join('\n')}\n` : '', ids: () => ids, fresh: false, completed };
}

/** An input's files as read from disk, before any parsing: what readAhead keeps in flight. */
export interface InputTexts {
  /**
   * The findings document's text, or why it could not be read. `escaped`: read as JSON, so its non-ASCII
   * characters may be \u escapes (readInput quotes a document it cannot parse from the file itself).
   */
  findings: { text: string; escaped?: boolean } | { error: string };
  /** Its events.jsonl: absent when there is none (a findings.json copied by hand is fine). */
  events?: EventLogText | { error: NodeJS.ErrnoException };
}

/** The I/O half of reading an input, kept apart so the next inputs load while one is parsed. */
export async function readInputTexts(input: InputFile, reader: TextReader = mainThreadReader): Promise<InputTexts> {
  if (input.error) return { findings: { error: input.error } };
  let findings: { text: string; escaped: boolean };
  try {
    findings = { text: await reader.read(input.file, { json: true }), escaped: reader !== mainThreadReader };
  } catch (error) {
    return { findings: { error: `${input.file}: cannot read: ${(error as NodeJS.ErrnoException).code ?? errorMessage(error)}` } };
  }
  // events.jsonl lines are carried forward as they are: read without escapes.
  try {
    return { findings, events: await reader.readEventLog(path.join(path.dirname(input.file), EVENTS_FILE)) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { findings };
    return { findings, events: { error: error as NodeJS.ErrnoException } };
  }
}

/** Reads one input: its report, its events, and the document (which the caller merges and drops). */
export async function readInput(input: InputFile, texts?: InputTexts): Promise<{ loaded: LoadedInput; document?: FindingsDocument }> {
  const report: AnalysisInput = { source: input.source, file: input.file, findings: 0, result: 'unreadable' };
  if (input.error) return { loaded: { report: { ...report, error: input.error }, events: NO_EVENTS } };
  const read = texts ?? (await readInputTexts(input));
  if ('error' in read.findings) {
    report.error = read.findings.error;
    return { loaded: { report, events: NO_EVENTS } };
  }
  let text = read.findings.text;
  let document: FindingsDocument;
  try {
    document = repositoryRelativePaths(upgradeFindingsText(text, input.file));
  } catch (error) {
    report.error = errorMessage(error);
    if (read.findings.escaped) {
      // The problem as the file itself has it (a syntax error's position counts its own characters).
      try {
        text = await mainThreadReader.read(input.file);
        upgradeFindingsText(text, input.file);
      } catch (again) {
        report.error = errorMessage(again);
      }
    }
    const declared = /"schema"\s*:\s*"([^"]*)"/.exec(text.slice(0, 200))?.[1];
    if (declared) report.schema = declared;
    return { loaded: { report, events: NO_EVENTS } };
  }
  report.schema = document.schema;
  report.correlation_id = document.run.correlation_id;
  report.findings = document.findings.length;
  report.result = document.summary.result;
  let events = NO_EVENTS;
  if (read.events && 'error' in read.events) {
    report.error = errorMessage(read.events.error);
  } else if (read.events) {
    try {
      events = carriedEvents(read.events, path.join(path.dirname(input.file), EVENTS_FILE));
    } catch (error) {
      // A corrupt events file is an error like a corrupt document.
      report.error = errorMessage(error);
    }
  }
  return { loaded: { report, events }, document };
}

export async function directoryInputs(dirs: string[]): Promise<InputFile[]> {
  const inputs: InputFile[] = [];
  for (const dir of dirs) {
    const files = await findFindingsFiles(dir);
    if (files.length === 0) inputs.push({ source: dir, file: path.join(dir, FINDINGS_FILE), error: `${dir}: no ${FINDINGS_FILE} found under it` });
    for (const file of files) {
      const relative = path.relative(dir, path.dirname(file));
      inputs.push({ source: relative ? `${dir}/${relative}` : dir, file });
    }
  }
  return inputs;
}

/** Downloads the matching artifacts (in name order) and lists their findings documents. */
export async function artifactInputs(source: ArtifactSource): Promise<InputFile[]> {
  const matches = picomatch(source.pattern ?? 'secloop-scan-*', { dot: true });
  const listed = (await source.store.list({ prefix: 'secloop-' })).filter((a) => matches(a.name));
  const root = source.downloadDir ?? (await mkdtemp(path.join(tmpdir(), 'secloop-analyze-')));
  // Downloads overlap (a local store copies, Actions fetches over HTTP); the inputs keep the name order.
  const downloaded = await mapBounded(listed.sort((a, b) => a.name.localeCompare(b.name)), DOWNLOADS_IN_FLIGHT, async (artifact): Promise<InputFile[]> => {
    let directory: string;
    try {
      directory = source.store.localDirectory?.(artifact) ?? (await source.store.download(artifact, path.join(root, artifact.name)));
    } catch (error) {
      return [{ source: artifact.name, file: FINDINGS_FILE, error: `artifact ${artifact.name}: download failed: ${errorMessage(error)}` }];
    }
    const files = await findFindingsFiles(directory);
    if (files.length === 0) return [{ source: artifact.name, file: FINDINGS_FILE, error: `artifact ${artifact.name} holds no ${FINDINGS_FILE}` }];
    return files.map((file) => ({ source: artifact.name, file }));
  });
  const inputs = downloaded.flat();
  if (source.expected !== undefined && listed.length < source.expected) {
    const names = listed.map((a) => a.name).join(', ') || 'none';
    inputs.push({
      source: source.pattern ?? 'secloop-scan-*',
      file: FINDINGS_FILE,
      error: `expected ${source.expected} artifact(s) matching ${source.pattern ?? 'secloop-scan-*'}, found ${listed.length} (${names}): a matrix cell did not upload its findings`,
    });
  }
  return inputs;
}
