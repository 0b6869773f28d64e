import type { Extractor } from '../types.js';

export const pubExtractors: Extractor[] = [];
