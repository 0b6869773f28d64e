import type { ErrorObject } from 'ajv';
import { InvalidDocumentError } from '../errors.js';
import { validatorsById } from './validators.generated.js';

/**
 * The contract schemas' validators are ajv standalone code generated at build time
 * (scripts/generate-validators.js): a run validates every document without compiling a schema, which cost
 * more than the rest of a small scan. A contracts test fails when the generated file is stale.
 */
function validatorFor(schema: object) {
  const id = (schema as { $id?: unknown }).$id;
  const validate = typeof id === 'string' ? validatorsById[id] : undefined;
  if (!validate) {
    throw new Error(`no generated validator for schema ${JSON.stringify(id)}: add it to scripts/generate-validators.js and run it`);
  }
  return validate;
}

export function describeErrors(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => {
    const where = e.instancePath || '/';
    const extra = e.keyword === 'additionalProperties' ? ` (${String((e.params as { additionalProperty?: string }).additionalProperty)})` : '';
    const allowed = e.keyword === 'enum' ? ` (allowed: ${(e.params as { allowedValues?: unknown[] }).allowedValues?.join(', ')})` : '';
    return `${where} ${e.message ?? e.keyword}${extra}${allowed}`;
  });
}

/** Throws InvalidDocumentError naming `source` and every failing field. */
export function assertValid<T>(schema: object, document: unknown, source: string): asserts document is T {
  const validate = validatorFor(schema);
  if (!validate(document)) throw new InvalidDocumentError(source, describeErrors(validate.errors));
}
