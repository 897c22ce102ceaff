import { useEffect, useRef } from 'react';
import { ConnectionStatus } from './components/ConnectionStatus.js';
import { MainNav } from './components/MainNav.js';
import { ROUTES, useRoute } from './router.js';
import { PlantOverview } from './views/PlantOverview.js';
import { SimulatorControl } from './views/SimulatorControl.js';

/** Shell: header, persistent navigation, and the routed view. */
export function App() {
  const route = useRoute();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);

  // move focus to the new view on navigation so keyboard and screen-reader users land on it
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
    document.title = `${ROUTES.find((r) => r.id === route)?.label ?? ''} — Linesight`;
  }, [route]);

  return (
    <div className="app">
      <header className="app-head">
        <p className="brand">Linesight</p>
        <MainNav current={route} />
        <ConnectionStatus />
      </header>
      <main ref={main} tabIndex={-1}>
        {route === 'overview' ? <PlantOverview /> : <SimulatorControl />}
      </main>
    </div>
  );
}
