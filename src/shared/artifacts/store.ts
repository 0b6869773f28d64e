import { createHash } from 'node:crypto';
import { ConfigurationError } from '../errors.js';

/**
 * Agents talk only through artifacts. Inside Actions they are workflow artifacts (@actions/artifact); outside,
 * a local directory with the same layout: `<root>/<artifact name>/<files>`. One interface, two implementations.
 */
export interface StoredArtifact {
  name: string;
  /** Actions artifact id; absent for local artifacts. */
  id?: number;
  size?: number;
  createdAt?: string;
}

/** Another workflow run's artifacts (the base branch's latest scan, say): needs a token with actions:read. */
export interface RunReference {
  token: string;
  workflowRunId: number;
  repositoryOwner: string;
  repositoryName: string;
}

export interface ArtifactStore {
  readonly kind: 'local' | 'actions';
  /** Uploads `files` (paths relative to `rootDirectory`) as one artifact. Names are unique per run. */
  upload(name: string, rootDirectory: string, files: string[]): Promise<StoredArtifact>;
  /** Artifacts of this run (or of `run`) whose name starts with `prefix` (default "secloop-"). */
  list(options?: { prefix?: string; run?: RunReference }): Promise<StoredArtifact[]>;
  /** Downloads into `destination` and returns the directory holding the files. */
  download(artifact: StoredArtifact, destination: string, options?: { run?: RunReference }): Promise<string>;
  /**
   * Where the artifact's files already are on this machine, for stores that keep them locally: readers use
   * them in place instead of copying (hundreds of MB for a large matrix). Undefined when it must be downloaded.
   */
  localDirectory?(artifact: StoredArtifact): string | undefined;
}

// The characters @actions/artifact refuses in names; refused here too so a local run fails like a real one.
const FORBIDDEN_NAME_CHARS = /["':<>|*?\r\n\\/]/;

export function validateArtifactName(name: string): void {
  if (!name || FORBIDDEN_NAME_CHARS.test(name)) {
    throw new ConfigurationError(
      `artifact name ${JSON.stringify(name)} is empty or contains one of " : < > | * ? \\r \\n \\ /`,
      'artifact-name',
    );
  }
}

/**
 * A name unique per job and matrix cell: `secloop-<agent>-<job>[-<matrix digest>][-<attempt>]`. Matrix
 * cells of one job would otherwise collide (artifacts are immutable; a second upload is a 409).
 */
export function uniqueArtifactName(agent: string, context: { job?: string; matrix?: string; attempt?: string }): string {
  const parts = ['secloop', agent];
  if (context.job) parts.push(context.job.replace(/[^A-Za-z0-9._-]+/g, '_'));
  if (context.matrix && context.matrix !== 'null' && context.matrix !== '{}') {
    parts.push(createHash('sha256').update(context.matrix).digest('hex').slice(0, 10));
  }
  if (context.attempt && context.attempt !== '1') parts.push(`attempt${context.attempt}`);
  return parts.join('-');
}
