/**
 * Rules with a remediation template: the fact behind `known_fix`. The remediate agent applies the template;
 * a rule not listed here needs a human to write its fix. Scanner rule ids are the contract: a scanner that adds
 * a rule with a mechanical fix adds its id here (and the template in remediate), in the same change.
 *
 * Dependency findings need no entry: their template is the version bump, known whenever a fixed version is
 * published (see facts.ts).
 */
export const KNOWN_FIXES: Readonly<Record<string, string>> = {
  // Kubernetes manifests (misconfiguration.kubernetes): rule ids of actions/scan/src/manifests/kubernetes
  'secloop.k8s.privileged': 'set securityContext.privileged: false',
  'secloop.k8s.allow-privilege-escalation': 'set securityContext.allowPrivilegeEscalation: false',
  'secloop.k8s.run-as-root': 'set securityContext.runAsNonRoot: true with a non-zero runAsUser',
  'secloop.k8s.run-as-non-root': 'set securityContext.runAsNonRoot: true',
  'secloop.k8s.read-only-root-filesystem': 'set securityContext.readOnlyRootFilesystem: true',
  'secloop.k8s.added-capabilities': 'drop the added capabilities (securityContext.capabilities.drop: [ALL])',
  'secloop.k8s.host-namespace': 'remove hostNetwork / hostPID / hostIPC: true',
  'secloop.k8s.resource-limits': 'add resources.limits (cpu, memory) from the requests',
  'secloop.k8s.missing-probe': 'add the missing liveness/readiness probe on the container port',
  'secloop.k8s.image-tag': 'pin the image to the digest it resolves to today',
  'secloop.k8s.plaintext-secret-env': 'move the value into a Secret and reference it with valueFrom.secretKeyRef',
  // Dockerfiles (misconfiguration.container): actions/scan/src/manifests/dockerfile
  'secloop.docker.root-user': 'add a USER instruction with a non-root user',
  'secloop.docker.unpinned-base-image': 'pin the base image to a version tag or digest',
  'secloop.docker.add-remote-url': 'download with a checksum (ADD --checksum) or COPY a vetted file',
  // GitHub Actions workflows (misconfiguration.workflow): actions/scan/src/manifests/workflows
  'secloop.workflow.unpinned-action': 'pin the action to the full commit SHA of its current tag',
  'secloop.workflow.permissions': 'set top-level permissions: contents: read and grant more per job',
  'secloop.workflow.script-injection': 'pass the ${{ }} expression through env: and quote the variable',
  // Code: only the mechanical rewrites; eval/exec/shell commands need a human.
  'secloop.unsafe-yaml-load': 'use yaml.safe_load (or Loader=SafeLoader)',
  'secloop.sql-injection': 'pass the values as query parameters instead of building the SQL string',
};

export function knownFixFor(ruleId: string): string | undefined {
  return Object.hasOwn(KNOWN_FIXES, ruleId) ? KNOWN_FIXES[ruleId] : undefined;
}
