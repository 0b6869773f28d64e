import type { Node, ParseError } from 'jsonc-parser';
import { loadJsoncParser } from '../packagist/json-document.js';
import { ExtractionError, type ExtractedPackage, type ExtractInput, type ExtractionResult, type Extractor } from '../types.js';
import { LineIndex } from './line-index.js';
import { declaredNames } from './manifest.js';
import { normalizeName } from './names.js';

/** Sections of a Pipfile.lock and the groups their packages belong to. */
const SECTIONS: ReadonlyArray<readonly [string, string[]]> = [
  ['default', []],
  ['develop', ['dev']],
];

/**
 * Pipfile.lock (JSON). `default` holds production packages and `develop` development ones; a package locked at
 * the same version in both is reported once, as production. Entries without a pinned `version` (git or path
 * checkouts) are not reported. jsonc-parser (strict: no comments) is used for the positions JSON.parse lacks;
 * `line` is the line of the package's key. Pipfile beside the lock tells which packages are declared.
 */
export const pipfileLockExtractor: Extractor = {
  id: 'PyPI/pipfile-lock',
  ecosystem: 'PyPI',
  fileNames: ['Pipfile.lock'],
  async extract(input: ExtractInput): Promise<ExtractionResult> {
    if (input.content.trim() === '') return { packages: [] };
    const lines = new LineIndex(input.content);
    const { parseTree, printParseErrorCode } = await loadJsoncParser();
    const errors: ParseError[] = [];
    const root = parseTree(input.content, errors, { disallowComments: true, allowTrailingComma: false });
    if (errors.length > 0 || !root) {
      const first = errors[0];
      throw new ExtractionError(
        input.path,
        first ? `invalid JSON (${printParseErrorCode(first.error)})` : 'invalid JSON',
        first ? lines.lineOf(first.offset) : undefined,
      );
    }
    if (root.type !== 'object') throw new ExtractionError(input.path, 'expected a JSON object at the top level');
    const warnings: string[] = [];
    const direct = await declaredNames(input, 'Pipfile', warnings);

    const packages: ExtractedPackage[] = [];
    const seen = new Set<string>();
    for (const [section, depGroups] of SECTIONS) {
      const sectionNode = propertyValue(root, section);
      if (!sectionNode) continue;
      if (sectionNode.type !== 'object') throw new ExtractionError(input.path, `"${section}" must be an object`, lines.lineOf(sectionNode.offset));
      for (const property of sectionNode.children ?? []) {
        const [keyNode, valueNode] = property.children ?? [];
        if (!keyNode || typeof keyNode.value !== 'string' || !valueNode) continue;
        const name = keyNode.value;
        const versionNode = valueNode.type === 'object' ? propertyValue(valueNode, 'version') : undefined;
        if (!versionNode || typeof versionNode.value !== 'string') continue;
        const version = versionNode.value.replace(/^===?/, '');
        const identity = `${normalizeName(name)}@${version}`;
        if (seen.has(identity)) continue; // develop repeats what default already locks
        seen.add(identity);
        const pkg: ExtractedPackage = { name, version, ecosystem: 'PyPI', depGroups: [...depGroups], line: lines.lineOf(keyNode.offset) };
        if (direct) pkg.direct = direct.has(normalizeName(name));
        packages.push(pkg);
      }
    }
    return warnings.length > 0 ? { packages, warnings } : { packages };
  },
};

function propertyValue(object: Node, key: string): Node | undefined {
  for (const property of object.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    if (keyNode?.value === key) return valueNode;
  }
  return undefined;
}
