import { describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { InvalidDocumentError } from '../errors.js';
import { TOOL_VERSION } from '../version.js';
import { parseFindingsDocument, writeFindingsDocument } from './documents.js';
import { appendEvents, makeEvent, parseEvents, readEvents } from './events.js';
import type { FindingsDocument } from './findings.js';
import { REPO_ROOT } from '../../../test/corpus.js';
import { findingsDocumentOf } from '../../../test/findings-document.js';
import { eventSchema } from './event-schema.js';
import { findingsSchema } from './findings.js';
import { assertValid } from './validate.js';

function minimalDocument(): FindingsDocument {
  return findingsDocumentOf([], { scanners: ['dependencies'] });
}

describe('findings document', () => {
  it('round-trips through write and read with validation', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'secloop-contracts-'));
    const file = path.join(dir, 'findings.json');
    await writeFindingsDocument(file, minimalDocument());
    expect(parseFindingsDocument(await readFile(file, 'utf8'), file).run.agent).toBe('scan');
  });

  it('refuses to write an invalid document and names the field', async () => {
    const doc = minimalDocument() as unknown as { summary: { result: string } };
    doc.summary.result = 'green';
    await expect(writeFindingsDocument('/tmp/never-written.json', doc as unknown as FindingsDocument)).rejects.toThrow(
      /\/summary\/result must be equal to one of the allowed values \(allowed: pass, fail, error\)/,
    );
  });

  it('rejects another schema version naming both versions', () => {
    const doc = { ...minimalDocument(), schema: 'secloop.findings/v9' };
    expect(() => parseFindingsDocument(JSON.stringify(doc), 'artifact/findings.json')).toThrow(
      /artifact\/findings.json: .*secloop.findings\/v9.*reads secloop.findings\/v1/,
    );
  });

  it('rejects text that is not JSON with the file name', () => {
    expect(() => parseFindingsDocument('{"schema": ', 'x/findings.json')).toThrow(InvalidDocumentError);
    expect(() => parseFindingsDocument('{"schema": ', 'x/findings.json')).toThrow(/x\/findings.json/);
  });
});

describe('events.jsonl', () => {
  it('appends envelopes and reads them back in order', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'secloop-events-'));
    const file = path.join(dir, 'events.jsonl');
    const first = makeEvent({ source: 'scan', topic: 'scan.started', correlation_id: 'inc-1', payload: {} });
    await appendEvents(file, [first]);
    await appendEvents(file, [makeEvent({ source: 'scan', topic: 'scan.completed', correlation_id: 'inc-1', causation_id: first.id, payload: { result: 'pass' } })]);
    const events = await readEvents(file);
    expect(events.map((e) => e.topic)).toEqual(['scan.started', 'scan.completed']);
    expect(events[1]!.causation_id).toBe(first.id);
  });

  it('names the line of a corrupt envelope', () => {
    const good = JSON.stringify(makeEvent({ source: 'scan', topic: 'scan.started', correlation_id: 'x', payload: {} }));
    expect(() => parseEvents(`${good}\n{"schema":"secloop.event/v1"}\n`, 'events.jsonl')).toThrow(/events.jsonl:2/);
    expect(() => parseEvents(`${good}\nnot json\n`, 'events.jsonl')).toThrow(/events.jsonl:2: invalid document: not JSON/);
  });

  it('refuses an event whose topic is not dotted', async () => {
    const bad = makeEvent({ source: 'scan', topic: 'Scan Completed', correlation_id: 'x', payload: {} });
    await expect(appendEvents('/tmp/never.jsonl', [bad])).rejects.toThrow(/\/topic must match pattern/);
  });
});

describe('generated validators', () => {
  it('match the schemas they were generated from (else run node scripts/generate-validators.js)', async () => {
    // @ts-expect-error: a plain ESM script without type declarations
    const generator = (await import('../../../scripts/generate-validators.js')) as {
      GENERATED_FILE: string;
      generateValidatorsSource: () => Promise<string>;
    };
    const committed = await readFile(path.join(REPO_ROOT, generator.GENERATED_FILE), 'utf8');
    expect(committed).toBe(await generator.generateValidatorsSource());
  });

  it('check formats and report every failing field', () => {
    const doc = minimalDocument() as unknown as { run: { started_at: string; extra?: number }; summary: { total: number } };
    doc.run.started_at = 'yesterday';
    doc.run.extra = 1;
    doc.summary.total = -1;
    expect(() => assertValid(findingsSchema, doc, 'f.json')).toThrow(
      'f.json: invalid document: /run must NOT have additional properties (extra); /run/started_at must match format "date-time"; /summary/total must be >= 0',
    );
    const event = makeEvent({ source: 'scan', topic: 'scan.started', correlation_id: 'x', payload: {} });
    expect(() => assertValid(eventSchema, { ...event, source: '' }, 'e.jsonl:1')).toThrow(
      'e.jsonl:1: invalid document: /source must NOT have fewer than 1 characters',
    );
  });

  it('refuse a schema they were not generated for, naming it', () => {
    expect(() => assertValid({ $id: 'https://example.com/other.json' }, {}, 'x')).toThrow(/no generated validator for schema "https:\/\/example.com\/other.json"/);
  });
});

describe('tool version', () => {
  it('matches package.json', async () => {
    const pkg = JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(TOOL_VERSION).toBe(pkg.version);
  });
});
