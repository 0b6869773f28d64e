import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { scanInto, tempDir } from './fixtures.test-util.js';
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
      // Bytes that are not UTF-8 are decoded as readFile does (a replacement character), not escaped.
      expect(await reader.read(notUtf8, { json: true })).toBe(await readFile(notUtf8, 'utf8'));
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
