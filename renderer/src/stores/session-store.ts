import { create } from 'zustand';

const STORAGE_KEY = 'scimdesk.adminToken';

/** Why there is no usable admin session. */
export type SessionProblem = 'missing' | 'rejected';

interface SessionState {
  readonly token: string | null;
  readonly problem: SessionProblem | null;
  /** Stores a token (from the URL fragment or the desktop bridge) for this tab. */
  setToken(token: string): void;
  /** The API answered 401: forget the token and show the sign-in help. */
  reject(): void;
}

function readStoredToken(): string | null {
  try {
    return sessionStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage can be disabled by policy; the token then lives only in memory for this page.
    return null;
  }
}

/**
 * The admin session. The token arrives once in the URL fragment (`#token=…`), is kept in
 * sessionStorage (per tab, gone when the tab closes) and removed from the address bar.
 */
export const useSessionStore = create<SessionState>((set) => ({
  token: readStoredToken(),
  problem: readStoredToken() ? null : 'missing',
  setToken(token) {
    try {
      sessionStorage.setItem(STORAGE_KEY, token);
    } catch {
      // See readStoredToken: memory-only is acceptable.
    }
    set({ token, problem: null });
  },
  reject() {
    try {
      sessionStorage.removeItem(STORAGE_KEY);
    } catch {
      // Nothing stored, nothing to remove.
    }
    set({ token: null, problem: 'rejected' });
  },
}));

/**
 * Takes `#token=…` out of the address bar (so it is not bookmarked, shared or kept in history) and
 * stores it. Returns true when a token was found.
 */
export function captureTokenFromLocation(): boolean {
  const hash = window.location.hash.replace(/^#/, '');
  const params = new URLSearchParams(hash);
  const token = params.get('token');
  if (!token) return false;
  useSessionStore.getState().setToken(token);
  const url = `${window.location.pathname}${window.location.search}#/setup`;
  window.history.replaceState(null, '', url);
  return true;
}
