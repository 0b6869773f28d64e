import { beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { LocalArtifactStore } from '../../../../src/shared/artifacts/local-store.js';
import { parseFindingsDocument } from '../../../../src/shared/contracts/documents.js';
import { errorMessage } from '../../../../src/shared/errors.js';
import { memoryLogger } from '../../../../src/shared/logger.js';
import { analyze } from './analyze.js';
import { scanInto, settingsWith, tempDir } from './fixtures.test-util.js';

function catchError(f: () => unknown): unknown {
  try {
    f();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

/** A local artifact root with one good cell, plus whatever `damage` does to a second cell's files. */
async function artifactsWithSecondCell(damage: (cellDir: string, text: string) => Promise<void>): Promise<{ store: LocalArtifactStore; good: string }> {
  const root = await tempDir('artifacts');
  const good = path.join(root, 'secloop-scan-cell-a');
  const bad = path.join(root, 'secloop-scan-cell-b');
  await mkdir(good, { recursive: true });
  await mkdir(bad, { recursive: true });
  await scanInto(good);
  await scanInto(bad);
  await damage(bad, await readFile(path.join(bad, 'findings.json'), 'utf8'));
  return { store: new LocalArtifactStore(root), good };
}

describe('unreadable inputs make the analysis an error, never a pass', () => {
  const settings = settingsWith({ failOnSeverity: 'none' });

  it('a corrupt (truncated) artifact', async () => {
    const { store } = await artifactsWithSecondCell(async (dir, text) => writeFile(path.join(dir, 'findings.json'), text.slice(0, text.length / 2)));
    const document = await analyze({ artifacts: { store, downloadDir: await tempDir('dl') }, settings, logger: memoryLogger() });
    expect(document.summary.result).toBe('error');
    expect(document.gate.result).toBe('error');
    const bad = document.inputs.find((i) => i.source === 'secloop-scan-cell-b')!;
    expect(bad.result).toBe('unreadable');
    expect(bad.error).toMatch(/secloop-scan-cell-b\/findings\.json: invalid document: not JSON/);
    expect(document.errors).toEqual([bad.error]);
    // The good cell's findings are still analysed.
    expect(document.summary.total).toBeGreaterThan(0);
  });

  it('a corrupt artifact with non-ASCII text is quoted as the file has it (the worker escapes it for parsing)', async () => {
    let truncated = '';
    const { store } = await artifactsWithSecondCell(async (dir, text) => {
      // A stray token after a message with non-ASCII text: the error's position counts the file's own characters.
      const at = text.indexOf('"message": "') + '"message": "'.length;
      expect(at).toBeGreaterThan(100);
      truncated = `${text.slice(0, at)}upgrade → fixed" : ${text.slice(at)}`;
      await writeFile(path.join(dir, 'findings.json'), truncated);
    });
    const document = await analyze({ artifacts: { store, downloadDir: await tempDir('dl') }, settings, logger: memoryLogger() });
    const bad = document.inputs.find((i) => i.source === 'secloop-scan-cell-b')!;
    const file = path.join(path.dirname(bad.file), 'findings.json');
    expect(bad.error).toBe(errorMessage(catchError(() => parseFindingsDocument(truncated, file))));
    expect(bad.error).toMatch(/not JSON/);
  });

  it('an artifact of another schema version, naming both versions', async () => {
    const { store } = await artifactsWithSecondCell(async (dir, text) =>
      writeFile(path.join(dir, 'findings.json'), text.replace('"schema": "secloop.findings/v1"', '"schema": "secloop.findings/v2"')),
    );
    const document = await analyze({ artifacts: { store, downloadDir: await tempDir('dl') }, settings, logger: memoryLogger() });
    expect(document.summary.result).toBe('error');
    const bad = document.inputs.find((i) => i.source === 'secloop-scan-cell-b')!;
    expect(bad.schema).toBe('secloop.findings/v2');
    expect(bad.error).toContain('schema is "secloop.findings/v2"; this secloop reads secloop.findings/v1');
  });

  it('a compatible minor revision is read; an incompatible one names both versions and the problem', async () => {
    const { store } = await artifactsWithSecondCell(async (dir, text) =>
      writeFile(path.join(dir, 'findings.json'), text.replace('"schema": "secloop.findings/v1"', '"schema": "secloop.findings/v1.1"')),
    );
    const ok = await analyze({ artifacts: { store, downloadDir: await tempDir('dl') }, settings, logger: memoryLogger() });
    expect(ok.errors).toEqual([]);
    expect(ok.inputs.map((i) => i.schema)).toEqual(['secloop.findings/v1', 'secloop.findings/v1']);

    const { store: store2 } = await artifactsWithSecondCell(async (dir, text) => {
      const doc = JSON.parse(text);
      doc.schema = 'secloop.findings/v1.2';
      doc.findings[0].reachability = 'reachable';
      await writeFile(path.join(dir, 'findings.json'), JSON.stringify(doc));
    });
    const bad = await analyze({ artifacts: { store: store2, downloadDir: await tempDir('dl') }, settings, logger: memoryLogger() });
    expect(bad.summary.result).toBe('error');
    expect(bad.errors[0]).toMatch(/schema secloop\.findings\/v1\.2 is not compatible with secloop\.findings\/v1, which this secloop reads: \/findings\/0 must NOT have additional properties \(reachability\)/);
  });

  it('an artifact without a findings document, and a scan that reported its own error', async () => {
    const { store } = await artifactsWithSecondCell(async (dir, text) => {
      const doc = JSON.parse(text);
      await writeFile(path.join(dir, 'findings.json'), JSON.stringify({ ...doc, summary: { ...doc.summary, result: 'error' }, errors: ['scanner dependencies failed: EACCES'] }));
      await mkdir(path.join(path.dirname(dir), 'secloop-scan-cell-c'));
      await writeFile(path.join(path.dirname(dir), 'secloop-scan-cell-c', 'scan.log'), 'killed\n');
    });
    const document = await analyze({ artifacts: { store, downloadDir: await tempDir('dl') }, settings, logger: memoryLogger() });
    expect(document.summary.result).toBe('error');
    expect(document.errors).toEqual([
      'secloop-scan-cell-b: the scan itself reported an error: scanner dependencies failed: EACCES',
      'artifact secloop-scan-cell-c holds no findings.json',
    ]);
  });

  it('a missing artifact: fewer cells uploaded than the matrix has', async () => {
    const { store } = await artifactsWithSecondCell(async () => undefined);
    const complete = await analyze({ artifacts: { store, downloadDir: await tempDir('dl'), expected: 2 }, settings, logger: memoryLogger() });
    expect(complete.errors).toEqual([]);
    const document = await analyze({ artifacts: { store, downloadDir: await tempDir('dl'), expected: 3 }, settings, logger: memoryLogger() });
    expect(document.summary.result).toBe('error');
    expect(document.errors).toEqual([
      'expected 3 artifact(s) matching secloop-scan-*, found 2 (secloop-scan-cell-a, secloop-scan-cell-b): a matrix cell did not upload its findings',
    ]);
  });

  it('no inputs at all', async () => {
    const store = new LocalArtifactStore(await tempDir('none'));
    const document = await analyze({ artifacts: { store }, settings, logger: memoryLogger() });
    expect(document.summary.result).toBe('error');
    expect(document.errors).toEqual(['no findings documents to analyse in artifacts secloop-scan-*']);
  });
});

describe('directory inputs', () => {
  let root: string;
  beforeAll(async () => {
    root = await tempDir('dirs');
    await mkdir(path.join(root, 'linux'), { recursive: true });
    await mkdir(path.join(root, 'nested', 'windows'), { recursive: true });
    await scanInto(path.join(root, 'linux'));
    await scanInto(path.join(root, 'nested', 'windows'));
  });

  it('finds every findings.json below the directory', async () => {
    const document = await analyze({ inputDirs: [root], settings: settingsWith(), logger: memoryLogger() });
    expect(document.inputs.map((i) => i.source)).toEqual([`${root}/linux`, `${root}/nested/windows`]);
    expect(document.findings[0]!.sources).toEqual([`${root}/linux`, `${root}/nested/windows`]);
  });

  it('a directory without any is an error, a missing one a configuration error', async () => {
    const empty = await tempDir('empty');
    const document = await analyze({ inputDirs: [empty], settings: settingsWith(), logger: memoryLogger() });
    expect(document.errors).toEqual([`${empty}: no findings.json found under it`]);
    await expect(analyze({ inputDirs: ['/nonexistent/scan'], settings: settingsWith(), logger: memoryLogger() })).rejects.toThrow(
      '/nonexistent/scan (in): input /nonexistent/scan cannot be read: ENOENT',
    );
  });
});
