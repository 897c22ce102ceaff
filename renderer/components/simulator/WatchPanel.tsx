import type { ReactNode } from 'react';
import { routeHref } from '../../router.js';
import { selectWatching } from '../../store/selectors.js';
import { useStore } from '../../store/store.js';
import { ConnectionTable } from '../connections/ConnectionTable.js';
import './watch-panel.css';

/**
 * The brokers a watch session listens to: how each connection stands and where messages may be
 * missing. Shown atop Simulator control and the Connections view (which also sets connections up).
 */
export function WatchPanel({ manage = true }: { readonly manage?: boolean }) {
  const watching = useStore(selectWatching);
  return (
    <section aria-labelledby="watch-title" className="panel watch-panel">
      <h2 id="watch-title">Watching live brokers</h2>
      <p className="muted">
        The session journals and monitors what the plant’s middleware publishes; nothing here is simulated.
        {manage && (
          <>
            {' '}
            Set up connections, publishing and mappings under <a href={routeHref('connections')}>Connections</a>.
          </>
        )}
      </p>
      <ConnectionTable connections={watching} />
    </section>
  );
}

/** The one line atop a workbench that says why its actions are off while the session watches a live broker. */
export function WatchingNote({ children }: { readonly children: ReactNode }) {
  return (
    <p className="watching-note" role="note">
      {children}
    </p>
  );
}
