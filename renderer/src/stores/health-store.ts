import { create } from 'zustand';
import type { Health } from '../../../shared/api/health';
import { fetchHealth } from '../api/settings-api';

interface HealthStoreState {
  readonly health: Health | null;
  readonly error: unknown;
  readonly loadedAt: number | null;
  load(): Promise<void>;
}

/** The connection health behind the header badge and the Setup status card. */
export const useHealthStore = create<HealthStoreState>((set) => ({
  health: null,
  error: null,
  loadedAt: null,
  async load() {
    try {
      set({ health: await fetchHealth(), error: null, loadedAt: Date.now() });
    } catch (error) {
      set({ error, loadedAt: Date.now() });
    }
  },
}));
