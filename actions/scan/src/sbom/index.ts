import { cyclonedxFromModel } from './cyclonedx.js';
import { buildSbomModel, type SbomInput } from './model.js';
import { spdxFromModel } from './spdx.js';

export { buildCycloneDx, writeCycloneDx, LOCKFILE_PROPERTY, ECOSYSTEM_PROPERTY, ROOT_BOM_REF } from './cyclonedx.js';
export { buildSpdx, writeSpdx } from './spdx.js';
export { buildSbomModel, SbomInputError, type SbomInput, type SbomModel, type SbomComponent } from './model.js';
export { purlFor, tryPurlFor, PurlError } from './purl.js';
export { InvalidSbomError } from './errors.js';

export interface SbomTexts {
  cyclonedx: string;
  spdx: string;
}

function documentText(document: Record<string, unknown>): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

/**
 * Both documents' file texts from one pass over the packages. With `validate` (SECLOOP_VALIDATE_SBOM=1 in the
 * scan), each is checked against its official schema first and InvalidSbomError is thrown if either fails;
 * only then are ajv and the schemas loaded (their own chunk in the bundles).
 */
export async function renderSboms(input: SbomInput, options: { validate?: boolean } = {}): Promise<SbomTexts> {
  const model = buildSbomModel(input);
  const cyclonedx = cyclonedxFromModel(model);
  const spdx = spdxFromModel(model);
  if (options.validate) {
    const validation = await import('./validate.js');
    validation.assertValidCycloneDx(cyclonedx);
    validation.assertValidSpdx(spdx);
  }
  return { cyclonedx: documentText(cyclonedx), spdx: documentText(spdx) };
}
