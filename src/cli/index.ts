/**
 * Runs the CLI against the real process; the bundled entry (bin/secloop.js) calls this. The CLI is imported here,
 * not at the top: a secrets worker thread starts from this same file (serveSecretsWorker) and should not compile
 * and run the whole CLI (0.75 MB) to reach the scanner it needs.
 */
export async function run(): Promise<number> {
  const { main } = await import('./main.js');
  return main(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    env: process.env,
  });
}

/** What a worker thread of the secrets scanner runs (it starts from this bundle's entry; see secrets/pool.ts). */
export async function serveSecretsWorker(): Promise<void> {
  (await import('../../actions/scan/src/secrets/worker.js')).serveSecretsWorker();
}
