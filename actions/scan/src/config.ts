import path from 'node:path';
import { ConfigurationError } from '../../../src/shared/errors.js';
import { Inputs, parseByteSize } from '../../../src/shared/inputs.js';
import type { Logger } from '../../../src/shared/logger.js';
import { normaliseSeverity, type Severity } from '../../../src/shared/severity/index.js';
import { createAdvisorySource } from './advisories/index.js';
import { DEFAULT_MAX_FILE_BYTES } from './discovery.js';
import { SCANNERS, type ScanOptions, type ScannerName } from './scan.js';

/**
 * The scan's settings, read the same way from action inputs and CLI flags (both kebab-case), so the two
 * front ends cannot drift apart.
 */
export async function scanOptionsFrom(
  inputs: Inputs,
  base: { workspace: string; context: ScanOptions['context']; fetch?: typeof fetch },
  logger: Logger,
): Promise<ScanOptions> {
  const root = path.resolve(base.workspace, inputs.optional('path') ?? '.');
  const outDir = path.resolve(base.workspace, inputs.optional('out') ?? '.secloop/scan');
  const scanners = readScanners(inputs);
  const offlineDbPaths = inputs.list('offline-db').map((p) => path.resolve(base.workspace, p));
  const mode = inputs.enumOf('advisories', ['osv', 'offline'] as const, offlineDbPaths.length > 0 ? 'offline' : 'osv');
  if (mode === 'offline' && offlineDbPaths.length === 0) {
    throw new ConfigurationError("advisories 'offline' needs at least one offline-db path (a directory of OSV records or <Ecosystem>/all.zip exports)", 'offline-db');
  }
  const failOn = inputs.optional('fail-on-severity') ?? inputs.optional('severity-cutoff');
  const failOnSeverity: Severity | 'none' =
    failOn === undefined || failOn.toLowerCase() === 'none' ? 'none' : normaliseSeverity(failOn, 'fail-on-severity');
  const maxSize = inputs.optional('max-file-size');
  const advisorySource = await createAdvisorySource({
    mode,
    offlineDbPaths,
    osvBaseUrl: inputs.optional('osv-url'),
    fetch: base.fetch,
    logger,
  });
  return {
    root,
    outDir,
    scanners,
    exclude: inputs.list('exclude'),
    maxFileBytes: maxSize ? parseByteSize(maxSize, 'max-file-size') : DEFAULT_MAX_FILE_BYTES,
    failOnSeverity,
    allowEmpty: inputs.boolean('allow-empty', false),
    sarifCategory: inputs.optional('sarif-category'),
    context: { ...base.context, target: path.relative(base.workspace, root) || '.' },
    correlationId: inputs.optional('correlation-id'),
    advisorySource,
    advisorySourceDetail: mode === 'offline' ? offlineDbPaths.map((p) => path.relative(base.workspace, p) || '.').join(', ') : inputs.optional('osv-url') ?? 'https://api.osv.dev',
  };
}

function readScanners(inputs: Inputs): ScannerName[] {
  const given = inputs.list('scanners');
  if (given.length === 0 || given.includes('all')) return [...SCANNERS];
  const unknown = given.filter((s) => !(SCANNERS as readonly string[]).includes(s));
  if (unknown.length) {
    throw new ConfigurationError(`unknown scanner(s) ${unknown.join(', ')}; expected ${[...SCANNERS, 'all'].join(', ')}`, 'scanners');
  }
  return given as ScannerName[];
}
