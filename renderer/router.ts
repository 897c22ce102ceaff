import { useSyncExternalStore } from 'react';

/** The views, addressed by `#/<route>`. */
export const ROUTES = [
  { id: 'overview', label: 'Plant overview' },
  { id: 'simulator', label: 'Simulator control' },
] as const;
export type RouteId = (typeof ROUTES)[number]['id'];

const isRoute = (v: string): v is RouteId => ROUTES.some((r) => r.id === v);

function currentRoute(): RouteId {
  const id = window.location.hash.replace(/^#\/?/, '');
  return isRoute(id) ? id : 'overview';
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The route in the location hash; defaults to the overview. */
export const useRoute = (): RouteId => useSyncExternalStore(subscribe, currentRoute);
export const routeHref = (id: RouteId): string => `#/${id}`;
