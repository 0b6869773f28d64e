import type { TextScanner } from '../../scanners/types.js';
import { manifestScanner } from '../common/scanner.js';
import { parseDockerfile } from './parser.js';
import { checkDockerfile } from './rules.js';

/** Dockerfile, Containerfile, Dockerfile.prod, api.Dockerfile (not Dockerfile.dockerignore or docs). */
export function isDockerfileName(baseName: string): boolean {
  const lower = baseName.toLowerCase();
  if (lower.endsWith('.dockerignore') || lower.endsWith('.md') || lower.endsWith('.txt')) return false;
  return (
    lower === 'dockerfile' ||
    lower === 'containerfile' ||
    lower.endsWith('.dockerfile') ||
    lower.startsWith('dockerfile.') ||
    lower.startsWith('containerfile.')
  );
}

export function containerScanner(): TextScanner {
  return manifestScanner({
    name: 'containers',
    family: { kind: 'container', eventType: 'misconfiguration.container', tags: ['container', 'dockerfile'] },
    wants: (_rel, base) => isDockerfileName(base),
    analyse(file) {
      const dockerfile = parseDockerfile(file.text);
      const warnings = dockerfile.problems.map((p) => ({ line: p.line, reason: `Dockerfile: ${p.reason}` }));
      if (dockerfile.stages.length === 0) {
        warnings.push({ line: 1, reason: 'Dockerfile: no FROM instruction; not analysed' });
        return { hits: [], warnings, examined: false };
      }
      return { hits: checkDockerfile(dockerfile), warnings, examined: true };
    },
  });
}
