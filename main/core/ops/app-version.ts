import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * This install's version, from the nearest package.json above this module: `dist/main/core/ops`
 * in a build, `main/core/ops` under tsx or vitest. Read once at start-up; `/ping` and the
 * `scimdesk_info` metric report it.
 */
export function appVersion(from: string = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from, i = 0; i < 6; i++, dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
    if (pkg.name === 'scim-desk' && typeof pkg.version === 'string') return pkg.version;
  }
  return 'unknown';
}
