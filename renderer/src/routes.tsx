import { useSyncExternalStore, type ReactNode } from 'react';

/** The app's views, in navbar order. The hash (`#/members`) selects one. */
export const ROUTES = [
  { id: 'setup', label: 'Setup', description: 'SCIM connection, connector key, IdP guides' },
  { id: 'mapping', label: 'Attribute mapping', description: 'SCIM attribute → member field' },
  { id: 'roles', label: 'Roles', description: 'Custom roles, roles from groups, role import' },
  { id: 'groups', label: 'Groups', description: 'IdP groups, their members and roles' },
  { id: 'log', label: 'Provisioning log', description: 'Live SCIM requests' },
  { id: 'members', label: 'Members', description: 'People provisioned by the IdP' },
  { id: 'assets', label: 'Assets', description: 'Register, checkout, check-in' },
  { id: 'review', label: 'Sync review', description: 'What changed since the last Refresh' },
] as const;

export type RouteId = (typeof ROUTES)[number]['id'];

function routeOfHash(hash: string): RouteId {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return ROUTES.find((r) => r.id === id)?.id ?? 'setup';
}

function currentRoute(): RouteId {
  return routeOfHash(window.location.hash);
}

/** Asked before the view changes; false keeps the current one (unsaved changes, see leave-guard.tsx). */
export type NavigationGuard = (to: RouteId) => boolean;
let guard: NavigationGuard | null = null;
let shownHash = window.location.hash;
const listeners = new Set<() => void>();

/** Set (or clear, with null) the guard the next view change must pass. */
export function setNavigationGuard(next: NavigationGuard | null): void {
  guard = next;
  shownHash = window.location.hash;
}

/** While a guard is set, views render the accepted address: the hash may change before its event runs. */
const shownRoute = (): RouteId => (guard ? routeOfHash(shownHash) : currentRoute());

// One listener for the app: a refused change puts the address back before any view hears of it.
window.addEventListener('hashchange', () => {
  const to = currentRoute();
  if (guard && to !== routeOfHash(shownHash) && !guard(to)) {
    window.history.replaceState(null, '', shownHash || '#/');
    return;
  }
  shownHash = window.location.hash;
  for (const fn of listeners) fn();
});

function subscribe(onChange: () => void): () => void {
  listeners.add(onChange);
  return () => listeners.delete(onChange);
}

/** The view the address bar names (hash routing: works on any origin and in the desktop window). */
export function useRoute(): RouteId {
  return useSyncExternalStore(subscribe, shownRoute);
}

export function routeHref(id: RouteId): string {
  return `#/${id}`;
}

export function navigate(id: RouteId): void {
  window.location.hash = `/${id}`;
}

/** Renders the element for the current route. */
export function RouteSwitch({ views }: { readonly views: Readonly<Record<RouteId, () => ReactNode>> }): ReactNode {
  const route = useRoute();
  return views[route]();
}
