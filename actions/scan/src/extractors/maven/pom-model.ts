import { ExtractionError } from '../types.js';
import { child, childrenNamed, childText, parseXmlTree, type XmlElement } from './xml-tree.js';

/** A `<dependency>` exactly as written (before interpolation and dependencyManagement). */
export interface RawDependency {
  groupId?: string;
  artifactId?: string;
  version?: string;
  scope?: string;
  type?: string;
  classifier?: string;
  /** Line of the `<dependency>` element in the POM that declares it. */
  line: number;
}

export interface RawParent {
  groupId?: string;
  artifactId?: string;
  version?: string;
  /** undefined: Maven's default `../pom.xml`; "": an explicit `<relativePath/>`, i.e. do not look locally. */
  relativePath?: string;
  line: number;
}

/** The parts of one POM file that decide its dependencies, with active-by-default profiles applied. */
export interface RawPom {
  groupId?: string;
  artifactId?: string;
  version?: string;
  parent?: RawParent;
  properties: Map<string, string>;
  dependencies: RawDependency[];
  managedDependencies: RawDependency[];
}

function readDependency(element: XmlElement): RawDependency {
  return {
    groupId: childText(element, 'groupId'),
    artifactId: childText(element, 'artifactId'),
    version: childText(element, 'version'),
    scope: childText(element, 'scope'),
    type: childText(element, 'type'),
    classifier: childText(element, 'classifier'),
    line: element.line,
  };
}

/** `<x><dependencies><dependency>…` under `container` (the project, a profile, or dependencyManagement). */
function dependenciesOf(container: XmlElement | undefined): RawDependency[] {
  return childrenNamed(child(container, 'dependencies'), 'dependency').map(readDependency);
}

function addProperties(target: Map<string, string>, properties: XmlElement | undefined): void {
  for (const property of properties?.children ?? []) target.set(property.name, property.text.trim());
}

/**
 * Profiles Maven activates without being asked. Other activations (JDK, OS, property, file) depend on the
 * build machine, which a scan cannot know, so their dependencies are left out.
 */
function isActiveByDefault(profile: XmlElement): boolean {
  return childText(child(profile, 'activation'), 'activeByDefault') === 'true';
}

/** Reads a POM's text; malformed XML or a root other than `<project>` is an ExtractionError. */
export async function readPom(file: string, content: string): Promise<RawPom> {
  const document = await parseXmlTree(file, content);
  const project = document.children[0];
  if (!project || project.name !== 'project') {
    throw new ExtractionError(file, `expected a <project> root element, found ${project ? `<${project.name}>` : 'no element'}`, project?.line);
  }

  const parentElement = child(project, 'parent');
  const relativePathElement = child(parentElement, 'relativePath');
  const pom: RawPom = {
    groupId: childText(project, 'groupId'),
    artifactId: childText(project, 'artifactId'),
    version: childText(project, 'version'),
    parent: parentElement && {
      groupId: childText(parentElement, 'groupId'),
      artifactId: childText(parentElement, 'artifactId'),
      version: childText(parentElement, 'version'),
      relativePath: relativePathElement?.text.trim(),
      line: parentElement.line,
    },
    properties: new Map(),
    dependencies: dependenciesOf(project),
    managedDependencies: dependenciesOf(child(project, 'dependencyManagement')),
  };
  addProperties(pom.properties, child(project, 'properties'));

  // Maven injects an active profile into the model before inheritance and interpolation: its properties
  // override the project's, its dependencies join the project's.
  for (const profile of childrenNamed(child(project, 'profiles'), 'profile')) {
    if (!isActiveByDefault(profile)) continue;
    addProperties(pom.properties, child(profile, 'properties'));
    pom.dependencies.push(...dependenciesOf(profile));
    pom.managedDependencies.push(...dependenciesOf(child(profile, 'dependencyManagement')));
  }
  return pom;
}
