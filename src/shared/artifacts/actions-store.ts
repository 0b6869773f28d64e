import type { ArtifactStore, RunReference, StoredArtifact } from './store.js';
import { validateArtifactName } from './store.js';

type ArtifactModule = typeof import('@actions/artifact');

/**
 * Workflow artifacts through @actions/artifact. The module is imported on first use: it is the heaviest
 * dependency we bundle, and a run that never uploads (the CLI, a dry run) should not pay for loading it.
 */
export class ActionsArtifactStore implements ArtifactStore {
  readonly kind = 'actions' as const;
  private client?: InstanceType<ArtifactModule['DefaultArtifactClient']>;

  constructor(private readonly options: { retentionDays?: number } = {}) {}

  private async artifactClient() {
    if (!this.client) {
      const { DefaultArtifactClient } = await import('@actions/artifact');
      this.client = new DefaultArtifactClient();
    }
    return this.client;
  }

  async upload(name: string, rootDirectory: string, files: string[]): Promise<StoredArtifact> {
    validateArtifactName(name);
    const client = await this.artifactClient();
    const absolute = files.map((f) => (f.startsWith('/') ? f : `${rootDirectory.replace(/\/$/, '')}/${f}`));
    const result = await client.uploadArtifact(name, absolute, rootDirectory, {
      retentionDays: this.options.retentionDays,
    });
    return { name, id: result.id, size: result.size };
  }

  async list(options: { prefix?: string; run?: RunReference } = {}): Promise<StoredArtifact[]> {
    const client = await this.artifactClient();
    const prefix = options.prefix ?? 'secloop-';
    const { artifacts } = await client.listArtifacts({ latest: true, ...(options.run ? { findBy: options.run } : {}) });
    return artifacts
      .filter((a) => a.name.startsWith(prefix))
      .map((a) => ({ name: a.name, id: a.id, size: a.size, createdAt: a.createdAt?.toISOString() }));
  }

  async download(artifact: StoredArtifact, destination: string, options: { run?: RunReference } = {}): Promise<string> {
    const client = await this.artifactClient();
    if (artifact.id === undefined) throw new Error(`artifact ${artifact.name} has no id; list it before downloading`);
    const result = await client.downloadArtifact(artifact.id, {
      path: destination,
      ...(options.run ? { findBy: options.run } : {}),
    });
    return result.downloadPath ?? destination;
  }
}
