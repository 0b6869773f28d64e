import { ExtractionError, packageKey, type ExtractedPackage, type ExtractInput, type ExtractionResult, type Extractor } from '../types.js';

/** Sections whose `specs:` list locked gems; the others (PLATFORMS, RUBY VERSION, CHECKSUMS...) do not. */
const SOURCE_SECTIONS = new Set(['GEM', 'GIT', 'PATH', 'PLUGIN SOURCE']);
const OTHER_SECTIONS = new Set(['PLATFORMS', 'DEPENDENCIES', 'RUBY VERSION', 'BUNDLED WITH', 'CHECKSUMS']);

/**
 * `name (version[-platform])` as Bundler writes a spec: the version never holds a "-", so whatever follows
 * the first one is the platform (`nokogiri (1.13.3-x86_64-linux)` is nokogiri 1.13.3).
 */
const SPEC = /^ {4}(\S+) \(([^-\s)]+)(?:-([^)\s]+))?\)$/;
/** A spec's own dependency, or a DEPENDENCIES entry: `name`, `name (constraints)`, `name!`. */
const REQUIREMENT = /^(\S+?)(?: \([^)]*\))?(!)?$/;

interface Spec {
  pkg: ExtractedPackage;
  requires: string[];
}

function extractGemfileLock(input: ExtractInput): ExtractionResult {
  const file = input.path;
  const lines = input.content.split('\n');
  const warnings: string[] = [];
  const specs: Spec[] = [];
  let declared: Set<string> | undefined;

  let section: string | undefined;
  let revision: string | undefined;
  let inSpecs = false;
  let current: Spec | undefined;
  let sawSection = false;

  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!.replace(/\r$/, '');
    const lineNo = i + 1;
    if (text.trim() === '') continue;
    if (!text.startsWith(' ')) {
      section = text.trim();
      sawSection ||= SOURCE_SECTIONS.has(section) || OTHER_SECTIONS.has(section);
      revision = undefined;
      inSpecs = false;
      current = undefined;
      if (section === 'DEPENDENCIES') declared = new Set();
      continue;
    }
    if (section === 'DEPENDENCIES' && /^ {2}\S/.test(text)) {
      const match = REQUIREMENT.exec(text.trim());
      if (match) declared!.add(match[1]!);
      continue;
    }
    if (section === undefined || !SOURCE_SECTIONS.has(section)) continue;

    if (/^ {2}\S/.test(text)) {
      const option = /^ {2}([a-z_]+):\s*(.*)$/.exec(text);
      if (!option) {
        warnings.push(`${file}:${lineNo}: unexpected line in ${section} section skipped`);
        continue;
      }
      inSpecs = option[1] === 'specs';
      current = undefined;
      if (option[1] === 'revision') revision = option[2]!.trim();
    } else if (inSpecs && /^ {4}\S/.test(text)) {
      const match = SPEC.exec(text);
      current = undefined;
      if (!match) {
        warnings.push(`${file}:${lineNo}: spec "${text.trim()}" has no "(version)"; skipped`);
        continue;
      }
      const pkg: ExtractedPackage = { name: match[1]!, version: match[2]!, ecosystem: 'RubyGems', line: lineNo };
      if (section === 'GIT' && revision) pkg.commit = revision;
      current = { pkg, requires: [] };
      specs.push(current);
    } else if (inSpecs && /^ {6}\S/.test(text)) {
      const match = REQUIREMENT.exec(text.trim());
      if (current && match) current.requires.push(match[1]!);
    }
  }
  if (!sawSection && input.content.trim() !== '') {
    throw new ExtractionError(file, 'no Gemfile.lock section (GEM, GIT, PATH, DEPENDENCIES...) found');
  }
  return { packages: assemble(specs, declared), ...(warnings.length ? { warnings } : {}) };
}

/** One package per name@version (a gem locked for several platforms is one gem), with its graph edges. */
function assemble(specs: Spec[], declared: Set<string> | undefined): ExtractedPackage[] {
  const keyByName = new Map<string, string>();
  for (const { pkg } of specs) if (!keyByName.has(pkg.name)) keyByName.set(pkg.name, packageKey(pkg.name, pkg.version));

  const byKey = new Map<string, ExtractedPackage>();
  for (const { pkg, requires } of specs) {
    const key = packageKey(pkg.name, pkg.version);
    const target = byKey.get(key) ?? pkg;
    if (!byKey.has(key)) {
      byKey.set(key, pkg);
      if (declared) pkg.direct = declared.has(pkg.name);
    }
    // Bundler itself and default gems are required without being locked: no edge to a package we do not report.
    const edges = requires.map((name) => keyByName.get(name)).filter((k): k is string => k !== undefined);
    if (edges.length > 0) target.dependencies = [...new Set([...(target.dependencies ?? []), ...edges])];
  }
  return [...byKey.values()];
}

export const gemfileLockExtractor: Extractor = {
  id: 'RubyGems/gemfile-lock',
  ecosystem: 'RubyGems',
  fileNames: ['Gemfile.lock', 'gems.locked'],
  extract: extractGemfileLock,
};
