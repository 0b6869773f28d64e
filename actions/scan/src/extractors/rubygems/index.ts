import type { Extractor } from '../types.js';

export const rubygemsExtractors: Extractor[] = [];
