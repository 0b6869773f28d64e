import { isReferenceValue, looksLikeSecretName, redact, type Rule, type RuleHit } from '../common/findings.js';
import { assignments, commandText, parseImageReference, splitWords, type Dockerfile, type Instruction, type Stage } from './parser.js';

const DOCS = 'https://docs.docker.com/build/building/best-practices/';

export const DOCKER_RULES = {
  unpinnedBase: {
    id: 'secloop.docker.unpinned-base-image',
    name: 'Base image not pinned',
    help:
      'The base image is untagged or uses `latest`, so every build may pull a different image: builds are not ' +
      'reproducible and a compromised or breaking upstream push lands silently. Pin a version tag, and ideally ' +
      'the digest: `FROM node:20.11-bookworm-slim@sha256:<digest>`.',
    helpUri: `${DOCS}#from`,
    cwe: ['CWE-829', 'CWE-1357'],
    severity: 'medium',
    confidence: 0.9,
    fix: 'Pin the base image to a version tag and digest (FROM image:1.2.3@sha256:...).',
  },
  rootUser: {
    id: 'secloop.docker.root-user',
    name: 'Container runs as root',
    help:
      'The final stage sets no USER (or sets root), so the container process runs as UID 0: a compromise of the ' +
      'application is a compromise of root in the container, one kernel bug away from the host. Create an ' +
      'unprivileged user and switch to it at the end: `RUN useradd -r -u 10001 app` then `USER 10001`.',
    helpUri: `${DOCS}#user`,
    cwe: ['CWE-250'],
    severity: 'high',
    confidence: 0.85,
    fix: 'Add `USER <non-root uid>` to the final stage.',
  },
  curlPipeShell: {
    id: 'secloop.docker.curl-pipe-shell',
    name: 'Remote script piped into a shell',
    help:
      'A script is downloaded and executed in one step (`curl ... | sh`): its content is neither pinned nor ' +
      'verified, so whoever controls the URL (or the network path) runs code in your build. Download to a file, ' +
      'verify a pinned checksum (`sha256sum -c`), then run it, or install the tool from a package manager.',
    cwe: ['CWE-494'],
    severity: 'high',
    confidence: 0.9,
    fix: 'Download the script, verify its pinned SHA-256, then execute it.',
  },
  addRemoteUrl: {
    id: 'secloop.docker.add-remote-url',
    name: 'ADD of a remote URL',
    help:
      'ADD fetches the URL at build time without verifying what it gets. Use `ADD --checksum=sha256:<hash> <url>` ' +
      '(BuildKit) or `RUN curl -fsSLo file <url> && echo "<hash>  file" | sha256sum -c`.',
    helpUri: `${DOCS}#add-or-copy`,
    cwe: ['CWE-494', 'CWE-829'],
    severity: 'medium',
    confidence: 0.9,
    fix: 'Add --checksum=sha256:<hash> to the ADD, or download and verify with RUN.',
  },
  secretInImage: {
    id: 'secloop.docker.secret-in-env',
    name: 'Credential baked into the image',
    help:
      'An ENV or ARG sets a credential to a literal value. ENV values are stored in the image configuration and ' +
      'ARG values in its build history: anyone who can pull the image can read them. Remove the value, rotate ' +
      'the credential, and pass it at run time (orchestrator secrets) or at build time with ' +
      '`RUN --mount=type=secret,id=...`.',
    helpUri: 'https://docs.docker.com/build/building/secrets/',
    cwe: ['CWE-798', 'CWE-538'],
    severity: 'high',
    confidence: 0.8,
    fix: 'Remove the literal; rotate the credential; use build secrets or runtime secrets.',
  },
} satisfies Record<string, Rule>;

/** A download piped into a shell or interpreter, within one pipeline (no `;`, `&&` or newline between). */
const PIPE_TO_SHELL =
  /\b(curl|wget)\b[^|;&\n]*\|\s*(?:sudo\s+(?:-\S+\s+)*)?(?:env\s+(?:\S+=\S*\s+)*)?(?:\S*\/)?(?:(?:ba|da|z|k|fi)?sh|python[0-9.]*|perl|ruby|node)\b/g;
/** `sh -c "$(curl ...)"` and `bash <(curl ...)`. */
const SHELL_OF_DOWNLOAD = /\b(?:ba|da|z|k)?sh\s+(?:-\S+\s+)*(?:["']?\$\(|<\()\s*(curl|wget)\b[^)\n]*/g;
const DOWNLOAD_URL = /(?:https?|ftp):\/\/[^\s|;&'")]+/;

function stageLabel(stage: Stage | undefined): string {
  return stage ? (stage.name ?? `#${stage.index}`) : 'global';
}

export function checkDockerfile(file: Dockerfile): RuleHit[] {
  const hits: RuleHit[] = [];
  const final = file.stages[file.stages.length - 1];
  for (const stage of file.stages) hits.push(...baseImage(stage, stage === final));
  if (final) hits.push(...rootUser(final));
  for (const ins of file.globalArgs) hits.push(...secretsIn(ins, undefined));
  for (const stage of file.stages) {
    const pipeCounts = new Map<string, number>();
    for (const ins of stage.instructions) {
      if (ins.keyword === 'RUN') hits.push(...pipedDownloads(ins, stage, pipeCounts));
      if (ins.keyword === 'ADD') hits.push(...remoteAdds(ins, stage));
      if (ins.keyword === 'ENV' || ins.keyword === 'ARG') hits.push(...secretsIn(ins, stage));
    }
  }
  return hits;
}

function baseImage(stage: Stage, isFinal: boolean): RuleHit[] {
  if (stage.parentStage || stage.image === undefined) return [];
  const image = stage.image;
  if (image.toLowerCase() === 'scratch') return [];
  const ref = parseImageReference(image);
  if (ref.digest) return [];
  if (ref.tag !== undefined && ref.tag !== 'latest') return [];
  const shown = image === stage.imageText ? image : `${stage.imageText} (= ${image})`;
  const what = ref.tag === 'latest' ? 'uses the floating `latest` tag' : 'has no tag (Docker pulls `latest`)';
  return [
    {
      rule: DOCKER_RULES.unpinnedBase,
      message: `Base image ${shown} of ${isFinal ? 'the final stage' : `build stage ${stageLabel(stage)}`} ${what}; pin a version and digest.`,
      line: stage.from.line,
      endLine: stage.from.endLine,
      identity: `stage:${stageLabel(stage)}:from:${ref.name}`,
      // A builder stage's image does not ship, but it still decides what gets built.
      severity: isFinal ? 'medium' : 'low',
      tags: [`stage:${stageLabel(stage)}`],
    },
  ];
}

const ROOT_USER = /^(root|0)(:.*)?$/;
/** Base images that are documented to default to an unprivileged user. */
const NON_ROOT_BASE = /(nonroot|rootless|non-root)/i;

function rootUser(final: Stage): RuleHit[] {
  // USER is inherited from the stage a stage builds on, so walk the chain back to an image.
  for (let stage: Stage | undefined = final; stage; stage = stage.parentStage) {
    const users = stage.instructions.filter((i) => i.keyword === 'USER');
    const last = users[users.length - 1];
    if (!last) continue;
    const user = splitWords(last.args)[0]?.text ?? '';
    if (user.includes('$')) return []; // set from a build argument: cannot tell
    if (!ROOT_USER.test(user)) return [];
    return [
      {
        rule: DOCKER_RULES.rootUser,
        message: `The final stage runs as ${user} (USER ${user}${stage === final ? '' : ` inherited from stage ${stageLabel(stage)}`}); switch to a non-root user.`,
        line: last.line,
        identity: 'final-stage:user',
        confidence: 0.95,
      },
    ];
  }
  let origin: Stage = final;
  while (origin.parentStage) origin = origin.parentStage;
  if (origin.image !== undefined && NON_ROOT_BASE.test(origin.image)) return [];
  return [
    {
      rule: DOCKER_RULES.rootUser,
      message: `The final stage (FROM ${final.imageText}) sets no USER, so the container runs as root unless its base image changes the user; add USER with a non-root UID.`,
      line: final.from.line,
      identity: 'final-stage:user',
    },
  ];
}

function pipedDownloads(ins: Instruction, stage: Stage, counts: Map<string, number>): RuleHit[] {
  const text = commandText(ins);
  const hits: RuleHit[] = [];
  for (const re of [PIPE_TO_SHELL, SHELL_OF_DOWNLOAD]) {
    for (const m of text.matchAll(re)) {
      const url = DOWNLOAD_URL.exec(m[0])?.[0];
      const target = url ? url.replace(/[?#].*$/, '') : 'unknown-url';
      const seen = counts.get(target) ?? 0;
      counts.set(target, seen + 1);
      const line = ins.json ? ins.line : ins.lineOf(m.index);
      hits.push({
        rule: DOCKER_RULES.curlPipeShell,
        message: `RUN in stage ${stageLabel(stage)} pipes a download${url ? ` from ${target}` : ''} straight into a shell (${m[1]} | sh); verify a pinned checksum before running it.`,
        line,
        identity: `stage:${stageLabel(stage)}:pipe:${target}:${seen}`,
        tags: [`stage:${stageLabel(stage)}`],
      });
    }
  }
  return hits;
}

function remoteAdds(ins: Instruction, stage: Stage): RuleHit[] {
  if (ins.flags.checksum) return [];
  const words = ins.json ?? splitWords(ins.args).map((w) => w.text);
  const sources = words.slice(0, -1);
  return sources
    .filter((s) => /^(https?|ftp):\/\//i.test(s) || /^git@|\.git(#.*)?$/.test(s))
    .map((url) => ({
      rule: DOCKER_RULES.addRemoteUrl,
      message: `ADD in stage ${stageLabel(stage)} fetches ${url.replace(/[?#].*$/, '')} without a checksum; add --checksum=sha256:<hash> or download and verify it.`,
      line: ins.line,
      endLine: ins.endLine,
      identity: `stage:${stageLabel(stage)}:add:${url.replace(/[?#].*$/, '')}`,
      tags: [`stage:${stageLabel(stage)}`],
    }));
}

function secretsIn(ins: Instruction, stage: Stage | undefined): RuleHit[] {
  const hits: RuleHit[] = [];
  for (const a of assignments(ins)) {
    if (a.value === undefined || !looksLikeSecretName(a.name) || isReferenceValue(a.value)) continue;
    const persisted = ins.keyword === 'ENV' ? 'stored in the image configuration' : 'recorded in the image build history';
    hits.push({
      rule: DOCKER_RULES.secretInImage,
      message: `${ins.keyword} ${a.name} in ${stage ? `stage ${stageLabel(stage)}` : 'the global ARGs'} sets a literal credential (${redact(a.value)}), ${persisted}; remove it and rotate the credential.`,
      line: ins.lineOf(a.offset),
      identity: `stage:${stageLabel(stage)}:${ins.keyword}:${a.name}`,
      // A default ARG value is readable too, but only in the build history and it is often a placeholder.
      severity: ins.keyword === 'ENV' ? 'high' : 'medium',
      confidence: ins.keyword === 'ENV' ? 0.8 : 0.7,
      tags: [`stage:${stageLabel(stage)}`],
    });
  }
  return hits;
}
