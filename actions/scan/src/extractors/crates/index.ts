import type { Extractor } from '../types.js';

export const cratesExtractors: Extractor[] = [];
