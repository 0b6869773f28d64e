/**
 * One analysis, end to end: load the inputs once (their events are carried forward), analyse, write
 * analysis.json and events.jsonl. The CLI and the action layer both call this.
 */
import type { AnalysisDocument } from '../../../../src/shared/contracts/analysis.js';
import { analyze, loadInputs, type AnalyzeOptions } from './analyze.js';
import { writeAnalysis, type AnalysisOutputs } from './writer.js';

export interface AnalysisOutcome {
  document: AnalysisDocument;
  outputs: AnalysisOutputs;
}

export async function runAnalysis(options: AnalyzeOptions & { outDir: string }): Promise<AnalysisOutcome> {
  const loaded = options.loaded ?? (await loadInputs(options));
  const document = await analyze({ ...options, loaded });
  const outputs = await writeAnalysis(options.outDir, document, loaded);
  return { document, outputs };
}
