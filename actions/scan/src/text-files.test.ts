import { afterAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readTextFile } from './text-files.js';

describe('readTextFile', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'secloop-text-files-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, content: string | Buffer) => {
    const absolutePath = path.join(dir, name);
    writeFileSync(absolutePath, content);
    return { relativePath: name, absolutePath, size: Buffer.byteLength(content) };
  };

  test('files larger than the shared buffer, then smaller ones, read whole and unmixed', () => {
    const large = 'é'.repeat(1 << 20) + 'end';
    const big = readTextFile(file('big.txt', large));
    expect('text' in big && big.text.text).toBe(large);
    const small = readTextFile(file('small.txt', 'token = 1\n'));
    expect('text' in small && small.text.text).toBe('token = 1\n');
    expect('text' in small && small.text.size).toBe(10);
  });

  test('a file that grew after the walk measured it is read to its end', () => {
    const f = file('grew.txt', 'x'.repeat(5000));
    const read = readTextFile({ ...f, size: 10 });
    expect('text' in read && read.text.text.length).toBe(5000);
  });

  test('binary and unreadable files', () => {
    expect(readTextFile(file('bin.dat', Buffer.from([1, 2, 0, 3])))).toEqual({ skipped: 'binary' });
    const missing = readTextFile({ relativePath: 'gone.txt', absolutePath: path.join(dir, 'gone.txt'), size: 3 });
    expect(missing).toEqual({ warning: { file: 'gone.txt', scanner: 'scan', reason: 'cannot read: ENOENT' } });
  });
});
