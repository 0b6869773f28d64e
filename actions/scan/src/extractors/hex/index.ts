import type { Extractor } from '../types.js';
import { mixLockExtractor } from './mix-lock.js';

export const hexExtractors: Extractor[] = [mixLockExtractor];
