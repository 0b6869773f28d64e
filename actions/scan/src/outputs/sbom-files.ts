import { writeFile } from 'node:fs/promises';
import { TOOL_VERSION } from '../../../../src/shared/version.js';
import type { LockfilePackages } from '../dependencies/extract.js';
import { renderSboms } from '../sbom/index.js';

/**
 * Writes the CycloneDX 1.6 and SPDX 2.3 documents of the scanned tree. Schema validation at write time is
 * opt-in (SECLOOP_VALIDATE_SBOM=1): it costs more than the rest of a large scan, and the tests validate.
 */
export async function writeSboms(input: {
  lockfiles: LockfilePackages[];
  rootName: string;
  timestamp: string;
  cyclonedxPath: string;
  spdxPath: string;
}): Promise<void> {
  const texts = await renderSboms({
    rootName: input.rootName,
    toolName: 'secloop',
    toolVersion: TOOL_VERSION,
    timestamp: input.timestamp,
    lockfiles: input.lockfiles.map((l) => ({ path: l.path, packages: l.packages })),
  }, { validate: process.env.SECLOOP_VALIDATE_SBOM === '1' });
  await Promise.all([writeFile(input.cyclonedxPath, texts.cyclonedx), writeFile(input.spdxPath, texts.spdx)]);
}
