import { writeFile } from 'node:fs/promises';
import { TOOL_VERSION } from '../../../../src/shared/version.js';
import type { LockfilePackages } from '../dependencies/extract.js';
import { writeSboms as renderSboms } from '../sbom/index.js';

/** Writes the CycloneDX 1.6 and SPDX 2.3 documents of the scanned tree (both validated before writing). */
export async function writeSboms(input: {
  lockfiles: LockfilePackages[];
  rootName: string;
  timestamp: string;
  cyclonedxPath: string;
  spdxPath: string;
}): Promise<void> {
  const texts = renderSboms({
    rootName: input.rootName,
    toolName: 'secloop',
    toolVersion: TOOL_VERSION,
    timestamp: input.timestamp,
    lockfiles: input.lockfiles.map((l) => ({ path: l.path, packages: l.packages })),
  });
  await Promise.all([writeFile(input.cyclonedxPath, texts.cyclonedx), writeFile(input.spdxPath, texts.spdx)]);
}
