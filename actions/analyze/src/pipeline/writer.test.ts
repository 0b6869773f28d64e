import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { readAnalysisDocument } from '../../../../src/shared/contracts/analysis.js';
import { readEvents, type EventEnvelope } from '../../../../src/shared/contracts/events.js';
import { InvalidDocumentError } from '../../../../src/shared/errors.js';
import { memoryLogger } from '../../../../src/shared/logger.js';
import { scanInto, settingsWith, tempDir } from './fixtures.test-util.js';
import { runAnalysis } from './run.js';
import { analyze } from './analyze.js';
import type { LoadedInput } from './inputs.js';
import { writeAnalysis, writeAnalysisJson } from './writer.js';

describe('analysis.json and events.jsonl', () => {
  let cellA: string;
  let cellB: string;
  let scanEventsA: EventEnvelope[];
  let scanEventsB: EventEnvelope[];

  beforeAll(async () => {
    cellA = await tempDir('cell-a');
    cellB = await tempDir('cell-b');
    await scanInto(cellA);
    await scanInto(cellB);
    scanEventsA = await readEvents(path.join(cellA, 'events.jsonl'));
    scanEventsB = await readEvents(path.join(cellB, 'events.jsonl'));
  });

  it('writes a document that validates on read and equals what was analysed', async () => {
    const outDir = await tempDir('out');
    const { document, outputs } = await runAnalysis({ inputDirs: [cellA, cellB], outDir, settings: settingsWith(), logger: memoryLogger() });
    const read = await readAnalysisDocument(outputs.analysis);
    expect(read).toEqual(JSON.parse(JSON.stringify(document)));
    // One finding per line inside the arrays: greppable, and never one giant string.
    const text = await readFile(outputs.analysis, 'utf8');
    expect(text.split('\n').filter((l) => l.startsWith('    {"fingerprint":'))).toHaveLength(document.findings.length);
  });

  it('carries the inputs\' events forward and adds analysis.complete per correlation id, caused by scan.completed', async () => {
    const outDir = await tempDir('out');
    const { document, outputs } = await runAnalysis({ inputDirs: [cellA, cellB], outDir, settings: settingsWith(), logger: memoryLogger() });
    const events = await readEvents(outputs.events);
    expect(events.slice(0, scanEventsA.length + scanEventsB.length)).toEqual([...scanEventsA, ...scanEventsB]);
    const ours = events.slice(scanEventsA.length + scanEventsB.length);
    expect(ours.map((e) => [e.topic, e.source, e.correlation_id])).toEqual([
      ['analysis.complete', 'analyze', scanEventsA[0]!.correlation_id],
      ['analysis.complete', 'analyze', scanEventsB[0]!.correlation_id],
    ]);
    const completedA = scanEventsA.find((e) => e.topic === 'scan.completed')!;
    expect(ours[0]!.causation_id).toBe(completedA.id);
    expect(ours[0]!.payload).toMatchObject({ result: document.summary.result, findings: document.summary.total, analysis: outputs.analysis });
    expect(document.run.correlation_id).not.toBe(scanEventsA[0]!.correlation_id);
  });

  it('stays append-only when the output directory is the input directory', async () => {
    const dir = await tempDir('same');
    await scanInto(dir);
    const before = await readFile(path.join(dir, 'events.jsonl'), 'utf8');
    const first = await runAnalysis({ inputDirs: [dir], outDir: dir, settings: settingsWith(), logger: memoryLogger() });
    const afterFirst = await readFile(first.outputs.events, 'utf8');
    expect(afterFirst.startsWith(before)).toBe(true);
    await runAnalysis({ inputDirs: [dir], outDir: dir, settings: settingsWith(), logger: memoryLogger() });
    const afterSecond = await readFile(first.outputs.events, 'utf8');
    expect(afterSecond.startsWith(afterFirst)).toBe(true);
    // The scan's events are not copied twice; each run adds its own analysis.complete.
    const events = await readEvents(first.outputs.events);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    expect(events.filter((e) => e.topic === 'analysis.complete')).toHaveLength(2);
    // One input, one correlation id: the analysis continues the scan's chain.
    expect(first.document.run.correlation_id).toBe(events[0]!.correlation_id);
  });

  it('carries an event once when two inputs hold it (one cell given twice), whatever the order', async () => {
    for (const inputDirs of [[cellA, cellB, cellA], [cellA, cellA, cellB]]) {
      const outDir = await tempDir('out');
      const { outputs } = await runAnalysis({ inputDirs, outDir, settings: settingsWith(), logger: memoryLogger() });
      const events = await readEvents(outputs.events);
      const carried = events.filter((e) => e.topic !== 'analysis.complete');
      // Each at its first place: cell A's events, then cell B's.
      expect(carried).toEqual([...scanEventsA, ...scanEventsB]);
    }
  });

  it('leaves events.jsonl as it was when analysis.json cannot be written (no events about an analysis that is not there)', async () => {
    const dir = await tempDir('refused');
    await scanInto(dir);
    const before = await readFile(path.join(dir, 'events.jsonl'), 'utf8');
    const loaded: LoadedInput[] = [];
    const document = await analyze({ inputDirs: [cellA], settings: settingsWith(), logger: memoryLogger(), onInput: (input) => loaded.push(input) });
    const broken = { ...document, findings: [{ ...document.findings[0]!, status: 'gone' as 'new' }] };
    await expect(writeAnalysis(dir, broken, loaded)).rejects.toBeInstanceOf(InvalidDocumentError);
    expect(await readFile(path.join(dir, 'events.jsonl'), 'utf8')).toBe(before);
  });

  it('refuses to write an invalid document, naming the field', async () => {
    const outDir = await tempDir('out');
    const { document } = await runAnalysis({ inputDirs: [cellA], outDir, settings: settingsWith(), logger: memoryLogger() });
    const broken = { ...document, findings: [{ ...document.findings[0]!, status: 'gone' as 'new' }] };
    const error = await writeAnalysisJson(path.join(outDir, 'broken.json'), broken).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidDocumentError);
    expect((error as InvalidDocumentError).problems).toContain('/findings/0/status must be equal to one of the allowed values (allowed: new, unchanged, fixed)');
  });
});
