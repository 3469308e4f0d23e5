import { create } from 'zustand';
import type { RotateKeyResponse } from '../../../shared/api/settings';

interface ConnectorKeyState {
  /** A key just generated: shown once, in a modal, until the admin says it is saved. */
  readonly fresh: RotateKeyResponse | null;
  show(result: RotateKeyResponse): void;
  saved(): void;
}

/** The one-time connector key between the action that made it (Setup's key card or SCIM switch) and the modal showing it. */
export const useConnectorKeyStore = create<ConnectorKeyState>((set) => ({
  fresh: null,
  show: (fresh) => set({ fresh }),
  saved: () => set({ fresh: null }),
}));
