import type { TextScanner } from '../../scanners/types.js';
import { manifestScanner } from '../common/scanner.js';
import { parseDockerfile } from './parser.js';
import { checkDockerfile } from './rules.js';

/** Names that only look like Dockerfile variants: the ignore file, docs, and source code about Dockerfiles. */
const NOT_A_DOCKERFILE =
  /\.(dockerignore|md|txt|rst|adoc|html|json|ya?ml|toml|xml|lock|snap|ts|tsx|js|mjs|cjs|go|py|rb|rs|java|kt|cs|php|sh|ps1|bat)$/;
/** More unknown instructions than this and the file is something else named like a Dockerfile. */
const MAX_UNKNOWN_INSTRUCTIONS = 3;

/** Dockerfile, Containerfile, Dockerfile.prod, api.Dockerfile (not Dockerfile.dockerignore, docs or code). */
export function isDockerfileName(baseName: string): boolean {
  const lower = baseName.toLowerCase();
  if (NOT_A_DOCKERFILE.test(lower)) return false;
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
      const unknown = dockerfile.problems.filter((p) => p.reason.startsWith('unknown instruction'));
      if (unknown.length > MAX_UNKNOWN_INSTRUCTIONS) {
        const reason = `not a Dockerfile (${unknown.length} unknown instructions, the first: ${unknown[0]!.reason.slice('unknown instruction '.length)}); not analysed`;
        return { hits: [], warnings: [{ line: unknown[0]!.line, reason }], examined: false };
      }
      const warnings = dockerfile.problems.map((p) => ({ line: p.line, reason: `Dockerfile: ${p.reason}` }));
      if (dockerfile.stages.length === 0) {
        warnings.push({ line: 1, reason: 'Dockerfile: no FROM instruction; not analysed' });
        return { hits: [], warnings, examined: false };
      }
      return { hits: checkDockerfile(dockerfile), warnings, examined: true };
    },
  });
}
