import type { Extractor } from '../types.js';
import { pubspecLockExtractor } from './pubspec-lock.js';

export const pubExtractors: Extractor[] = [pubspecLockExtractor];
