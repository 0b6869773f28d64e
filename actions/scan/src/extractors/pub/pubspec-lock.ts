import type { Event } from 'js-yaml';
import { ExtractionError, type ExtractedPackage, type ExtractionResult, type Extractor, type ExtractInput } from '../types.js';

type YamlMap = Record<string, unknown>;

/** js-yaml is loaded on the first pubspec.lock (its own chunk in the bundles), not at start-up. */
type JsYaml = typeof import('js-yaml');
let jsYaml: Promise<JsYaml> | undefined;
function loadJsYaml(): Promise<JsYaml> {
  return (jsYaml ??= import('js-yaml'));
}

const isMap = (value: unknown): value is YamlMap => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Source offsets of the keys of the top-level `packages:` mapping, read from the parser's events so that
 * quoted keys, flow style and odd indentation all get the right position.
 */
function packageKeyOffsets(yaml: JsYaml, content: string, events: Event[]): Map<string, number> {
  const { EVENT_ID, getScalarValue } = yaml;
  const offsets = new Map<string, number>();
  let i = 0;
  const skipNode = (): void => {
    const event = events[i++];
    if (event?.type !== EVENT_ID.MAPPING && event?.type !== EVENT_ID.SEQUENCE) return;
    while (i < events.length && events[i]!.type !== EVENT_ID.POP) skipNode();
    i++; // the collection's POP
  };
  while (i < events.length && events[i]!.type === EVENT_ID.DOCUMENT) i++;
  if (events[i]?.type !== EVENT_ID.MAPPING) return offsets;
  i++;
  while (i < events.length && events[i]!.type !== EVENT_ID.POP) {
    const key = events[i]!;
    const isPackages = key.type === EVENT_ID.SCALAR && getScalarValue(content, key) === 'packages';
    i++;
    if (!isPackages || events[i]?.type !== EVENT_ID.MAPPING) {
      skipNode();
      continue;
    }
    i++;
    while (i < events.length && events[i]!.type !== EVENT_ID.POP) {
      const packageKey = events[i]!;
      if (packageKey.type === EVENT_ID.SCALAR) offsets.set(getScalarValue(content, packageKey), packageKey.valueStart);
      skipNode(); // key
      skipNode(); // value
    }
    break;
  }
  return offsets;
}

/** 1-based lines of ascending offsets, in one pass over the text. */
function linesOfOffsets(content: string, offsets: number[]): Map<number, number> {
  const lines = new Map<number, number>();
  let line = 1;
  let position = 0;
  for (const offset of [...offsets].sort((a, b) => a - b)) {
    for (let nl = content.indexOf('\n', position); nl !== -1 && nl < offset; nl = content.indexOf('\n', nl + 1)) {
      line++;
      position = nl + 1;
    }
    lines.set(offset, line);
  }
  return lines;
}

function parseYaml(yaml: JsYaml, input: ExtractInput): { document: unknown; events: Event[] } {
  const { parseEvents, constructFromEvents, FAILSAFE_SCHEMA, YAMLException } = yaml;
  try {
    const events = parseEvents(input.content, { filename: input.path });
    // Failsafe schema: every scalar stays a string, so versions such as 1.10 are never read as numbers.
    const [document] = constructFromEvents(events, { source: input.content, schema: FAILSAFE_SCHEMA, filename: input.path });
    return { document, events };
  } catch (err) {
    if (err instanceof YAMLException) {
      throw new ExtractionError(input.path, `invalid YAML: ${err.reason}`, err.mark ? err.mark.line + 1 : undefined);
    }
    throw new ExtractionError(input.path, `invalid YAML: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** pubspec.lock: every resolved package with its version, source and how the project depends on it. */
async function extractPubspecLock(input: ExtractInput): Promise<ExtractionResult> {
  if (input.content.trim() === '') return { packages: [] };
  const yaml = await loadJsYaml();
  const { document, events } = parseYaml(yaml, input);
  if (document === null || document === undefined) return { packages: [] };
  if (!isMap(document)) throw new ExtractionError(input.path, 'expected a mapping at the top level');
  const entries = document.packages;
  if (entries === undefined || entries === null || entries === '') return { packages: [] };
  if (!isMap(entries)) throw new ExtractionError(input.path, '"packages" must be a mapping of package names');

  const keyOffsets = packageKeyOffsets(yaml, input.content, events);
  const lines = linesOfOffsets(input.content, [...keyOffsets.values()]);
  const packages: ExtractedPackage[] = [];
  const warnings: string[] = [];
  for (const [name, entry] of Object.entries(entries)) {
    const offset = keyOffsets.get(name);
    const line = offset === undefined ? undefined : lines.get(offset);
    if (!isMap(entry)) {
      warnings.push(`${input.path}${line ? `:${line}` : ''}: package "${name}" is not a mapping; skipped`);
      continue;
    }
    const version = typeof entry.version === 'string' ? entry.version : '';
    if (version === '') warnings.push(`${input.path}${line ? `:${line}` : ''}: package "${name}" has no version`);
    const dependency = typeof entry.dependency === 'string' ? entry.dependency : undefined;
    const description = entry.description;
    const resolvedRef = entry.source === 'git' && isMap(description) ? description['resolved-ref'] : undefined;
    packages.push({
      name,
      version,
      ecosystem: 'Pub',
      line,
      // "direct main", "direct dev", "direct overridden" or "transitive".
      direct: dependency === undefined ? undefined : dependency.startsWith('direct'),
      depGroups: dependency === undefined ? undefined : dependency === 'direct dev' ? ['dev'] : [],
      commit: typeof resolvedRef === 'string' && resolvedRef !== '' ? resolvedRef : undefined,
    });
  }
  return warnings.length > 0 ? { packages, warnings } : { packages };
}

export const pubspecLockExtractor: Extractor = {
  id: 'Pub/pubspec-lock',
  ecosystem: 'Pub',
  fileNames: ['pubspec.lock'],
  extract: extractPubspecLock,
};
