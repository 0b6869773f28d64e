import type { Extractor } from '../types.js';

export const mavenExtractors: Extractor[] = [];
