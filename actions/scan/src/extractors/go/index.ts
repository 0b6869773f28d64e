import type { Extractor } from '../types.js';
import { goModExtractor } from './go-mod.js';

export const goExtractors: Extractor[] = [goModExtractor];
