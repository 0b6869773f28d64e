/**
 * The commit a git dependency's resolution pins, as npm-family lockfiles spell it
 * (`git+ssh://…#<sha>`, `https://….git#<sha>`, `github:owner/repo#<sha>`, codeload tarballs, `#commit=<sha>`).
 * Returns "" when the text names no commit.
 */
const COMMIT_PATTERNS: readonly RegExp[] = [
  // git://, ssh://, git+ssh://, git+https:// URLs (optionally after a `name@` prefix), ending in #<ref>
  /(?:^|.+@)(?:git(?:\+(?:ssh|https))?|ssh):\/\/.+#(\w+)$/,
  // plain https git URL with a .git suffix and a #<ref>
  /(?:^|.+@)https:\/\/.+\.git#(\w+)$/,
  // GitHub's tarball endpoint: the last path segment is the commit
  /https:\/\/codeload\.github\.com(?:\/[\w.-]+){2}\/tar\.gz\/(\w+)$/,
  // yarn berry: `…#commit=<sha>`
  /.+#commit[:=](\w+)$/,
  // hosted shorthands
  /^(?:github|gitlab|bitbucket):.+#(\w+)$/,
];

const GIT_HOSTS = new Set(['bitbucket.org', 'github.com', 'gitlab.com']);

export function tryExtractCommit(resolution: string): string {
  // Registry tarball URLs (almost every entry) carry no ref at all: skip the backtracking patterns.
  if (!resolution || (!resolution.includes('#') && !resolution.includes('?') && !resolution.includes('codeload.github.com'))) {
    return '';
  }
  for (const pattern of COMMIT_PATTERNS) {
    const match = pattern.exec(resolution);
    if (match) return match[1]!;
  }
  // A URL on a known git host carries the ref in its fragment, or in `?ref=` when it has a query.
  let url: URL;
  try {
    url = new URL(resolution);
  } catch {
    return '';
  }
  if (!GIT_HOSTS.has(url.host)) return '';
  if (url.search === '') return decodeURIComponent(url.hash.slice(1));
  return url.searchParams.get('ref') ?? '';
}
