import type { Node, YAMLMap } from 'yaml';
import { parseYamlFile, type YamlProblem, type YamlView } from '../common/yaml.js';

/**
 * Kubernetes workloads found in YAML files: which documents are manifests (apiVersion + kind), where each
 * workload kind keeps its pod spec, and every container with the lines the rules and the runtime-alert
 * lookup point at. Helm-rendered output (multi-document YAML with `# Source:` comments) is plain YAML and
 * reads like any other; unrendered Helm templates are recognised and left out with a warning.
 */

/** Where each workload kind keeps its pod spec. */
export const POD_SPEC_PATHS: Readonly<Record<string, readonly string[]>> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

export type ContainerRole = 'container' | 'initContainer';

export interface ContainerSpec {
  name: string;
  role: ContainerRole;
  node: YAMLMap;
  /** Line of the container's `name:` (or of the list item when it has no name). */
  line: number;
  image?: string;
  imageLine?: number;
}

export interface WorkloadIdentity {
  /** As written; undefined when the manifest leaves it to `kubectl -n` / the Helm release. */
  namespace?: string;
  kind: string;
  name: string;
}

export interface Workload extends WorkloadIdentity {
  apiVersion: string;
  path: string;
  view: YamlView;
  manifest: YAMLMap;
  podSpec: YAMLMap;
  /** Line of `kind:` (the first line people recognise a manifest by). */
  line: number;
  endLine: number;
  /** Line of `metadata.name`. */
  nameLine: number;
  /** The chart template this document was rendered from (`# Source: chart/templates/x.yaml`). */
  helmSource?: string;
  containers: ContainerSpec[];
}

/** `namespace/Kind/name`, with kubectl's `default` when the manifest sets no namespace. */
export function workloadLabel(w: WorkloadIdentity): string {
  return `${w.namespace ?? 'default'}/${w.kind}/${w.name}`;
}

export interface KubernetesFile {
  workloads: Workload[];
  /** Kubernetes documents of any kind (Services and ConfigMaps count: the file is a manifest). */
  manifests: number;
  problems: YamlProblem[];
  /** true when the file is an unrendered Helm template (left out). */
  helmTemplate: boolean;
}

/** Cheap test before parsing: manifests have top-level apiVersion and kind keys. */
export function mightBeKubernetes(text: string): boolean {
  return /^\s*(?:-\s+)?apiVersion\s*:/m.test(text) && /^\s*(?:-\s+)?kind\s*:/m.test(text);
}

/**
 * Helm template syntax: a Go template action at the start of a line (never valid in rendered YAML, where
 * text at column 0 is a key), or one that uses Helm's own objects and functions. Rendered manifests may
 * still carry `{{ $labels.x }}` in ConfigMaps (Prometheus, Alertmanager templates) and `${{ }}` (GitHub
 * expressions): those are data and stay analysed.
 */
const HELM_TEMPLATE =
  /^\{\{|(?<!\$)\{\{-?[^}\n]*?(?:\.Values\b|\.Release\b|\.Chart\b|\.Capabilities\b|\.Files\b|\binclude\s|\btemplate\s+"|\btoYaml\b|\bnindent\b|\btpl\s)/m;

export function isUnrenderedHelmTemplate(text: string): boolean {
  return HELM_TEMPLATE.test(text);
}

export function readKubernetesFile(path: string, text: string): KubernetesFile {
  const empty = { workloads: [], manifests: 0, problems: [], helmTemplate: false };
  if (!mightBeKubernetes(text)) return empty;
  if (isUnrenderedHelmTemplate(text)) {
    const at = text.search(HELM_TEMPLATE);
    const line = text.slice(0, at).split('\n').length;
    return {
      ...empty,
      helmTemplate: true,
      problems: [{ line, reason: 'unrendered Helm template ({{ }}): not analysed; scan the output of `helm template` instead' }],
    };
  }
  const parsed = parseYamlFile(text, '1.1');
  const workloads: Workload[] = [];
  let manifests = 0;
  for (const view of parsed.documents) {
    const root = view.map(view.contents);
    if (!root) continue;
    const helmSource = helmSourceOf(view);
    for (const object of listItems(view, root)) {
      const apiVersion = view.text(view.get(object, 'apiVersion'));
      const kind = view.text(view.get(object, 'kind'));
      if (!apiVersion || !kind) continue;
      manifests++;
      const workload = toWorkload(path, view, object, apiVersion, kind, helmSource);
      if (workload) workloads.push(workload);
    }
  }
  return { workloads, manifests, problems: parsed.problems, helmTemplate: false };
}

/** A `kind: List` (kubectl get -o yaml) holds its objects under `items`; anything else is itself. */
function listItems(view: YamlView, root: YAMLMap): YAMLMap[] {
  const kind = view.text(view.get(root, 'kind'));
  if (kind !== 'List' && !(kind?.endsWith('List') && view.get(root, 'items'))) return [root];
  return view.items(view.get(root, 'items')).flatMap((n) => {
    const m = view.map(n);
    return m ? [m] : [];
  });
}

function helmSourceOf(view: YamlView): string | undefined {
  const comment = view.doc.commentBefore ?? view.map(view.contents)?.commentBefore ?? '';
  const m = /^\s*Source:\s*(\S+)/m.exec(comment);
  return m?.[1];
}

function toWorkload(path: string, view: YamlView, object: YAMLMap, apiVersion: string, kind: string, helmSource?: string): Workload | undefined {
  const specPath = POD_SPEC_PATHS[kind];
  if (!specPath) return undefined;
  const podSpec = view.map(view.get(object, ...specPath));
  const name = view.text(view.get(object, 'metadata', 'name'));
  if (!podSpec || !name) return undefined;
  const namespace = view.text(view.get(object, 'metadata', 'namespace'));
  const kindPair = view.pair(object, 'kind');
  const line = view.line(kindPair) ?? view.line(object) ?? 1;
  const containers: ContainerSpec[] = [];
  for (const [field, role] of [['initContainers', 'initContainer'], ['containers', 'container']] as const) {
    view.items(view.get(podSpec, field)).forEach((item, index) => {
      const node = view.map(item);
      if (!node) return;
      const namePair = view.pair(node, 'name');
      const imagePair = view.pair(node, 'image');
      const image = view.text(imagePair?.value);
      containers.push({
        name: view.text(namePair?.value) ?? `${field}[${index}]`,
        role,
        node,
        line: view.line(namePair) ?? view.line(node) ?? line,
        ...(image !== undefined ? { image } : {}),
        ...(imagePair ? { imageLine: view.line(imagePair)! } : {}),
      });
    });
  }
  return {
    apiVersion,
    kind,
    name,
    ...(namespace ? { namespace } : {}),
    path,
    view,
    manifest: object,
    podSpec,
    line,
    endLine: view.endLine(object as Node) ?? line,
    nameLine: view.line(view.pair(view.get(object, 'metadata'), 'name')) ?? line,
    ...(helmSource ? { helmSource } : {}),
    containers,
  };
}
