import type { Extractor } from '../types.js';
import { bunExtractor } from './bun.js';
import { packageLockExtractor } from './package-lock.js';
import { pnpmExtractor } from './pnpm.js';
import { yarnBerryExtractor, yarnV1Extractor } from './yarn.js';

export const npmExtractors: Extractor[] = [packageLockExtractor, yarnV1Extractor, yarnBerryExtractor, pnpmExtractor, bunExtractor];
