import { DEFAULT_SETTINGS, SettingsSchema } from '../../../shared/api/settings.js';
import type { Settings, SettingsPatch } from '../../../shared/api/settings.js';
import { parseAnyJson } from './json-columns.js';
import type { Db } from './db.js';
import type { UnitOfWork } from './unit-of-work.js';

/** Settings live as one JSON row per key; reads are cached because the SCIM hot path consults them. */
export interface SettingsRepo {
  get(): Settings;
  update(patch: SettingsPatch): Settings;
}

export function createSettingsRepo(db: Db, uow: UnitOfWork): SettingsRepo {
  const select = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings');
  const upsert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  let cache: Settings | undefined;

  function load(): Settings {
    const stored: Record<string, unknown> = {};
    uow.beforeRead();
    for (const row of select.all()) stored[row.key] = parseAnyJson(row.value, `settings.${row.key}`);
    // Unknown or invalid stored keys fall back to defaults rather than breaking start-up.
    const parsed = SettingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...stored });
    return parsed.success ? parsed.data : DEFAULT_SETTINGS;
  }

  return {
    get: () => (cache ??= load()),
    update(patch) {
      const next = SettingsSchema.parse({ ...(cache ?? load()), ...patch });
      uow.write(() => {
        for (const [k, v] of Object.entries(patch)) if (v !== undefined) upsert.run(k, JSON.stringify(v));
      });
      cache = next;
      return next;
    },
  };
}
