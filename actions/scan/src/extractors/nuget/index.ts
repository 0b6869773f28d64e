import type { Extractor } from '../types.js';
import { packagesLockExtractor } from './packages-lock.js';

export const nugetExtractors: Extractor[] = [packagesLockExtractor];
