import { Suspense, useEffect, useRef } from 'react';
import { AlertsBell } from './components/alerts/AlertsBell.js';
import { ConnectionStatus } from './components/ConnectionStatus.js';
import { EngineBanner } from './components/EngineBanner.js';
import { MainNav } from './components/MainNav.js';
import { useAfterFirstFrame } from './use-in-view.js';
import { ProfileControl } from './components/profile/ProfileControl.js';
import { PreferencesControl } from './components/preferences/PreferencesControl.js';
import { routeKey, routeLabel, useRoute } from './router.js';
// every view but the first screen is loaded on first visit (lazy-views.ts)
import { Connections, EventBrowser, Exceptions, Injector, Lineage, LineDetail, Sessions, SimulatorControl, SyncGapsView, Topics, Training } from './lazy-views.js';
import { PlantOverview } from './views/PlantOverview.js';
import type { Route } from './router.js';

function View({ route, routeKey }: { readonly route: Route; readonly routeKey: string }) {
  switch (route.id) {
    case 'line':
      return <LineDetail key={routeKey} plant={route.plant} line={route.line} />;
    case 'lineage':
      return <Lineage key={routeKey} arg={route.arg} />;
    case 'gaps':
      return <SyncGapsView />;
    case 'exceptions':
      return <Exceptions />;
    case 'simulator':
      return <SimulatorControl />;
    case 'connections':
      return <Connections />;
    case 'topics':
      return <Topics />;
    case 'inject':
      return <Injector key={routeKey} arg={route.arg} />;
    case 'events':
      return <EventBrowser />;
    case 'sessions':
      return <Sessions />;
    case 'training':
      return <Training page={route.arg === 'runs' ? 'runs' : 'exercise'} />;
    default:
      return <PlantOverview />;
  }
}

/** Shell: header (navigation, the console's role, the connection, the desktop engine's state), and the routed view. */
export function App() {
  const route = useRoute();
  const key = routeKey(route);
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);

  const title = routeLabel(route);
  // the header is laid out and painted in the console's first frame, the view in the next: the first
  // layout of a fresh page (its fonts, every word shaped) cost ~45 ms for both at once (bench:ui)
  const viewReady = useAfterFirstFrame();

  // move focus to the new view on navigation so keyboard and screen-reader users land on it
  useEffect(() => {
    document.title = `${title} — Linesight`;
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [key, title]);

  return (
    <div className="app">
      <header className="app-head">
        <p className="brand">Linesight</p>
        <MainNav current={route} />
        <ProfileControl />
        <ConnectionStatus />
        <AlertsBell />
        <PreferencesControl />
        <EngineBanner />
      </header>
      <main ref={main} tabIndex={-1}>
        <Suspense fallback={<p className="muted view-loading">Loading {title}…</p>}>
          {viewReady ? <View route={route} routeKey={key} /> : <p className="muted view-loading">Loading {title}…</p>}
        </Suspense>
      </main>
    </div>
  );
}
