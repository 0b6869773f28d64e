import type { TextScanner } from '../../scanners/types.js';
import type { RuleHit } from '../common/findings.js';
import { manifestScanner } from '../common/scanner.js';
import { checkWorkload } from './rules.js';
import { readKubernetesFile } from './workloads.js';

export function isYamlPath(relativePath: string): boolean {
  return /\.ya?ml$/i.test(relativePath);
}

export function kubernetesScanner(): TextScanner {
  return manifestScanner({
    name: 'kubernetes',
    family: { kind: 'kubernetes', eventType: 'misconfiguration.kubernetes', tags: ['kubernetes'] },
    wants: (rel) => isYamlPath(rel),
    analyse(file) {
      const k8s = readKubernetesFile(file.relativePath, file.text);
      const hits: RuleHit[] = k8s.workloads.flatMap(checkWorkload);
      const warnings = k8s.problems.map((p) => ({ ...(p.line ? { line: p.line } : {}), reason: p.reason }));
      return { hits, warnings, examined: k8s.manifests > 0 };
    },
  });
}
