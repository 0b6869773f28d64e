import type { ScannerFactory } from '../scanners/types.js';
import { containerScanner } from './dockerfile/scanner.js';
import { kubernetesScanner } from './kubernetes/scanner.js';
import { workflowScanner } from './workflows/scanner.js';

/**
 * Configuration scanners: Dockerfiles, Kubernetes workloads, GitHub Actions workflows. They need no inputs
 * (their rules are built in), so the factories ignore the setup.
 */
export const createContainerScanner: ScannerFactory = async () => containerScanner();
export const createKubernetesScanner: ScannerFactory = async () => kubernetesScanner();
export const createWorkflowScanner: ScannerFactory = async () => workflowScanner();

export { buildWorkloadIndex, findWorkloadManifest, WorkloadIndex, workloadsIn } from './kubernetes/lookup.js';
export type { WorkloadManifest, WorkloadQuery } from './kubernetes/lookup.js';
