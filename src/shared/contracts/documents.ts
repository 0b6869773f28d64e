import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { assertValid } from './validate.js';
import { findingsSchema, FINDINGS_SCHEMA_ID, type FindingsDocument } from './findings.js';
import { InvalidDocumentError } from '../errors.js';

/**
 * Every document is validated when written (a writer that emits an invalid document is a bug) and when read
 * (an artifact from another run or version may be anything). Readers accept the schema ids they can upgrade.
 */
export async function writeFindingsDocument(file: string, document: FindingsDocument): Promise<void> {
  assertValid<FindingsDocument>(findingsSchema, document, file);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(document, null, 2) + '\n', 'utf8');
}

export async function readFindingsDocument(file: string): Promise<FindingsDocument> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InvalidDocumentError(file, [`cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`]);
  }
  return parseFindingsDocument(text, file);
}

export function parseFindingsDocument(text: string, source: string): FindingsDocument {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InvalidDocumentError(source, [`not JSON: ${(error as Error).message}`]);
  }
  const schema = (value as { schema?: unknown } | null)?.schema;
  if (schema !== FINDINGS_SCHEMA_ID) {
    throw new InvalidDocumentError(source, [
      `schema is ${JSON.stringify(schema)}; this secloop reads ${FINDINGS_SCHEMA_ID}`,
    ]);
  }
  assertValid<FindingsDocument>(findingsSchema, value, source);
  return value;
}
