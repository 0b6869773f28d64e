import type { ScanWarning } from '../../../../../src/shared/contracts/findings.js';
import { discoverFiles } from '../../discovery.js';
import { readTextFile } from '../../text-files.js';
import { MAX_MANIFEST_CHARS } from '../common/scanner.js';
import { ManifestLimitError } from '../common/yaml.js';
import { isYamlPath } from './scanner.js';
import { readKubernetesFile, workloadLabel, type ContainerRole } from './workloads.js';

/**
 * Which manifest defines a running workload: the link from a runtime alert (namespace, pod or controller
 * name, container) to the file and line a fix must change. Plain data, safe to serialise.
 */
export interface WorkloadManifest {
  /** Relative to the scanned root, forward slashes. */
  path: string;
  /** As written in the manifest; absent when it leaves the namespace to `kubectl -n` or the Helm release. */
  namespace?: string;
  kind: string;
  name: string;
  apiVersion: string;
  /** `namespace/Kind/name` (namespace `default` when unset): the `workload:` tag on Kubernetes findings. */
  label: string;
  /** Line of `kind:` and the last line of the document. */
  line: number;
  endLine: number;
  /** Line of `metadata.name`. */
  nameLine: number;
  helmSource?: string;
  containers: { name: string; role: ContainerRole; image?: string; line: number }[];
}

export interface WorkloadQuery {
  namespace?: string;
  /** A workload kind, or `Pod` / `ReplicaSet` / `Job` for objects a controller made (resolved to it). */
  kind?: string;
  name: string;
}

/** Every workload in the given YAML texts, with warnings for files that could not be read. */
export function workloadsIn(files: { relativePath: string; text: string }[]): { workloads: WorkloadManifest[]; warnings: ScanWarning[] } {
  const workloads: WorkloadManifest[] = [];
  const warnings: ScanWarning[] = [];
  for (const file of files) {
    if (file.text.length > MAX_MANIFEST_CHARS) {
      warnings.push({ file: file.relativePath, scanner: 'kubernetes', reason: 'too large to read as a manifest' });
      continue;
    }
    try {
      const k8s = readKubernetesFile(file.relativePath, file.text);
      for (const p of k8s.problems) warnings.push({ file: file.relativePath, ...(p.line ? { line: p.line } : {}), scanner: 'kubernetes', reason: p.reason });
      for (const w of k8s.workloads) {
        workloads.push({
          path: w.path,
          ...(w.namespace ? { namespace: w.namespace } : {}),
          kind: w.kind,
          name: w.name,
          apiVersion: w.apiVersion,
          label: workloadLabel(w),
          line: w.line,
          endLine: w.endLine,
          nameLine: w.nameLine,
          ...(w.helmSource ? { helmSource: w.helmSource } : {}),
          containers: w.containers.map((c) => ({ name: c.name, role: c.role, ...(c.image !== undefined ? { image: c.image } : {}), line: c.line })),
        });
      }
    } catch (error) {
      if (!(error instanceof ManifestLimitError || error instanceof RangeError)) throw error;
      warnings.push({ file: file.relativePath, scanner: 'kubernetes', reason: `not read: ${error.message}` });
    }
  }
  return { workloads, warnings };
}

/** Kubernetes' random suffixes use this alphabet (no vowels, no 0/1/3). */
const SUFFIX = '[bcdfghjklmnpqrstvwxz2456789]';
/** How a controller names what it creates, after `<controller name>-`. */
const CHILD_NAME: Record<string, RegExp> = {
  Deployment: new RegExp(`^${SUFFIX}{1,10}(?:-${SUFFIX}{5})?$`), // ReplicaSet <hash>, Pod <hash>-<rand>
  ReplicaSet: new RegExp(`^${SUFFIX}{5}$`),
  ReplicationController: new RegExp(`^${SUFFIX}{5}$`),
  DaemonSet: new RegExp(`^${SUFFIX}{5}$`),
  StatefulSet: /^\d+$/, // <name>-0, <name>-1
  Job: new RegExp(`^${SUFFIX}{5}$`),
  CronJob: new RegExp(`^\\d{8,10}(?:-${SUFFIX}{5})?$`), // Job <name>-<minutes since epoch>, Pod ...-<rand>
};
/** Which controller kinds can own an object of each kind. */
const OWNERS: Record<string, string[]> = {
  Pod: ['Deployment', 'ReplicaSet', 'ReplicationController', 'DaemonSet', 'StatefulSet', 'Job', 'CronJob'],
  ReplicaSet: ['Deployment'],
  Job: ['CronJob'],
};

/**
 * Workloads by identity. A query by controller (`shop/Deployment/shop-web`) matches it directly; a query by a
 * pod, ReplicaSet or Job name (what runtime alerts carry: `shop-web-7d9f8b6c5-x2k4j`) is resolved to the
 * controller that generated that name. Manifests that name the namespace win over ones that leave it unset
 * (those match any namespace, as they deploy wherever they are applied).
 */
export class WorkloadIndex {
  constructor(readonly workloads: readonly WorkloadManifest[]) {}

  find(query: WorkloadQuery): WorkloadManifest | undefined {
    return this.findAll(query)[0];
  }

  /** Every match, best first: exact namespace before unset namespace, direct name before derived name. */
  findAll(query: WorkloadQuery): WorkloadManifest[] {
    const scored: { w: WorkloadManifest; score: number }[] = [];
    for (const w of this.workloads) {
      const ns = namespaceScore(w, query.namespace);
      if (ns === 0) continue;
      const name = nameScore(w, query);
      if (name === 0) continue;
      scored.push({ w, score: ns * 10 + name });
    }
    return scored.sort((a, b) => b.score - a.score || b.w.name.length - a.w.name.length || a.w.path.localeCompare(b.w.path)).map((s) => s.w);
  }
}

function namespaceScore(w: WorkloadManifest, namespace: string | undefined): number {
  if (namespace === undefined) return 1;
  if (w.namespace === namespace) return 2;
  return w.namespace === undefined ? 1 : 0;
}

function nameScore(w: WorkloadManifest, query: WorkloadQuery): number {
  if ((query.kind === undefined || query.kind === w.kind) && query.name === w.name) return 3;
  const owners = query.kind === undefined ? Object.keys(CHILD_NAME) : OWNERS[query.kind];
  if (!owners?.includes(w.kind)) return 0;
  if (!query.name.startsWith(`${w.name}-`)) return 0;
  return CHILD_NAME[w.kind]!.test(query.name.slice(w.name.length + 1)) ? 2 : 0;
}

/** Reads every YAML file under `root` (the scan's walk rules: node_modules, .git and the like are skipped). */
export async function buildWorkloadIndex(root: string, exclude: string[] = []): Promise<{ index: WorkloadIndex; warnings: ScanWarning[] }> {
  const discovery = await discoverFiles({ root, exclude, wants: (rel) => isYamlPath(rel) });
  const texts: { relativePath: string; text: string }[] = [];
  const warnings: ScanWarning[] = [...discovery.warnings];
  for (const file of discovery.files) {
    const outcome = readTextFile(file);
    if ('warning' in outcome) warnings.push(outcome.warning);
    if ('text' in outcome) texts.push({ relativePath: outcome.text.relativePath, text: outcome.text.text });
  }
  const found = workloadsIn(texts);
  return { index: new WorkloadIndex(found.workloads), warnings: [...warnings, ...found.warnings] };
}

/**
 * The manifest that defines `namespace/kind/name` under `root`, or undefined. `kind` may be `Pod`,
 * `ReplicaSet` or `Job` with the generated name a runtime alert reports; it resolves to the controller.
 * For many lookups, build the index once with buildWorkloadIndex.
 */
export async function findWorkloadManifest(root: string, namespace: string | undefined, kind: string | undefined, name: string): Promise<WorkloadManifest | undefined> {
  const { index } = await buildWorkloadIndex(root);
  return index.find({ ...(namespace !== undefined ? { namespace } : {}), ...(kind !== undefined ? { kind } : {}), name });
}
