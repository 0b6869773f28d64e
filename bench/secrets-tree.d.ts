// Types of bench/secrets-tree.js, for the tests that generate a tree with it (test/secrets-threads.test.ts).
export interface PlantedSecret {
  file: string;
  type: string;
  secret: string;
}
export interface GeneratedTree {
  files: number;
  bytes: number;
  planted: PlantedSecret[];
}
export function sourceFiles(root: string): string[];
export function generateSecretsTree(
  dir: string,
  options?: { seed?: number; targetBytes?: number; secretsPerType?: number; sourceRoot?: string; sources?: string[] },
): GeneratedTree;
export function prng(seed: number): () => number;
export const SECRET_TYPES: { type: string; secloop: string[]; secretlint: string[]; make: (random: () => number) => string }[];
