/**
 * Which command-line flags the desktop app passes on to the core. Electron's own argv carries
 * Chromium switches and our `--hidden`, so only the core's flags are forwarded: every flag of the
 * option table (shared/core-options.ts), the same table `serve` parses, so no option can be dropped
 * in desktop mode again (issue #14: `--tls-cert`/`--tls-key` were). The `SCIMDESK_*` twins reach the
 * core through the inherited environment (core-process.ts).
 * Electron-free on purpose (unit-testable).
 */
import { parseArgs } from 'node:util';
import { CORE_OPTIONS, coreParseArgsOptions } from '../../shared/core-options.js';

const PARSE_OPTIONS = coreParseArgsOptions();
const CORE_FLAG_NAMES: ReadonlySet<string> = new Set(Object.keys(PARSE_OPTIONS));

/** The core's `--flag value` pairs in argv, ignoring everything else (not strict: Chromium's switches are unknown here). */
function coreFlagPairs(argv: ReadonlyArray<string>): string[] {
  const { tokens } = parseArgs({ args: [...argv], options: PARSE_OPTIONS, strict: false, allowPositionals: true, tokens: true });
  const out: string[] = [];
  for (const token of tokens) {
    if (token.kind !== 'option' || !CORE_FLAG_NAMES.has(token.name)) continue;
    if (PARSE_OPTIONS[token.name]?.type === 'boolean') {
      out.push(`--${token.name}`); // a switch: the flag alone
      continue;
    }
    if (token.value === undefined) continue;
    if (!token.inlineValue && token.value.startsWith('-')) {
      // `--scim-port --hidden`: the flag has no value and parseArgs took the next switch as one.
      // Drop this flag (the default stands) and read on from that switch.
      return [...out, ...coreFlagPairs(argv.slice(token.index + 1))];
    }
    out.push(`--${token.name}`, token.value);
  }
  return out;
}

/**
 * Build the core's argv from the desktop app's argv: the core's `--flag value` / `--flag=value`
 * pairs are kept, everything else is dropped. Without `--data-dir` the core gets its environment
 * twin's folder, else Electron's userData folder (the same one `serve` defaults to); it is always
 * passed explicitly because main.ts reads it back from the result.
 */
export function buildCoreArgs(appArgv: ReadonlyArray<string>, userDataDir: string, env: NodeJS.ProcessEnv = process.env): ReadonlyArray<string> {
  const { flag, env: twin } = CORE_OPTIONS.dataDir;
  const out = coreFlagPairs(appArgv);
  return out.includes(flag) ? out : [flag, env[twin] || userDataDir, ...out];
}
