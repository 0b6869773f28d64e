import type { Extractor } from '../types.js';
import { gradleLockfileExtractor } from './gradle-lockfile.js';
import { pomXmlExtractor } from './pom-xml.js';

export const mavenExtractors: Extractor[] = [pomXmlExtractor, gradleLockfileExtractor];
