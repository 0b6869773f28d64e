/**
 * Correlation: which findings belong to one story.
 *
 * 1. A runtime alert (`kind: runtime` or an event type `runtime.*`) whose location is the manifest of the
 *    workload it fired in is linked to
 *    - the misconfiguration findings (kubernetes/container) of the same workload — the same namespace, kind
 *      and name, read from `workload:<namespace>/<kind>/<name>` (or `namespace:`, `kind:`, `name:`) rule
 *      tags, else from a "Deployment/web … namespace prod" message — or of the same manifest file;
 *    - the vulnerable packages of the same application directory: the manifest's directory with trailing
 *      deployment folders (k8s, kubernetes, deploy, manifests, helm, charts) removed.
 * 2. Findings that one fix resolves together: the same package@version in one lockfile (one upgrade fixes
 *    every advisory of it).
 *
 * Every link is symmetric. Index maps keep it linear in findings plus links.
 */
import path from 'node:path';
import type { Finding } from '../../../../src/shared/contracts/findings.js';

export function isRuntime(finding: Finding): boolean {
  return finding.kind === 'runtime' || finding.event_type.startsWith('runtime.');
}

const MISCONFIGURATION_KINDS = new Set(['kubernetes', 'container']);
const WORKLOAD_KINDS = 'Deployment|StatefulSet|DaemonSet|ReplicaSet|Pod|Job|CronJob|Service|Ingress';
const DEPLOYMENT_DIRS = new Set(['k8s', 'kubernetes', 'kube', 'deploy', 'deployment', 'deployments', 'manifests', 'helm', 'charts', '.k8s']);

/** `namespace/kind/name`, lower-case; namespace "default" when the finding names none. */
export function workloadOf(finding: Finding): string | undefined {
  const tags = finding.rule.tags ?? [];
  const tag = (prefix: string) => tags.find((t) => t.toLowerCase().startsWith(prefix))?.slice(prefix.length);
  const full = tag('workload:');
  if (full && full.split('/').length === 3) return full.toLowerCase();
  let kind = tag('kind:');
  let name = tag('name:');
  let namespace = tag('namespace:');
  if (!kind || !name) {
    const match = new RegExp(`\\b(${WORKLOAD_KINDS})[/ ]"?([a-z0-9][a-z0-9.-]*)`, 'i').exec(finding.message);
    if (!match) return undefined;
    kind = match[1]!;
    name = match[2]!.replace(/\.$/, '');
  }
  namespace ??= /\bnamespace[\s:="']+([a-z0-9][a-z0-9-]*)/i.exec(finding.message)?.[1];
  return `${namespace ?? 'default'}/${kind}/${name}`.toLowerCase();
}

/** The application directory a workload manifest belongs to: `shop-web/k8s/deploy.yaml` → `shop-web`. */
export function appDirectoryOf(manifest: string): string {
  const parts = path.posix.dirname(manifest.replace(/\\/g, '/')).split('/').filter((p) => p && p !== '.');
  while (parts.length && DEPLOYMENT_DIRS.has(parts[parts.length - 1]!.toLowerCase())) parts.pop();
  return parts.join('/');
}

export interface Correlation {
  /** fingerprint → correlated fingerprints (sorted, without itself). */
  links: Map<string, string[]>;
  /** Fingerprints with runtime evidence: runtime alerts that matched something and what they matched. */
  runtimeEvidence: Set<string>;
}

export function correlate(findings: Finding[]): Correlation {
  // Links through runtime alerts, few; the same-fix links are lists per package (below).
  const runtimeLinks = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    if (a === b) return;
    let set = runtimeLinks.get(a);
    if (!set) runtimeLinks.set(a, (set = new Set()));
    set.add(b);
    let other = runtimeLinks.get(b);
    if (!other) runtimeLinks.set(b, (other = new Set()));
    other.add(a);
  };
  const runtimeEvidence = new Set<string>();

  const byWorkload = new Map<string, Finding[]>();
  const byPath = new Map<string, Finding[]>();
  // Lockfile, then package: no joined key string per finding (the lockfile paths are shared strings).
  const byPackageInLockfile = new Map<string, Map<string, Finding[]>>();
  const dependencies: Finding[] = [];
  const push = <K>(map: Map<K, Finding[]>, key: K, f: Finding) => {
    const list = map.get(key);
    if (list) list.push(f);
    else map.set(key, [f]);
  };
  const runtime: Finding[] = [];
  const misconfigurations: Finding[] = [];
  for (const f of findings) {
    if (isRuntime(f)) {
      runtime.push(f);
      continue;
    }
    if (MISCONFIGURATION_KINDS.has(f.kind)) misconfigurations.push(f);
    if (f.package) {
      dependencies.push(f);
      let packages = byPackageInLockfile.get(f.package.manifest);
      if (!packages) byPackageInLockfile.set(f.package.manifest, (packages = new Map()));
      push(packages, f.package.purl, f);
    }
  }

  // A finding is in one package group at most, so its same-fix links are its group but itself: the group's
  // fingerprints are sorted once, not merged pair by pair into a set per finding (200,000 of them).
  const links = new Map<string, string[]>();
  for (const packages of byPackageInLockfile.values()) {
    for (const sameFix of packages.values()) {
      if (sameFix.length < 2) continue;
      const fingerprints = sortedUnique(sameFix.map((f) => f.fingerprint));
      if (fingerprints.length < 2) continue;
      for (const fingerprint of fingerprints) links.set(fingerprint, fingerprints.filter((other) => other !== fingerprint));
    }
  }

  // Only runtime alerts look up workloads, manifests and application directories: without one, none of
  // the indexes is made (200,000 directory names and tens of thousands of workload names for nothing).
  for (const f of runtime.length > 0 ? misconfigurations : []) {
    const workload = workloadOf(f);
    if (workload) push(byWorkload, workload, f);
    push(byPath, f.location.path, f);
  }
  // Dependencies by directory, so each runtime alert looks only at the lockfiles of its application.
  const dependencyDirs = new Map<string, Finding[]>();
  for (const d of runtime.length > 0 ? dependencies : []) {
    const dir = path.posix.dirname(d.package!.manifest.replace(/\\/g, '/'));
    push(dependencyDirs, dir === '.' ? '' : dir, d);
  }
  for (const alert of runtime) {
    const matched = new Set<Finding>();
    const workload = workloadOf(alert);
    for (const f of (workload && byWorkload.get(workload)) || []) matched.add(f);
    for (const f of byPath.get(alert.location.path) ?? []) matched.add(f);
    const appDir = appDirectoryOf(alert.location.path);
    for (const [dir, deps] of dependencyDirs) {
      if (dir === appDir || (appDir !== '' && dir.startsWith(`${appDir}/`))) for (const d of deps) matched.add(d);
    }
    for (const f of matched) {
      link(alert.fingerprint, f.fingerprint);
      runtimeEvidence.add(f.fingerprint);
    }
    if (matched.size > 0) runtimeEvidence.add(alert.fingerprint);
  }

  for (const [fingerprint, set] of runtimeLinks) {
    for (const other of links.get(fingerprint) ?? []) set.add(other);
    links.set(fingerprint, [...set].sort());
  }
  return { links, runtimeEvidence };
}

function sortedUnique(values: string[]): string[] {
  values.sort();
  let kept = 0;
  for (let i = 0; i < values.length; i++) if (i === 0 || values[i] !== values[kept - 1]) values[kept++] = values[i]!;
  values.length = kept;
  return values;
}
