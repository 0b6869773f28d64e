import path from 'node:path';
import { ConfigurationError, errorMessage, isUserError } from '../../../src/shared/errors.js';
import { actionInputs, actionsLogger, annotate, fail, runContext, setOutputs, writeSummary } from '../../../src/shared/actions/runtime.js';
import { actionsCache } from '../../../src/shared/actions/actions-cache.js';
import { ActionsArtifactStore } from '../../../src/shared/artifacts/actions-store.js';
import { uniqueArtifactName } from '../../../src/shared/artifacts/store.js';
import { SEVERITY_LEVELS } from '../../../src/shared/contracts/findings.js';
import { scanOptionsFrom } from './config.js';
import { renderMarkdownSummary } from './report.js';
import { runScan } from './scan.js';

/**
 * The scan action. Everything stays inside the try: a bad input is reported as the user's error (naming the
 * input), anything else as a failure of secloop, and neither is ever a green "no findings".
 */
export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const logger = actionsLogger();
  logger.info('secloop scan starting');
  try {
    const inputs = actionInputs();
    const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
    const outDefault = path.join(env.RUNNER_TEMP ?? path.join(workspace, '.secloop'), 'secloop-scan');
    const matrix = inputs.optional('matrix');
    const options = await scanOptionsFrom(
      new (inputs.constructor as typeof import('../../../src/shared/inputs.js').Inputs)((name) => (name === 'out' ? inputs.optional('out') ?? outDefault : inputs.optional(name))),
      { workspace, context: runContext(env, matrix), cache: actionsCache(), tempDir: env.RUNNER_TEMP },
      logger,
    );
    const outcome = await runScan(options, logger);
    const { document, outputs } = outcome;

    annotate(
      [...document.findings]
        .sort((a, b) => SEVERITY_LEVELS.indexOf(a.severity) - SEVERITY_LEVELS.indexOf(b.severity))
        .map((f) => ({
          level: f.severity === 'critical' || f.severity === 'high' ? ('error' as const) : f.severity === 'medium' ? ('warning' as const) : ('notice' as const),
          title: `${f.severity}: ${f.rule.id}`,
          message: f.message,
          file: path.relative(workspace, path.resolve(options.root, f.location.path)),
          line: f.location.start_line,
        })),
    );

    let artifactName = '';
    if (inputs.boolean('upload-artifact', true)) {
      artifactName =
        inputs.optional('artifact-name') ?? uniqueArtifactName('scan', { job: env.GITHUB_JOB, matrix, attempt: env.GITHUB_RUN_ATTEMPT });
      const store = new ActionsArtifactStore({ retentionDays: inputs.optional('retention-days') ? inputs.positiveInteger('retention-days', 90) : undefined });
      const files = Object.values(outputs).map((f) => path.relative(options.outDir, f));
      await logger.group(`Uploading artifact ${artifactName}`, () => store.upload(artifactName, options.outDir, files));
    }
    await writeSummary(renderMarkdownSummary(document, artifactName || undefined));

    const s = document.summary;
    setOutputs({
      result: s.result,
      'max-severity': s.max_severity,
      'findings-count': s.total,
      ...Object.fromEntries(SEVERITY_LEVELS.map((k) => [`${k}-count`, s.by_severity[k]])),
      'findings-file': outputs.findings,
      'sarif-file': outputs.sarif,
      'sbom-cyclonedx-file': outputs.cyclonedx,
      'sbom-spdx-file': outputs.spdx,
      'events-file': outputs.events,
      'artifact-name': artifactName,
      'correlation-id': document.run.correlation_id,
    });
    if (s.result === 'error') fail(`secloop scan could not complete: ${document.errors.join('; ')}`);
    else if (s.result === 'fail') fail(`secloop scan: ${s.total} finding(s), max severity ${s.max_severity}, at or above fail-on-severity`);
  } catch (error) {
    setOutputs({ result: 'error' });
    if (isUserError(error)) fail(`secloop scan: configuration error: ${errorMessage(error)}`);
    else fail(`secloop scan failed (this is a bug or an outage, not a finding): ${errorMessage(error)}`);
    if (!(error instanceof ConfigurationError) && error instanceof Error && error.stack) logger.debug(error.stack);
  }
}
