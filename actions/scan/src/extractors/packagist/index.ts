import type { Extractor } from '../types.js';
import { composerLockExtractor } from './composer-lock.js';

export const packagistExtractors: Extractor[] = [composerLockExtractor];
