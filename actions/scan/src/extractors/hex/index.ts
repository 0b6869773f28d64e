import type { Extractor } from '../types.js';

export const hexExtractors: Extractor[] = [];
