/**
 * Which command-line flags the desktop app passes on to the core. Electron's own argv carries
 * Chromium switches and our `--hidden`, so only the core's flags are forwarded (an allowlist).
 * Electron-free on purpose (unit-testable).
 */

/** Flags of `serve` (main/core/config.ts) that a desktop user may set on the app's command line. */
const CORE_FLAGS: ReadonlySet<string> = new Set([
  '--data-dir',
  '--scim-host',
  '--scim-port',
  '--admin-host',
  '--admin-port',
  '--connector-key',
  '--admin-token',
  '--renderer-dir',
  '--trust-proxy',
  '--log-level',
]);

/**
 * Build the core's argv from the desktop app's argv: known `--flag value` / `--flag=value` pairs
 * are kept, everything else is dropped, and `--data-dir` defaults to Electron's userData folder.
 */
export function buildCoreArgs(appArgv: ReadonlyArray<string>, userDataDir: string): ReadonlyArray<string> {
  const out: string[] = [];
  for (let i = 0; i < appArgv.length; i++) {
    const arg = appArgv[i] ?? '';
    const eq = arg.indexOf('=');
    const flag = eq === -1 ? arg : arg.slice(0, eq);
    if (!CORE_FLAGS.has(flag)) continue;
    if (eq !== -1) {
      out.push(flag, arg.slice(eq + 1));
      continue;
    }
    const value = appArgv[i + 1];
    if (value === undefined || value.startsWith('--')) continue; // a flag without its value: let the defaults stand
    out.push(flag, value);
    i += 1;
  }
  return out.includes('--data-dir') ? out : ['--data-dir', userDataDir, ...out];
}
