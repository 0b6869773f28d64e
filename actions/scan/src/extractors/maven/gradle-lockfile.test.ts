import { describe, expect, it } from '@jest/globals';
import { extractorFor } from '../registry.js';
import type { ExtractionResult } from '../types.js';
import { gradleLockfileExtractor } from './gradle-lockfile.js';

const extract = (content: string) =>
  gradleLockfileExtractor.extract({ path: 'gradle.lockfile', content, readSibling: async () => undefined }) as ExtractionResult;

describe('gradle.lockfile extractor', () => {
  it('marks packages used only by test or developmentOnly configurations as dev', () => {
    const { packages } = extract(
      [
        '# comment',
        'org.junit:junit:5.9=testCompileClasspath,testRuntimeClasspath',
        'org.boot:devtools:2.7=developmentOnly',
        'org.boot:devtools-and-runtime:2.7=developmentOnly,runtimeClasspath',
        'org.it:helper:1.0=integrationTestRuntimeClasspath',
        'empty=annotationProcessor',
      ].join('\n'),
    );
    expect(packages.map((p) => [p.name, p.version, p.line, p.depGroups])).toEqual([
      ['org.junit:junit', '5.9', 2, ['dev']],
      ['org.boot:devtools', '2.7', 3, ['dev']],
      ['org.boot:devtools-and-runtime', '2.7', 4, []],
      ['org.it:helper', '1.0', 5, ['dev']],
    ]);
  });

  it('skips malformed lines with a warning naming the line', () => {
    const result = extract('a:b=runtimeClasspath\r\ng:a:1.0=runtimeClasspath\r\n');
    expect(result.packages).toEqual([expect.objectContaining({ name: 'g:a', version: '1.0', line: 2 })]);
    expect(result.warnings).toEqual([expect.stringContaining('gradle.lockfile:1:')]);
  });

  it('handles both canonical file names', () => {
    expect(extractorFor('x/buildscript-gradle.lockfile')?.id).toBe('Maven/gradle-lockfile');
    expect(extractorFor('gradle.lockfile')?.id).toBe('Maven/gradle-lockfile');
    expect(extractorFor('app/pom.xml')?.id).toBe('Maven/pom-xml');
  });
});
