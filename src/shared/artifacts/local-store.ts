import { cp, mkdir, readdir, stat, access } from 'node:fs/promises';
import path from 'node:path';
import { ConfigurationError } from '../errors.js';
import { validateArtifactName, type ArtifactStore, type StoredArtifact } from './store.js';

/** Artifacts as directories under `root`: what the CLI and the tests use, same names and rules as Actions. */
export class LocalArtifactStore implements ArtifactStore {
  readonly kind = 'local' as const;
  constructor(readonly root: string) {}

  async upload(name: string, rootDirectory: string, files: string[]): Promise<StoredArtifact> {
    validateArtifactName(name);
    const target = path.join(this.root, name);
    if (await exists(target)) {
      // Actions artifacts are immutable per run; mirror that so a name clash is found before CI.
      throw new ConfigurationError(`an artifact named ${name} already exists in ${this.root}`, 'artifact-name');
    }
    await mkdir(target, { recursive: true });
    let size = 0;
    for (const file of files) {
      const from = path.resolve(rootDirectory, file);
      const to = path.join(target, path.relative(rootDirectory, from));
      await mkdir(path.dirname(to), { recursive: true });
      await cp(from, to);
      size += (await stat(to)).size;
    }
    return { name, size, createdAt: new Date().toISOString() };
  }

  async list(options: { prefix?: string } = {}): Promise<StoredArtifact[]> {
    const prefix = options.prefix ?? 'secloop-';
    let entries: string[];
    try {
      entries = await readdir(this.root);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const out: StoredArtifact[] = [];
    for (const name of entries.sort()) {
      if (!name.startsWith(prefix)) continue;
      const info = await stat(path.join(this.root, name));
      if (info.isDirectory()) out.push({ name, createdAt: info.mtime.toISOString() });
    }
    return out;
  }

  localDirectory(artifact: StoredArtifact): string {
    return path.join(this.root, artifact.name);
  }

  async download(artifact: StoredArtifact, destination: string): Promise<string> {
    const source = path.join(this.root, artifact.name);
    if (!(await exists(source))) throw new ConfigurationError(`artifact ${artifact.name} not found in ${this.root}`);
    await mkdir(destination, { recursive: true });
    await cp(source, destination, { recursive: true });
    return destination;
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await access(p);
    return true;
  } catch {
    return false;
  }
}
