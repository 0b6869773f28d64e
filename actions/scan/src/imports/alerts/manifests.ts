/**
 * Finds the Kubernetes manifest in the repository that defines an alert's workload: the YAML document whose
 * `kind`, `metadata.name` and `metadata.namespace` match. A manifest without a namespace is applied to
 * whatever namespace the deploy names, so it matches any namespace, with less confidence. Small and
 * self-contained on purpose: the Kubernetes scanner is a separate module.
 */
import path from 'node:path';
import { isScalar, LineCounter, parseAllDocuments } from 'yaml';
import type { ScanWarning } from '../../../../../src/shared/contracts/findings.js';
import { readBounded, walkFiles } from '../common.js';

export interface ManifestMatch {
  /** Relative to the scan root, "/"-separated. */
  path: string;
  /** The line of `metadata.name`. */
  line: number;
  kind: string;
  name: string;
  /** true when the manifest states the same namespace; false when it states none. */
  namespaceMatched: boolean;
}

const MAX_MANIFEST_BYTES = 2 * 1024 * 1024;
const MAX_YAML_FILES = 20000;

function isYaml(base: string): boolean {
  return /\.ya?ml$/i.test(base);
}

export interface ManifestIndex {
  find(kind: string, name: string, namespace: string): Promise<ManifestMatch | undefined>;
  warnings: ScanWarning[];
}

/**
 * An index over the YAML files under `root`, built lazily: a file is parsed only when its text contains the
 * name looked for, so an alert costs one cheap read per YAML file, not one parse.
 */
export function manifestIndex(root: string): ManifestIndex {
  let files: Promise<string[]> | undefined;
  const texts = new Map<string, string | null>();
  const warnings: ScanWarning[] = [];
  const warned = new Set<string>();
  const warn = (file: string, reason: string) => {
    if (warned.has(file)) return;
    warned.add(file);
    warnings.push({ file, scanner: 'runtime', reason });
  };
  return {
    warnings,
    async find(kind, name, namespace) {
      files ??= walkFiles(root, isYaml, MAX_YAML_FILES).then((r) => r.files);
      let loose: ManifestMatch | undefined;
      for (const relative of await files) {
        if (!texts.has(relative)) {
          const read = await readBounded(path.join(root, relative), MAX_MANIFEST_BYTES);
          texts.set(relative, 'text' in read ? read.text : null);
        }
        const text = texts.get(relative);
        if (!text || !text.includes(name) || !/^\s*kind\s*:/m.test(text)) continue;
        for (const match of documentsIn(text, relative, warn)) {
          if (match.kind.toLowerCase() !== kind.toLowerCase() || match.name !== name) continue;
          if (match.namespace === namespace) return { path: relative, line: match.line, kind: match.kind, name, namespaceMatched: true };
          if (match.namespace === undefined) loose ??= { path: relative, line: match.line, kind: match.kind, name, namespaceMatched: false };
        }
      }
      return loose;
    },
  };
}

function documentsIn(text: string, file: string, warn: (file: string, reason: string) => void): { kind: string; name: string; namespace?: string; line: number }[] {
  const lineCounter = new LineCounter();
  let documents;
  try {
    // The AST is read without resolving aliases, so an alias bomb costs nothing; uniqueKeys off: a duplicate key
    // elsewhere in the file must not hide the workload.
    documents = parseAllDocuments(text, { lineCounter, uniqueKeys: false, prettyErrors: false });
  } catch (error) {
    warn(file, `YAML not readable while looking for the alert's workload: ${(error as Error).message}`);
    return [];
  }
  if (!Array.isArray(documents)) return [];
  const found: { kind: string; name: string; namespace?: string; line: number }[] = [];
  for (const doc of documents) {
    if (doc.errors.length > 0) {
      warn(file, `YAML error while looking for the alert's workload: ${doc.errors[0]!.message.split('\n')[0]}`);
      continue;
    }
    const kind = doc.get('kind');
    const nameNode = doc.getIn(['metadata', 'name'], true);
    const namespace = doc.getIn(['metadata', 'namespace']);
    if (typeof kind !== 'string' || !isScalar(nameNode) || typeof nameNode.value !== 'string' || !nameNode.range) continue;
    found.push({
      kind,
      name: nameNode.value,
      ...(typeof namespace === 'string' && namespace !== '' ? { namespace } : {}),
      line: lineCounter.linePos(nameNode.range[0]).line,
    });
  }
  return found;
}
