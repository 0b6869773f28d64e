/**
 * The analysis document (`secloop.analysis/v2`, analysis.json): what the analyze agent writes and remediate,
 * the PR reporter and the MTTR report read. Every finding of the merged scan documents, with its baseline
 * status, alias group, correlations, suppression and decision; the findings the baseline had and this run
 * no longer has (`fixed`); the gate result; which suppressions expired or went unused; and every input.
 *
 * The schema (analysis-schema.ts) reuses the findings schema's finding item and adds the analyze fields, so
 * the two cannot drift. Its validator is generated like the other contracts' (scripts/generate-validators.js).
 *
 * In memory a document is always the expanded form (AnalysisDocument: every finding holds its rule, advisory
 * and decision). On disk, v2 keeps each rule, advisory and decision once in a table and a finding names it by
 * index (analysis-schema.ts says why); the reader expands v2 and still reads v1, which stored them inline.
 */
import { mkdir, open, readFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { AnalyzedFinding, Decision, GateResult } from '../../../actions/analyze/src/types.js';
import { InvalidDocumentError } from '../errors.js';
import { ANALYSIS_SCHEMA_ID, ANALYSIS_SCHEMA_ID_V1, analysisRowsSchema, analysisSchema, BASELINE_STATUSES, DECISION_OUTCOMES } from './analysis-schema.js';
import type { Finding, FindingAdvisory, RunMetadata, SeverityLevel } from './findings.js';
import { assertValid } from './validate.js';

export { ANALYSIS_SCHEMA_ID, ANALYSIS_SCHEMA_ID_V1, analysisSchema, BASELINE_STATUSES, DECISION_OUTCOMES };

/** One findings document that was read (or could not be read). */
export interface AnalysisInput {
  /** The artifact name or the directory given. */
  source: string;
  /** The findings.json inside it. */
  file: string;
  schema?: string;
  correlation_id?: string;
  findings: number;
  /** The scan's own result, or "unreadable" when the document could not be read. */
  result: 'pass' | 'fail' | 'error' | 'unreadable';
  error?: string;
}

/** A config-as-code ignore entry, as reported when it expired or matched nothing. */
export interface IgnoreEntryReport {
  /** `secloop.yml#ignore[2]` */
  source: string;
  line?: number;
  id?: string;
  fingerprint?: string;
  package?: string;
  reason: string;
  expires?: string;
  owner?: string;
}

/** A finding of the baseline that this run no longer has. */
export type FixedFinding = Finding & { status: 'fixed' };

export interface AnalysisSummary {
  /** Findings after merging duplicates (matrix cells that found the same thing count once). */
  total: number;
  /** Alias groups: one vulnerability of one package reached through several ids or sources counts once. */
  groups: number;
  by_severity: Record<SeverityLevel, number>;
  by_status: Record<(typeof BASELINE_STATUSES)[number], number>;
  suppressed: number;
  by_outcome: Record<(typeof DECISION_OUTCOMES)[number], number>;
  max_severity: SeverityLevel | 'none';
  result: 'pass' | 'fail' | 'error';
}

export interface AnalysisDocument {
  schema: typeof ANALYSIS_SCHEMA_ID;
  run: Pick<RunMetadata, 'tool' | 'repository' | 'ref' | 'sha' | 'workflow_run' | 'started_at' | 'finished_at' | 'correlation_id'> & {
    agent: 'analyze';
    config_file?: string;
    vex_files: string[];
    /** Where the baseline came from and how many findings it had; absent when there was none. */
    baseline?: { source: string; findings: number };
  };
  inputs: AnalysisInput[];
  summary: AnalysisSummary;
  gate: GateResult;
  findings: AnalyzedFinding[];
  fixed: FixedFinding[];
  suppressions: { expired: IgnoreEntryReport[]; unused: IgnoreEntryReport[] };
  warnings: { source?: string; reason: string }[];
  /** When result is "error": what failed (an unreadable artifact, a crashed scan). Never a pass. */
  errors: string[];
}

/** The tables of a v2 document: what its findings name by index. */
export interface AnalysisTables {
  rules: Finding['rule'][];
  advisories: FindingAdvisory[];
  decisions: Decision[];
}

/** A finding as v2 stores it: its rule, advisory and decision replaced by their index in the tables. */
type StoredFinding<F> = Omit<F, 'rule' | 'advisory' | 'decision'> & { rule: number; advisory?: number; decision?: number };

/**
 * One table: each distinct object once, found by identity. The pipeline shares one object among the findings
 * that have the same rule, advisory or decision (merge interns them, the policy engine reuses its decisions),
 * so identity finds the repeats without hashing each one's content; an unshared copy costs a row, not a
 * wrong answer.
 */
class Table<T extends object> {
  readonly rows: T[] = [];
  private readonly index = new Map<T, number>();
  add(row: T): void {
    if (!this.index.has(row)) {
      this.index.set(row, this.rows.length);
      this.rows.push(row);
    }
  }
  indexOf(row: T): number {
    return this.index.get(row)!;
  }
}

/** The v2 form of a document's findings, made one at a time (200,000 findings are not all copied at once). */
function encoder(document: AnalysisDocument) {
  const rules = new Table<Finding['rule']>();
  const advisories = new Table<FindingAdvisory>();
  const decisions = new Table<Decision>();
  for (const list of [document.findings, document.fixed] as Finding[][]) {
    for (const f of list) {
      rules.add(f.rule);
      if (f.advisory) advisories.add(f.advisory);
    }
  }
  for (const f of document.findings) decisions.add(f.decision);
  const encode = <F extends Finding & { decision?: Decision }>(f: F): StoredFinding<F> => {
    // Spread, then overwrite: the keys keep their order (the fingerprint first, as v1 wrote them).
    const stored = { ...f, rule: rules.indexOf(f.rule) } as unknown as StoredFinding<F>;
    if (f.advisory) stored.advisory = advisories.indexOf(f.advisory);
    if (f.decision) stored.decision = decisions.indexOf(f.decision);
    return stored;
  };
  const tables: AnalysisTables = { rules: rules.rows, advisories: advisories.rows, decisions: decisions.rows };
  return { tables, encode };
}

const ROW_INDENT = '    ';

/**
 * A file written from pieces of text, each encoded straight into a byte buffer that goes to the file when
 * full, with one write in flight while the next buffer fills. Concatenating the pieces into a string and
 * writing that cost 3-5 times as much: V8 flattens the rope first, and a string with one non-Latin-1
 * character (a redacted secret's …) is two-byte throughout, which encodes slowly.
 */
class FileText {
  private bytes = Buffer.allocUnsafe(FILE_BUFFER);
  private used = 0;
  private writing: Promise<unknown> = Promise.resolve();
  constructor(private readonly handle: FileHandle) {}

  /**
   * Adds the pieces, at once when the buffer has room for them (undefined), or once it went to the file (a
   * promise, to be awaited before the next add). A piece longer than a buffer is written on its own.
   */
  add(a: string, b = '', c = ''): Promise<void> | undefined {
    // A UTF-16 unit is at most 3 bytes of UTF-8: room checked without measuring the text.
    if (this.used + (a.length + b.length + c.length) * 3 > this.bytes.length) return this.addAfterFlush(a + b + c);
    this.used += this.bytes.write(a, this.used, 'utf8');
    if (b) this.used += this.bytes.write(b, this.used, 'utf8');
    if (c) this.used += this.bytes.write(c, this.used, 'utf8');
    return undefined;
  }

  private async addAfterFlush(text: string): Promise<void> {
    await this.flush();
    if (text.length * 3 > this.bytes.length) await this.send(Buffer.from(text, 'utf8'));
    else this.used += this.bytes.write(text, this.used, 'utf8');
  }

  private async send(bytes: Buffer): Promise<void> {
    await this.writing;
    this.writing = this.handle.write(bytes);
  }

  private async flush(): Promise<void> {
    if (this.used === 0) return;
    const full = this.bytes.subarray(0, this.used);
    this.bytes = Buffer.allocUnsafe(FILE_BUFFER);
    this.used = 0;
    await this.send(full);
  }

  async end(): Promise<void> {
    await this.flush();
    await this.writing;
  }

  /** After a failure too: a write still in flight ends (its error is not the one to report) before the close. */
  async close(): Promise<void> {
    await this.writing.catch(() => undefined);
    await this.handle.close();
  }
}

/** Findings validated (and written) per chunk: the validator sees a bounded piece of the document. */
const CHUNK = 5000;
const FILE_BUFFER = 2 << 20;
const STREAMED = new Set(['rules', 'advisories', 'decisions', 'findings', 'fixed']);

/**
 * Problems found in a chunk name the finding's index in the whole document, not in the chunk. The findings'
 * rows are checked with the rows schema (their analysis fields; their bodies were validated when read), the
 * fixed ones (a few, from the baseline) inside an otherwise empty document with the whole schema.
 */
function validateChunk(shell: Record<string, unknown>, key: 'findings' | 'fixed', chunk: unknown[], offset: number, source: string): void {
  const rowsOnly = key === 'findings';
  try {
    if (rowsOnly) assertValid(analysisRowsSchema, chunk, source);
    else assertValid(analysisSchema, { ...shell, [key]: chunk }, source);
  } catch (error) {
    if (!(error instanceof InvalidDocumentError)) throw error;
    const prefix = rowsOnly ? /^\/(\d+)/ : new RegExp(`^/${key}/(\\d+)`);
    throw new InvalidDocumentError(
      source,
      error.problems.map((p) => p.replace(prefix, (_, i: string) => `/${key}/${Number(i) + offset}`)),
    );
  }
}

/**
 * Writes analysis.json as `secloop.analysis/v2`, validated first (a writer that emits an invalid document is
 * a bug). Nothing here holds the whole text: the tables and the rest are validated once, the findings a chunk
 * at a time, and the file is written piecewise with one finding (one table row) per line, which also keeps
 * it greppable and its diffs small.
 */
export async function writeAnalysisDocument(file: string, document: AnalysisDocument): Promise<void> {
  const { tables, encode } = encoder(document);
  const { findings, fixed, ...rest } = document;
  const head = { schema: rest.schema, run: rest.run, inputs: rest.inputs, summary: rest.summary, gate: rest.gate };
  const stored: Record<string, unknown> = { ...head, ...tables, findings, fixed, suppressions: rest.suppressions, warnings: rest.warnings, errors: rest.errors };
  // Everything but the findings, validated whole; then each chunk of findings inside an otherwise empty document.
  assertValid(analysisSchema, { ...stored, findings: [], fixed: [] }, file);
  const shell = { ...stored, inputs: [], rules: [], advisories: [], decisions: [], findings: [], fixed: [], gate: { ...rest.gate, failing: [] }, warnings: [], errors: [] };

  await mkdir(path.dirname(file), { recursive: true });
  const out = new FileText(await open(file, 'w'));
  try {
    await out.add('{\n');
    const keys = Object.keys(stored);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const value = stored[key];
      const comma = i < keys.length - 1 ? ',' : '';
      if (STREAMED.has(key) && Array.isArray(value) && value.length > 0) {
        await out.add(`  ${JSON.stringify(key)}: [\n`);
        const encoded = key === 'findings' || key === 'fixed';
        for (let start = 0; start < value.length; start += CHUNK) {
          const chunk = value.slice(start, start + CHUNK);
          const rows: unknown[] = encoded ? chunk.map((f: Finding) => encode(f)) : chunk;
          if (encoded) validateChunk(shell, key as 'findings' | 'fixed', rows, start, file);
          for (let j = 0; j < rows.length; j++) {
            // Awaited only when the buffer went to the file: an await per row was 200,000 promises.
            const full = out.add(ROW_INDENT, JSON.stringify(rows[j]), start + j < value.length - 1 ? ',\n' : '\n');
            if (full) await full;
          }
        }
        await out.add(`  ]${comma}\n`);
      } else {
        await out.add(`  ${JSON.stringify(key)}: ${JSON.stringify(value, null, 2).replace(/\n/g, '\n  ')}${comma}\n`);
      }
    }
    await out.add('}\n');
    await out.end();
  } finally {
    await out.close();
  }
}

/** The tables' row a v2 finding names, or a problem naming the field and the table's size. */
function resolve<T>(table: T[], index: number, where: string, name: string, problems: string[]): T {
  const row = table[index];
  if (row === undefined) problems.push(`${where}/${name} is ${index}, but ${name === 'rule' ? 'rules' : name === 'advisory' ? 'advisories' : 'decisions'} has ${table.length} entries`);
  return row!;
}

/** Expands a validated v2 document in place: each finding gets its rule, advisory and decision back. */
function expand(value: Record<string, unknown>, source: string): AnalysisDocument {
  const { rules, advisories, decisions } = value as unknown as AnalysisTables;
  const problems: string[] = [];
  for (const key of ['findings', 'fixed'] as const) {
    const list = value[key] as Record<string, unknown>[];
    for (let i = 0; i < list.length; i++) {
      const f = list[i]!;
      const where = `/${key}/${i}`;
      f.rule = resolve(rules, f.rule as number, where, 'rule', problems);
      if (f.advisory !== undefined) f.advisory = resolve(advisories, f.advisory as number, where, 'advisory', problems);
      if (f.decision !== undefined) f.decision = resolve(decisions, f.decision as number, where, 'decision', problems);
    }
  }
  if (problems.length > 0) throw new InvalidDocumentError(source, problems);
  delete value.rules;
  delete value.advisories;
  delete value.decisions;
  return value as unknown as AnalysisDocument;
}

/**
 * A v1 document in v2's stored form, so that v2's schema validates it: each finding's inline rule, advisory
 * and decision becomes a table row of its own. `owners` maps each row back to the finding field it came
 * from, so a problem is reported where the v1 document has it (`/findings/3/decision/outcome`).
 */
function v1AsStored(value: Record<string, unknown>): { stored: Record<string, unknown>; owners: Record<keyof AnalysisTables, string[]> } {
  const tables: AnalysisTables = { rules: [], advisories: [], decisions: [] };
  const owners: Record<keyof AnalysisTables, string[]> = { rules: [], advisories: [], decisions: [] };
  const fields = { rules: 'rule', advisories: 'advisory', decisions: 'decision' } as const;
  const stored: Record<string, unknown> = { ...value, schema: ANALYSIS_SCHEMA_ID, ...tables };
  for (const key of ['findings', 'fixed'] as const) {
    const list = value[key];
    if (!Array.isArray(list)) continue;
    stored[key] = list.map((f: unknown, i: number) => {
      if (typeof f !== 'object' || f === null) return f;
      const copy = { ...(f as Record<string, unknown>) };
      for (const table of ['rules', 'advisories', 'decisions'] as const) {
        const field = fields[table];
        // Anything but an object stays where it is, for the schema to name.
        const inline = copy[field];
        if (typeof inline !== 'object' || inline === null || Array.isArray(inline)) continue;
        copy[field] = tables[table].length;
        (tables[table] as unknown[]).push(inline);
        owners[table].push(`/${key}/${i}/${field}`);
      }
      return copy;
    });
  }
  return { stored, owners };
}

function parseV1(value: Record<string, unknown>, source: string): AnalysisDocument {
  // v1 had no tables: one is a v2 document mislabelled, and would otherwise be overwritten unseen.
  const tables = ['rules', 'advisories', 'decisions'].filter((key) => key in value);
  if (tables.length > 0) throw new InvalidDocumentError(source, tables.map((key) => `/ must NOT have additional properties (${key})`));
  const { stored, owners } = v1AsStored(value);
  try {
    assertValid(analysisSchema, stored, source);
  } catch (error) {
    if (!(error instanceof InvalidDocumentError)) throw error;
    const problems = error.problems.map((p) =>
      p
        .replace(/^\/(rules|advisories|decisions)\/(\d+)/, (_, table: keyof AnalysisTables, row: string) => owners[table][Number(row)]!)
        .replace(/^\/schema must be equal to constant$/, `/schema must be equal to constant (${ANALYSIS_SCHEMA_ID_V1})`),
    );
    throw new InvalidDocumentError(source, problems);
  }
  // Valid: the original, with its objects inline, is already the in-memory form.
  value.schema = ANALYSIS_SCHEMA_ID;
  return value as unknown as AnalysisDocument;
}

/**
 * Reads an analysis document of either version into the expanded in-memory form. A v1 document is the same
 * thing with its tables inline: it is validated as v1 and then labelled v2.
 */
export function parseAnalysisDocument(text: string, source: string): AnalysisDocument {
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new InvalidDocumentError(source, [`not JSON: ${(error as Error).message}`]);
  }
  const found = (value as { schema?: unknown } | null)?.schema;
  if (found !== ANALYSIS_SCHEMA_ID && found !== ANALYSIS_SCHEMA_ID_V1) {
    throw new InvalidDocumentError(source, [`schema is ${JSON.stringify(found)}; this secloop reads ${ANALYSIS_SCHEMA_ID} and ${ANALYSIS_SCHEMA_ID_V1}`]);
  }
  if (found === ANALYSIS_SCHEMA_ID_V1) return parseV1(value, source);
  assertValid(analysisSchema, value, source);
  return expand(value, source);
}

export async function readAnalysisDocument(file: string): Promise<AnalysisDocument> {
  let text: string;
  try {
    text = (await readFile(file)).toString('utf8');
  } catch (error) {
    throw new InvalidDocumentError(file, [`cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`]);
  }
  return parseAnalysisDocument(text, file);
}
