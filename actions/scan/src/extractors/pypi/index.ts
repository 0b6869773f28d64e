import type { Extractor } from '../types.js';

export const pypiExtractors: Extractor[] = [];
