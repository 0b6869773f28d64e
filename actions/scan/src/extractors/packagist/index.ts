import type { Extractor } from '../types.js';

export const packagistExtractors: Extractor[] = [];
