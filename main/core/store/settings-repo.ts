import { DEFAULT_SETTINGS, SettingsSchema } from '../../../shared/api/settings.js';
import type { Settings, SettingsPatch } from '../../../shared/api/settings.js';
import type { Db } from './db.js';

/** Settings live as one JSON row per key; reads are cached because the SCIM hot path consults them. */
export interface SettingsRepo {
  get(): Settings;
  update(patch: SettingsPatch): Settings;
}

export function createSettingsRepo(db: Db): SettingsRepo {
  const select = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings');
  const upsert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  let cache: Settings | undefined;

  function load(): Settings {
    const stored: Record<string, unknown> = {};
    for (const row of select.all()) stored[row.key] = JSON.parse(row.value) as unknown;
    // Unknown or invalid stored keys fall back to defaults rather than breaking start-up.
    const parsed = SettingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...stored });
    return parsed.success ? parsed.data : DEFAULT_SETTINGS;
  }

  return {
    get: () => (cache ??= load()),
    update(patch) {
      const next = SettingsSchema.parse({ ...(cache ?? load()), ...patch });
      db.transaction(() => {
        for (const [k, v] of Object.entries(patch)) if (v !== undefined) upsert.run(k, JSON.stringify(v));
      })();
      cache = next;
      return next;
    },
  };
}
