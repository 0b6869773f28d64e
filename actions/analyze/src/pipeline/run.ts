/**
 * One analysis, end to end: find the inputs, analyse them (keeping their events to carry forward), write
 * analysis.json and events.jsonl. The CLI and the action layer both call this.
 */
import type { AnalysisDocument } from '../../../../src/shared/contracts/analysis.js';
import { analyze, findInputs, type AnalyzeOptions } from './analyze.js';
import type { InputFile, LoadedInput } from './inputs.js';
import { workerTextReader } from './text-reader.js';
import { writeAnalysis, type AnalysisOutputs } from './writer.js';

export interface AnalysisOutcome {
  document: AnalysisDocument;
  outputs: AnalysisOutputs;
}

export async function runAnalysis(options: AnalyzeOptions & { outDir: string }): Promise<AnalysisOutcome> {
  // The reader's worker thread starts while the inputs are listed: both take tens of milliseconds, which the
  // first read otherwise waits for one after the other.
  const reader = options.reader ?? (options.inputs ? undefined : workerTextReader());
  let inputs: InputFile[];
  try {
    inputs = options.inputs ?? (await findInputs(options));
  } catch (error) {
    await reader?.close();
    throw error;
  }
  const loaded: LoadedInput[] = [];
  const document = await analyze({
    ...options,
    inputs,
    ...(reader ? { reader } : {}),
    onInput: (input) => {
      loaded.push(input);
      options.onInput?.(input);
    },
  });
  const outputs = await writeAnalysis(options.outDir, document, loaded);
  return { document, outputs };
}
