import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { assertValid } from './validate.js';
import { findingsSchema, FINDINGS_SCHEMA_ID, type FindingsDocument } from './findings.js';
import { InvalidDocumentError } from '../errors.js';

/**
 * Every document is validated when written (a writer that emits an invalid document is a bug) and when read
 * (an artifact from another run or version may be anything). Readers accept the schema ids they can upgrade.
 */
export interface DocumentKind<T> {
  write(file: string, document: T): Promise<void>;
  read(file: string): Promise<T>;
  parse(text: string, source: string): T;
}

/** Writer and readers of one schema-versioned document kind (findings, analysis, ...). */
export function documentKind<T>(schemaId: string, schema: object): DocumentKind<T> {
  const parse = (text: string, source: string): T => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new InvalidDocumentError(source, [`not JSON: ${(error as Error).message}`]);
    }
    const found = (value as { schema?: unknown } | null)?.schema;
    if (found !== schemaId) {
      throw new InvalidDocumentError(source, [`schema is ${JSON.stringify(found)}; this secloop reads ${schemaId}`]);
    }
    assertValid<T>(schema, value, source);
    return value;
  };
  return {
    parse,
    async write(file, document) {
      assertValid<T>(schema, document, file);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, JSON.stringify(document, null, 2) + '\n', 'utf8');
    },
    async read(file) {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        throw new InvalidDocumentError(file, [`cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`]);
      }
      return parse(text, file);
    },
  };
}

const findingsDocuments = documentKind<FindingsDocument>(FINDINGS_SCHEMA_ID, findingsSchema);
export const writeFindingsDocument = findingsDocuments.write;
export const readFindingsDocument = findingsDocuments.read;
export const parseFindingsDocument = findingsDocuments.parse;
