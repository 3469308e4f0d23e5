/**
 * `serve`'s command line: `node:util` `parseArgs` driven by the option table
 * (shared/core-options.ts), with the `SCIMDESK_*` twins as fallbacks, validated by the config schema.
 * Errors name the flag (or the environment variable) and never echo the value: two options are secrets.
 */
import { parseArgs } from 'node:util';
import { AppConfigSchema, defaultDataDir, type AppConfig } from '../core/config.js';
import { CORE_OPTIONS, coreOptionEntries, coreParseArgsOptions, type CoreOptionKey } from '../../shared/core-options.js';

/** A bad command line or environment: the message is for the user, no stack needed. */
export class OptionError extends Error {
  override readonly name = 'OptionError';
}

const KEY_BY_NAME: ReadonlyMap<string, CoreOptionKey> = new Map(coreOptionEntries().map(([key, o]) => [o.flag.slice(2), key]));

/** True when argv asks for usage (`--help` / `-h`) instead of a start. */
export const wantsHelp = (argv: ReadonlyArray<string>): boolean => argv.includes('--help') || argv.includes('-h');

function readFlags(argv: ReadonlyArray<string>): Map<CoreOptionKey, string> {
  let tokens;
  try {
    ({ tokens } = parseArgs({ args: [...argv], options: coreParseArgsOptions(), strict: true, allowPositionals: false, tokens: true }));
  } catch (err) {
    // parseArgs' own message names the flag; add what is known so the user need not look it up.
    const known = coreOptionEntries().map(([, o]) => o.flag).join(', ');
    const reason = err instanceof Error ? err.message : String(err);
    throw new OptionError(`${reason}\nKnown options: ${known} (see serve --help).`);
  }
  const values = new Map<CoreOptionKey, string>();
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const key = KEY_BY_NAME.get(token.name);
    if (key === undefined) continue; // unreachable under strict: parseArgs refused it above
    if (CORE_OPTIONS[key].isSwitch === true) {
      values.set(key, 'true'); // parseArgs refused a value for it above
      continue;
    }
    if (token.value === undefined) continue;
    if (token.value === '') throw new OptionError(`Option ${token.rawName} needs a value.`);
    values.set(key, token.value); // the last one wins, as with most CLIs
  }
  return values;
}

/**
 * Parse `serve`'s flags (`--flag value` or `--flag=value`); an option missing from argv is read
 * from its `SCIMDESK_*` variable (empty counts as unset), then the table's default applies.
 * Throws {@link OptionError} naming the flag for an unknown flag, a missing value or a bad value.
 */
export function parseConfig(argv: ReadonlyArray<string>, env: NodeJS.ProcessEnv = process.env, dataDirDefault: string = defaultDataDir()): AppConfig {
  const raw: Partial<Record<CoreOptionKey, string>> = { dataDir: dataDirDefault };
  const source = new Map<CoreOptionKey, string>();
  for (const [key, o] of coreOptionEntries()) {
    const value = env[o.env];
    if (value === undefined || value === '') continue;
    raw[key] = value;
    source.set(key, `${o.env} (the twin of ${o.flag})`);
  }
  for (const [key, value] of readFlags(argv)) {
    raw[key] = value;
    source.set(key, CORE_OPTIONS[key].flag);
  }
  const parsed = AppConfigSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const key = issue.path[0] as CoreOptionKey | undefined;
    const where = key === undefined ? 'configuration' : (source.get(key) ?? CORE_OPTIONS[key].flag);
    return `${where}: ${issue.message}`;
  });
  throw new OptionError(`Invalid ${problems.join('; ')}`);
}
