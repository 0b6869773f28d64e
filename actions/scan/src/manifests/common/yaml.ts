import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  visit,
  type Document,
  type Node,
  type Pair,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';

/**
 * YAML read for rules that must point at a line: the documents stay as nodes with source ranges instead of
 * plain objects, so every finding can name the line of the key at fault. Nothing here calls `toJS`: aliases
 * are followed lazily and counted, so a "billion laughs" document costs a bounded number of steps instead of
 * an exponential expansion (the role `maxAliasCount` plays for `toJS`).
 */

/** More alias dereferences than this in one document is an alias bomb, not a manifest. */
export const MAX_ALIAS_DEREFERENCES = 10_000;
/** Kubernetes lists and Helm output reach hundreds of documents; tens of thousands is not a manifest. */
export const MAX_DOCUMENTS = 5_000;
/**
 * Flow collections (`[[[[...`) nested deeper than this are refused before parsing: the parser's time grows
 * with the depth (seconds for a few hundred thousand levels) and no manifest nests more than a few levels.
 */
export const MAX_FLOW_DEPTH = 256;

/** A document (or file) that exceeds one of the bounds above; reported as a warning, the scan goes on. */
export class ManifestLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ManifestLimitError';
  }
}

export interface YamlProblem {
  line?: number;
  reason: string;
}

export interface ParsedYamlFile {
  documents: YamlView[];
  /** Documents left out because they do not parse; the others are still analysed. */
  problems: YamlProblem[];
}

/** Parses every document of a YAML stream. `version: '1.1'` reads `yes`/`on` as booleans, as Kubernetes does. */
export function parseYamlFile(text: string, version: '1.1' | '1.2'): ParsedYamlFile {
  const depth = flowDepth(text);
  if (depth > MAX_FLOW_DEPTH) throw new ManifestLimitError(`flow collections nested ${depth} levels deep (limit ${MAX_FLOW_DEPTH})`);
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, {
    version,
    lineCounter,
    keepSourceTokens: true,
    prettyErrors: true,
  });
  const docs = Array.isArray(parsed) ? parsed : [];
  if (docs.length > MAX_DOCUMENTS) throw new ManifestLimitError(`more than ${MAX_DOCUMENTS} YAML documents`);
  const documents: YamlView[] = [];
  const problems: YamlProblem[] = [];
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      const first = doc.errors[0]!;
      const line = first.linePos?.[0]?.line;
      problems.push({ ...(line ? { line } : {}), reason: `YAML document does not parse: ${firstLine(first.message)}` });
      continue;
    }
    documents.push(new YamlView(doc, lineCounter, text));
  }
  return { documents, problems };
}

/**
 * Deepest unclosed run of `[`/`{`, counted without regard to quoting or comments: brackets there are
 * balanced in practice, and it takes hundreds of unclosed ones to cross the limit. Stops early past it.
 */
function flowDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) {
      if (++depth > max) {
        max = depth;
        if (max > MAX_FLOW_DEPTH) return max;
      }
    } else if ((c === 0x5d || c === 0x7d) && depth > 0) {
      depth--;
    }
  }
  return max;
}

function firstLine(message: string): string {
  const nl = message.indexOf('\n');
  return nl < 0 ? message : message.slice(0, nl);
}

type Located = Node | Pair;

/** Read access to one parsed document: lookups that follow aliases and merge keys, and 1-based lines. */
export class YamlView {
  private anchors: Map<string, Node[]> | undefined;
  private dereferences = 0;

  constructor(
    readonly doc: Document.Parsed,
    private readonly lineCounter: LineCounter,
    private readonly fileText: string,
  ) {}

  get contents(): Node | undefined {
    return this.deref(this.doc.contents ?? undefined);
  }

  /** Offset of the document's first content in the file (for "# Source:" comments above it). */
  get startOffset(): number {
    return this.doc.range[0];
  }

  lineAt(offset: number): number {
    return this.lineCounter.linePos(offset).line;
  }

  /** The line of a node, or of a pair's key (where an editor would point). */
  line(item: Located | undefined): number | undefined {
    if (!item) return undefined;
    const node = isPair(item) ? (item.key as Node | null) : item;
    const range = node && typeof node === 'object' && 'range' in node ? node.range : undefined;
    return range ? this.lineAt(range[0]) : undefined;
  }

  /** The last line a node's value spans (for multi-line findings). */
  endLine(item: Node | undefined): number | undefined {
    if (!item?.range) return undefined;
    // range[1] is one past the value; step back so a trailing newline does not count as the next line.
    return this.lineAt(Math.max(item.range[0], item.range[1] - 1));
  }

  deref(node: unknown): Node | undefined {
    if (node === null || node === undefined) return undefined;
    if (!isAlias(node)) return node as Node;
    if (++this.dereferences > MAX_ALIAS_DEREFERENCES) {
      throw new ManifestLimitError(`more than ${MAX_ALIAS_DEREFERENCES} alias dereferences (alias bomb?)`);
    }
    const candidates = this.anchorIndex().get(node.source);
    if (!candidates) return undefined;
    // An anchor may be redefined: an alias refers to the closest definition before it.
    const at = node.range?.[0] ?? Number.MAX_SAFE_INTEGER;
    let target: Node | undefined;
    for (const c of candidates) if ((c.range?.[0] ?? 0) < at) target = c;
    return target;
  }

  map(node: unknown): YAMLMap | undefined {
    const n = this.deref(node);
    return isMap(n) ? n : undefined;
  }

  seq(node: unknown): YAMLSeq | undefined {
    const n = this.deref(node);
    return isSeq(n) ? n : undefined;
  }

  /** The pair for `key` in a mapping, looking through `<<` merge keys the way YAML 1.1 does. */
  pair(node: unknown, key: string, depth = 0): Pair | undefined {
    const map = this.map(node);
    if (!map || depth > 8) return undefined;
    for (const p of map.items) if (this.keyName(p) === key) return p;
    for (const p of map.items) {
      if (this.keyName(p) !== '<<') continue;
      const sources = this.seq(p.value)?.items ?? [p.value];
      for (const source of sources) {
        const found = this.pair(source, key, depth + 1);
        if (found) return found;
      }
    }
    return undefined;
  }

  /** The value at a path of keys, or undefined as soon as one step is missing or not a mapping. */
  get(node: unknown, ...path: string[]): Node | undefined {
    let current: Node | undefined = this.deref(node);
    for (const key of path) {
      const p = this.pair(current, key);
      if (!p) return undefined;
      current = this.deref(p.value);
    }
    return current;
  }

  keyName(pair: Pair): string | undefined {
    const key = this.deref(pair.key);
    if (!isScalar(key)) return undefined;
    const v = key.value;
    // YAML 1.1 resolves a `<<` key to a symbol (the merge key), not to the string.
    if (typeof v === 'symbol') return v.description;
    return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
  }

  /** A scalar's value as text (numbers and booleans as written by String), else undefined. */
  text(node: unknown): string | undefined {
    const n = this.deref(node);
    if (!isScalar(n)) return undefined;
    const v = n.value;
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
    return undefined;
  }

  scalar(node: unknown): unknown {
    const n = this.deref(node);
    return isScalar(n) ? n.value : undefined;
  }

  items(node: unknown): Node[] {
    const seq = this.seq(node);
    if (!seq) return [];
    const out: Node[] = [];
    for (const item of seq.items) {
      const n = this.deref(item);
      if (n) out.push(n);
    }
    return out;
  }

  /** The pairs of a mapping with their key names (merge keys not expanded: callers want declared keys). */
  entries(node: unknown): { key: string; pair: Pair; value: Node | undefined }[] {
    const map = this.map(node);
    if (!map) return [];
    const out: { key: string; pair: Pair; value: Node | undefined }[] = [];
    for (const pair of map.items) {
      const key = this.keyName(pair);
      if (key !== undefined) out.push({ key, pair, value: this.deref(pair.value) });
    }
    return out;
  }

  /** The raw source text a node spans (block scalars keep `${{ }}` verbatim, for locating a match). */
  source(node: Node | undefined): { text: string; offset: number } | undefined {
    const range = node?.range;
    if (!range) return undefined;
    return { text: this.fileText.slice(range[0], range[1]), offset: range[0] };
  }

  private anchorIndex(): Map<string, Node[]> {
    if (!this.anchors) {
      const anchors = new Map<string, Node[]>();
      visit(this.doc, (_key, node) => {
        const anchor = (node as { anchor?: string }).anchor;
        if (anchor && (isScalar(node) || isMap(node) || isSeq(node))) {
          const list = anchors.get(anchor) ?? [];
          list.push(node);
          anchors.set(anchor, list);
        }
      });
      this.anchors = anchors;
    }
    return this.anchors;
  }
}
