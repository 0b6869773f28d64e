import type { Extractor } from '../types.js';
import { pdmLockExtractor } from './pdm-lock.js';
import { poetryLockExtractor } from './poetry-lock.js';
import { pylockExtractor } from './pylock-toml.js';
import { uvLockExtractor } from './uv-lock.js';

export const pypiExtractors: Extractor[] = [poetryLockExtractor, uvLockExtractor, pdmLockExtractor, pylockExtractor];
