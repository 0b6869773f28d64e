import type { Node, Pair } from 'yaml';
import { parseYamlFile, type YamlProblem, type YamlView } from '../common/yaml.js';

/**
 * The parts of a GitHub Actions workflow (or composite action) the rules read, each with its node so a
 * finding can point at the exact line. Read as YAML 1.2, as GitHub does (`on:` is a key, not `true`).
 */

export interface Step {
  /** A name stable across edits elsewhere in the job: the step id, else its name, else its position. */
  key: string;
  index: number;
  node: Node;
  line: number;
  uses?: string;
  usesPair?: Pair;
  run?: string;
  runNode?: Node;
  /** `with:` inputs as text, with their pairs. */
  with: Map<string, { value: string; pair: Pair }>;
}

export interface Job {
  id: string;
  pair: Pair;
  line: number;
  node: Node | undefined;
  permissions?: Pair;
  /** A reusable-workflow call (`jobs.<id>.uses`). */
  uses?: string;
  usesPair?: Pair;
  steps: Step[];
}

export interface WorkflowFile {
  kind: 'workflow' | 'composite-action' | 'action';
  view: YamlView;
  triggers: Set<string>;
  permissions?: Pair;
  jobs: Job[];
}

export interface ReadWorkflow {
  workflow?: WorkflowFile;
  problems: YamlProblem[];
}

export function readWorkflowFile(text: string, isActionFile: boolean): ReadWorkflow {
  const parsed = parseYamlFile(text, '1.2');
  const problems = [...parsed.problems];
  if (parsed.documents.length > 1) problems.push({ reason: 'more than one YAML document; GitHub reads only a single document, the first was analysed' });
  const view = parsed.documents[0];
  const root = view?.map(view.contents);
  if (!view || !root) {
    if (problems.length === 0) problems.push({ line: 1, reason: isActionFile ? 'not an action definition (no mapping at the top)' : 'not a workflow (no mapping at the top)' });
    return { problems };
  }
  if (isActionFile) {
    const runs = view.get(root, 'runs');
    if (!runs) return { problems: [...problems, { line: 1, reason: 'action definition without runs:' }] };
    const composite = view.text(view.get(runs, 'using')) === 'composite';
    const steps = composite ? readSteps(view, view.get(runs, 'steps')) : [];
    const runsPair = view.pair(root, 'runs')!;
    const job: Job = { id: 'composite', pair: runsPair, line: view.line(runsPair) ?? 1, node: runs, steps };
    // A Docker action's image is a `uses` of its own: the same pinning rule applies.
    const image = view.pair(runs, 'image');
    const imageText = view.text(image?.value);
    if (image && imageText?.startsWith('docker://')) {
      steps.push({ key: 'runs.image', index: -1, node: runs, line: view.line(image) ?? 1, uses: imageText, usesPair: image, with: new Map() });
    }
    return { workflow: { kind: composite ? 'composite-action' : 'action', view, triggers: new Set(), jobs: [job] }, problems };
  }
  const jobsNode = view.get(root, 'jobs');
  if (!jobsNode) return { problems: [...problems, { line: 1, reason: 'not a workflow (no jobs:)' }] };
  const jobs: Job[] = [];
  for (const { key, pair, value } of view.entries(jobsNode)) {
    const usesPair = view.pair(value, 'uses');
    const uses = view.text(usesPair?.value);
    const permissions = view.pair(value, 'permissions');
    jobs.push({
      id: key,
      pair,
      line: view.line(pair) ?? 1,
      node: value,
      ...(permissions ? { permissions } : {}),
      ...(uses !== undefined && usesPair ? { uses, usesPair } : {}),
      steps: readSteps(view, view.get(value, 'steps')),
    });
  }
  const permissions = view.pair(root, 'permissions');
  return { workflow: { kind: 'workflow', view, triggers: triggersOf(view, view.get(root, 'on')), ...(permissions ? { permissions } : {}), jobs }, problems };
}

/** `on: push`, `on: [push, pull_request]` or `on: {push: ..., pull_request_target: ...}`. */
function triggersOf(view: YamlView, on: Node | undefined): Set<string> {
  const single = view.text(on);
  if (single !== undefined) return new Set([single]);
  const listed = view.items(on).map((n) => view.text(n)).filter((t): t is string => t !== undefined);
  if (listed.length > 0) return new Set(listed);
  return new Set(view.entries(on).map((e) => e.key));
}

function readSteps(view: YamlView, stepsNode: Node | undefined): Step[] {
  const steps: Step[] = [];
  const seen = new Map<string, number>();
  view.items(stepsNode).forEach((node, index) => {
    if (!view.map(node)) return;
    const id = view.text(view.get(node, 'id'));
    const name = view.text(view.get(node, 'name'));
    const usesPair = view.pair(node, 'uses');
    const uses = view.text(usesPair?.value);
    const runPair = view.pair(node, 'run');
    const run = view.text(runPair?.value);
    const base = id ? `id:${id}` : name ? `name:${name}` : uses ? `uses:${uses.replace(/@.*$/, '')}` : `#${index}`;
    // Two unnamed steps using the same action: the n-th of them, which does not move when others are added.
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    const withEntries = new Map<string, { value: string; pair: Pair }>();
    for (const e of view.entries(view.get(node, 'with'))) {
      const value = view.text(e.value);
      if (value !== undefined) withEntries.set(e.key, { value, pair: e.pair });
    }
    const runNode = view.deref(runPair?.value);
    steps.push({
      key: count === 0 ? base : `${base}#${count}`,
      index,
      node,
      line: view.line(node) ?? 1,
      ...(uses !== undefined && usesPair ? { uses, usesPair } : {}),
      ...(run !== undefined && runNode ? { run, runNode } : {}),
      with: withEntries,
    });
  });
  return steps;
}
