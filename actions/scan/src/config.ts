import path from 'node:path';
import type { DirectoryCache } from '../../../src/shared/actions/cache.js';
import { ConfigurationError } from '../../../src/shared/errors.js';
import { Inputs, parseByteSize } from '../../../src/shared/inputs.js';
import type { Logger } from '../../../src/shared/logger.js';
import { normaliseSeverity, type Severity } from '../../../src/shared/severity/index.js';
import { DEFAULT_MAX_FILE_BYTES } from './discovery.js';
import type { ScanOptions } from './scan.js';
import { SCANNER_FACTORIES, SCANNER_NAMES, type AnyScanner } from './scanners/index.js';

/**
 * The scan's settings, read the same way from action inputs and CLI flags (both kebab-case), so the two
 * front ends cannot drift apart. Each scanner reads its own inputs in its factory.
 */
export async function scanOptionsFrom(
  inputs: Inputs,
  base: { workspace: string; context: ScanOptions['context']; fetch?: typeof fetch; cache?: DirectoryCache; tempDir?: string },
  logger: Logger,
): Promise<ScanOptions> {
  const root = path.resolve(base.workspace, inputs.optional('path') ?? '.');
  const outDir = path.resolve(base.workspace, inputs.optional('out') ?? '.secloop/scan');
  const failOn = inputs.optional('fail-on-severity');
  const failOnSeverity: Severity | 'none' =
    failOn === undefined || failOn.toLowerCase() === 'none' ? 'none' : normaliseSeverity(failOn, 'fail-on-severity');
  const maxSize = inputs.optional('max-file-size');
  const scanners: AnyScanner[] = [];
  for (const name of readScannerNames(inputs)) {
    scanners.push(
      await SCANNER_FACTORIES[name]!({ inputs, workspace: base.workspace, root, logger, fetch: base.fetch, cache: base.cache, tempDir: base.tempDir }),
    );
  }
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
  };
}

function readScannerNames(inputs: Inputs): string[] {
  const given = inputs.list('scanners');
  if (given.length === 0 || given.includes('all')) return [...SCANNER_NAMES];
  const unknown = given.filter((s) => !SCANNER_NAMES.includes(s));
  if (unknown.length) {
    throw new ConfigurationError(`unknown scanner(s) ${unknown.join(', ')}; expected ${[...SCANNER_NAMES, 'all'].join(', ')}`, 'scanners');
  }
  // Run order is the registry's, whatever order the user listed them in.
  return SCANNER_NAMES.filter((s) => given.includes(s));
}
