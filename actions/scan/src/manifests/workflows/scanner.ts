import type { TextScanner } from '../../scanners/types.js';
import { manifestScanner } from '../common/scanner.js';
import { readWorkflowFile } from './model.js';
import { checkWorkflow } from './rules.js';

/** `.github/workflows/*.yml` at any depth of the tree (monorepos keep several), and action definitions. */
export function isWorkflowPath(relativePath: string): boolean {
  return /(?:^|\/)\.github\/workflows\/[^/]+\.ya?ml$/i.test(relativePath);
}

export function isActionDefinition(baseName: string): boolean {
  return baseName === 'action.yml' || baseName === 'action.yaml';
}

export function workflowScanner(): TextScanner {
  return manifestScanner({
    name: 'workflows',
    family: { kind: 'workflow', eventType: 'misconfiguration.workflow', tags: ['github-actions'] },
    wants: (rel, base) => isWorkflowPath(rel) || isActionDefinition(base),
    analyse(file) {
      const base = file.relativePath.slice(file.relativePath.lastIndexOf('/') + 1);
      const { workflow, problems } = readWorkflowFile(file.text, !isWorkflowPath(file.relativePath) && isActionDefinition(base));
      const warnings = problems.map((p) => ({ ...(p.line ? { line: p.line } : {}), reason: p.reason }));
      if (!workflow) return { hits: [], warnings, examined: false };
      return { hits: checkWorkflow(workflow), warnings, examined: true };
    },
  });
}
