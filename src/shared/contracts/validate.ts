import { Ajv, type ValidateFunction, type ErrorObject } from 'ajv';
import addFormatsModule, { type FormatsPlugin } from 'ajv-formats';
import { InvalidDocumentError } from '../errors.js';

// ajv-formats is CommonJS with a default export; under NodeNext the namespace comes through as `default`.
const addFormats: FormatsPlugin =
  (addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? (addFormatsModule as unknown as FormatsPlugin);

let ajv: Ajv | undefined;
const compiled = new Map<object, ValidateFunction>();

function validatorFor(schema: object): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    // One Ajv instance per process; schemas compile lazily so a CLI run pays only for what it reads.
    ajv ??= addFormats(new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }), ['date-time', 'uri']);
    validate = ajv.compile(schema as Record<string, unknown>);
    compiled.set(schema, validate);
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
