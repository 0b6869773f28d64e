import type { Extractor } from '../types.js';

export const nugetExtractors: Extractor[] = [];
