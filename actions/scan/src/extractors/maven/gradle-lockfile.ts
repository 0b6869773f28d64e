import type { ExtractedPackage, ExtractionResult, Extractor, ExtractInput } from '../types.js';

/**
 * Configurations whose dependencies never reach the built artifact: test source sets (testCompileClasspath,
 * integrationTestRuntimeClasspath...) and Spring Boot's developmentOnly.
 */
function isDevConfiguration(configuration: string): boolean {
  return /^test|Test/.test(configuration) || configuration === 'developmentOnly';
}

/**
 * gradle.lockfile: one `group:artifact:version=configuration,configuration` line per package, `#` comments,
 * and a final `empty=...` line listing configurations without dependencies.
 */
function extractGradleLockfile(input: ExtractInput): ExtractionResult {
  const packages: ExtractedPackage[] = [];
  const warnings: string[] = [];
  const lines = input.content.split('\n');
  for (const [index, rawLine] of lines.entries()) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;
    const equals = line.indexOf('=');
    const coordinates = equals === -1 ? line : line.slice(0, equals);
    if (coordinates === 'empty') continue;
    const parts = coordinates.split(':');
    if (parts.length !== 3 || parts.some((part) => part.trim() === '')) {
      warnings.push(`${input.path}:${index + 1}: expected group:artifact:version=configurations, skipped "${line.slice(0, 80)}"`);
      continue;
    }
    const [group, artifact, version] = parts.map((part) => part.trim()) as [string, string, string];
    const configurations = equals === -1 ? [] : line.slice(equals + 1).split(',').map((c) => c.trim()).filter(Boolean);
    packages.push({
      name: `${group}:${artifact}`,
      version,
      ecosystem: 'Maven',
      line: index + 1,
      // Dev only when no configuration that ships with the application needs it.
      depGroups: configurations.length > 0 && configurations.every(isDevConfiguration) ? ['dev'] : [],
    });
  }
  return warnings.length > 0 ? { packages, warnings } : { packages };
}

export const gradleLockfileExtractor: Extractor = {
  id: 'Maven/gradle-lockfile',
  ecosystem: 'Maven',
  fileNames: ['gradle.lockfile', 'buildscript-gradle.lockfile'],
  extract: extractGradleLockfile,
};
