import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { scanInto, tempDir } from './fixtures.test-util.js';
import { eventSchema } from '../../../../src/shared/contracts/events.js';
import { validatorsById } from '../../../../src/shared/contracts/validators.generated.js';
import { mainThreadReader, workerTextReader } from './text-reader.js';

describe('reading input files on a worker thread', () => {
  let findingsFile: string;
  let eventsFile: string;
  let dir: string;

  beforeAll(async () => {
    dir = await tempDir('reader');
    await scanInto(dir);
    findingsFile = path.join(dir, 'findings.json');
    eventsFile = path.join(dir, 'events.jsonl');
  });

  it('gives the same text as reading on the main thread, non-ASCII included', async () => {
    const unicode = path.join(dir, 'unicode.json');
    await writeFile(unicode, JSON.stringify({ message: 'upgrade → 4.17.21, naïve “quotes”, 🔑' }));
    const reader = workerTextReader();
    try {
      const files = [findingsFile, eventsFile, unicode];
      const texts = await Promise.all(files.map((f) => reader.read(f)));
      expect(texts).toEqual(await Promise.all(files.map((f) => readFile(f, 'utf8'))));
    } finally {
      await reader.close();
    }
  });

  it('gives JSON with non-ASCII characters as ASCII text of the same value', async () => {
    const unicode = path.join(dir, 'unicode-json.json');
    const value = { message: 'ghp_… redacted → 4.17.21, naïve “quotes”, 🔑', nested: ['é', 'ß\u0000'] };
    await writeFile(unicode, JSON.stringify(value, null, 2));
    const notUtf8 = path.join(dir, 'latin1.json');
    await writeFile(notUtf8, Buffer.from('{"name": "caf\xe9"}', 'latin1'));
    const reader = workerTextReader();
    try {
      const text = await reader.read(unicode, { json: true });
      expect(text).toMatch(/^[\x00-\x7f]*$/);
      expect(JSON.parse(text)).toEqual(value);
      expect(JSON.parse(await reader.read(findingsFile, { json: true }))).toEqual(JSON.parse(await readFile(findingsFile, 'utf8')));
      // Characters of every UTF-8 length at and across the worker's 1024-byte block boundaries.
      for (let pad = 1010; pad < 1030; pad++) {
        const straddling = { text: `${'x'.repeat(pad)}é…🔑${'y'.repeat(1030 - pad)}€` };
        await writeFile(unicode, JSON.stringify(straddling));
        const escaped = await reader.read(unicode, { json: true });
        expect(escaped).toMatch(/^[\x00-\x7f]*$/);
        expect(JSON.parse(escaped)).toEqual(straddling);
      }
      // Bytes that are not UTF-8 are decoded as readFile does (a replacement character), not escaped.
      expect(await reader.read(notUtf8, { json: true })).toBe(await readFile(notUtf8, 'utf8'));
    } finally {
      await reader.close();
    }
  });

  it('checks events.jsonl lines on the worker only when the schema accepts them, and leaves the rest to the validator', async () => {
    const validate = validatorsById[eventSchema.$id]!;
    const event = {
      schema: 'secloop.event/v1',
      id: 'e-1',
      type: 'event',
      source: 'scan',
      target: '*',
      topic: 'scan.completed',
      payload: { result: 'pass' },
      correlation_id: 'c-1',
      causation_id: 'e-0',
      timestamp: '2024-02-29T23:59:59.123Z',
    };
    const { causation_id: _cause, ...withoutCause } = event;
    const variants: Record<string, unknown>[] = [event, withoutCause, { ...event, timestamp: '2026-11-22T03:11:43Z' }];
    for (const key of Object.keys(event)) {
      const { [key]: _dropped, ...missing } = event as Record<string, unknown>;
      variants.push(missing, { ...event, [key]: '' }, { ...event, [key]: 7 }, { ...event, [key]: null });
    }
    variants.push(
      { ...event, extra: true },
      { ...event, type: 'notice' },
      { ...event, topic: 'scan' },
      { ...event, topic: 'Scan.completed' },
      { ...event, payload: [] },
      { ...event, schema: 'secloop.event/v2' },
      ...['2023-02-29T00:00:00Z', '2026-13-01T00:00:00Z', '2026-11-22T24:00:00Z', '2026-11-22T03:60:00Z', '2026-11-22T03:11:60Z', '2026-11-22 03:11:43Z', '2026-11-22T03:11:43+01:00', '2026-11-22T03:11:43'].map(
        (timestamp) => ({ ...event, timestamp }),
      ),
    );
    const reader = workerTextReader();
    try {
      let checkedValid = 0;
      for (const [i, variant] of variants.entries()) {
        const file = path.join(dir, `events-${i}.jsonl`);
        const line = JSON.stringify(variant);
        await writeFile(file, `${line}\n${line.replace('"id":', '"id": ').replace(/"id": *"e-1"/, '"id":"e-2"')}\n`);
        const read = await reader.readEventLog(file);
        expect('bytes' in read ? read.bytes.toString('utf8') : read.text).toBe(await readFile(file, 'utf8'));
        // Whatever the worker vouches for, the schema accepts (the reverse need not hold: it is the fast path).
        if (read.checked) {
          expect(validate(variant)).toBe(true);
          expect(JSON.parse(read.checked.ids)).toEqual([(variant as { id: string }).id, variant.id === 'e-1' ? 'e-2' : variant.id]);
          checkedValid++;
        }
      }
      expect(checkedValid).toBeGreaterThanOrEqual(3);
      // Scan completions, in order, as [correlation id, event id] pairs.
      const plain = path.join(dir, 'events-plain.jsonl');
      await writeFile(plain, `${JSON.stringify({ ...event, topic: 'scan.started' })}\n${JSON.stringify(event)}\n`);
      expect((await reader.readEventLog(plain)).checked).toEqual({ ids: JSON.stringify(['e-1', 'e-1']), completed: ['c-1', 'e-1'], repeats: true });
      // Not in carried form (blank line, CRLF, no final newline): left to the main thread.
      for (const text of [`${JSON.stringify(event)}\n\n`, `${JSON.stringify(event)}\r\n`, JSON.stringify(event)]) {
        await writeFile(plain, text);
        expect(await reader.readEventLog(plain)).toEqual({ text });
      }
    } finally {
      await reader.close();
    }
  });

  it('rejects with the fs error code, as readFile does', async () => {
    const reader = workerTextReader();
    try {
      const missing = path.join(dir, 'nothing-here', 'events.jsonl');
      await expect(reader.read(missing)).rejects.toMatchObject({ code: 'ENOENT' });
      await expect(mainThreadReader.read(missing)).rejects.toMatchObject({ code: 'ENOENT' });
      await expect(reader.read(dir)).rejects.toMatchObject({ code: 'EISDIR' });
    } finally {
      await reader.close();
    }
  });

  it('still reads after the worker is gone', async () => {
    const reader = workerTextReader();
    await reader.close();
    expect(await reader.read(findingsFile)).toBe(await readFile(findingsFile, 'utf8'));
  });
});

describe('event ids across the logs one reader checks', () => {
  it('says a log repeats when an id of it was in a log read before, or twice in it', async () => {
    const dir = await tempDir('repeats');
    const event = (id: string) =>
      JSON.stringify({ schema: 'secloop.event/v1', id, type: 'event', source: 'scan', target: '*', topic: 'scan.started', payload: {}, correlation_id: 'c-1', timestamp: '2026-11-22T03:11:43Z' });
    const logs = { a: ['a-1', 'a-2'], b: ['b-1'], c: ['c-1', 'a-2'], d: ['d-1', 'd-1'] };
    const reader = workerTextReader();
    try {
      const repeats: Record<string, boolean | undefined> = {};
      for (const [name, ids] of Object.entries(logs)) {
        const file = path.join(dir, `${name}.jsonl`);
        await writeFile(file, ids.map((id) => `${event(id)}\n`).join(''));
        const read = await reader.readEventLog(file);
        expect(read.checked && JSON.parse(read.checked.ids)).toEqual(ids);
        repeats[name] = read.checked?.repeats;
      }
      expect(repeats).toEqual({ a: false, b: false, c: true, d: true });
    } finally {
      await reader.close();
    }
  });
});
