import { lineHref, ROUTES, routeHref, routeLabel, type Route } from '../router.js';

/**
 * The persistent navigation: plain links (keyboard and screen-reader usable), current page marked.
 * A line's detail appears only while it is open, as the current page.
 */
export function MainNav({ current }: { readonly current: Route }) {
  return (
    <nav aria-label="Main" className="main-nav">
      <ul>
        {ROUTES.map((r) => (
          <li key={r.id}>
            <a href={routeHref(r.id)} aria-current={r.id === current.id ? 'page' : undefined}>
              {r.label}
            </a>
          </li>
        ))}
        {current.id === 'line' && (
          <li>
            <a href={lineHref(current.plant, current.line)} aria-current="page">
              {routeLabel(current)}
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}
