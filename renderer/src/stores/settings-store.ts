import { create } from 'zustand';
import type { SettingsPatch, SettingsView } from '../../../shared/api/settings';
import { fetchSettings, saveSettings } from '../api/settings-api';
import type { AsyncState } from '../lib/use-async';

interface SettingsStoreState {
  readonly settings: AsyncState<SettingsView>;
  /** Loads (or reloads) the settings; errors land in `settings`. */
  load(): Promise<void>;
  /** Saves a patch; resolves to the server's view, rejects with an ApiError the caller shows. */
  save(patch: SettingsPatch): Promise<SettingsView>;
}

/** The admin settings, shared by Setup, Roles and the health badge. */
export const useSettingsStore = create<SettingsStoreState>((set, get) => ({
  settings: { status: 'loading' },
  async load() {
    if (get().settings.status !== 'ready') set({ settings: { status: 'loading' } });
    try {
      set({ settings: { status: 'ready', data: await fetchSettings() } });
    } catch (error) {
      set({ settings: { status: 'error', error } });
    }
  },
  async save(patch) {
    const view = await saveSettings(patch);
    set({ settings: { status: 'ready', data: view } });
    return view;
  },
}));
