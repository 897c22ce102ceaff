import { useEffect, useRef } from 'react';
import { ConnectionStatus } from './components/ConnectionStatus.js';
import { MainNav } from './components/MainNav.js';
import { routeKey, routeLabel, useRoute } from './router.js';
import { LineDetail } from './views/LineDetail.js';
import { PlantOverview } from './views/PlantOverview.js';
import { SimulatorControl } from './views/SimulatorControl.js';

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
        {route.id === 'line' ? (
          <LineDetail key={key} plant={route.plant} line={route.line} />
        ) : route.id === 'simulator' ? (
          <SimulatorControl />
        ) : (
          <PlantOverview />
        )}
      </main>
    </div>
  );
}
