import { ExtractionError } from '../types.js';

/**
 * jsonc-parser is loaded on the first lockfile that needs it (its own chunk in the bundles): a scan without
 * composer.lock / packages.lock.json files never pays for it. Named members only: it ships UMD for Node
 * (named exports detected) and ESM for bundlers (no default).
 */
let jsoncParser: Promise<typeof import('jsonc-parser')> | undefined;
export function loadJsoncParser(): Promise<typeof import('jsonc-parser')> {
  return (jsoncParser ??= import('jsonc-parser'));
}

export type JsonPath = (string | number)[];

/**
 * Parses a JSON lockfile strictly. On failure the error names the line of the first syntax error, found by
 * jsonc-parser: V8's own messages carry a position only for some errors, and differ between Node versions.
 */
export async function parseJsonLockfile(file: string, content: string): Promise<unknown> {
  try {
    return JSON.parse(content);
  } catch (error) {
    const { visit, printParseErrorCode } = await loadJsoncParser();
    let first: { code: number; line: number } | undefined;
    visit(
      content,
      {
        onError(code, _offset, _length, startLine) {
          first ??= { code, line: startLine + 1 };
        },
      },
      { disallowComments: true, allowTrailingComma: false },
    );
    if (first) {
      // "CloseBraceExpected" reads better as "close brace expected".
      const reason = printParseErrorCode(first.code).replace(/(?<=[a-z])(?=[A-Z])/g, ' ').toLowerCase();
      throw new ExtractionError(file, `not valid JSON: ${reason}`, first.line);
    }
    throw new ExtractionError(file, `not valid JSON: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
}

/**
 * Calls `onProperty` with the 1-based line of every object key and a getter for the path of the object
 * holding it (built only when asked for), in one pass of a position-aware parser: JSON.parse keeps no positions.
 */
export async function visitKeyLines(
  content: string,
  onProperty: (key: string, line: number, parentPath: () => JsonPath) => void,
): Promise<void> {
  const { visit } = await loadJsoncParser();
  visit(content, {
    onObjectProperty(property, _offset, _length, startLine, _startCharacter, pathSupplier) {
      onProperty(property, startLine + 1, pathSupplier);
    },
  });
}
