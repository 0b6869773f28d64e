/**
 * One analysis, end to end: find the inputs, analyse them (keeping their events to carry forward), write
 * analysis.json and events.jsonl. The CLI and the action layer both call this.
 */
import type { AnalysisDocument } from '../../../../src/shared/contracts/analysis.js';
import { analyze, findInputs, type AnalyzeOptions } from './analyze.js';
import type { LoadedInput } from './inputs.js';
import { writeAnalysis, type AnalysisOutputs } from './writer.js';

export interface AnalysisOutcome {
  document: AnalysisDocument;
  outputs: AnalysisOutputs;
}

export async function runAnalysis(options: AnalyzeOptions & { outDir: string }): Promise<AnalysisOutcome> {
  const inputs = options.inputs ?? (await findInputs(options));
  const loaded: LoadedInput[] = [];
  const document = await analyze({
    ...options,
    inputs,
    onInput: (input) => {
      loaded.push(input);
      options.onInput?.(input);
    },
  });
  const outputs = await writeAnalysis(options.outDir, document, loaded);
  return { document, outputs };
}
