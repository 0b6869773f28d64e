import { createDependencyScanner } from './dependencies.js';
import type { ScannerFactory } from './types.js';

export type { AnyScanner, Scanner, ScannerContext, ScannerResult, ScannerSetup, ScannerFactory, TextFile, TextScanner } from './types.js';

/**
 * Every scanner of the scan agent, in one place and in run order. A new scanner is a module under
 * scanners/ plus one line here; `scanners: all` (the default) enables all of them.
 */
export const SCANNER_FACTORIES: Readonly<Record<string, ScannerFactory>> = {
  dependencies: createDependencyScanner,
  secrets: async (setup) => (await import('../secrets/scanner.js')).createSecretsScanner(setup),
  code: async (setup) => (await import('../code/index.js')).createCodeScanner(setup),
  sarif: async (setup) => (await import('../imports/sarif/scanner.js')).createSarifImportScanner(setup),
  runtime: async (setup) => (await import('../imports/alerts/scanner.js')).createRuntimeAlertScanner(setup),
  containers: async (setup) => (await import('../manifests/index.js')).createContainerScanner(setup),
  kubernetes: async (setup) => (await import('../manifests/index.js')).createKubernetesScanner(setup),
  workflows: async (setup) => (await import('../manifests/index.js')).createWorkflowScanner(setup),
};

export const SCANNER_NAMES: readonly string[] = Object.keys(SCANNER_FACTORIES);
