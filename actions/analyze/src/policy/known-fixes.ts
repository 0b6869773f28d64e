/**
 * Rules with a remediation template: the fact behind `known_fix`. The remediate agent applies the template;
 * a rule not listed here needs a human to write its fix. Scanner rule ids are the contract: a scanner that adds
 * a rule with a mechanical fix adds its id here (and the template in remediate), in the same change.
 *
 * Dependency findings need no entry: their template is the version bump, known whenever a fixed version is
 * published (see facts.ts).
 */
export const KNOWN_FIXES: Readonly<Record<string, string>> = {
  // Kubernetes manifests (misconfiguration.kubernetes)
  'k8s-privileged-container': 'set securityContext.privileged: false',
  'k8s-allow-privilege-escalation': 'set securityContext.allowPrivilegeEscalation: false',
  'k8s-run-as-root': 'set securityContext.runAsNonRoot: true with a non-zero runAsUser',
  'k8s-readonly-root-filesystem': 'set securityContext.readOnlyRootFilesystem: true',
  'k8s-capabilities-not-dropped': 'set securityContext.capabilities.drop: [ALL]',
  'k8s-host-network': 'remove hostNetwork: true',
  'k8s-host-pid-ipc': 'remove hostPID / hostIPC: true',
  'k8s-missing-resource-limits': 'add resources.limits (cpu, memory) from the requests',
  'k8s-missing-liveness-probe': 'add a livenessProbe on the container port',
  'k8s-missing-readiness-probe': 'add a readinessProbe on the container port',
  'k8s-image-latest-tag': 'pin the image to the digest it resolves to today',
  'k8s-automount-service-account-token': 'set automountServiceAccountToken: false',
  // Dockerfiles and container images (misconfiguration.container)
  'dockerfile-user-root': 'add a USER instruction with a non-root user',
  'dockerfile-latest-tag': 'pin the base image to a version tag or digest',
  'dockerfile-add-instead-of-copy': 'replace ADD with COPY for local files',
  'dockerfile-missing-healthcheck': 'add a HEALTHCHECK instruction',
  'dockerfile-apt-no-recommends': 'add --no-install-recommends and clean the apt lists',
  // GitHub Actions workflows (misconfiguration.workflow)
  'workflow-unpinned-action': 'pin the action to the full commit SHA of its current tag',
  'workflow-permissions-write-all': 'set top-level permissions: contents: read and grant more per job',
  'workflow-missing-permissions': 'add top-level permissions: contents: read',
  'workflow-script-injection': 'pass the ${{ }} expression through env: and quote the variable',
  // Code (vulnerability.code): only the mechanical rewrites; eval/exec need a human.
  'code-yaml-load': 'use yaml.safe_load (or Loader=SafeLoader)',
  'code-subprocess-shell-true': 'pass the command as a list and drop shell=True',
};

export function knownFixFor(ruleId: string): string | undefined {
  return Object.hasOwn(KNOWN_FIXES, ruleId) ? KNOWN_FIXES[ruleId] : undefined;
}
