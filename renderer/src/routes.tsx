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

function currentRoute(): RouteId {
  const id = window.location.hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return ROUTES.find((r) => r.id === id)?.id ?? 'setup';
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The view the address bar names (hash routing: works on any origin and in the desktop window). */
export function useRoute(): RouteId {
  return useSyncExternalStore(subscribe, currentRoute);
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
