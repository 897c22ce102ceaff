import { useEffect, useRef } from 'react';
import { ConnectionStatus } from './components/ConnectionStatus.js';
import { MainNav } from './components/MainNav.js';
import { routeKey, routeLabel, useRoute } from './router.js';
import { Connections } from './views/Connections.js';
import { EventBrowser } from './views/EventBrowser.js';
import { Exceptions } from './views/Exceptions.js';
import { Injector } from './views/Injector.js';
import { Lineage } from './views/Lineage.js';
import { LineDetail } from './views/LineDetail.js';
import { PlantOverview } from './views/PlantOverview.js';
import { Sessions } from './views/Sessions.js';
import { SimulatorControl } from './views/SimulatorControl.js';
import { SyncGapsView } from './views/SyncGapsView.js';
import { Training } from './views/Training.js';
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

/** Shell: header, persistent navigation, and the routed view. */
export function App() {
  const route = useRoute();
  const key = routeKey(route);
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);

  const title = routeLabel(route);

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
        <ConnectionStatus />
      </header>
      <main ref={main} tabIndex={-1}>
        <View route={route} routeKey={key} />
      </main>
    </div>
  );
}
