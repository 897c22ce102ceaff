import { startTransition, useEffect, useMemo, useState } from 'react';

/** The top-level views in the persistent navigation, addressed by `#/<route>`. */
export const ROUTES = [
  { id: 'overview', label: 'Plant overview' },
  { id: 'lineage', label: 'Lineage' },
  { id: 'gaps', label: 'Sync gaps' },
  { id: 'exceptions', label: 'Exceptions' },
  { id: 'simulator', label: 'Simulator control' },
  { id: 'connections', label: 'Connections' },
  { id: 'topics', label: 'Topics' },
  { id: 'inject', label: 'Event injector' },
  { id: 'events', label: 'Event browser' },
  { id: 'sessions', label: 'Sessions' },
  { id: 'training', label: 'Training' },
] as const;
export type RouteId = (typeof ROUTES)[number]['id'];

/**
 * A parsed location: a top-level view, one line's detail (`#/line/<plant>/<line>`), or a view with
 * an argument: `#/lineage/<search term>` (an order, lot, business key or event id),
 * `#/inject/<event id>` (the injector starting from a journaled event) and `#/training/runs` (the
 * instructor's view of every trainee run).
 */
export type Route =
  | { readonly id: RouteId; readonly arg?: string }
  | { readonly id: 'line'; readonly plant: string; readonly line: string };

const isRoute = (v: string): v is RouteId => ROUTES.some((r) => r.id === v);

function decode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#\/?/, '');
  const parts = path.split('/');
  if (parts[0] === 'line' && parts.length === 3) {
    const plant = decode(parts[1] ?? '');
    const line = decode(parts[2] ?? '');
    if (plant && line) return { id: 'line', plant, line };
  }
  if ((parts[0] === 'lineage' || parts[0] === 'inject' || parts[0] === 'training') && parts.length === 2) {
    const arg = decode(parts[1] ?? '');
    if (arg) return { id: parts[0], arg };
  }
  return isRoute(path) ? { id: path } : { id: 'overview' };
}

/** A stable key per route (effects depend on it). */
export const routeKey = (r: Route): string =>
  r.id === 'line' ? lineHref(r.plant, r.line) : r.arg !== undefined ? argHref(r.id, r.arg) : routeHref(r.id);

/** The title of a route's view. */
export const routeLabel = (r: Route): string =>
  r.id === 'line' ? `Line ${r.plant}/${r.line}` : (ROUTES.find((x) => x.id === r.id)?.label ?? '');

const currentHash = (): string => window.location.hash;

/**
 * The route in the location hash; defaults to the overview. A change of route is a transition:
 * React renders the next view in slices, keeping the current one on screen until the next is ready
 * (a view's chunk loads on its first visit), instead of tearing the current view down and building
 * the next in the hashchange's one task. In Chromium traces, switching from the overview to the
 * lineage took a task of 14–53 ms (median 28) that way, and of 12–44 ms (median 13.5) as a
 * transition; bench:ui had seen it over 50 ms in two of six runs.
 */
export function useRoute(): Route {
  const [hash, setHash] = useState(currentHash);
  useEffect(() => {
    const onChange = () => startTransition(() => setHash(currentHash()));
    window.addEventListener('hashchange', onChange);
    // a change between the first render and this effect
    onChange();
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return useMemo(() => parseRoute(hash), [hash]);
}
export const routeHref = (id: RouteId): string => `#/${id}`;
export const lineHref = (plant: string, line: string): string =>
  `#/line/${encodeURIComponent(plant)}/${encodeURIComponent(line)}`;
/** `#/lineage/<term>` or `#/inject/<event id>`. */
export const argHref = (id: RouteId, arg: string): string => `#/${id}/${encodeURIComponent(arg)}`;
export const lineageHref = (term: string): string => argHref('lineage', term);
export const injectHref = (eventId: string): string => argHref('inject', eventId);
/** The Training view's two pages: the trainee's exercise, and the instructor's list of runs. */
export const TRAINING_RUNS = 'runs';
export const trainingHref = (page: 'exercise' | 'runs'): string => (page === 'runs' ? argHref('training', TRAINING_RUNS) : routeHref('training'));
