/**
 * Writing the analysis: analysis.json (validated first) and events.jsonl.
 *
 * analysis.json is written piecewise by the contract module (writeAnalysisDocument): a document of 200,000
 * findings is never one string.
 *
 * events.jsonl stays append-only across agents: the output's log is the events already in it, then the
 * inputs' events it does not have yet (by event id), then ours — one `analysis.complete` per correlation id
 * of the inputs, caused by that scan's `scan.completed`, so the MTTR report can follow each chain.
 */
import { mkdir, open, readFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { writeAnalysisDocument, type AnalysisDocument } from '../../../../src/shared/contracts/analysis.js';
import { appendEvents, makeEvent, parseEvents, type EventEnvelope } from '../../../../src/shared/contracts/events.js';
import type { CarriedEvents, LoadedInput } from './inputs.js';

export const ANALYSIS_FILE = 'analysis.json';
export const EVENTS_FILE = 'events.jsonl';

export interface AnalysisOutputs {
  analysis: string;
  events: string;
}

/** analysis.json as `secloop.analysis/v2`, validated and written piecewise (the contract module owns the format). */
export async function writeAnalysisJson(file: string, document: AnalysisDocument): Promise<void> {
  await writeAnalysisDocument(file, document);
}

async function existingEvents(file: string): Promise<EventEnvelope[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return parseEvents(text, file);
}

export function analysisEvents(document: AnalysisDocument, loaded: LoadedInput[], analysisFile: string): EventEnvelope[] {
  interface Tally {
    cause?: string;
    findings: number;
    new: number;
    suppressed: number;
    decisions: Record<string, number>;
  }
  const tallies = new Map<string, Tally>();
  // Each source's tally (its scan's correlation id) directly: one lookup per source of a finding.
  const tallyOfSource = new Map<string, Tally>();
  for (const input of loaded) {
    const id = input.report.correlation_id;
    if (!id) continue;
    const tally = tallies.get(id) ?? { findings: 0, new: 0, suppressed: 0, decisions: {} };
    const completed = input.events.completed.get(id);
    if (completed) tally.cause = completed;
    tallies.set(id, tally);
    tallyOfSource.set(input.report.source, tally);
  }
  if (tallies.size === 0) tallies.set(document.run.correlation_id, { findings: 0, new: 0, suppressed: 0, decisions: {} });
  // One pass over the findings: each counts once for every scan (correlation id) that reported it.
  // A finding has a handful of sources: a reused array beats a Set per finding (200,000 of them).
  const onlyTally = tallies.size === 1 ? [...tallies.values()][0]! : undefined;
  const counted: Tally[] = [];
  const count = (tally: Tally, f: AnalysisDocument['findings'][number]) => {
    tally.findings++;
    if (f.status === 'new') tally.new++;
    if (f.suppressed) tally.suppressed++;
    tally.decisions[f.decision.outcome] = (tally.decisions[f.decision.outcome] ?? 0) + 1;
  };
  for (const f of document.findings) {
    const { sources } = f;
    if (sources.length === 1) {
      const tally = tallyOfSource.get(sources[0]!) ?? onlyTally;
      if (tally) count(tally, f);
      continue;
    }
    counted.length = 0;
    for (const source of sources) {
      const tally = tallyOfSource.get(source);
      if (tally && !counted.includes(tally)) counted.push(tally);
    }
    if (counted.length === 0 && onlyTally) counted.push(onlyTally);
    for (const tally of counted) count(tally, f);
  }
  const gate = { threshold: document.gate.threshold, considered: document.gate.considered, failing: document.gate.failing.length, result: document.gate.result };
  return [...tallies].map(([correlationId, tally]) =>
    makeEvent({
      source: 'analyze',
      topic: 'analysis.complete',
      correlation_id: correlationId,
      ...(tally.cause ? { causation_id: tally.cause } : {}),
      timestamp: document.run.finished_at,
      payload: {
        result: document.summary.result,
        analysis: analysisFile,
        analysis_correlation_id: document.run.correlation_id,
        findings: tally.findings,
        new: tally.new,
        suppressed: tally.suppressed,
        decisions: tally.decisions,
        gate,
        errors: document.errors,
      },
    }),
  );
}

/** Carried events are written in pieces of about this many bytes. */
const WRITE_AT = 8 << 20;

/** The lines of `events` whose ids the log does not have yet (each then counts as present). */
function newEvents(events: CarriedEvents, present: Set<string>): string | Buffer {
  const ids = events.ids();
  let added = 0;
  while (added < ids.length && !present.has(ids[added]!)) present.add(ids[added++]!);
  if (added === ids.length) return events.text;
  // Some are there already (a second run into the same directory) or repeat: line by line.
  for (let i = 0; i < added; i++) present.delete(ids[i]!);
  const lines = (typeof events.text === 'string' ? events.text : events.text.toString('latin1')).split('\n');
  const kept: string[] = [];
  for (let i = 0; i < ids.length; i++) {
    if (present.has(ids[i]!)) continue;
    present.add(ids[i]!);
    kept.push(`${lines[i]}\n`);
  }
  return kept.join('');
}

export async function writeAnalysis(outDir: string, document: AnalysisDocument, loaded: LoadedInput[]): Promise<AnalysisOutputs> {
  const outputs = { analysis: path.join(outDir, ANALYSIS_FILE), events: path.join(outDir, EVENTS_FILE) };
  await mkdir(outDir, { recursive: true });
  let present: Set<string>;
  try {
    present = new Set((await existingEvents(outputs.events)).map((e) => e.id));
  } catch (error) {
    // An unreadable log stops the run only once analysis.json is written, as when the log was read after it.
    await writeAnalysisJson(outputs.analysis, document);
    throw error;
  }
  const handle = await open(outputs.events, 'a');
  try {
    const { size } = await handle.stat();
    // The carried events (92 MB for 200,000 findings) go to the file while analysis.json is encoded: the
    // writes run on libuv's threads, which would otherwise wait for the main thread to finish the document.
    const carrying = writeCarriedEvents(handle, loaded, present);
    try {
      await writeAnalysisJson(outputs.analysis, document);
    } catch (error) {
      // No analysis, no events about it: the log is left as it was, as if nothing had been carried.
      await carrying.catch(() => undefined);
      await handle.truncate(size);
      throw error;
    }
    await carrying;
  } finally {
    await handle.close();
  }
  await appendEvents(outputs.events, analysisEvents(document, loaded, outputs.analysis));
  return outputs;
}

/** Already validated when read; written as they were, an input's whole text when the log has none of them. */
async function writeCarriedEvents(handle: FileHandle, loaded: LoadedInput[], present: Set<string>): Promise<void> {
  const carried: Buffer[] = [];
  let carriedLength = 0;
  // A new log and inputs whose ids the reader found all distinct: every line is new, none is compared.
  const allNew = present.size === 0 && loaded.every(({ events }) => events.fresh);
  for (const { events } of loaded) {
    const text = allNew ? events.text : newEvents(events, present);
    if (text.length === 0) continue;
    const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
    carried.push(bytes);
    carriedLength += bytes.length;
    if (carriedLength >= WRITE_AT) {
      await handle.writev(carried);
      carried.length = 0;
      carriedLength = 0;
    }
  }
  if (carried.length > 0) await handle.writev(carried);
}
