import type { ExtractInput } from '../types.js';
import { normalizeName, requirementName } from './names.js';
import { isTable, parseToml, type TomlTable } from './toml.js';

/**
 * Names the project itself declares, read from the manifest beside a lockfile whose format does not record them
 * (poetry.lock, pdm.lock: pyproject.toml; Pipfile.lock: Pipfile). Undefined when there is no readable manifest,
 * so that `direct` stays unknown rather than false.
 */
export async function declaredNames(
  input: ExtractInput,
  manifest: 'pyproject.toml' | 'Pipfile',
  warnings: string[],
): Promise<Set<string> | undefined> {
  const text = await input.readSibling(manifest);
  if (text === undefined) return undefined;
  let doc: TomlTable;
  try {
    doc = parseToml(manifest, text);
  } catch (error) {
    warnings.push(`${manifest} beside ${input.path} was not read, so "direct" is unknown: ${(error as Error).message}`);
    return undefined;
  }
  const names = new Set<string>();
  if (manifest === 'Pipfile') {
    // [packages], [dev-packages] and any custom category are tables of name = specifier.
    for (const [section, value] of Object.entries(doc)) {
      if (section !== 'source' && section !== 'requires' && section !== 'scripts' && section !== 'pipenv') addKeys(names, value);
    }
    return names;
  }
  const project = doc.project;
  if (isTable(project)) {
    addRequirements(names, project.dependencies);
    if (isTable(project['optional-dependencies'])) {
      for (const list of Object.values(project['optional-dependencies'])) addRequirements(names, list);
    }
  }
  if (isTable(doc['dependency-groups'])) {
    for (const list of Object.values(doc['dependency-groups'])) addRequirements(names, list);
  }
  const tool = isTable(doc.tool) ? doc.tool : {};
  if (isTable(tool.poetry)) {
    const poetry = tool.poetry;
    addKeys(names, poetry.dependencies);
    addKeys(names, poetry['dev-dependencies']);
    if (isTable(poetry.group)) {
      for (const group of Object.values(poetry.group)) if (isTable(group)) addKeys(names, group.dependencies);
    }
  }
  if (isTable(tool.pdm) && isTable(tool.pdm['dev-dependencies'])) {
    for (const list of Object.values(tool.pdm['dev-dependencies'])) addRequirements(names, list);
  }
  names.delete('python'); // poetry lists the interpreter among dependencies
  return names;
}

function addKeys(names: Set<string>, table: unknown): void {
  if (isTable(table)) for (const key of Object.keys(table)) names.add(normalizeName(key));
}

function addRequirements(names: Set<string>, list: unknown): void {
  if (!Array.isArray(list)) return;
  for (const item of list) {
    const name = typeof item === 'string' ? requirementName(item) : undefined;
    if (name) names.add(normalizeName(name));
  }
}
