import type { SaxesParser as SaxesParserClass } from 'saxes';
import { ExtractionError } from '../types.js';

/** One XML element, reduced to what a POM needs: local name, its start line, children and text. */
export interface XmlElement {
  /** Local name (namespace prefix dropped: POMs use a default namespace). */
  name: string;
  /** 1-based line of the `<` that opens the element. */
  line: number;
  children: XmlElement[];
  /** Concatenated character data directly inside the element (entities decoded, CDATA included). */
  text: string;
}

/**
 * saxes is loaded on the first POM (its own chunk in the bundles), not at start-up. It is CommonJS: Node's
 * ESM loader may put its members under `default`, a bundler's interop on the namespace itself.
 */
let saxes: Promise<typeof SaxesParserClass> | undefined;
function loadSaxes(): Promise<typeof SaxesParserClass> {
  saxes ??= import('saxes').then((module) => {
    const members = module as unknown as { SaxesParser?: typeof SaxesParserClass; default?: { SaxesParser?: typeof SaxesParserClass } };
    const parser = members.SaxesParser ?? members.default?.SaxesParser;
    if (typeof parser !== 'function') throw new Error('saxes did not load: SaxesParser is missing (bundling problem?)');
    return parser;
  });
  return saxes;
}

/**
 * Parses a whole XML document into an element tree with line numbers. saxes is a strict, conformant
 * parser: malformed markup becomes an ExtractionError naming the file and line, never a raw exception.
 */
export async function parseXmlTree(file: string, content: string): Promise<XmlElement> {
  const SaxesParser = await loadSaxes();
  // namespaces off: a POM's xmlns attributes need no resolution, and an undeclared prefix must not fail it.
  const parser = new SaxesParser({ position: true });
  const root: XmlElement = { name: '#document', line: 1, children: [], text: '' };
  const stack: XmlElement[] = [root];

  const current = (): XmlElement => stack[stack.length - 1]!;
  parser.on('opentagstart', (tag) => {
    const colon = tag.name.indexOf(':');
    const element: XmlElement = {
      name: colon === -1 ? tag.name : tag.name.slice(colon + 1),
      // opentagstart fires after the character that ends the name. When that was a newline
      // (`<dependency` then attributes below) the parser is at column 0 of the next line.
      line: parser.column === 0 ? parser.line - 1 : parser.line,
      children: [],
      text: '',
    };
    current().children.push(element);
    stack.push(element);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.on('text', (text) => {
    current().text += text;
  });
  parser.on('cdata', (text) => {
    current().text += text;
  });
  parser.on('error', (err) => {
    // Stop at the first error (saxes would otherwise try to go on). Its messages start with
    // "line:column: "; keep only the reason and report the line separately.
    throw new ExtractionError(file, `invalid XML: ${err.message.replace(/^\d+:\d+: /, '')}`, parser.line || undefined);
  });

  try {
    parser.write(content).close();
  } catch (err) {
    // Our error handler throws ExtractionError; anything else is an unexpected parser fault.
    if (err instanceof ExtractionError) throw err;
    throw new ExtractionError(file, `invalid XML: ${err instanceof Error ? err.message : String(err)}`, parser.line || undefined);
  }
  return root;
}

/** The first child element with this local name. */
export function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return element?.children.find((c) => c.name === name);
}

/** All child elements with this local name. */
export function childrenNamed(element: XmlElement | undefined, name: string): XmlElement[] {
  return element ? element.children.filter((c) => c.name === name) : [];
}

/** Trimmed text of a child element, or undefined when the child is absent. */
export function childText(element: XmlElement | undefined, name: string): string | undefined {
  const found = child(element, name);
  return found === undefined ? undefined : found.text.trim();
}
