import { ROUTES, routeHref, type RouteId } from '../router.js';

/** The persistent navigation: plain links (keyboard and screen-reader usable), current page marked. */
export function MainNav({ current }: { readonly current: RouteId }) {
  return (
    <nav aria-label="Main" className="main-nav">
      <ul>
        {ROUTES.map((r) => (
          <li key={r.id}>
            <a href={routeHref(r.id)} aria-current={r.id === current ? 'page' : undefined}>
              {r.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
