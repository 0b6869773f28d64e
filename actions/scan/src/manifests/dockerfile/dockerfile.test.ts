import { describe, expect, test } from '@jest/globals';
import { assertFindingsValid, runOnTexts } from '../../scanners/testing.js';
import { commandText, parseDockerfile, parseImageReference } from './parser.js';
import { containerScanner, isDockerfileName } from './scanner.js';

/** A typical "first Dockerfile" of a Node service, with every mistake the rules look for. */
const VULNERABLE = `# syntax=docker/dockerfile:1
FROM ubuntu
ARG NPM_TOKEN=npm_aBcDeF0123456789aBcDeF0123456789abcd
ENV NODE_ENV=production \\
    DB_PASSWORD="s3cr3t-Passw0rd!" \\
    DB_HOST=db.internal
RUN apt-get update \\
 # the NodeSource installer, as its README says
 && curl -fsSL https://deb.nodesource.com/setup_20.x | sudo -E bash - \\
 && apt-get install -y nodejs
ADD https://github.com/krallin/tini/releases/download/v0.19.0/tini /tini
WORKDIR /app
COPY . .
RUN npm ci --omit=dev
CMD ["node", "server.js"]
`;

/** The same service done right: pinned multi-stage build, verified download, non-root user, no literals. */
const SAFE = `# syntax=docker/dockerfile:1.7
ARG NODE_VERSION=20.11.1
FROM node:\${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=secret,id=npm_token NPM_TOKEN=$(cat /run/secrets/npm_token) npm ci --omit=dev

FROM deps AS build
COPY . .
RUN npm run build

FROM node:20.11.1-bookworm-slim@sha256:2d9e3c47f7b5e0f5d1b8c3a9e6f4d2b1a0c9e8f7d6c5b4a3f2e1d0c9b8a7f6e5
ARG NPM_TOKEN
ENV NODE_ENV=production \\
    POSTGRES_PASSWORD_FILE=/run/secrets/db_password \\
    API_TOKEN=\${API_TOKEN} \\
    AUTH_TOKEN_URL=https://auth.internal/token
ADD --checksum=sha256:93dcc18adc78c65a028a84799ecf8ad40c936fdfc5f2a57b1acda5a8117fa82c https://github.com/krallin/tini/releases/download/v0.19.0/tini /tini
RUN curl -fsSLo /tmp/key.gpg https://deb.nodesource.com/gpgkey/nodesource.gpg.key \\
 && curl -fsSL https://packages.example.com/key.asc | gpg --dearmor -o /usr/share/keyrings/example.gpg \\
 && curl -fsSL https://releases.example.com/tool-1.2.3.tar.gz | tar -xz -C /usr/local/bin
COPY --from=build --chown=node:node /app/dist /app/dist
USER node
CMD ["node", "/app/dist/server.js"]
`;

async function scan(files: Record<string, string>) {
  const result = await runOnTexts(containerScanner(), files);
  assertFindingsValid(result.findings);
  return result;
}

describe('Dockerfile parser', () => {
  test('joins continuations, drops comment lines inside them, and maps offsets back to physical lines', () => {
    const file = parseDockerfile(VULNERABLE);
    expect(file.directives).toEqual({ syntax: 'docker/dockerfile:1' });
    const run = file.stages[0]!.instructions.find((i) => i.keyword === 'RUN')!;
    expect(run.line).toBe(7);
    expect(run.endLine).toBe(10);
    expect(run.args).not.toContain('NodeSource installer');
    expect(run.lineOf(run.args.indexOf('curl'))).toBe(9);
    expect(run.lineOf(run.args.indexOf('apt-get install'))).toBe(10);
  });

  test('reads exec form, flags and heredocs', () => {
    const file = parseDockerfile(`FROM alpine:3.19
RUN --mount=type=cache,target=/var/cache/apk --network=none apk add git
CMD ["sh", "-c", "echo hi"]
RUN <<EOF
set -eu
wget -qO- https://get.example.sh | sh
EOF
USER 1000
`);
    const [run1, cmd, run2, user] = file.stages[0]!.instructions;
    expect(run1!.flags).toEqual({ mount: 'type=cache,target=/var/cache/apk', network: 'none' });
    expect(run1!.args).toBe('apk add git');
    expect(cmd!.json).toEqual(['sh', '-c', 'echo hi']);
    expect(run2!.heredocs).toEqual([{ name: 'EOF', body: 'set -eu\nwget -qO- https://get.example.sh | sh' }]);
    const text = commandText(run2!);
    expect(run2!.lineOf(text.indexOf('wget'))).toBe(6);
    expect(user!.line).toBe(8);
    expect(file.problems).toEqual([]);
  });

  test('honours the escape directive (Windows images use a backtick)', () => {
    const file = parseDockerfile('# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN powershell -Command `\n    Write-Host C:\\temp\\\nUSER ContainerUser\n');
    expect(file.escape).toBe('`');
    const run = file.stages[0]!.instructions[0]!;
    expect(run.args).toBe('powershell -Command     Write-Host C:\\temp\\');
    expect(run.endLine).toBe(4);
  });

  test('a later FROM naming an earlier stage is that stage, not an image', () => {
    const file = parseDockerfile('FROM golang:1.22 AS Build\nRUN go build -o /out/app\nFROM build AS test\nRUN go test ./...\n');
    expect(file.stages[0]!.name).toBe('build');
    expect(file.stages[1]!.parentStage).toBe(file.stages[0]);
  });

  test('substitutes global ARG defaults into FROM, and leaves unknown variables unresolved', () => {
    const file = parseDockerfile('ARG BASE=python:latest\nARG TAG\nFROM ${BASE}\nFROM python:${TAG}\nFROM python:${TAG:-3.12}-slim\n');
    expect(file.stages.map((s) => s.image)).toEqual(['python:latest', undefined, 'python:3.12-slim']);
  });

  test('splits image references without mistaking a registry port for a tag', () => {
    expect(parseImageReference('localhost:5000/team/app')).toEqual({ name: 'localhost:5000/team/app' });
    expect(parseImageReference('ghcr.io/org/app:1.2@sha256:abc')).toEqual({ name: 'ghcr.io/org/app', tag: '1.2', digest: 'sha256:abc' });
  });

  test('reports instructions before FROM, unknown instructions and unterminated heredocs', () => {
    const file = parseDockerfile('RUN echo early\nFROM alpine:3\nRUNN echo typo\nRUN <<EOT\necho never closed\n');
    expect(file.problems.map((p) => [p.line, p.reason])).toEqual([
      [3, 'unknown instruction RUNN'],
      [4, 'heredoc <<EOT is not terminated'],
      [1, 'RUN before the first FROM (only ARG may come first)'],
    ]);
  });
});

describe('containers scanner', () => {
  test('finds every mistake in a vulnerable Dockerfile, on the right lines', async () => {
    const { findings, examined } = await scan({ 'services/api/Dockerfile': VULNERABLE });
    expect(examined).toBe(1);
    const got = findings.map((f) => [f.rule.id, f.location.start_line, f.severity]);
    expect(got).toEqual([
      ['secloop.docker.root-user', 2, 'high'],
      ['secloop.docker.unpinned-base-image', 2, 'medium'],
      ['secloop.docker.secret-in-env', 3, 'medium'],
      ['secloop.docker.secret-in-env', 5, 'high'],
      ['secloop.docker.curl-pipe-shell', 9, 'high'],
      ['secloop.docker.add-remote-url', 11, 'medium'],
    ]);
    for (const f of findings) {
      expect(f.kind).toBe('container');
      expect(f.event_type).toBe('misconfiguration.container');
      expect(f.rule.help.length).toBeGreaterThan(40);
    }
  });

  test('never prints a secret value', async () => {
    const { findings } = await scan({ Dockerfile: VULNERABLE });
    const text = JSON.stringify(findings);
    expect(text).not.toContain('s3cr3t');
    expect(text).not.toContain('npm_aBcDeF');
    expect(findings.find((f) => f.location.start_line === 5)!.message).toContain('DB_PASSWORD');
  });

  test('a pinned, non-root, verified Dockerfile is clean', async () => {
    const { findings, examined } = await scan({ 'Dockerfile.prod': SAFE });
    expect(examined).toBe(1);
    expect(findings).toEqual([]);
  });

  test('USER root, inherited users, distroless nonroot and scratch', async () => {
    const { findings } = await scan({
      'a/Dockerfile': 'FROM debian:12-slim\nUSER app\nRUN apt-get update\nUSER root\n',
      'b/Dockerfile': 'FROM debian:12-slim AS base\nUSER 10001\nFROM base\nCMD ["/app"]\n',
      'c/Dockerfile': 'FROM golang:1.22 AS build\nRUN go build -o /app\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /app /app\n',
      'd/Dockerfile': 'FROM golang:1.22 AS build\nRUN go build -o /app\nFROM scratch\nCOPY --from=build /app /app\n',
      'e/Dockerfile': 'FROM alpine:3.19\nARG UID=1000\nUSER $UID\n',
      'f/Dockerfile': 'FROM alpine:3.19\nUSER 0:0\n',
    });
    expect(findings.map((f) => [f.location.path, f.rule.id, f.location.start_line])).toEqual([
      ['a/Dockerfile', 'secloop.docker.root-user', 4],
      ['d/Dockerfile', 'secloop.docker.root-user', 3],
      ['f/Dockerfile', 'secloop.docker.root-user', 2],
    ]);
  });

  test('base images: latest, untagged and ARG-provided are flagged; digests, scratch and stages are not', async () => {
    const { findings } = await scan({
      'Dockerfile': [
        'ARG BASE=python:latest',
        'FROM node AS web',
        'FROM ${BASE} AS tools',
        'FROM web AS test',
        'FROM registry.internal:5000/base/python@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
        'USER 1000',
      ].join('\n'),
    });
    expect(findings.map((f) => [f.rule.id, f.location.start_line, f.severity, f.message.slice(0, 40)])).toEqual([
      ['secloop.docker.unpinned-base-image', 2, 'low', 'Base image node of build stage web has n'],
      ['secloop.docker.unpinned-base-image', 3, 'low', 'Base image ${BASE} (= python:latest) of '],
    ]);
  });

  test('download-and-execute forms, including heredocs, are flagged; verified downloads are not', async () => {
    const { findings } = await scan({
      'Dockerfile': `FROM debian:12
RUN sh -c "$(curl -fsSL https://raw.githubusercontent.com/ohmyzsh/ohmyzsh/master/tools/install.sh)"
RUN bash <(wget -qO- https://get.example.io)
RUN <<EOF
curl -sSL https://install.python-poetry.org | python3 -
EOF
RUN ["/bin/sh", "-c", "curl -fsSL https://get.docker.com | sh"]
RUN curl -fsSLo install.sh https://get.example.io/install.sh && echo "abc123  install.sh" | sha256sum -c - && sh install.sh
USER 1000
`,
    });
    expect(findings.map((f) => [f.rule.id, f.location.start_line])).toEqual([
      ['secloop.docker.curl-pipe-shell', 2],
      ['secloop.docker.curl-pipe-shell', 3],
      ['secloop.docker.curl-pipe-shell', 5],
      ['secloop.docker.curl-pipe-shell', 7],
    ]);
    expect(findings[0]!.message).toContain('https://raw.githubusercontent.com/ohmyzsh/ohmyzsh/master/tools/install.sh');
  });

  test('fingerprints survive line shifts; a different file gives different fingerprints', async () => {
    const before = await scan({ Dockerfile: VULNERABLE });
    const shifted = VULNERABLE.replace('FROM ubuntu', '# base image\n\nFROM ubuntu');
    const after = await scan({ Dockerfile: shifted });
    const elsewhere = await scan({ 'other/Dockerfile': VULNERABLE });
    expect(after.findings.map((f) => f.fingerprint).sort()).toEqual(before.findings.map((f) => f.fingerprint).sort());
    expect(after.findings.map((f) => f.location.start_line)).not.toEqual(before.findings.map((f) => f.location.start_line));
    const fps = new Set(before.findings.map((f) => f.fingerprint));
    expect(elsewhere.findings.some((f) => fps.has(f.fingerprint))).toBe(false);
    expect(fps.size).toBe(before.findings.length);
  });

  test('file names: Dockerfile variants and Containerfile, not .dockerignore or docs', () => {
    for (const yes of ['Dockerfile', 'Containerfile', 'Dockerfile.prod', 'api.Dockerfile', 'dockerfile']) expect(isDockerfileName(yes)).toBe(true);
    for (const no of ['Dockerfile.dockerignore', '.dockerignore', 'Dockerfile.md', 'docker-compose.yml', 'Dockerfiles', 'dockerfile.test.ts', 'dockerfile.go']) {
      expect(isDockerfileName(no)).toBe(false);
    }
  });

  test('bad input ends as a warning naming the file, in bounded time', async () => {
    const started = Date.now();
    const { findings, warnings, errors, examined } = await scan({
      'huge/Dockerfile': 'FROM alpine:3\nRUN echo ' + 'a'.repeat(5 * 1024 * 1024) + '\n',
      'junk/Dockerfile': '\uFFFD\uFFFDELF\uFFFD\u0001\u0002 garbage\nnot a dockerfile at all\n',
      'misnamed/Dockerfile.dev': 'import { x } from "y";\nconst FROM = 1;\nexport default x;\nfunction f() {}\nreturn 2;\n',
      'long/Dockerfile': 'FROM alpine:3.19\nUSER 1000\nRUN echo ' + 'x \\\n'.repeat(200_000) + 'done\n',
    });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(errors).toEqual([]);
    expect(findings).toEqual([]);
    expect(examined).toBe(1);
    expect(warnings.find((w) => w.file === 'huge/Dockerfile')!.reason).toMatch(/exceeds the \d+-character limit/);
    expect(warnings.filter((w) => w.file === 'junk/Dockerfile').map((w) => w.reason)).toContain('Dockerfile: no FROM instruction; not analysed');
    expect(warnings.filter((w) => w.file === 'misnamed/Dockerfile.dev').map((w) => w.reason)).toEqual([
      'not a Dockerfile (5 unknown instructions, the first: import); not analysed',
    ]);
    expect(warnings.every((w) => w.scanner === 'containers')).toBe(true);
  });
});
