// Types for validators.generated.js, which scripts/generate-validators.js writes (this file is hand-written).
import type { ValidateFunction } from 'ajv';

export declare const validateFindings: ValidateFunction;
export declare const validateEvent: ValidateFunction;
export declare const validateAnalysis: ValidateFunction;
export declare const validateAnalysisRows: ValidateFunction;
/** The generated validators by schema $id. */
export declare const validatorsById: Readonly<Record<string, ValidateFunction>>;
