import type { Extractor } from '../types.js';

export const npmExtractors: Extractor[] = [];
