import type { Extractor } from '../types.js';
import { cargoLockExtractor } from './cargo-lock.js';

export const cratesExtractors: Extractor[] = [cargoLockExtractor];
