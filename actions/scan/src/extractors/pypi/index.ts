import type { Extractor } from '../types.js';
import { pdmLockExtractor } from './pdm-lock.js';
import { pipfileLockExtractor } from './pipfile-lock.js';
import { poetryLockExtractor } from './poetry-lock.js';
import { pylockExtractor } from './pylock-toml.js';
import { requirementsTxtExtractor } from './requirements-txt.js';
import { uvLockExtractor } from './uv-lock.js';

export const pypiExtractors: Extractor[] = [
  requirementsTxtExtractor,
  poetryLockExtractor,
  uvLockExtractor,
  pdmLockExtractor,
  pylockExtractor,
  pipfileLockExtractor,
];
