import { cyclonedxFromModel } from './cyclonedx.js';
import { buildSbomModel, type SbomInput } from './model.js';
import { spdxFromModel } from './spdx.js';

export { buildCycloneDx, writeCycloneDx, LOCKFILE_PROPERTY, ECOSYSTEM_PROPERTY, ROOT_BOM_REF } from './cyclonedx.js';
export { buildSpdx, writeSpdx } from './spdx.js';
export { buildSbomModel, SbomInputError, type SbomInput, type SbomModel, type SbomComponent } from './model.js';
export { purlFor, tryPurlFor, PurlError } from './purl.js';
export { InvalidSbomError } from './validate.js';

/**
 * Both documents' file texts from one pass over the packages. With `validate` (SECLOOP_VALIDATE_SBOM=1 in the
 * scan), throws InvalidSbomError if either fails its schema.
 */
export function writeSboms(input: SbomInput, options: { validate?: boolean } = {}): { cyclonedx: string; spdx: string } {
  const model = buildSbomModel(input);
  return {
    cyclonedx: `${JSON.stringify(cyclonedxFromModel(model, options), null, 2)}\n`,
    spdx: `${JSON.stringify(spdxFromModel(model, options), null, 2)}\n`,
  };
}
