/**
 * Write-time validation of both SBOM formats against their official JSON schemas (vendored in ./schema,
 * see PROVENANCE.md there). An SBOM we produce that fails its schema is our bug, so it throws instead of
 * writing a file that other tools would reject.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule, { type FormatsPlugin } from 'ajv-formats';
import cyclonedxSchema from './schema/cyclonedx-bom-1.6.schema.json' with { type: 'json' };
import cyclonedxJsfSchema from './schema/cyclonedx-jsf-0.82.schema.json' with { type: 'json' };
import cyclonedxSpdxSchema from './schema/cyclonedx-spdx.schema.json' with { type: 'json' };
import spdxSchema from './schema/spdx-2.3.schema.json' with { type: 'json' };
import { InvalidSbomError } from './errors.js';

export { InvalidSbomError };

// ajv-formats is CommonJS; under NodeNext its default export may arrive wrapped in `default`.
const addFormats: FormatsPlugin =
  (addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? (addFormatsModule as unknown as FormatsPlugin);

function newAjv(): Ajv {
  // Third-party schemas use keywords and formats Ajv's strict mode would refuse to compile.
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  // Formats ajv-formats lacks (as @cyclonedx/cyclonedx-library does, accept any string); we never emit them.
  ajv.addFormat('iri-reference', true);
  ajv.addFormat('idn-email', true);
  return ajv;
}

let cyclonedxValidator: ValidateFunction | undefined;
let spdxValidator: ValidateFunction | undefined;

function describe(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((error) => {
    const extra =
      error.keyword === 'additionalProperties' ? ` (${String((error.params as { additionalProperty?: unknown }).additionalProperty)})` : '';
    return `${error.instancePath || '/'} ${error.message ?? error.keyword}${extra}`;
  });
}

/** Compiled lazily: a scan that writes no SBOM pays nothing. */
export function assertValidCycloneDx(document: unknown): void {
  if (!cyclonedxValidator) {
    const ajv = newAjv();
    ajv.addSchema(cyclonedxSpdxSchema as object);
    ajv.addSchema(cyclonedxJsfSchema as object);
    cyclonedxValidator = ajv.compile(cyclonedxSchema as object);
  }
  if (!cyclonedxValidator(document)) throw new InvalidSbomError('CycloneDX 1.6', describe(cyclonedxValidator.errors));
}

export function assertValidSpdx(document: unknown): void {
  spdxValidator ??= newAjv().compile(spdxSchema as object);
  if (!spdxValidator(document)) throw new InvalidSbomError('SPDX 2.3', describe(spdxValidator.errors));
}
