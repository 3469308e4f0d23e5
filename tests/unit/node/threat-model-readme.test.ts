import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { MAX_BODY_BYTES } from '../../../main/http/scim/discovery-routes.js';
import { MAX_MULTI_VALUES, MAX_STRING } from '../../../main/core/scim/resources/user-doc.js';
import { MAX_FILTER_LENGTH } from '../../../main/core/scim/filter/lexer.js';
import { MAX_FILTER_DEPTH } from '../../../main/core/scim/filter/parser.js';
import { AUTH_THROTTLE_DEFAULTS } from '../../../main/http/middleware/scim-auth.js';
import { REFUSED_TRAFFIC_DEFAULTS } from '../../../main/core/provisioning/refused-traffic.js';
import { MAX_LOG_PATH_CHARS } from '../../../main/core/store/provisioning-log-repo.js';
import { DEFAULT_SETTINGS } from '../../../shared/api/settings.js';
import { CORE_OPTIONS } from '../../../shared/core-options.js';
import { LogQuerySchema } from '../../../shared/api/routes.js';

/**
 * Issue #15, item 9: README's threat model names who can reach what, and its limits are the ones the
 * code enforces (a limit changed in code without the README fails here).
 */
const README = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
const section = README.slice(README.indexOf('## Threat model'), README.indexOf('\n## ', README.indexOf('## Threat model') + 1));
const rows = section.split('\n').filter((l) => l.startsWith('| **'));
const n = (v: number): string => v.toLocaleString('en-US');
const minutes = (ms: number): string => `${ms / 60_000} min`;

describe("README's threat model", () => {
  it('has one row per actor, each saying what they reach, what stops them and the limits', () => {
    expect(section.startsWith('## Threat model')).toBe(true);
    expect(section).toContain('| who | can reach | what stops them | limits that apply |');
    expect(rows.map((r) => /^\| \*\*([^*]+)\*\*/.exec(r)?.[1])).toEqual(['Internet client without the key', 'IdP with the key', 'Local user', 'Admin']);
    for (const r of rows) expect(r.split(' | ').length, r.slice(0, 40)).toBe(4);
  });

  it('quotes the limits the code enforces', () => {
    const [stranger, idp, , admin] = rows;
    const connections = CORE_OPTIONS.scimMaxConnectionsPerAddress.schema.parse(undefined);
    expect(stranger).toContain(`${AUTH_THROTTLE_DEFAULTS.maxFailures} failures per ${minutes(AUTH_THROTTLE_DEFAULTS.windowMs)} per address`);
    expect(stranger).toContain(`one log row per address and reason per ${minutes(REFUSED_TRAFFIC_DEFAULTS.windowMs)}`);
    expect(stranger).toContain(`at most ${REFUSED_TRAFFIC_DEFAULTS.maxRowsPerWindow} such rows per window`);
    expect(stranger).toContain(`at most ${REFUSED_TRAFFIC_DEFAULTS.maxLinesPerWindow} stderr lines`);
    expect(stranger).toContain(`paths cut to ${MAX_LOG_PATH_CHARS} characters`);
    expect(stranger).toContain(`${connections} connections per address`);
    expect(idp).toContain(`Bodies ${MAX_BODY_BYTES / 1024 / 1024} MiB, strings ${MAX_STRING / 1024} KiB, ${MAX_MULTI_VALUES} values`);
    expect(idp).toContain(`filters ${n(MAX_FILTER_LENGTH)} characters and ${MAX_FILTER_DEPTH} levels`);
    expect(idp).toContain(`kept ${DEFAULT_SETTINGS.logRetentionDays} days and at most ${n(DEFAULT_SETTINGS.logMaxRows)} rows`);
    expect(admin).toContain(`Log pages hold at most ${LogQuerySchema.shape.limit.unwrap().maxValue} rows`);
  });
});
