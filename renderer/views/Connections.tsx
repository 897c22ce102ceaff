import { useShallow } from 'zustand/react/shallow';
import { selectJournalDetail } from '../components/ConnectionStatus.js';
import { EmbeddedBroker } from '../components/connections/EmbeddedBroker.js';
import { MappingsEditor } from '../components/connections/MappingsEditor.js';
import { WatchForm } from '../components/connections/WatchForm.js';
import { WatchPanel } from '../components/simulator/WatchPanel.js';
import type { Store } from '../store/store.js';
import { selectIsWatching, selectWatching } from '../store/selectors.js';
import { useStore } from '../store/store.js';
import '../components/connections/connections.css';

/** `name → mappings file` of the watched connections that have one, as a flat list for `useShallow`. */
const selectMappings = (s: Store): string[] => selectWatching(s).flatMap((c) => (c.mappings ? [c.name, c.mappings] : []));

/**
 * Connected mode: watch the plant's brokers (or the embedded one a gateway connects to), see how
 * each connection stands, and edit the mappings of those that translate foreign traffic.
 */
export function Connections() {
  const watching = useStore(selectIsWatching);
  const flat = useStore(useShallow(selectMappings));
  const journal = useStore(selectJournalDetail);
  const mappings: { name: string; file: string }[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) mappings.push({ name: flat[i]!, file: flat[i + 1]! });
  return (
    <div className="view connections-view">
      <h1>Connections</h1>
      {journal && (
        // the header's status line announces it; this says it where the connections are
        <p className="watch-error">
          <strong>{journal}</strong>
        </p>
      )}
      {watching ? (
        <WatchPanel manage={false} />
      ) : (
        <p className="muted">
          The session is not watching a broker now. Set one up below — or start the embedded broker and let a line’s gateway connect
          to it.
        </p>
      )}
      {mappings.map((m) => (
        <MappingsEditor key={m.name} connection={m.name} file={m.file} />
      ))}
      <WatchForm />
      <EmbeddedBroker />
    </div>
  );
}
