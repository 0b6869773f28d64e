/**
 * The Kubernetes workload an alert is about, from its labels as kube-state-metrics and the
 * kubernetes-mixin alerts write them: `deployment`, `statefulset`, `daemonset`, `job_name`, `cronjob`,
 * `owner_kind`/`owner_name`, `replicaset`, `pod`. (The `job` label is Prometheus' scrape job, not a
 * Kubernetes Job.) A pod's owner is found from its generated name.
 */

export interface Workload {
  namespace: string;
  /** false when the alert named no namespace and "default" was assumed. */
  namespaceGiven: boolean;
  kind: string;
  name: string;
  /** Other owners the name could belong to, in order, when the pod name alone decided (see ownersOfPod). */
  alternatives?: { kind: string; name: string }[];
}

/**
 * Kubernetes generated-name suffixes use this alphabet (no vowels, no 0/1/3, to avoid words and look-alikes):
 * a ReplicaSet adds "-<pod-template-hash>" to its Deployment's name, a pod adds 5 characters to its owner's.
 */
const SAFE = '[bcdfghjklmnpqrstvwxz2456789]';
const REPLICASET_POD = new RegExp(`^(.+)-${SAFE}{6,10}-${SAFE}{5}$`);
const REPLICASET = new RegExp(`^(.+)-${SAFE}{6,10}$`);
const ONE_SUFFIX = new RegExp(`^(.+)-${SAFE}{5}$`);
const ORDINAL = /^(.+)-(\d+)$/;
/** A CronJob's Job is "<cronjob>-<scheduled time in minutes since the epoch>". */
const CRONJOB_JOB = /^(.+)-(\d{8,})$/;

/** The likely owners of a pod, most likely first, from its name. */
export function ownersOfPod(pod: string): { kind: string; name: string }[] {
  const owners: { kind: string; name: string }[] = [];
  const rs = REPLICASET_POD.exec(pod);
  if (rs) owners.push({ kind: 'Deployment', name: rs[1]! });
  const ordinal = ORDINAL.exec(pod);
  if (ordinal) owners.push({ kind: 'StatefulSet', name: ordinal[1]! });
  const single = ONE_SUFFIX.exec(pod);
  if (single) {
    const cron = CRONJOB_JOB.exec(single[1]!);
    if (cron) owners.push({ kind: 'CronJob', name: cron[1]! });
    owners.push({ kind: 'DaemonSet', name: single[1]! }, { kind: 'Job', name: single[1]! });
  }
  owners.push({ kind: 'Pod', name: pod });
  return owners;
}

export function workloadFromLabels(labels: Record<string, string>): Workload | undefined {
  const namespace = labels.namespace || labels.exported_namespace;
  const base = { namespace: namespace || 'default', namespaceGiven: Boolean(namespace) };
  const direct: [string, string][] = [
    ['deployment', 'Deployment'],
    ['statefulset', 'StatefulSet'],
    ['daemonset', 'DaemonSet'],
    ['cronjob', 'CronJob'],
    ['job_name', 'Job'],
  ];
  for (const [label, kind] of direct) {
    const name = labels[label];
    if (!name) continue;
    if (kind === 'Job') {
      const cron = CRONJOB_JOB.exec(name);
      if (cron) return { ...base, kind: 'CronJob', name: cron[1]!, alternatives: [{ kind: 'Job', name }] };
    }
    return { ...base, kind, name };
  }
  if (labels.owner_kind && labels.owner_name && labels.owner_kind !== '<none>') {
    if (labels.owner_kind === 'ReplicaSet') {
      const rs = REPLICASET.exec(labels.owner_name);
      return { ...base, kind: 'Deployment', name: rs ? rs[1]! : labels.owner_name };
    }
    return { ...base, kind: labels.owner_kind, name: labels.owner_name };
  }
  if (labels.replicaset) {
    const rs = REPLICASET.exec(labels.replicaset);
    if (rs) return { ...base, kind: 'Deployment', name: rs[1]! };
  }
  if (labels.pod) {
    const [best, ...rest] = ownersOfPod(labels.pod);
    return { ...base, kind: best!.kind, name: best!.name, alternatives: rest };
  }
  return undefined;
}
