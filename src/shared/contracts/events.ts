import { randomUUID } from 'node:crypto';
import { appendFile, readFile } from 'node:fs/promises';
import { assertValid } from './validate.js';
import { InvalidDocumentError } from '../errors.js';
import { EVENT_SCHEMA_ID, eventSchema } from './event-schema.js';

/**
 * The seeds' AgentMessage, as one line of the append-only `events.jsonl`. Agents never rewrite the log;
 * the MTTR report is built from it, so timestamps are the time of the fact, not of the write.
 * The schema lives in event-schema.ts, a module without imports, so the build can generate its validator.
 */
export { EVENT_SCHEMA_ID, eventSchema };

export type MessageType = 'event' | 'command' | 'query' | 'response';

export interface EventEnvelope<P = Record<string, unknown>> {
  schema: typeof EVENT_SCHEMA_ID;
  id: string;
  type: MessageType;
  /** The agent that wrote it: scan, analyze, remediate, mttr-report, feedback, drill. */
  source: string;
  /** The agent (or "*") it is addressed to. */
  target: string;
  /** e.g. scan.started, scan.completed, vulnerability.detected, analysis.complete. */
  topic: string;
  payload: P;
  correlation_id: string;
  causation_id?: string;
  timestamp: string;
}

export function newCorrelationId(): string {
  return randomUUID();
}

export function makeEvent<P extends Record<string, unknown>>(fields: {
  source: string;
  topic: string;
  payload: P;
  correlation_id: string;
  type?: MessageType;
  target?: string;
  causation_id?: string;
  timestamp?: string;
}): EventEnvelope<P> {
  const event: EventEnvelope<P> = {
    schema: EVENT_SCHEMA_ID,
    id: randomUUID(),
    type: fields.type ?? 'event',
    source: fields.source,
    target: fields.target ?? '*',
    topic: fields.topic,
    payload: fields.payload,
    correlation_id: fields.correlation_id,
    timestamp: fields.timestamp ?? new Date().toISOString(),
  };
  if (fields.causation_id) event.causation_id = fields.causation_id;
  return event;
}

/** Appends validated events, one JSON object per line. */
export async function appendEvents(file: string, events: EventEnvelope[]): Promise<void> {
  if (events.length === 0) return;
  events.forEach((e, i) => assertValid<EventEnvelope>(eventSchema, e, `${file} (new event ${i + 1})`));
  await appendFile(file, events.map((e) => JSON.stringify(e)).join('\n') + '\n', 'utf8');
}

/** Reads and validates every line; a bad line is an error naming the file and line, never skipped silently. */
export async function readEvents(file: string): Promise<EventEnvelope[]> {
  const text = await readFile(file, 'utf8');
  return parseEvents(text, file);
}

export function parseEvents(text: string, source: string): EventEnvelope[] {
  const events: EventEnvelope[] = [];
  forEachEventLine(text, source, (event) => events.push(event));
  return events;
}

/**
 * Each non-blank line of an events.jsonl, parsed and validated, with the line as written (trimmed); a bad line
 * is an error naming the file and line.
 */
export function forEachEventLine(text: string, source: string, visit: (event: EventEnvelope, line: string) => void): void {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new InvalidDocumentError(`${source}:${i + 1}`, [`not JSON: ${(error as Error).message}`]);
    }
    assertValid<EventEnvelope>(eventSchema, value, `${source}:${i + 1}`);
    visit(value, line);
  }
}
