import type { Extractor } from '../types.js';
import { packageLockExtractor } from './package-lock.js';

export const npmExtractors: Extractor[] = [packageLockExtractor];
